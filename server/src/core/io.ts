/**
 * The only ways the pure core reaches outside itself. The CLI and the
 * language server pass Node implementations; tests pass in-memory ones.
 */

/** Reads files named by `$INCLUDE`. Synchronous: zone parsing is synchronous. */
export interface FileReader {
  /** Resolves `target` as written in `$INCLUDE` relative to the including file. */
  resolve(fromFile: string, target: string): string;
  /**
   * The file's text, or a one-line reason it cannot be read (missing, a
   * directory, outside the workspace, not text).
   */
  read(path: string): { text: string } | { error: string };
}

/** A reader for documents with no file system: every include is reported missing. */
export const noFiles: FileReader = {
  resolve: (_from, target) => target,
  read: (path) => ({ error: `cannot read ${path}: no file access here` }),
};
