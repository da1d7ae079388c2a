/**
 * Which files `mailzone check` reads: files named on the command line as
 * they are, and inside directories the names editors also treat as zones.
 */
import * as fs from 'node:fs';
import { findZoneFiles } from '../node/zoneFiles';
import { STDIN, UsageError } from './args';

/** Folders that hold tools' state, never zones. */
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Expands the command line's paths into files, in a stable order. A path
 * that does not exist, or a directory with no zone files, is a usage error:
 * a CI job that checks nothing must not pass quietly.
 */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    // '-' is standard input, read by the caller in its place among the files.
    if (p === STDIN) {
      files.push(p);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      files.push(p);
      continue;
    }
    const found = walk(p);
    if (found.length === 0) throw new UsageError(`${p}: no zone files in this directory (looked for *.zone, *.zonefile, db.*)`);
    files.push(...found);
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  return findZoneFiles(dir, {
    skipped: SKIPPED_DIRS,
    // A path named on the command line is looked through whole: the user chose it.
    symlinks: true,
    unreadable: (unread) => {
      throw new UsageError(`${unread}: cannot read this directory`);
    },
  });
}
