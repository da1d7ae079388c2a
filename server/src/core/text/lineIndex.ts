import type { Span } from './span';

/** An edit of a text: [start, end) of the old text became `text` (see zone/parser.ts TextChange). */
export interface LineChange {
  readonly start: number;
  readonly end: number;
  readonly text?: string;
}

/** 0-based line and UTF-16 column. */
export interface LineCol {
  line: number;
  character: number;
}

/**
 * Maps offsets to line/column and back. Line starts are found once; lookups
 * are a binary search. A line ends at LF, CRLF or a lone CR, as in RFC 1035
 * master files edited on any platform.
 */
export class LineIndex {
  // A typed array: an edit copies it and moves the part after the change, a tight loop even for a million lines.
  private readonly starts: Int32Array;

  constructor(
    private readonly text: string,
    starts?: Int32Array,
  ) {
    this.starts = starts ?? Int32Array.from(lineStarts(text, 0, [0]));
  }

  /**
   * The index of `text`, which is this index's text with `change` applied,
   * made from this one: line starts before the change are kept, those after
   * it move, and only the lines the change touches are scanned — in the old
   * text and the inserted one, so the new text is never read whole (see
   * TextChange.text for why that matters). Without the inserted text, a
   * fresh index.
   */
  afterChange(text: string, change: LineChange): LineIndex {
    const old = this.text;
    if (change.text === undefined || text.length !== old.length - (change.end - change.start) + change.text.length) return new LineIndex(text);
    // From the line before the change's first character (a CR there may pair with an inserted LF)…
    const first = this.positionAt(Math.max(0, change.start - 1)).line;
    const from = this.starts[first];
    // …to the end of the line the change ends in, its line break included.
    let to = change.end;
    while (to < old.length) {
      const c = old.charCodeAt(to++);
      if (c === 10) break;
      if (c === 13) {
        if (old.charCodeAt(to) === 10) to++;
        break;
      }
    }
    const window = old.slice(from, change.start) + change.text + old.slice(change.end, to);
    const inside = lineStarts(window, from, []);
    const delta = change.text.length - (change.end - change.start);
    const after = this.positionAt(to).line + 1;
    const starts = new Int32Array(first + 1 + inside.length + (this.starts.length - after));
    starts.set(this.starts.subarray(0, first + 1));
    starts.set(inside, first + 1);
    for (let k = after, at = first + 1 + inside.length; k < this.starts.length; k++, at++) starts[at] = this.starts[k] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): LineCol {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  offsetAt(pos: LineCol): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(s: Span): { start: LineCol; end: LineCol } {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }
}

/** Appends to `starts` the offsets (plus `base`) after each line break of `text`: LF, CRLF or a lone CR. */
function lineStarts(text: string, base: number, starts: number[]): number[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(base + i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(base + i + 1);
    }
  }
  return starts;
}
