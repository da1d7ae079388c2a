/** Line boundaries in a text, where a line ends at CR, LF or CRLF as in zone files. */

/** Offset of the end of the line `offset` is on (before CR or LF). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset of the start of the line `offset` is on. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
