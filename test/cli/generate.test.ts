/**
 * `$GENERATE` lines that once made `check` and `zone print` run without end
 * finish at once. The command runs with a time limit far above its real
 * cost, so a regression fails the test instead of hanging the tier.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { it } from 'node:test';
import { fixture, root } from './cliRunner';

const FILE = fixture('generate', 'db.example.com');
/** A hang is stopped here; the commands take well under a second. */
const LIMIT_MS = 20_000;

function mailzone(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), ...args], { cwd: root, encoding: 'utf8', timeout: LIMIT_MS, killSignal: 'SIGKILL' });
  assert.equal(r.error, undefined, `mailzone ${args.join(' ')} did not finish within ${LIMIT_MS} ms`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('zone print expands a negative nibble offset and a negative decimal as BIND does', { timeout: LIMIT_MS * 2 }, () => {
  const r = mailzone('zone', 'print', FILE);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').slice(2), [
    // In named-checkzone -D's order: names in DNSSEC canonical order.
    '0.example.com.\t300\tIN\tAAAA\t2001:db8::1',
    '1.example.com.\t300\tIN\tAAAA\t2001:db8::1',
    'f.f.f.f.f.f.f.f.example.com.\t300\tIN\tAAAA\t2001:db8::1',
    'h-05.example.com.\t300\tIN\tA\t192.0.2.5',
    'h-06.example.com.\t300\tIN\tA\t192.0.2.4',
    'h-07.example.com.\t300\tIN\tA\t192.0.2.3',
    'h-08.example.com.\t300\tIN\tA\t192.0.2.2',
    'h-09.example.com.\t300\tIN\tA\t192.0.2.1',
  ]);
});

it('check finishes on the same file with no finding', { timeout: LIMIT_MS * 2 }, () => {
  const r = mailzone('check', FILE);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});
