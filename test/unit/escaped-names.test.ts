/**
 * Names written with `\DDD` and `\X` escapes compare in their wire form
 * everywhere: a zone owner `a\032b` is the name an SPF macro-escape expands
 * to `a b`, an include of `a\032b.example.com` finds it, and `\065bc` is
 * `abc`. The RFC 7208 suite's macro-mania-in-domain case runs here through
 * a zone file, as `mailzone spf check --zone` runs it.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalName } from '../../server/src/core/dns/resolver';
import { ZoneResolver } from '../../server/src/core/dns/zoneResolver';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { analyzeDocument, parseDocument } from '../../server/src/core/service';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA  ns1 hostmaster 2024060101 7200 3600 1209600 3600
        IN NS   ns1
ns1     IN A    192.0.2.53
_dmarc  IN TXT  "v=DMARC1; p=none; rua=mailto:d@example.com"
e1a     IN TXT  "v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all"
macro%percent\\032\\032space%20url-space IN A 1.2.3.4
a\\032b  IN TXT  "v=spf1 ip4:192.0.2.1 -all"
\\065bc  IN TXT  "v=spf1 ip4:192.0.2.2 -all"
x       IN TXT  "v=spf1 include:a\\\\032b.example.com include:ABC.example.com -all"
`;

const nothing = { query: async () => ({ status: 'answer', rcode: 'NXDOMAIN', answers: [], ttl: 60 }) } as never;

describe('escaped names', () => {
  it('a queried name is written as owners are', () => {
    assert.equal(canonicalName('macro%percent  space%20url-space.example.com'), 'macro%percent\\032\\032space%20url-space.example.com.');
    assert.equal(canonicalName('A\\066C.example.'), 'abc.example.');
    assert.equal(canonicalName('Mail.Example.COM'), 'mail.example.com.');
  });

  it('macro-mania-in-domain passes through a zone file (RFC 7208 §7.1)', async () => {
    const resolver = new ZoneResolver([{ zone: parseDocument({ text: ZONE }).zone, file: 'test.zone' }], nothing);
    const outcome = await checkHost({ ip: '1.2.3.4', sender: 'test@e1a.example.com', helo: 'mail.example.com' }, { resolver });
    assert.equal(outcome.result, 'pass');
  });

  it("in-zone SPF lookups find owners written with escapes, so nothing is reported missing", () => {
    const findings = analyzeDocument({ text: ZONE }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule.startsWith('spf-') || f.rule === 'mail-no-dmarc');
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
  });
});
