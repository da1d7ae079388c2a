/**
 * Offsets are UTF-16 code-unit positions in a document's text, the same unit
 * LSP uses by default, so the shell converts them to positions without
 * re-encoding. A span is half-open: [start, end).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function contains(outer: Span, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}
