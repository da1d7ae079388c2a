/**
 * The MX and DANE rules beyond their fixtures: quick fixes applied and
 * checked, the TLSA owner reader, and silence on every other zone the
 * project carries (the parser corpus, the clean zones, the other rules'
 * fixtures), where these rules may speak only about the listed records.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixerFor, ruleFindings } from '../support/quickFixes';
import { readTlsaOwner, smtpTlsaHost } from '../../server/src/core/records/dane/tlsa';
import type { FileReader } from '../../server/src/core/io';
import { analyzeDocument } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { analyzeFixture } from '../support/fixture';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
mx1 IN A 192.0.2.25
`;
const DIGEST = '8CB0FC6C527506A053F4F14C8464BEBBD6DEDE2738D11468DD953D7D6A3021F1';

const findings = ruleFindings;
const fix = fixerFor(HEAD);

describe('MX quick fixes', () => {
  it('points an MX at the canonical name of its CNAME exchange', () => {
    assert.equal(fix('@ IN MX 10 mail\nmail IN CNAME mx1\n', 'mx-target-cname'), '@ IN MX 10 mx1.example.com.\nmail IN CNAME mx1\n');
  });

  it('offers no fix when the alias leads out of the zone', () => {
    const [finding] = findings(`${HEAD}@ IN MX 10 mail\nmail IN CNAME mx.provider.example.\n`, 'mx-target-cname');
    assert.deepEqual(finding.fixes, []);
  });

  it('replaces an address with the one host that has it, and no other', () => {
    assert.equal(fix('@ IN MX 10 192.0.2.25\n', 'mx-target-ip'), '@ IN MX 10 mx1.example.com.\n');
    const [finding] = findings(`${HEAD}@ IN MX 10 192.0.2.25\nmx2 IN A 192.0.2.25\n`, 'mx-target-ip');
    assert.deepEqual(finding.fixes, [], 'two hosts share the address: no guess');
  });

  it('sets a null MX preference to 0', () => {
    assert.equal(fix('nomail IN MX 10 .\n', 'mx-null-mixed'), 'nomail IN MX 0 .\n');
  });
});

describe('DANE quick fixes', () => {
  it('turns PKIX-EE into DANE-EE and PKIX-TA into DANE-TA, keeping the data', () => {
    assert.equal(fix(`@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 1 1 1 ${DIGEST}\n`, 'dane-tlsa-usage'), `@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ${DIGEST}\n`);
    assert.equal(fix(`@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 0 0 1 ${DIGEST}\n`, 'dane-tlsa-usage'), `@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 2 0 1 ${DIGEST}\n`);
  });

  it('gives a 32-octet digest under SHA-512 the SHA-256 matching type', () => {
    assert.equal(fix(`@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 2 ${DIGEST}\n`, 'dane-tlsa-params'), `@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ${DIGEST}\n`);
  });

  it('corrects a slip in the port or protocol label, in any case', () => {
    assert.equal(fix(`@ IN MX 10 mx1\n_25._tpc.mx1 IN TLSA 3 1 1 ${DIGEST}\n`, 'dane-tlsa-owner'), `@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ${DIGEST}\n`);
    assert.equal(fix(`@ IN MX 10 mx1\n25._tcp.mx1 IN TLSA 3 1 1 ${DIGEST}\n`, 'dane-tlsa-owner'), `@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ${DIGEST}\n`);
    assert.equal(fix(`@ IN MX 10 mx1\n_25._TCPP.MX1 IN TLSA 3 1 1 ${DIGEST}\n`, 'dane-tlsa-owner'), `@ IN MX 10 mx1\n_25._tcp.MX1 IN TLSA 3 1 1 ${DIGEST}\n`);
    assert.equal(fix(`@ IN MX 10 mx1\n_25._tpc.mx1.example.com. IN TLSA 3 1 1 ${DIGEST}\n`, 'dane-tlsa-owner'), `@ IN MX 10 mx1\n_25._tcp.mx1.example.com. IN TLSA 3 1 1 ${DIGEST}\n`);
  });
});

describe('MX and DANE quick fixes in an included file', () => {
  // The fix edits the file the record was read from, at that file's offsets, not the including document.
  const INCLUDED = `@ IN MX 1 .\nshop IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 1 1 1 ${DIGEST}\n`;
  const reader: FileReader = {
    resolve: (_from, target) => `/zones/${target}`,
    read: (file) => (file === '/zones/mail.zone' ? { text: INCLUDED } : { error: 'missing' }),
  };
  const analysis = analyzeDocument({ text: `${HEAD}$INCLUDE mail.zone\n`, file: '/zones/example.com.zone', reader }, { dmarcStandard: 'rfc9989' });

  for (const rule of ['mx-null-mixed', 'dane-tlsa-usage']) {
    it(`${rule}: its fix names the included file and edits text there`, () => {
      const finding = analysis.findings.find((f) => f.rule === rule);
      assert.ok(finding, `${rule} in ${analysis.findings.map((f) => f.rule).join(', ')}`);
      assert.equal(finding.file, '/zones/mail.zone');
      for (const edit of finding.fixes?.flatMap((f) => f.edits) ?? []) {
        assert.equal(edit.file, '/zones/mail.zone');
        assert.ok(edit.span.end <= INCLUDED.length, `${edit.span.start}-${edit.span.end} within the included file`);
      }
      assert.ok((finding.fixes?.length ?? 0) > 0, 'a fix is offered');
    });
  }
});

describe('TLSA owner names', () => {
  it('reads _port._proto.host and the SMTP host', () => {
    assert.deepEqual(readTlsaOwner('_25._tcp.mx1.example.com.'), { kind: 'service', port: 25, protocol: '_tcp', host: 'mx1.example.com.' });
    assert.equal(smtpTlsaHost('_25._tcp.mx1.example.com.'), 'mx1.example.com.');
    assert.equal(smtpTlsaHost('_465._tcp.mx1.example.com.'), undefined);
    assert.equal(smtpTlsaHost('_25._udp.mx1.example.com.'), undefined);
  });

  it('tells slips from other names', () => {
    for (const owner of ['_25._tpc.a.example.', '_25._tc.a.example.', '_25.tcp.a.example.', '25._tcp.a.example.', '_443._ucp.a.example.', '_25._tcpp.a.example.']) {
      assert.equal(readTlsaOwner(owner).kind, 'typo', owner);
    }
    for (const owner of ['tlsa.a.example.', '_25.a.example.', '_99999._tcp.a.example.', '_25._http.a.example.', '_x._tcp.a.example.', '.']) {
      assert.equal(readTlsaOwner(owner).kind, 'other', owner);
    }
  });
});

describe('MX and DANE rules on the other zones', () => {
  const root = path.resolve(__dirname, '../../..');
  const ours = /^(?:mx|dane)-/;
  const dirs = ['test/fixtures/zones', 'test/fixtures/clean', 'test/fixtures/dns', 'test/fixtures/cli', 'examples'];
  const files: string[] = dirs.flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith('.zone')).map((f) => path.join(d, f)));
  for (const rule of fs.readdirSync(path.join(root, 'test/fixtures/rules'))) {
    if (ours.test(rule)) continue;
    for (const f of fs.readdirSync(path.join(root, 'test/fixtures/rules', rule))) if (f.endsWith('.zone')) files.push(path.join('test/fixtures/rules', rule, f));
  }
  // Each of these zones is wrong in the way the rule says (MX hosts without addresses, TLSA records at hosts
  // nothing names); every other zone must draw nothing from these rules.
  const EXPECTED: Record<string, string[]> = {
    'test/fixtures/zones/generic-known-rdata.zone': ['11 mx-target-missing'],
    'test/fixtures/zones/rrsets.zone': ['14 mx-target-missing', '15 mx-target-missing'],
    'test/fixtures/zones/tlsa-records.zone': ['6 dane-tlsa-owner', '7 dane-tlsa-owner', '11 dane-tlsa-owner'],
    'test/fixtures/rules/spf-mx-limit/negative.zone': Array.from({ length: 10 }, (_, i) => `${8 + i} mx-target-missing`),
    'test/fixtures/rules/spf-mx-limit/positive.zone': Array.from({ length: 11 }, (_, i) => `${7 + i} mx-target-missing`),
  };

  it(`speak only where expected in ${files.length} zones`, () => {
    assert.ok(files.length > 150, `only ${files.length} zones found`);
    const got: Record<string, string[]> = {};
    for (const file of files) {
      const { analysis, text } = analyzeFixture(path.join(root, file));
      const index = new LineIndex(text);
      const marks = analysis.findings.filter((f) => ours.test(f.rule) && !f.file).map((f) => `${index.positionAt(f.span.start).line + 1} ${f.rule}`);
      if (marks.length) got[file] = marks;
    }
    assert.deepEqual(got, EXPECTED);
  });
});
