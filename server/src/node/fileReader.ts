/**
 * The Node implementation of the core's `FileReader`: how `$INCLUDE` reaches
 * the disk. The CLI uses it with no root; the language server confines it to
 * the workspace folders, so opening a zone file cannot make the editor read
 * files elsewhere on the machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../core/io';

/** Zone files are text; anything larger is not one a person edits. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export type ReadResult = { text: string } | { error: string };

/**
 * Reads one zone file as text. The reason comes back as one line, because the
 * CLI prints it as is and the parser puts it into a `zone-syntax` message.
 */
export function readZoneFile(file: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return { error: `${file}: ${describeFsError(error)}` };
  }
  if (stat.isDirectory()) return { error: `${file}: is a directory` };
  if (!stat.isFile()) return { error: `${file}: not a regular file` };
  if (stat.size > maxBytes) return { error: `${file}: too large (${stat.size} bytes; the limit is ${maxBytes})` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { error: `${file}: ${describeFsError(error)}` };
  }
  if (bytes.includes(0)) return { error: `${file}: binary file (contains NUL bytes), not a zone file` };
  let text = bytes.toString('utf8');
  // Editors hide a UTF-8 byte order mark, so offsets must not count it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export interface NodeFileReaderOptions {
  /**
   * Folders the reader may read from; a path outside all of them is refused.
   * Empty or absent: no restriction.
   */
  readonly roots?: readonly string[];
  readonly maxBytes?: number;
}

export class NodeFileReader implements FileReader {
  private readonly roots: readonly string[];
  private readonly maxBytes: number;

  constructor(options: NodeFileReaderOptions = {}) {
    this.roots = (options.roots ?? []).map((root) => realPath(path.resolve(root)));
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /**
   * A relative `$INCLUDE` resolves against the including file's directory:
   * that is where a zone and its includes live together, and it does not
   * depend on the directory the editor or the CLI was started from.
   */
  resolve(fromFile: string, target: string): string {
    return path.resolve(path.dirname(fromFile), target);
  }

  /** Whether `file` lies inside one of the roots (always, when there are none). */
  allows(file: string): boolean {
    return this.roots.length === 0 || this.roots.some((root) => isInside(root, realPath(file)));
  }

  read(file: string): ReadResult {
    if (!this.allows(file)) return { error: `${file}: outside the workspace` };
    return readZoneFile(file, this.maxBytes);
  }
}

/**
 * Symbolic links are followed before the workspace check, so a link inside
 * the workspace cannot point the reader outside it. A path that does not
 * exist keeps its resolved form; reading it then reports it missing.
 */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
