/**
 * Document URIs and file paths, apart from the rest of the LSP conversions
 * (convert.ts) so that the analysis worker can name files without loading
 * the protocol library.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI; other schemes (`untitled:`) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}
