import type { Span } from './span';

/**
 * Maps offsets in a derived text (an unescaped, joined TXT value) back to the
 * source. The map is a list of runs: a run takes `length` value characters
 * starting at `valueStart` to source characters starting at `sourceStart`.
 * A copy run has `sourceLength === length`; an escape run maps one value
 * character to the whole escape (`\"`, `\065`). Lookups are a binary search.
 */
export class TextMap {
  /**
   * The runs, four numbers each: value start, source start, length, source
   * length. One flat array rather than one per field: a zone keeps a map per
   * TXT string, and most of them have a single run.
   */
  private readonly runs: number[] = [];
  private total = 0;
  /** Source offset just past the last mapped character. */
  private sourceEnd = 0;

  get length(): number {
    return this.total;
  }

  /** Appends `length` value characters copied from source at `sourceStart`. */
  copy(sourceStart: number, length: number): void {
    if (length <= 0) return;
    const runs = this.runs;
    const n = runs.length - 4;
    // Merge with the previous run when both are contiguous copies.
    if (n >= 0 && runs[n + 2] === runs[n + 3] && runs[n + 1] + runs[n + 3] === sourceStart) {
      runs[n + 2] += length;
      runs[n + 3] += length;
    } else {
      runs.push(this.total, sourceStart, length, length);
    }
    this.total += length;
    this.sourceEnd = sourceStart + length;
  }

  /** Appends one value character that came from `sourceLength` source characters. */
  escape(sourceStart: number, sourceLength: number): void {
    this.runs.push(this.total, sourceStart, 1, sourceLength);
    this.total += 1;
    this.sourceEnd = sourceStart + sourceLength;
  }

  /** Appends another map (the next character-string of a TXT record). */
  append(other: TextMap): void {
    const runs = other.runs;
    for (let i = 0; i < runs.length; i += 4) {
      if (runs[i + 2] === runs[i + 3]) this.copy(runs[i + 1], runs[i + 2]);
      else this.escape(runs[i + 1], runs[i + 3]);
    }
    if (runs.length === 0 && other.sourceEnd) this.sourceEnd = other.sourceEnd;
  }

  /** The same map over a source whose text moved by `delta` (an edit before it). */
  shifted(delta: number): TextMap {
    const map = new TextMap();
    for (let i = 0; i < this.runs.length; i += 4) map.runs.push(this.runs[i], this.runs[i + 1] + delta, this.runs[i + 2], this.runs[i + 3]);
    map.total = this.total;
    map.sourceEnd = this.sourceEnd + delta;
    return map;
  }

  /** Marks where the source ends, for mapping the end of an empty text. */
  setSourceEnd(offset: number): void {
    this.sourceEnd = offset;
  }

  /** Index in `runs` of the run holding value offset `valueOffset`. */
  private runAt(valueOffset: number): number {
    const runs = this.runs;
    let lo = 0;
    let hi = runs.length / 4 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid * 4] <= valueOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo * 4;
  }

  /** Source offset of the value character at `valueOffset` (its first source character). */
  toSource(valueOffset: number): number {
    const runs = this.runs;
    if (runs.length === 0) return this.sourceEnd;
    if (valueOffset >= this.total) return this.sourceEnd;
    const r = this.runAt(Math.max(0, valueOffset));
    const within = valueOffset - runs[r];
    return runs[r + 2] === runs[r + 3] ? runs[r + 1] + within : runs[r + 1];
  }

  /** Source offset just past the value character before `valueOffset`. */
  toSourceEnd(valueOffset: number): number {
    if (valueOffset <= 0) return this.toSource(0);
    const runs = this.runs;
    const r = this.runAt(valueOffset - 1);
    const within = valueOffset - 1 - runs[r];
    if (runs[r + 2] === runs[r + 3]) return runs[r + 1] + within + 1;
    return runs[r + 1] + runs[r + 3];
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
    const runs = this.runs;
    const n = runs.length / 4;
    if (n === 0 || sourceOffset < runs[1]) return 0;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid * 4 + 1] <= sourceOffset) lo = mid;
      else hi = mid - 1;
    }
    const r = lo * 4;
    const within = sourceOffset - runs[r + 1];
    if (within < runs[r + 3]) return runs[r] + (runs[r + 2] === runs[r + 3] ? within : 0);
    return runs[r] + runs[r + 2];
  }
}
