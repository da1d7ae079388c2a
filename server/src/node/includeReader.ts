/**
 * How the language server reads an open document's `$INCLUDE`s, on the main
 * thread (which parses for hover and completion) and in the analysis
 * worker alike: an open document's current text rather than the saved
 * file, so fixing an included file shows up in its includers at once, and
 * never a file outside the workspace.
 */
import * as path from 'node:path';
import type { FileReader } from '../core/io';
import { NodeFileReader } from './fileReader';

export class IncludeReader {
  private disk: NodeFileReader;

  constructor(
    private roots: readonly string[],
    /** The current text of an open document at this path, if one is open. */
    private readonly openText: (file: string) => string | undefined,
  ) {
    this.disk = new NodeFileReader({ roots });
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots;
    this.disk = new NodeFileReader({ roots });
  }

  /**
   * The reader for one document's includes. With no workspace folder open (a
   * single file on its own) there is no workspace to confine them to, so the
   * document's own folder is the boundary: a zone and its includes live
   * together, and opening one file must not make the editor read any file on
   * the machine it names.
   */
  for(documentFile: string): FileReader {
    const reader: FileReader = {
      resolve: (from, target) => this.disk.resolve(from, target),
      read: (file) => {
        if (!this.disk.allows(file)) return { error: `${file}: outside the workspace` };
        const open = this.openText(file);
        return open !== undefined ? { text: open } : this.disk.read(file);
      },
    };
    if (this.roots.length > 0) return reader;
    const folder = new NodeFileReader({ roots: [path.dirname(documentFile)] });
    return {
      resolve: reader.resolve,
      read: (file) => (folder.allows(file) ? reader.read(file) : { error: `${file}: outside the folder of ${path.basename(documentFile)} (no workspace folder is open)` }),
    };
  }
}
