/**
 * Quick fixes of the zone-level mail rules, tested by applying them, and the
 * size arithmetic of txt-size-udp and txt-size-edns at its thresholds.
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
mta-sts IN A 192.0.2.80
`;

function findings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === rule);
}

describe('mail zone rule quick fixes', () => {
  it('adds a TLS-RPT record above the MTA-STS record', () => {
    const text = `${HEAD}_mta-sts IN TXT "v=STSv1; id=20240601000000Z"\n`;
    const [finding] = findings(text, 'mail-mtasts-no-tlsrpt');
    assert.ok(finding?.fixes?.[0]);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.equal(fixed, `${HEAD}_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"\n_mta-sts IN TXT "v=STSv1; id=20240601000000Z"\n`);
    assert.deepEqual(findings(fixed, 'mail-mtasts-no-tlsrpt'), []);
    assert.deepEqual(findings(fixed, 'zone-syntax'), []);
    assert.deepEqual(findings(fixed, 'tlsrpt-syntax'), []);
  });

  it('offers no fix when the MTA-STS record inherits its owner', () => {
    const text = `${HEAD}_mta-sts IN A 192.0.2.9\n         IN TXT "v=STSv1; id=1"\n`;
    const [finding] = findings(text, 'mail-mtasts-no-tlsrpt');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});

describe('TXT answer sizes', () => {
  /** A zone whose apex holds one SPF record of exactly `octets` octets of text. */
  const spfOf = (octets: number) => `${HEAD}@ IN TXT "v=spf1 ${'a'.repeat(octets - 12)} -all"\n`;

  it('txt-size-udp counts the wire name and each string with its length octet, up to 450', () => {
    // example.com is 13 octets on the wire; one string adds its length octet: 13 + 1 + 436 = 450.
    assert.deepEqual(findings(spfOf(436), 'txt-size-udp'), []);
    assert.match(findings(spfOf(437), 'txt-size-udp')[0]?.message ?? '', /come to 451 octets/);
  });

  it('txt-size-udp is silent at a name without SPF, whatever its size', () => {
    const big = `${HEAD}sel._domainkey IN TXT ( "v=DKIM1; p=${'A'.repeat(240)}" "${'A'.repeat(250)}" )\n`;
    assert.deepEqual(findings(big, 'txt-size-udp'), []);
  });

  it('txt-size-edns estimates the whole response and warns above 1232 octets', () => {
    // 12 header + 13 name + 4 question + 11 OPT = 40; each record adds 12 + its rdata.
    const records = (n: number, last: number) =>
      HEAD + Array.from({ length: n }, (_, i) => `@ IN TXT "${i === n - 1 ? 'x'.repeat(last) : 'y'.repeat(239)}"\n`).join('');
    // Five records of 240 rdata octets: 40 + 5 * 252 = 1300: over.
    assert.match(findings(records(5, 239), 'txt-size-edns')[0]?.message ?? '', /about 1300 octets/);
    // Four of 252 and one with a 172-character string (12 + 173): 40 + 1008 + 185 = 1233, one over; a character less is exactly 1232.
    assert.equal(findings(records(5, 172), 'txt-size-edns').length, 1);
    assert.deepEqual(findings(records(5, 171), 'txt-size-edns'), []);
  });
});
