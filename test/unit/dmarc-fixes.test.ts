/**
 * DMARC quick fixes, tested by applying them: the fix's edits are applied,
 * the whole text compared, and the result analysed again to show the
 * finding gone. The authorization fix is applied to the zone it edits,
 * which may be another file of the workspace.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneView, type DmarcStandard } from '../../server/src/core/model/zoneView';
import type { WorkspaceZones } from '../../server/src/core/model/workspace';
import type { Finding, TextEdit } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { parseZone } from '../../server/src/core/zone/parser';
import { applyEdits } from '../support/edits';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function findings(text: string, dmarcStandard: DmarcStandard = 'rfc9989', workspace?: WorkspaceZones): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard, workspace }).findings.filter((f) => f.rule.startsWith('dmarc-') || f.rule.startsWith('txt-'));
}

/** Applies fix `index` of the one finding of `rule` and returns the new text, checking the finding is gone. */
function fixed(record: string, rule: string, standard: DmarcStandard = 'rfc9989', index = 0): string {
  const text = HEAD + record;
  const found = findings(text, standard).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, `${rule}: ${JSON.stringify(findings(text, standard).map((f) => f.rule))}`);
  const fix = found[0].fixes?.[index];
  assert.ok(fix, `${rule} offers a fix`);
  const result = applyEdits(text, fix.edits);
  assert.deepEqual(
    findings(result, standard).filter((f) => f.rule === rule).map((f) => f.message),
    [],
    `${rule} still found after "${fix.title}":\n${result}`,
  );
  return result.slice(HEAD.length);
}

describe('DMARC quick fixes', () => {
  it('pct=0 under RFC 9989: pct removed, t=y added', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject; pct=0; rua=mailto:d@example.com"\n', 'dmarc-pct-zero'),
      '_dmarc IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:d@example.com"\n',
    );
  });

  it('pct=0 under RFC 9989 beside t=n: pct removed, t set to y', () => {
    const result = fixed('_dmarc IN TXT "v=DMARC1; p=reject; t=n; pct=0; rua=mailto:d@example.com"\n', 'dmarc-pct-zero');
    assert.equal(result, '_dmarc IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:d@example.com"\n');
  });

  it('pct=0 under RFC 7489: pct=100', () => {
    assert.equal(
      fixed('_dmarc IN TXT ( "v=DMARC1; p=quarantine; "\n  "pct=0; rua=mailto:d@example.com" )\n', 'dmarc-pct-zero', 'rfc7489'),
      '_dmarc IN TXT ( "v=DMARC1; p=quarantine; "\n  "pct=100; rua=mailto:d@example.com" )\n',
    );
  });

  it('removes historic tags, wherever they stand', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com; ri=3600"\n', 'dmarc-historic-tag'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
    );
    assert.equal(
      fixed('_dmarc IN TXT ( "v=DMARC1; p=reject; rf=afrf; "\n  "rua=mailto:d@example.com" )\n', 'dmarc-historic-tag'),
      '_dmarc IN TXT ( "v=DMARC1; p=reject; "\n  "rua=mailto:d@example.com" )\n',
    );
  });

  it('adds mailto: to a bare address, also the second of a list', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject; rua=dmarc@example.com"\n', 'dmarc-bad-uri'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"\n',
    );
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.com,b@example.com"\n', 'dmarc-bad-uri'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com"\n',
    );
  });

  it('moves v=DMARC1 to the front, and corrects its spelling', () => {
    assert.equal(
      fixed('_dmarc IN TXT "p=reject; v=DMARC1; rua=mailto:d@example.com"\n', 'dmarc-version'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
    );
    assert.equal(fixed('_dmarc IN TXT "v=dmarc1; p=reject"\n', 'dmarc-version'), '_dmarc IN TXT "v=DMARC1; p=reject"\n');
    assert.equal(fixed('_dmarc IN TXT "p=reject"\n', 'dmarc-version'), '_dmarc IN TXT "v=DMARC1; p=reject"\n');
  });

  it('puts back a missing separator, after the version or elsewhere', () => {
    assert.equal(fixed('_dmarc IN TXT "v=DMARC1, p=reject"\n', 'dmarc-version'), '_dmarc IN TXT "v=DMARC1; p=reject"\n');
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject rua=mailto:d@example.com"\n', 'dmarc-syntax'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
    );
  });

  it('moves p= directly after v=DMARC1', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; rua=mailto:d@example.com; p=reject"\n', 'dmarc-p-not-second'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
    );
  });

  it('adds p=none after the version', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; rua=mailto:d@example.com"\n', 'dmarc-missing-p', 'rfc7489'),
      '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"\n',
    );
  });

  it('writes the value a typo meant', () => {
    assert.equal(fixed('_dmarc IN TXT "v=DMARC1; p=rejct; rua=mailto:d@example.com"\n', 'dmarc-invalid-value'), '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n');
  });

  it('removes an obsolete size limit and a repeated tag', () => {
    assert.equal(
      fixed('_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com!10m"\n', 'dmarc-size-suffix'),
      '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
    );
    assert.equal(fixed('_dmarc IN TXT "v=DMARC1; p=reject; p=none"\n', 'dmarc-duplicate-tag'), '_dmarc IN TXT "v=DMARC1; p=reject"\n');
  });
});

