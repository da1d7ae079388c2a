/**
 * Quick fixes of the rules about records receivers do not take as what they
 * were meant to be — spf-near-miss, mail-owner-typo, mail-historic-record,
 * and dmarc-version's leading white space — tested by applying them: after
 * the fix the finding is gone and the record is read as its kind.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
`;

function findings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === rule);
}

/** Applies the one fix of the one `rule` finding in `HEAD + body`; checks the finding and any syntax problem are gone. */
function fixed(body: string, rule: string, title: string | RegExp): string {
  const text = HEAD + body;
  const [finding, ...more] = findings(text, rule);
  assert.ok(finding, `${rule} on ${body}`);
  assert.equal(more.length, 0);
  const fix = finding.fixes?.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `${rule} offers '${title}': ${JSON.stringify(finding.fixes?.map((f) => f.title))}`);
  const result = applyEdits(text, fix.edits);
  assert.deepEqual(findings(result, rule), [], `${rule} after the fix`);
  assert.deepEqual(findings(result, 'zone-syntax'), []);
  return result.slice(HEAD.length);
}

describe('spf-near-miss quick fix', () => {
  const title = 'Write the record as SPF ("v=spf1 …")';
  it('writes each near miss as an SPF record that receivers read', () => {
    assert.equal(fixed('@ IN TXT " v=spf1 mx -all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 mx -all"\n');
    assert.equal(fixed('@ IN TXT "v=spf10 mx -all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 mx -all"\n');
    assert.equal(fixed('@ IN TXT "spf1 include:_spf.example.net -all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 include:_spf.example.net -all"\n');
    assert.equal(fixed('@ IN TXT "v=spf1:include:_spf.example.net -all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 include:_spf.example.net -all"\n');
    assert.equal(fixed('@ IN TXT "v=spf1-all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 -all"\n');
    assert.equal(fixed('@ IN TXT "v=spf 1 mx -all"\n', 'spf-near-miss', title), '@ IN TXT "v=spf1 mx -all"\n');
    const result = HEAD + fixed('@ IN TXT "v = spf1 mx -all"\n', 'spf-near-miss', title);
    const spf = analyzeDocument({ text: result }, { dmarcStandard: 'rfc9989' }).view.ofKind('spf');
    assert.equal(spf.length, 1, 'the fixed record is an SPF record');
  });

  it('offers no rewrite when a correct SPF record stands beside the broken one', () => {
    const [finding] = findings(`${HEAD}@ IN TXT "v=spf1 -all"\n@ IN TXT "spf1 mx -all"\n`, 'spf-near-miss');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});

describe('mail-owner-typo quick fix', () => {
  it('renames the misspelt label as written', () => {
    assert.equal(fixed('_dmark IN TXT "v=DMARC1; p=none"\n', 'mail-owner-typo', "Rename '_dmark' to '_dmarc'"), '_dmarc IN TXT "v=DMARC1; p=none"\n');
    assert.equal(fixed('_DMARK.sub IN TXT "v=DMARC1; p=none"\n', 'mail-owner-typo', "Rename '_DMARK' to '_dmarc'"), '_dmarc.sub IN TXT "v=DMARC1; p=none"\n');
    assert.equal(fixed('_smtp_tls IN TXT "v=TLSRPTv1; rua=mailto:t@example.com"\n', 'mail-owner-typo', /_smtp\._tls/), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:t@example.com"\n');
    assert.equal(
      fixed('s1._domainkeys.example.com. IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="\n', 'mail-owner-typo', /_domainkey'/),
      's1._domainkey.example.com. IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="\n',
    );
  });

  it('offers no rename when the owner is inherited', () => {
    const [finding] = findings(`${HEAD}_dmark IN A 192.0.2.9\n       IN TXT "v=DMARC1; p=none"\n`, 'mail-owner-typo');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('mail-historic-record quick fix', () => {
  it('removes the record', () => {
    assert.equal(fixed('@ IN TXT "v=spf1 -all"\n@ IN TXT "spf2.0/pra -all"\n', 'mail-historic-record', 'Remove the record'), '@ IN TXT "v=spf1 -all"\n');
    assert.equal(fixed('_adsp._domainkey IN TXT "dkim=all"\n', 'mail-historic-record', 'Remove the record'), '');
  });
});

describe('dmarc-version: white space before v=DMARC1', () => {
  it('is an error, and the fix removes the white space', () => {
    const [finding] = findings(`${HEAD}_dmarc IN TXT " v=DMARC1; p=reject"\n`, 'dmarc-version');
    assert.equal(finding?.severity, 'error');
    assert.equal(fixed('_dmarc IN TXT " v=DMARC1; p=reject"\n', 'dmarc-version', 'Remove the white space before v=DMARC1'), '_dmarc IN TXT "v=DMARC1; p=reject"\n');
  });
});

describe('zone-origin-doubled quick fix', () => {
  it('adds the trailing dot to an owner and to a target', () => {
    assert.equal(fixed('_dmarc.example.com IN TXT "v=DMARC1; p=none"\n', 'zone-origin-doubled', /trailing dot/), '_dmarc.example.com. IN TXT "v=DMARC1; p=none"\n');
    assert.equal(fixed('@ IN MX 10 mail.example.com\nmail IN A 192.0.2.25\n', 'zone-origin-doubled', /trailing dot/), '@ IN MX 10 mail.example.com.\nmail IN A 192.0.2.25\n');
  });
});

describe('mail-no-spf', () => {
  const body = '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"\n@ IN MX 10 mail\nmail IN A 192.0.2.25\nshop IN MX 10 mail\n';
  it('gives one finding for the zone, with the other names as related places', () => {
    const list = findings(HEAD + body, 'mail-no-spf');
    assert.equal(list.length, 1);
    assert.match(list[0].message, /^2 names receive mail \(MX\) but have no SPF record: example\.com, shop\.example\.com/);
    assert.deepEqual(list[0].related?.map((r) => r.message), ['shop.example.com receives mail but has no SPF record']);
  });

  it("offers 'v=spf1 -all' and 'v=spf1 mx -all' at every name, neither preferred", () => {
    const [finding] = findings(HEAD + body, 'mail-no-spf');
    assert.deepEqual(finding.fixes?.map((f) => [f.title, f.preferred ?? false]), [
      ['Add "v=spf1 -all" at each name (sends no mail)', false],
      ['Add "v=spf1 mx -all" at each name (its MX hosts send)', false],
    ]);
    const result = applyEdits(HEAD + body, finding.fixes![0].edits);
    assert.ok(result.includes('example.com. IN TXT "v=spf1 -all"\n@ IN MX 10 mail\n'));
    assert.ok(result.includes('shop.example.com. IN TXT "v=spf1 -all"\nshop IN MX 10 mail\n'));
    assert.deepEqual(findings(result, 'mail-no-spf'), []);
    assert.deepEqual(findings(result, 'zone-syntax'), []);
  });
});
