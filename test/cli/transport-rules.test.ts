/** `mailzone check` on a zone with one finding of each MX and DANE rule: the text and JSON lines it prints. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readExpectations } from '../support/fixture';
import { mailzone, root } from './cliRunner';

const FILE = 'test/fixtures/transport/transport.example.zone';
const RULES = ['mx-target-cname', 'mx-target-ip', 'mx-target-missing', 'mx-null-mixed', 'mx-duplicate-preference', 'dane-tlsa-usage', 'dane-tlsa-params', 'dane-partial', 'dane-tlsa-owner', 'dane-mtasts-mismatch'];

describe('check, MX and DANE rules', () => {
  const expected = readExpectations(fs.readFileSync(path.join(root, FILE), 'utf8'));

  it('the fixture names each rule once', () => {
    assert.deepEqual(expected.map((e) => e.rule).sort(), [...RULES].sort());
  });

  it('prints each finding at its line, column and severity, and exits 1 for the errors', () => {
    const r = mailzone('check', FILE);
    assert.equal(r.stderr, '5 errors, 3 warnings, 2 info in 1 file\n');
    assert.equal(r.status, 1);
    const printed = r.stdout.trim().split('\n').map((l) => /^([^:]+):(\d+):(\d+) (\w+) ([a-z0-9-]+) /.exec(l)!.slice(2, 6).join(' ')).sort();
    const wanted = expected.map((e) => `${e.line + 1} ${e.start + 1} ${e.severity} ${e.rule}`).sort();
    assert.deepEqual(printed, wanted);
  });

  it('turns each rule off with --rule', () => {
    const r = mailzone('check', FILE, '--format', 'json', ...RULES.map((id) => `--rule=${id}=off`));
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.status, 0);
  });

  it('lists the rules in SARIF with their docs pages', () => {
    const r = mailzone('check', FILE, '--format', 'sarif');
    const run = JSON.parse(r.stdout).runs[0];
    const ids = new Set(run.results.map((x: { ruleId: string }) => x.ruleId));
    for (const id of RULES) {
      assert.ok(ids.has(id), id);
      assert.ok(run.tool.driver.rules.some((x: { id: string; helpUri: string }) => x.id === id && x.helpUri.endsWith(`/docs/rules/${id}.md`)), id);
    }
  });
});
