/**
 * `mailzone check` reads an MTA-STS policy file (`.well-known/mta-sts.txt`)
 * with the policy rules, and compares its `mx` lines with the zone given
 * beside it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const dir = 'test/fixtures/cli-policy';
const policy = `${dir}/mta-sts.example.com/.well-known/mta-sts.txt`;

function mailzone(...args: string[]) {
  return spawnSync(process.execPath, ['bin/mailzone.js', ...args], { cwd: root, encoding: 'utf8' });
}

it('checks a policy file against the zone of its domain', () => {
  const r = mailzone('check', `${dir}/example.com.zone`, policy, '--format', 'json');
  const found = JSON.parse(r.stdout).map((f: { file: string; line: number; code: string }) => `${f.file}:${f.line} ${f.code}`);
  assert.deepEqual(found, [`${policy}:2 mtasts-policy-mx-uncovered`, `${policy}:3 mtasts-policy-mx-unmatched`]);
  assert.equal(r.status, 1);
});

it('checks a policy file alone, without zone comparisons', () => {
  const r = mailzone('check', policy);
  assert.equal(r.stdout, '');
  assert.equal(r.status, 0);
});

it('honours --rule for policy rules', () => {
  const r = mailzone('check', `${dir}/example.com.zone`, policy, '--rule', 'mtasts-policy-mx-uncovered=off');
  assert.doesNotMatch(r.stdout, /mx-uncovered/);
  assert.equal(r.status, 0);
});
