/**
 * RFC 3597 `\#` rdata of known types, and the type families read field by
 * field since: each expectation is what named-checkzone 9.18 does with the
 * same text (the conformance tier checks the peers' corpora the same way).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseZone } from '../../server/src/core/zone/parser';
import { printZone } from '../../server/src/core/zone/print';

const head = '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 3600 600 86400 300\n@ NS ns\nns A 192.0.2.1\n';
const problems = (text: string): string[] => parseZone(head + text, { origin: 'example.' }).problems.map((p) => p.message);
/** The printed rdata of the one record at `x.example.`. */
const rdata = (text: string): string => {
  const line = printZone(parseZone(head + text, { origin: 'example.' })).split('\n').find((l) => l.startsWith('x.example.\t') || l.startsWith('00.example.\t'));
  return line?.split('\t').slice(4).join('\t') ?? '';
};

describe('RFC 3597 rdata of a known type', () => {
  it('prints in the type\'s text form, as BIND does', () => {
    const cases: [string, string][] = [
      ['CERT \\# 6 000000000000', '0 0 0 AA=='],
      ['APL \\# 4 00010000', '1:0.0.0.0/0'],
      ['APL \\# 6 000210822001', '!2:2001::/16'],
      ['APL \\# 0', ''],
      ['RRSIG \\# 20 0001000000000000000000000000000000000000', 'A 0 0 0 19700101000000 19700101000000 0 . AA=='],
      ['NSEC3PARAM \\# 5 0000000000', '0 0 0 -'],
      ['CSYNC \\# 6 000000000000', '0 0'],
      ['NSEC \\# 4 00000160', '. A NS'],
      ['LOC \\# 16 00 12 16 13 80000000 80000000 00989680', '0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m'],
      ['IPSECKEY \\# 8 0A01010A000001 00', '10 1 1 10.0.0.1 AA=='],
      ['SVCB \\# 3 000000', '0 .'],
      ['NID \\# 10 000A0001000200030004', '10 1:2:3:4'],
      ['L64 \\# 10 0000FFFF0000ABCD0000', '0 ffff:0:abcd:0'],
      ['SSHFP \\# 2 0000', '0 0'],
    ];
    for (const [written, printed] of cases) {
      assert.deepEqual(problems(`x ${written}\n`), [], written);
      assert.equal(rdata(`x ${written}\n`), printed, written);
    }
    assert.equal(rdata('00 NSEC3 \\# 7 00000000000100\n'), '0 0 0 - 00');
  });

  it('is refused where its text form would be, as BIND reads that text', () => {
    const refused: [string, RegExp][] = [
      ['NSEC \\# 1 00', /NSEC needs 2 fields/],
      ['LOC \\# 16 00000000 00000000 00000000 00000000', /latitude/],
      ['IPSECKEY \\# 3 000000', /IPSECKEY needs 5 fields/],
      ['ZONEMD \\# 7 00000000000000', /at least 12/],
      ['DHCID \\# 0', /DHCID needs 1 field/],
      ['DS \\# 4 00000000', /DS needs 4 fields/],
      ['NSEC \\# 3 000100', /malformed NSEC types bitmap/],
      ['APL \\# 4 00030000', /family 3/],
      ['LOC \\# 16 01000000 00000000 00000000 00000000', /version 1/],
      ['IPSECKEY \\# 3 000400', /gateway type 4/],
    ];
    for (const [written, message] of refused) {
      const found = problems(`x ${written}\n`);
      assert.equal(found.length, 1, `${written}: ${found.join('; ')}`);
      assert.match(found[0], message, written);
    }
  });
});

describe('types read field by field', () => {
  it('NID and L64: a preference and four groups of hex digits, printed without leading zeros', () => {
    assert.equal(rdata('x NID 10 0014:4fff:ff20:ee64\n'), '10 14:4fff:ff20:ee64');
    assert.equal(rdata('x L64 0 0000:0000:0000:000\n'), '0 0:0:0:0');
    assert.equal(rdata('x L64 65535 FFFF:FFFF:FFFF:FFFF\n'), '65535 ffff:ffff:ffff:ffff');
    for (const bad of ['0 0000:0000:0000', '0 0000:0000:0000:0000:0000', '0 0000:0000:0000-0000', '0 0000:0000:0000:x000', '0 0:0:0:0 x', '65536 0:0:0:0']) {
      assert.equal(problems(`x L64 ${bad}\n`).length, 1, bad);
    }
  });

  it('WALLET and RESINFO: character-strings, as TXT', () => {
    assert.deepEqual(problems('x WALLET "" "test1" "\\255" test2\nx RESINFO qnamemin exterr=15,16,17\n'), []);
    assert.equal(rdata('x WALLET "" "test1" "\\255" test2\n'), '"" "test1" "\\255" "test2"');
  });

  it('DSYNC: a type, a scheme, a port and a target', () => {
    assert.equal(rdata('x DSYNC CDS 2 5359 ns.example.\n'), 'CDS 2 5359 ns.example.');
    assert.equal(problems('x DSYNC CDS 1 65536 ns.example.\n').length, 1);
  });

  it('a type with no text form must be written in RFC 3597 form', () => {
    assert.match(problems('x TYPE65401 @\n')[0] ?? '', /write its rdata as '\\# length hex'/);
    assert.deepEqual(problems('x TYPE65401 \\# 1 00\n'), []);
  });
});

describe('NSAP and DSYNC as BIND 9.18 reads them', () => {
  it('NSAP: 0x and hex digits in pairs, dots anywhere, printed without them', () => {
    assert.equal(rdata('x NSAP 0x47.0005.80.005a00.0000....0001.e133.ffffff000162.00\n'), '0x47000580005a0000000001e133ffffff00016200');
    assert.equal(rdata('x NSAP 0X4700\n'), '0x4700');
    assert.equal(rdata('x NSAP \\# 2 4700\n'), '0x4700');
    for (const bad of ['0x', '0x470', '4700', '0x47 00', '0x47g0']) assert.equal(problems(`x NSAP ${bad}\n`).length, 1, bad);
  });

  it('DSYNC: the scheme by number or mnemonic, printed as the mnemonic where there is one', () => {
    assert.equal(rdata('x DSYNC CDS notify 53 ns.example.\n'), 'CDS NOTIFY 53 ns.example.');
    assert.equal(rdata('x DSYNC CSYNC 1 5360 .\n'), 'CSYNC NOTIFY 5360 .');
    assert.equal(rdata('x DSYNC CDS 2 53 .\n'), 'CDS 2 53 .');
    assert.equal(problems('x DSYNC CDS NOSUCH 53 .\n').length, 1);
  });
});
