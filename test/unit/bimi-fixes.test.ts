/**
 * Quick fixes of the BIMI rules, tested by applying them: the whole fixed
 * record is compared, and analysing it again must not raise the finding.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixerFor, ruleFindings } from '../support/quickFixes';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
_dmarc IN TXT "v=DMARC1; p=reject"
`;

const findings = ruleFindings;
const fix = fixerFor(HEAD);

describe('BIMI quick fixes', () => {
  it("writes the version as 'v=BIMI1'", () => {
    assert.equal(fix('default._bimi IN TXT "v=bimi1; l=https://example.com/logo.svg"\n', 'bimi-version'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"\n');
    assert.equal(fix('default._bimi IN TXT "V=BIMI1; l=https://example.com/logo.svg"\n', 'bimi-version'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"\n');
  });

  it('moves the version to the front, or inserts it', () => {
    assert.equal(fix('default._bimi IN TXT "l=https://example.com/logo.svg; v=BIMI1"\n', 'bimi-version'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"\n');
    assert.equal(fix('default._bimi IN TXT "l=; a=;"\n', 'bimi-version'), 'default._bimi IN TXT "v=BIMI1; l=; a=;"\n');
  });

  it("corrects the case of 'L='", () => {
    assert.equal(fix('default._bimi IN TXT "v=BIMI1; L=https://example.com/logo.svg"\n', 'bimi-missing-l'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"\n');
  });

  it("adds 'https://' to a bare host name and turns http: into https:", () => {
    assert.equal(fix('default._bimi IN TXT "v=BIMI1; l=bimi.example.com/logo.svg"\n', 'bimi-not-https'), 'default._bimi IN TXT "v=BIMI1; l=https://bimi.example.com/logo.svg"\n');
    assert.equal(fix('default._bimi IN TXT "v=BIMI1; l=//bimi.example.com/logo.svg"\n', 'bimi-not-https'), 'default._bimi IN TXT "v=BIMI1; l=https://bimi.example.com/logo.svg"\n');
    assert.equal(fix('default._bimi IN TXT "v=BIMI1; l=http://example.com/logo.svg"\n', 'bimi-not-https'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"\n');
  });

  it('lower-cases an avp value', () => {
    assert.equal(fix('default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg; avp=Brand"\n', 'bimi-syntax'), 'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg; avp=brand"\n');
  });
});