describe('the _report._dmarc authorization fix', () => {
  it('appends the record to the analysed zone when it holds the destination', () => {
    const text = '$ORIGIN example.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.1\n_dmarc.shop IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@reports.example"\n';
    const [finding] = findings(text).filter((f) => f.rule === 'dmarc-external-unauthorized');
    assert.equal(finding.severity, 'warning');
    const edits = finding.fixes![0].edits;
    assert.deepEqual(edits.map((e) => e.file), [undefined]);
    const result = applyEdits(text, edits);
    assert.equal(result, `${text}shop.example._report._dmarc.reports.example. IN TXT "v=DMARC1"\n`);
    assert.deepEqual(findings(result).filter((f) => f.rule === 'dmarc-external-unauthorized'), []);
  });

  it('edits the other zone of the workspace, which then authorizes the reports', () => {
    const otherFile = '/zones/db.thirdparty.example.net';
    const otherText = '$ORIGIN thirdparty.example.net.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.9';
    const workspace = (zoneText: string): WorkspaceZones => [{ file: otherFile, view: new ZoneView(parseZone(zoneText)) }];
    const text = `${HEAD}_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:forensic@thirdparty.example.net"\n`;

    const [finding] = findings(text, 'rfc9989', workspace(otherText)).filter((f) => f.rule === 'dmarc-external-unauthorized');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /its zone \(\/zones\/db\.thirdparty\.example\.net\) has no TXT "v=DMARC1" at example\.com\._report\._dmarc\.thirdparty\.example\.net/);
    const edits: readonly TextEdit[] = finding.fixes![0].edits;
    assert.deepEqual(edits.map((e) => e.file), [otherFile]);
    const newOther = applyEdits(otherText, edits);
    // The other file had no final newline: the fix starts a new line.
    assert.equal(newOther, `${otherText}\nexample.com._report._dmarc.thirdparty.example.net. IN TXT "v=DMARC1"\n`);
    assert.deepEqual(findings(text, 'rfc9989', workspace(newOther)).filter((f) => f.rule === 'dmarc-external-unauthorized'), []);
    // Without the workspace, the same record can only be reported as not checkable.
    assert.deepEqual(findings(text).filter((f) => f.rule === 'dmarc-external-unauthorized').map((f) => f.severity), ['info']);
  });

  it('accepts a wildcard authorization, and not a record that does not start with v=DMARC1', () => {
    const zone = (auth: string) =>
      `$ORIGIN example.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.1\n_dmarc.shop IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@reports.example"\n${auth}\n`;
    const unauthorized = (text: string) => findings(text).filter((f) => f.rule === 'dmarc-external-unauthorized').length;
    assert.equal(unauthorized(zone('*._report._dmarc.reports IN TXT "v=DMARC1"')), 0);
    assert.equal(unauthorized(zone('shop.example._report._dmarc.reports IN TXT "rua=mailto:x@reports.example; v=DMARC1"')), 1);
    // The name exists, so the wildcard does not answer for it (RFC 4592).
    assert.equal(unauthorized(zone('*._report._dmarc.reports IN TXT "v=DMARC1"\nshop.example._report._dmarc.reports IN TXT "ok"')), 1);
    // Below a delegation the zone is not authoritative: it cannot say the record is missing.
    assert.deepEqual(
      findings(zone('reports IN NS ns.reports.example.')).filter((f) => f.rule === 'dmarc-external-unauthorized').map((f) => f.severity),
      ['info'],
    );
  });
});
