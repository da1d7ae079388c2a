/** BIND prints a long hex or base64 field in words of this many characters, a blank between them. */
const BLOB_WORD = 56;

/** A hex or base64 field as BIND prints it (`named-checkzone -D`): in words of {@link BLOB_WORD} characters. */
export function chunked(blob: string): string {
  if (blob.length <= BLOB_WORD) return blob;
  const words: string[] = [];
  for (let i = 0; i < blob.length; i += BLOB_WORD) words.push(blob.slice(i, i + BLOB_WORD));
  return words.join(' ');
}
