/**
 * Quick fixes of the TLS-RPT rules, tested by applying them: the whole fixed
 * record is compared, and analysing it again must not raise the finding.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import { fixerFor, ruleFindings } from '../support/quickFixes';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
`;

const findings = ruleFindings;
const fix = fixerFor(HEAD);

describe('TLS-RPT quick fixes', () => {
  it("adds 'mailto:' to a bare address", () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=tlsrpt@example.com"\n', 'tlsrpt-bad-uri'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"\n');
  });

  it("adds 'mailto:' to the second entry of a list split across strings", () => {
    assert.equal(
      fix('_smtp._tls IN TXT ( "v=TLSRPTv1; rua=https://r.example.net/t," "tlsrpt@example.com" )\n', 'tlsrpt-bad-uri'),
      '_smtp._tls IN TXT ( "v=TLSRPTv1; rua=https://r.example.net/t," "mailto:tlsrpt@example.com" )\n',
    );
  });

  it('removes a size suffix and an empty entry', () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com!10m"\n', 'tlsrpt-bad-uri'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com,,mailto:b@example.com"\n', 'tlsrpt-bad-uri'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com, ;"\n', 'tlsrpt-bad-uri'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com ;"\n');
  });

  it("turns http: into https:", () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=http://r.example.net/t"\n', 'tlsrpt-bad-uri'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=https://r.example.net/t"\n');
  });

  it('rewrites, moves or inserts the version', () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTV1; rua=mailto:a@example.com"\n', 'tlsrpt-version'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "rua=mailto:a@example.com; v=TLSRPTv1"\n', 'tlsrpt-version'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "rua=mailto:a@example.com"\n', 'tlsrpt-version'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
  });

  it("renames RUA and ruf to rua", () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; RUA=mailto:a@example.com"\n', 'tlsrpt-missing-rua'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; ruf=mailto:a@example.com"\n', 'tlsrpt-missing-rua'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
  });

  it("inserts a missing ';' and a missing ','", () => {
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1 rua=mailto:a@example.com"\n', 'tlsrpt-syntax'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"\n');
    assert.equal(fix('_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com mailto:b@example.com"\n', 'tlsrpt-syntax'), '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com"\n');
  });

  it('never flags extension fields', () => {
    const text = `${HEAD}_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com; x-provider=acme; ext.v2=on"\n`;
    assert.deepEqual(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule.startsWith('tlsrpt')), []);
  });
});
