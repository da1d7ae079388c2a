import type { Span } from './span';

/**
 * Maps offsets in a derived text (an unescaped, joined TXT value) back to the
 * source. The map is a list of runs: a run takes `length` value characters
 * starting at `valueStart` to source characters starting at `sourceStart`.
 * A copy run has `sourceLength === length`; an escape run maps one value
 * character to the whole escape (`\"`, `\065`). Lookups are a binary search.
 */
export class TextMap {
  private readonly valueStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly sourceLengths: number[] = [];
  private total = 0;
  /** Source offset just past the last mapped character. */
  private sourceEnd = 0;

  get length(): number {
    return this.total;
  }

  /** Appends `length` value characters copied from source at `sourceStart`. */
  copy(sourceStart: number, length: number): void {
    if (length <= 0) return;
    const n = this.lengths.length - 1;
    // Merge with the previous run when both are contiguous copies.
    if (n >= 0 && this.lengths[n] === this.sourceLengths[n] && this.sourceStarts[n] + this.sourceLengths[n] === sourceStart) {
      this.lengths[n] += length;
      this.sourceLengths[n] += length;
    } else {
      this.push(sourceStart, length, length);
    }
    this.total += length;
    this.sourceEnd = sourceStart + length;
  }

  /** Appends one value character that came from `sourceLength` source characters. */
  escape(sourceStart: number, sourceLength: number): void {
    this.push(sourceStart, 1, sourceLength);
    this.total += 1;
    this.sourceEnd = sourceStart + sourceLength;
  }

  /** Appends another map (the next character-string of a TXT record). */
  append(other: TextMap): void {
    for (let i = 0; i < other.lengths.length; i++) {
      if (other.lengths[i] === other.sourceLengths[i]) this.copy(other.sourceStarts[i], other.lengths[i]);
      else this.escape(other.sourceStarts[i], other.sourceLengths[i]);
    }
    if (other.lengths.length === 0 && other.sourceEnd) this.sourceEnd = other.sourceEnd;
  }

  /** Marks where the source ends, for mapping the end of an empty text. */
  setSourceEnd(offset: number): void {
    this.sourceEnd = offset;
  }

  private push(sourceStart: number, length: number, sourceLength: number): void {
    this.valueStarts.push(this.total);
    this.sourceStarts.push(sourceStart);
    this.lengths.push(length);
    this.sourceLengths.push(sourceLength);
  }

  private runAt(valueOffset: number): number {
    let lo = 0;
    let hi = this.valueStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.valueStarts[mid] <= valueOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Source offset of the value character at `valueOffset` (its first source character). */
  toSource(valueOffset: number): number {
    if (this.lengths.length === 0) return this.sourceEnd;
    if (valueOffset >= this.total) return this.sourceEnd;
    const r = this.runAt(Math.max(0, valueOffset));
    const within = valueOffset - this.valueStarts[r];
    return this.lengths[r] === this.sourceLengths[r] ? this.sourceStarts[r] + within : this.sourceStarts[r];
  }

  /** Source offset just past the value character before `valueOffset`. */
  toSourceEnd(valueOffset: number): number {
    if (valueOffset <= 0) return this.toSource(0);
    const r = this.runAt(valueOffset - 1);
    const within = valueOffset - 1 - this.valueStarts[r];
    if (this.lengths[r] === this.sourceLengths[r]) return this.sourceStarts[r] + within + 1;
    return this.sourceStarts[r] + this.sourceLengths[r];
  }

  /**
   * The source span of value characters [start, end). When the value range
   * crosses a string boundary the span covers the quotes and whitespace between.
   */
  toSourceSpan(start: number, end: number): Span {
    const s = this.toSource(start);
    if (end <= start) return { start: s, end: s };
    return { start: s, end: Math.max(s, this.toSourceEnd(end)) };
  }

  /**
   * The value offset of the source character at `sourceOffset`. A source
   * offset between strings (a quote, white space) maps to the value offset
   * where the next string begins; inside an escape, to the escaped character.
   */
  fromSource(sourceOffset: number): number {
    const n = this.sourceStarts.length;
    if (n === 0 || sourceOffset < this.sourceStarts[0]) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sourceStarts[mid] <= sourceOffset) lo = mid;
      else hi = mid - 1;
    }
    const within = sourceOffset - this.sourceStarts[lo];
    if (within < this.sourceLengths[lo]) return this.valueStarts[lo] + (this.lengths[lo] === this.sourceLengths[lo] ? within : 0);
    return this.valueStarts[lo] + this.lengths[lo];
  }
}
