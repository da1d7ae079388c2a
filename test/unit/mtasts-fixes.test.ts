/**
 * Quick fixes of the MTA-STS record rules, tested by applying them: the
 * whole fixed zone is compared, and analysing it again must not raise the
 * finding a second time.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalyzeSettings } from '../../server/src/core/analysis/analyze';
import type { ClockOption } from '../../server/src/core/records/mtasts/policyId';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
mta-sts IN A 192.0.2.80
`;

const settings: AnalyzeSettings & ClockOption = { dmarcStandard: 'rfc9989', now: () => new Date(Date.UTC(2024, 5, 1, 8, 57, 0)) };

function findings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text }, settings).findings.filter((f) => f.rule === rule);
}

/** Applies the fix titled like `title` (else the first) of the only finding of `rule`; checks the finding is gone. */
function fix(record: string, rule: string, title?: RegExp): string {
  const text = HEAD + record;
  const found = findings(text, rule);
  assert.equal(found.length, 1, `expected one ${rule} finding, got ${JSON.stringify(found.map((f) => f.message))}`);
  const chosen = title ? found[0].fixes?.find((f) => title.test(f.title)) : found[0].fixes?.[0];
  assert.ok(chosen, `${rule} offers no fix`);
  const fixed = applyEdits(text, chosen.edits);
  assert.deepEqual(findings(fixed, rule).map((f) => f.message), []);
  assert.deepEqual(findings(fixed, 'zone-syntax').map((f) => f.message), []);
  return fixed.slice(HEAD.length);
}

describe('MTA-STS record quick fixes', () => {
  it('replaces an invalid id with a timestamp id from the injected clock', () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; id=2024-06-01"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=20240601085700Z"\n');
  });

  it('replaces an over-long id split across strings', () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; id=1234567890" "12345678901234567890123"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=20240601085700Z" ""\n');
  });

  it('adds a missing id after a trailing separator, and with one when there is none', () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1;"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=20240601085700Z;"\n');
    assert.equal(fix('_mta-sts IN TXT "v=STSv1"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=20240601085700Z"\n');
  });

  it('fills an empty id', () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; id=;"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=20240601085700Z;"\n');
  });

  it('corrects the case of an ID tag name', () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; ID=1"\n', 'mtasts-id-invalid'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
  });

  it('rewrites a misspelt version', () => {
    assert.equal(fix('_mta-sts IN TXT "v=stsv1; id=1"\n', 'mtasts-version'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
    assert.equal(fix('_mta-sts IN TXT " v = STSv1; id=1"\n', 'mtasts-version'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
  });

  it('moves the version to the front', () => {
    assert.equal(fix('_mta-sts IN TXT "id=1; v=STSv1"\n', 'mtasts-version'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
  });

  it('inserts a missing version before the id', () => {
    assert.equal(fix('_mta-sts IN TXT "id=1"\n', 'mtasts-version'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
  });

  it('offers no version fix for a TXT record that is not MTA-STS at all', () => {
    const found = findings(`${HEAD}_mta-sts IN TXT "site-verification=abc"\n`, 'mtasts-version');
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes, undefined);
  });

  it("inserts a missing ';', removes white space around '=' and a repeated field", () => {
    assert.equal(fix('_mta-sts IN TXT "v=STSv1 id=1"\n', 'mtasts-syntax'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; id= 1"\n', 'mtasts-syntax'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
    assert.equal(fix('_mta-sts IN TXT "v=STSv1; id=1; id=2"\n', 'mtasts-syntax'), '_mta-sts IN TXT "v=STSv1; id=1"\n');
  });
});
