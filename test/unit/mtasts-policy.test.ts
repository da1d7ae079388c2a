/**
 * The `mta-sts-policy` language: every policy rule has a docs page and
 * positive and negative fixtures (test/fixtures/mta-sts-policy/<rule-id>/),
 * its quick fixes give the right file when applied, and the cases a
 * fixture file cannot hold (CRLF, a byte-order mark, blank lines) are here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzePolicy, parsePolicy, policyRules } from '../../server/src/core/mtaStsPolicy/analyze';
import { mxPatternMatches } from '../../server/src/core/mtaStsPolicy/mxPattern';
import type { Finding, Fix } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';
import { checkPolicyFixture } from '../support/policyFixture';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/mta-sts-policy');

function files(ruleId: string, kind: 'positive' | 'negative'): string[] {
  const dir = path.join(fixtures, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.startsWith(kind) && f.endsWith('.txt')).map((f) => path.join(dir, f));
}

function apply(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

function only(findings: readonly Finding[], rule: string): Finding {
  const hits = findings.filter((f) => f.rule === rule);
  assert.equal(hits.length, 1, `expected one ${rule}, got ${JSON.stringify(findings.map((f) => [f.rule, f.message]))}`);
  return hits[0];
}

function fixed(text: string, rule: string, title?: RegExp, options?: Parameters<typeof analyzePolicy>[1]): string {
  const finding = only(analyzePolicy(text, options), rule);
  const fix = title ? finding.fixes?.find((f) => title.test(f.title)) : finding.fixes?.[0];
  assert.ok(fix, `${rule} offers no fix${title ? ` matching ${title}` : ''}`);
  return apply(text, fix);
}

const zone = analyzeDocument(
  { text: fs.readFileSync(path.join(fixtures, 'zones/example.com.zone'), 'utf8'), file: path.join(fixtures, 'zones/example.com.zone') },
  { dmarcStandard: 'rfc9989' },
).view;

describe('mta-sts-policy rules', () => {
  for (const rule of policyRules) {
    describe(rule.id, () => {
      it('has a docs page that cites its RFC section', () => {
        const doc = path.join(root, 'docs/rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(doc), `missing docs/rules/${rule.id}.md`);
        const text = fs.readFileSync(doc, 'utf8');
        assert.match(text, new RegExp(`^# ${rule.id}\\b`, 'm'));
        assert.ok(text.includes(rule.rfc.split(' ').slice(0, 2).join(' ')), `docs/rules/${rule.id}.md should cite ${rule.rfc}`);
      });
      it('fires on its positive fixtures', () => {
        const found = files(rule.id, 'positive');
        assert.ok(found.length > 0, `no positive fixture in test/fixtures/mta-sts-policy/${rule.id}/`);
        for (const file of found) {
          assert.ok(fs.readFileSync(file, 'utf8').includes(` ${rule.id}`), `${path.basename(file)} has no annotation for ${rule.id}`);
          assert.deepEqual(checkPolicyFixture(file, [rule.id]), [], path.relative(root, file));
        }
      });
      it('stays silent on its negative fixtures', () => {
        const found = files(rule.id, 'negative');
        assert.ok(found.length > 0, `no negative fixture in test/fixtures/mta-sts-policy/${rule.id}/`);
        for (const file of found) assert.deepEqual(checkPolicyFixture(file, [rule.id]), [], path.relative(root, file));
      });
    });
  }
});

describe('mta-sts-policy parsing', () => {
  it('reads the RFC 8461 §3.2 example with no finding', () => {
    const text = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n';
    assert.deepEqual(analyzePolicy(text), []);
  });

  it('accepts CRLF line ends and a file without a final line break', () => {
    const text = 'version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmax_age: 86400';
    assert.deepEqual(analyzePolicy(text), []);
    assert.deepEqual(parsePolicy(text).lines.map((l) => l.value), ['STSv1', 'testing', 'mail.example.com', '86400']);
  });

  it('reports a lone carriage return inside a value', () => {
    const f = only(analyzePolicy('version: STSv1\rmode: enforce\nmx: a.example.com\nmax_age: 86400\n'), 'mtasts-policy-syntax');
    assert.match(f.message, /carriage return/);
    assert.deepEqual(f.span, { start: 14, end: 15 });
  });

  it('warns about blank lines, including a second final line break, and removes them', () => {
    const text = 'version: STSv1\n\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n\n';
    const findings = analyzePolicy(text).filter((f) => f.rule === 'mtasts-policy-syntax');
    assert.deepEqual(findings.map((f) => [f.severity, f.span.start]), [['warning', 15], ['warning', 63]]);
    let result = text;
    for (const f of [...findings].reverse()) result = apply(result, f.fixes![0]);
    assert.equal(result, 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n');
  });

  it('warns about a byte-order mark and removes it', () => {
    const text = '\uFEFFversion: STSv1\nmode: none\nmax_age: 86400\n';
    assert.equal(fixed(text, 'mtasts-policy-syntax'), 'version: STSv1\nmode: none\nmax_age: 86400\n');
    assert.equal(only(analyzePolicy(text), 'mtasts-policy-syntax').severity, 'warning');
  });

  it('matches a wildcard against exactly one leftmost label (RFC 8461 §4.1)', () => {
    assert.equal(mxPatternMatches('*.example.com', 'mail.example.com.'), true);
    assert.equal(mxPatternMatches('*.example.com', 'example.com'), false);
    assert.equal(mxPatternMatches('*.example.com', 'foo.bar.example.com'), false);
    assert.equal(mxPatternMatches('Mail.Example.com', 'mail.example.COM.'), true);
  });

  it('honours severity settings and switched-off rules', () => {
    const text = 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 60\n';
    assert.equal(only(analyzePolicy(text, { severities: { 'mtasts-policy-max-age': 'error' } }), 'mtasts-policy-max-age').severity, 'error');
    assert.deepEqual(analyzePolicy(text, { severities: { 'mtasts-policy-max-age': 'off' } }), []);
  });

  it('takes the policy domain from the zone when not given', () => {
    const findings = analyzePolicy('version: STSv1\nmode: enforce\nmx: mx9.example.com\nmax_age: 604800\n', { zoneView: zone });
    assert.match(only(findings, 'mtasts-policy-mx-unmatched').message, /example\.com's MX hosts/);
  });
});

describe('mta-sts-policy quick fixes', () => {
  const base = 'mode: enforce\nmx: mail.example.com\nmax_age: 604800\n';

  it('adds the missing version line at the top', () => {
    assert.equal(fixed(base, 'mtasts-policy-version'), `version: STSv1\n${base}`);
  });

  it('corrects the case of the version', () => {
    assert.equal(fixed(`version: stsv1\n${base}`, 'mtasts-policy-version'), `version: STSv1\n${base}`);
  });

  it('lower-cases the mode, or adds mode testing, keeping CRLF', () => {
    assert.equal(fixed('version: STSv1\nmode: ENFORCE\nmx: a.example.com\nmax_age: 86400\n', 'mtasts-policy-mode'), 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n');
    assert.equal(fixed('version: STSv1\r\nmx: a.example.com\r\nmax_age: 86400', 'mtasts-policy-mode'), 'version: STSv1\r\nmx: a.example.com\r\nmax_age: 86400\r\nmode: testing\r\n');
  });

  it('caps max_age at one year, raises a short one to a week, adds a missing one', () => {
    const v = 'version: STSv1\nmode: enforce\nmx: a.example.com\n';
    assert.equal(fixed(`${v}max_age: 99999999\n`, 'mtasts-policy-max-age'), `${v}max_age: 31557600\n`);
    assert.equal(fixed(`${v}max_age: 300\n`, 'mtasts-policy-max-age'), `${v}max_age: 604800\n`);
    assert.equal(fixed(v, 'mtasts-policy-max-age'), `${v}max_age: 604800\n`);
  });

  it("adds the zone's MX hosts as mx lines when none are listed", () => {
    const text = 'version: STSv1\nmode: enforce\nmax_age: 604800';
    assert.equal(fixed(text, 'mtasts-policy-mx-missing', undefined, { zoneView: zone }), 'version: STSv1\nmode: enforce\nmax_age: 604800\nmx: mx1.example.com\nmx: mx2.example.com\nmx: backup.mail.example.net');
    assert.equal(only(analyzePolicy(text), 'mtasts-policy-mx-missing').fixes, undefined);
  });

  it('splits a list of patterns into one mx line each, and drops a trailing dot', () => {
    assert.equal(fixed('version: STSv1\nmode: enforce\nmx: a.example.com,  *.example.net\nmax_age: 86400\n', 'mtasts-policy-mx-invalid'), 'version: STSv1\nmode: enforce\nmx: a.example.com\nmx: *.example.net\nmax_age: 86400\n');
    assert.equal(fixed('version: STSv1\nmode: enforce\nmx: a.example.com.\nmax_age: 86400\n', 'mtasts-policy-mx-invalid'), 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n');
  });

  it('removes a repeated field', () => {
    assert.equal(fixed(`version: STSv1\n${base}mode: testing\n`, 'mtasts-policy-duplicate'), `version: STSv1\n${base}`);
  });

  it('renames a misspelt key, or removes it when the real one is set', () => {
    assert.equal(fixed('version: STSv1\nmode: enforce\nmx: a.example.com\nmax-age: 86400\n', 'mtasts-policy-unknown-key'), 'version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 86400\n');
    assert.equal(fixed(`version: STSv1\nMode: enforce\n${base}`, 'mtasts-policy-unknown-key'), `version: STSv1\n${base}`);
  });

  it('adds mx lines for the MX hosts no pattern covers', () => {
    const text = 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n';
    assert.equal(fixed(text, 'mtasts-policy-mx-uncovered', undefined, { zoneView: zone }), 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: mx2.example.com\nmx: backup.mail.example.net\nmax_age: 604800\n');
  });

  it('removes an mx pattern that matches no MX host', () => {
    const text = 'version: STSv1\nmode: enforce\nmx: *.example.com\nmx: old.example.org\nmx: backup.mail.example.net\nmax_age: 604800\n';
    assert.equal(fixed(text, 'mtasts-policy-mx-unmatched', undefined, { zoneView: zone }), 'version: STSv1\nmode: enforce\nmx: *.example.com\nmx: backup.mail.example.net\nmax_age: 604800\n');
  });
});
