/**
 * Finding zone files in a directory tree, for the two hosts that look for
 * them: `mailzone check DIR` (the CLI) and the language server's workspace
 * zones. Both take the names editors treat as zones (`*.zone`, `*.zonefile`,
 * `db.*`) in a stable order and skip hidden folders; what else they skip and
 * how far they look is theirs to say, so it comes in as options.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isZoneFileName } from '../core/zone/fileNames';

export interface ZoneFileWalk {
  /** Folder names never entered besides hidden ones (tools' state: `node_modules`, build output). */
  readonly skipped: ReadonlySet<string>;
  /** Files returned at most; the walk stops once it has this many. */
  readonly maxFiles?: number;
  /** Directory levels entered below the root (0: the root's own files only). */
  readonly maxDepth?: number;
  /** Whether a symbolic link named like a zone file counts as one. */
  readonly symlinks?: boolean;
  /** Called for a directory that cannot be read; the walk goes on without it unless this throws. */
  readonly unreadable?: (dir: string) => void;
}

/**
 * The zone files below `root`, sorted by name within each directory. The
 * walk is bounded by `maxFiles` and `maxDepth` (unbounded when omitted, for
 * a command line that names a tree on purpose); a directory cycle through a
 * symbolic link cannot recur because only real directories are entered.
 */
export function findZoneFiles(root: string, walk: ZoneFileWalk): string[] {
  const found: string[] = [];
  const maxFiles = walk.maxFiles ?? Number.POSITIVE_INFINITY;
  const maxDepth = walk.maxDepth ?? Number.POSITIVE_INFINITY;
  const visit = (dir: string, depth: number): void => {
    if (found.length >= maxFiles || depth > maxDepth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      walk.unreadable?.(dir);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= maxFiles) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !walk.skipped.has(entry.name)) visit(full, depth + 1);
      } else if ((entry.isFile() || (walk.symlinks === true && entry.isSymbolicLink())) && isZoneFileName(entry.name)) {
        found.push(full);
      }
    }
  };
  visit(root, 0);
  return found;
}
