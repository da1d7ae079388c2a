/** The directory walk the CLI and the language server's workspace zones share: what it finds, skips and stops at. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findZoneFiles } from '../../server/src/node/zoneFiles';

describe('findZoneFiles', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-walk-'));
    for (const file of ['b.zone', 'a.zone', 'notes.txt', 'sub/db.example.com', 'sub/deep/c.zonefile', '.git/x.zone', 'node_modules/y.zone', 'out/z.zone']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
    fs.symlinkSync(path.join(dir, 'a.zone'), path.join(dir, 'link.zone'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const names = (files: string[]): string[] => files.map((f) => path.relative(dir, f));

  it('finds zone file names in name order, skipping hidden and named folders', () => {
    assert.deepEqual(names(findZoneFiles(dir, { skipped: new Set(['node_modules']) })), ['a.zone', 'b.zone', 'out/z.zone', 'sub/db.example.com', 'sub/deep/c.zonefile']);
  });

  it('takes symbolic links only when asked', () => {
    assert.ok(names(findZoneFiles(dir, { skipped: new Set(), symlinks: true })).includes('link.zone'));
    assert.ok(!names(findZoneFiles(dir, { skipped: new Set() })).includes('link.zone'));
  });

  it('stops at the file and depth bounds', () => {
    assert.deepEqual(names(findZoneFiles(dir, { skipped: new Set(['node_modules', 'out']), maxFiles: 2 })), ['a.zone', 'b.zone']);
    assert.deepEqual(names(findZoneFiles(dir, { skipped: new Set(['node_modules', 'out']), maxDepth: 1 })), ['a.zone', 'b.zone', 'sub/db.example.com']);
  });

  it('reports an unreadable directory to the caller', () => {
    const missing = path.join(dir, 'missing');
    const unread: string[] = [];
    assert.deepEqual(findZoneFiles(missing, { skipped: new Set(), unreadable: (d) => unread.push(d) }), []);
    assert.deepEqual(unread, [missing]);
  });
});
