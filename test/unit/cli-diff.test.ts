/**
 * The unified diff of `mailzone check --fix-dry-run`, against `patch`: for
 * hand-picked edge cases and seeded random edits, the diff applied to the old
 * text gives the new one, and its hunks are the ones diff(1) would write.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/diff';
import { seededRandom } from '../support/random';

/** Applies a diff with GNU patch in a scratch folder and returns the result. */
function patched(before: string, diff: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'zone'), before);
    const r = spawnSync('patch', ['-p1', '--quiet', '--force'], { cwd: dir, input: diff, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}\n${diff}`);
    return fs.readFileSync(path.join(dir, 'zone'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'zone'), '');
  });

  it('writes one hunk with three lines of context, as diff -u does', () => {
    const before = lines(10);
    const after = before.replace('line 5\n', 'line five\n');
    assert.equal(
      unifiedDiff(before, after, 'zone'),
      '--- a/zone\n+++ b/zone\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n',
    );
  });

  it('writes two hunks for changes far apart and one for changes close together', () => {
    const before = lines(30);
    const far = unifiedDiff(before, before.replace('line 3\n', 'x\n').replace('line 25\n', 'y\n'), 'zone');
    assert.equal(far.match(/^@@ /gm)?.length, 2);
    const near = unifiedDiff(before, before.replace('line 3\n', 'x\n').replace('line 9\n', 'y\n'), 'zone');
    assert.equal(near.match(/^@@ /gm)?.length, 1);
  });

  it('marks a missing newline at the end, on either side', () => {
    assert.equal(unifiedDiff('a\nb', 'a\nc', 'zone'), '--- a/zone\n+++ b/zone\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('a\nb', 'a\nb\n', 'zone'), '--- a/zone\n+++ b/zone\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('applies with patch: edge cases', () => {
    const cases: [string, string][] = [
      ['', 'new\n'],
      ['old\n', ''],
      [lines(5), `first\n${lines(5)}`],
      [lines(5), lines(4)],
      [lines(5), lines(5).replace('line 1\n', '')],
      ['a\nb', 'a\nb\nc'],
      [lines(8), lines(8).replace('line 4\n', 'x\ny\nz\n')],
    ];
    for (const [before, after] of cases) assert.equal(patched(before, unifiedDiff(before, after, 'zone')), after, JSON.stringify([before, after]));
  });

  it('applies with patch: random line edits of a zone-like text', () => {
    const random = seededRandom(1707);
    for (let round = 0; round < 40; round++) {
      const before = lines(5 + Math.floor(random() * 60), 'rr');
      const out = before.split('\n');
      const edits = 1 + Math.floor(random() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * out.length);
        const kind = Math.floor(random() * 3);
        if (kind === 0) out.splice(at, 1);
        else if (kind === 1) out.splice(at, 0, `inserted ${round}.${e}`);
        else out[at] = `changed ${round}.${e}`;
      }
      const after = out.join('\n');
      assert.equal(patched(before, unifiedDiff(before, after, 'zone')), after, `round ${round}`);
    }
  });
});
