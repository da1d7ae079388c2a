/**
 * The examples of BIND conformance that named-checkzone 9.18 decides (each
 * expectation below is what it does with the same text).
 */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseZone } from '../../server/src/core/zone/parser';
import { printZone } from '../../server/src/core/zone/print';

const head = '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 3600 600 86400 300\n@ NS ns\nns A 192.0.2.1\n';
/** A SHA-256 digest's worth of hex (32 octets): BIND holds DS digests of known types to their size. */
const D32 = '0123456789ABCDEF'.repeat(4);
const problems = (text: string): string[] => parseZone(head + text, { origin: 'example.' }).problems.map((p) => p.message);
const printed = (text: string, prefix = head): string[] => printZone(parseZone(prefix + text, { origin: 'example.' })).trim().split('\n').map((l) => l.split('\t').join(' '));

it('takes SOA timers up to 2^32-1: the fields are unsigned 32-bit', () => {
  const zone = parseZone('$TTL 60\n@ SOA ns hm 1 4294967295 4294967295 4294967295 4294967295\n', { origin: 'example.' });
  assert.deepEqual(zone.problems, []);
  assert.deepEqual(problems('x SOA ns hm 1 4294967296 1 1 1\n').length, 1);
});

it('reads DNSKEY and DS algorithm and digest mnemonics, and prints their numbers', () => {
  assert.deepEqual(problems(`k DNSKEY 257 3 RSASHA256 AwEAAQ==\nd DS 1 ECDSAP256SHA256 SHA-256 ${D32}\n`), []);
  const lines = printed(`k DNSKEY 257 3 RSASHA256 AwEAAQ==\nd DS 1 ECDSAP256SHA256 SHA-256 ${D32}\n`);
  assert.ok(lines.includes('k.example. 60 IN DNSKEY 257 3 8 AwEAAQ=='));
  assert.ok(lines.includes(`d.example. 60 IN DS 1 13 2 ${D32.slice(0, 56)} ${D32.slice(56)}`));
  assert.equal(problems('k DNSKEY 257 3 NOSUCHALG AwEAAQ==\n').length, 1);
});

it('refuses the meta types ANY, AXFR and TYPE255 in a zone', () => {
  for (const type of ['ANY', 'AXFR', 'TYPE255', 'OPT']) assert.match(problems(`x ${type} \\# 0\n`)[0] ?? '', /meta type/, type);
});

it('refuses an unquoted URI target', () => {
  assert.equal(problems('u URI 1 1 http://example/\n').length, 1);
  assert.deepEqual(problems('u URI 1 1 "http://example/"\n'), []);
});

it('defaults TTLs as BIND 9.18 does: $TTL once given, else the last TTL written, else the SOA minimum', () => {
  // No $TTL: an explicit TTL carries to the records after it (BIND: "using RFC1035 TTL semantics").
  assert.deepEqual(printed('', '@ 100 SOA ns hm 1 2 3 4 50\n@ NS ns\nns 200 A 192.0.2.1\nb A 192.0.2.2\n$TTL 70\nc A 192.0.2.3\nd 80 A 192.0.2.4\ne A 192.0.2.5\n'), [
    'example. 100 IN SOA ns.example. hm.example. 1 2 3 4 50',
    'example. 100 IN NS ns.example.',
    'b.example. 200 IN A 192.0.2.2',
    'c.example. 70 IN A 192.0.2.3',
    'd.example. 80 IN A 192.0.2.4',
    'e.example. 70 IN A 192.0.2.5',
    'ns.example. 200 IN A 192.0.2.1',
  ]);
  // Nothing written: the SOA takes its minimum, and the records after it that.
  assert.deepEqual(printed('', '@ SOA ns hm 1 2 3 4 50\n@ NS ns\nns A 192.0.2.1\n').map((l) => l.split(' ')[1]), ['50', '50', '50']);
});

it('refuses bad base32hex in an NSEC3 next hashed owner, and prints its bitmap by type number', () => {
  // The owner `00` is a one-octet hash in base32hex, as BIND's check of NSEC3 owners wants.
  const hash = 'CPNMUOJ1E8CPNMUOJ1E8CPNMUOJ1E8CP';
  assert.equal(problems('00 NSEC3 1 1 1 - 0=0 A\n').length, 1);
  assert.equal(problems('00 NSEC3 1 1 1 - 0 A\n').length, 1);
  assert.deepEqual(problems(`00 NSEC3 1 1 12 aabbccdd ${hash} A NS\n`), []);
  assert.ok(printed(`00 NSEC3 1 1 12 aabbccdd ${hash.toLowerCase()} MX NS A\n`).includes(`00.example. 60 IN NSEC3 1 1 12 AABBCCDD ${hash} A NS MX`));
  assert.equal(problems('n NSEC next NOSUCHTYPE\n').length, 1);
});

it('holds an NSEC3 next hash to one label, and to 20 octets for SHA-1', () => {
  assert.match(problems('00 NSEC3 1 0 0 - CPNMUOJ1\n')[0] ?? '', /SHA-1 hash \(algorithm 1\) is 20/);
  assert.deepEqual(problems(`00 NSEC3 0 0 0 - ${'CPNMUOJ1'.repeat(7)}CPNMUO0\n`), []);
  assert.match(problems(`00 NSEC3 0 0 0 - ${'CPNMUOJ1'.repeat(8)}\n`)[0] ?? '', /40 octets; it must fit in one label/);
});

it('refuses an NSEC3 whose owner is not a base32hex hash, as BIND\'s check-names does', () => {
  assert.match(problems('c1 NSEC3 0 0 0 - CPNMUOJ1\n')[0] ?? '', /NSEC3 owner 'c1.example.'/);
  assert.match(problems('cpnmu=== NSEC3 0 0 0 - CPNMUOJ1\n')[0] ?? '', /NSEC3 owner/);
  assert.deepEqual(problems('c4 NSEC3 0 0 0 - CPNMUOJ1\n'), []);
});

it('refuses an NSEC without a type bitmap (BIND: FORMERR), and takes an NSEC3 and CSYNC without one', () => {
  assert.equal(problems('n NSEC next\n').length, 1);
  assert.deepEqual(problems('00 NSEC3 0 0 0 - CPNMUOJ1\nc CSYNC 1 0\n'), []);
});

it('refuses an RRSIG whose signer has more labels than its labels field', () => {
  assert.match(problems('r RRSIG A 8 1 0 20300101000000 20200101000000 0 a.b. AA==\n')[0] ?? '', /2 labels, more than the labels field \(1\)/);
  assert.deepEqual(problems('r RRSIG A 8 2 0 20300101000000 20200101000000 0 a.b. AA==\n'), []);
});

it('takes SSHFP without a fingerprint for other types than SHA-1 and SHA-256, and holds those to their length', () => {
  assert.deepEqual(problems('s SSHFP 0 0\ns SSHFP 1 3\n'), []);
  assert.ok(printed('s SSHFP 1 3\n').includes('s.example. 60 IN SSHFP 1 3'));
  assert.equal(problems('s SSHFP 1 1\n').length, 1);
  assert.match(problems('s SSHFP 1 1 00\n')[0] ?? '', /1 octets; type 1 \(SHA-1\) gives 20/);
  assert.equal(problems('s SSHFP 1 2 0000\n').length, 1);
});

it('refuses a ZONEMD digest shorter than its hash gives', () => {
  assert.match(problems('@ ZONEMD 1 1 1 000000000000000000000000\n')[0] ?? '', /48/);
  assert.deepEqual(problems(`@ ZONEMD 1 1 1 ${'00'.repeat(48)}\n`), []);
  assert.match(problems('@ ZONEMD 1 1 240 0000\n')[0] ?? '', /at least 12/);
});

it('refuses bad base64 in CERT and RRSIG, and reads their mnemonics', () => {
  assert.equal(problems('c CERT PKIX 1 RSASHA256 A!AA\n').length, 1);
  assert.equal(problems('r RRSIG A 8 2 3600 20300101000000 20200101000000 1 example. A!AA\n').length, 1);
  assert.ok(printed('c CERT pgp 1 3 AAAA\n').includes('c.example. 60 IN CERT PGP 1 DSA AAAA'));
  assert.ok(printed('r RRSIG A 8 2 3600 1 20200101000000 1 example. AAAA\n').includes('r.example. 60 IN RRSIG A 8 2 3600 19700101000001 20200101000000 1 example. AAAA'));
});

it('reads APL items, allows an empty APL, and refuses malformed ones', () => {
  assert.deepEqual(problems('a APL\n'), []);
  assert.ok(printed('a APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:0db8:0::0/32\n').includes('a.example. 60 IN APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32'));
  for (const item of ['1:192.168.32.0/33', '3:1.2.3.4/3', '1:1.2.3.4', '2:1.2.3.4/8']) assert.equal(problems(`a APL ${item}\n`).length, 1, item);
});

it('makes the names in NXT absolute', () => {
  assert.ok(printed('x NXT rel A MX NXT\n').includes('x.example. 60 IN NXT rel.example. A MX NXT'));
});

it('prints each RRSIG with the TTL of the first signature of its covered type, not of the whole RRSIG type', () => {
  const lines = printed('r 100 RRSIG A 8 2 3600 20300101000000 20200101000000 1 example. AAAA\nr 300 RRSIG MX 8 2 3600 20300101000000 20200101000000 2 example. AAAA\n');
  assert.ok(lines.includes('r.example. 100 IN RRSIG A 8 2 3600 20300101000000 20200101000000 1 example. AAAA'));
  assert.ok(lines.includes('r.example. 300 IN RRSIG MX 8 2 3600 20300101000000 20200101000000 2 example. AAAA'));
});

it('refuses LOC values out of range and prints LOC as BIND does', () => {
  for (const loc of ['91 0 0 N 0 0 0 E 0', '0 60 0 N 0 0 0 E 0', '0 0 0 N 181 0 0 E 0', '0 0 0 N 0 0 0 E 42849673', '0 0 0 N 0 0 0 E 0 90000001', '1 N', '90 59 59.999 S 0 E 0']) {
    assert.equal(problems(`l LOC ${loc}\n`).length, 1, loc);
  }
  assert.ok(printed('l LOC 1 N 1 E 0\n').includes('l.example. 60 IN LOC 1 0 0.000 N 1 0 0.000 E 0.00m 1m 10000m 10m'));
  assert.ok(printed('l LOC 0 S 0 W -100000.00 0.01 0.10 1000\n').includes('l.example. 60 IN LOC 0 0 0.000 N 0 0 0.000 E -100000.00m 0.01m 0.10m 1000m'));
});

it('reads SVCB parameters as BIND 9.18 does: keys in lower case, dohpath with a value, ohttp only as key8', () => {
  assert.equal(problems('s SVCB 1 . PORT=0\n').length, 1);
  assert.deepEqual(problems('s SVCB 1 . port=0\n'), []);
  assert.equal(problems('s SVCB 1 . dohpath\n').length, 1);
  assert.equal(problems('s SVCB 1 . dohpath=\n').length, 1);
  assert.deepEqual(problems('s SVCB 1 . dohpath=/q{?dns}\n'), []);
  assert.equal(problems('s SVCB 1 . ohttp\n').length, 1);
  assert.deepEqual(problems('s SVCB 1 . key8\n'), []);
  assert.equal(problems('s SVCB 1 . key65535="a"\n').length, 0);
});

it('refuses RFC 3597 rdata shorter than the type\'s fixed fields, as BIND does for "\\# 0"', () => {
  for (const type of ['NSEC3', 'RRSIG', 'SVCB', 'LOC', 'CERT', 'ZONEMD', 'IPSECKEY']) assert.equal(problems(`00 ${type} \\# 0\n`).length, 1, type);
  assert.deepEqual(problems('x SVCB \\# 3 000000\n'), []);
});

it('refuses a HINFO string over 255 octets, and takes a CAA tag longer than 15 as BIND 9.18 does', () => {
  assert.equal(problems(`h HINFO "${'a'.repeat(256)}" "os"\n`).length, 1);
  assert.deepEqual(problems(`h HINFO "${'a'.repeat(255)}" "os"\n`), []);
  assert.deepEqual(problems('c CAA 0 abcdefghijklmnopqrstuvwxyz0123456789 "a"\n'), []);
  assert.equal(problems('c CAA 0 is-sue "a"\n').length, 1);
});

it('refuses the reserved type 0', () => {
  assert.equal(problems('x TYPE0 \\# 0\n').length, 1);
});

it('refuses a DS at the top of the zone, wherever the SOA is written', () => {
  assert.match(problems(`@ DS 1 13 2 ${D32}\n`)[0] ?? '', /DS at the top of the zone example\./);
  assert.match(parseZone(`$ORIGIN example.\n$TTL 60\n@ DS 1 13 2 ${D32}\n@ SOA ns hm 1 3600 600 86400 300\n`, { origin: 'example.' }).problems[0]?.message ?? '', /DS at the top/);
  assert.deepEqual(problems(`child DS 1 13 2 ${D32}\nchild NS ns\n`), []);
});

it('prints RRSIG times as the dates nearest the given time with the same 32-bit value, as BIND does', () => {
  const zone = parseZone(`${head}r RRSIG A 0 0 0 4294967295 21051231235959 0 . AA==\nq RRSIG A 8 2 0 20300101000000 20200101000000 0 example. AA==\n`, { origin: 'example.' });
  const now = Date.UTC(2026, 11, 8) / 1000;
  const lines = printZone(zone, { now }).split('\n').map((l) => l.split('\t').join(' '));
  assert.ok(lines.includes('r.example. 60 IN RRSIG A 0 0 0 19691231235959 19691124173143 0 . AA=='), lines.join('\n'));
  assert.ok(lines.includes('q.example. 60 IN RRSIG A 8 2 0 20300101000000 20200101000000 0 example. AA=='));
  // Without a clock the dates run from 1970 on.
  assert.ok(printZone(zone).includes('21060207062815'));
});

// A DNSKEY of BIND's own CDS tests (bad-cds.db), its key tag 14364, algorithm 10, and its SHA-256 DS digest.
const KEY = 'AwEAAbqjg7xdvnU2Q/gtLw5LOfr5cDeTRjYuEbkzGrUiVSOSoxcTxuaoWS/AFPQHuD8OSLiE/CeZ087JowREXl058rRfae8KMrveY17V0wmKs9N1F1wf/hRDpXiThlRHWlskp8eSEEIqYrrHgWTesy/xDGIEOFM1gwRo0w8jKdRRJeL2hseTMa+m3rTzrYudUsI0BHLW8PiDUCbG5xgdee8/5YR4847iAAqHIiPJ1Z/IT53OIjMmtv5BUykZ8RYjlJxxX+C+dpRKiK73SQaR3hCBXAYOL9WsDp2/fpmEZpewavkMkdC+j2CX+z27MCS3ASO0AeKK0lcNXwNDkgreE+Kr7gc=';
const DIGEST = 'FD03B2312C8F0FE72C1751EFA1007D743C94EC91594FF0047C23C37CE119BA0C';
const DNSKEY = `@ DNSKEY 257 3 10 ${KEY}\n`;

it('takes CDS and CDNSKEY whose algorithms the top DNSKEY set has, and the delete forms alone, as BIND 9.18 does', () => {
  assert.deepEqual(problems(`${DNSKEY}@ CDS 14364 10 2 ${DIGEST}\n@ CDNSKEY 257 3 10 ${KEY}\n`), []);
  // BIND compares algorithms only: another key tag, digest or key of the same algorithm loads.
  assert.deepEqual(problems(`${DNSKEY}@ CDS 1 RSASHA512 2 ${DIGEST.replace('C', 'D')}\n@ CDNSKEY 256 3 10 AwEAAQ==\n`), []);
  assert.deepEqual(problems('@ CDS 0 0 0 00\n@ CDNSKEY 0 3 0 AA==\n'), []);
  assert.deepEqual(problems('@ CDS 0 0 0 00\n@ CDS 0 0 0 0 0\n'), [], 'a record written twice is one');
  assert.deepEqual(problems(`${DNSKEY}@ CDS 0 0 0 00\n@ CDNSKEY 257 3 10 ${KEY}\n`), [], 'each set is checked on its own');
  assert.deepEqual(problems(`sub CDS 14364 8 2 ${DIGEST}\n`), [], 'below the top nothing is checked');
});

it('refuses a CDS or CDNSKEY whose algorithm no DNSKEY at the top has, once per algorithm', () => {
  assert.match(problems(`@ CDS 14364 10 2 ${DIGEST}\n`).join(), /CDS for algorithm 10, but there is no DNSKEY at the top/);
  assert.match(problems(`@ CDNSKEY 257 3 10 ${KEY}\n`).join(), /CDNSKEY for algorithm 10, but there is no DNSKEY/);
  const twice = problems(`${DNSKEY}@ CDS 14364 10 2 ${DIGEST}\n@ CDS 14364 8 2 ${DIGEST}\n@ CDS 14364 8 1 4E3BB4BE79C18D61F1B03ECDB565AA9353E4B2A8\n`);
  assert.equal(twice.length, 1, twice.join('\n'));
  assert.match(twice[0], /CDS for algorithm 8, but no DNSKEY at the top of the zone has algorithm 8/);
  assert.match(problems(`${DNSKEY}@ CDNSKEY 257 3 14 ${KEY}\n`).join(), /algorithm 14/);
  // `0 0 0 0000` is not the delete form: its algorithm 0 has no key.
  assert.match(problems('@ CDS 0 0 0 0000\n').join(), /algorithm 0/);
  assert.match(problems('@ CDNSKEY 0 3 0 AAA=\n').join(), /algorithm 0/);
});

it('refuses a CDS or CDNSKEY delete form beside other records of its set', () => {
  assert.match(problems(`${DNSKEY}@ CDS 0 0 0 00\n@ CDS 14364 10 2 ${DIGEST}\n`).join(), /CDS delete form '0 0 0 00' beside other CDS records/);
  assert.match(problems(`${DNSKEY}@ CDNSKEY 0 3 0 AA==\n@ CDNSKEY 257 3 10 ${KEY}\n`).join(), /CDNSKEY delete form '0 3 0 AA==' beside/);
});

it('refuses an NS at the top whose name is below a DNAME or is a CNAME, and not one below a delegation', () => {
  const top = '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 3600 600 86400 300\n';
  const refused = (text: string): string[] => parseZone(top + text, { origin: 'example.' }).problems.map((p) => p.message);
  assert.match(refused('@ DNAME example.net.\n@ NS ns\nns A 192.0.2.1\n').join(), /NS ns\.example\. is below the DNAME at example\./);
  assert.match(refused('@ NS ns.a\na DNAME example.net.\nns.a A 192.0.2.1\n').join(), /below the DNAME at a\.example\./);
  assert.match(refused('@ NS ns\nns CNAME host.example.net.\n').join(), /NS ns\.example\. is a CNAME/);
  // The DNAME's own name is not rewritten, and a name past a delegation is the child's.
  assert.deepEqual(refused('@ NS a\na DNAME example.net.\na A 192.0.2.1\n'), []);
  assert.deepEqual(refused('@ NS ns.x.child\nchild NS ns.child\nx.child DNAME example.net.\nns.child A 192.0.2.1\n'), []);
  assert.deepEqual(refused('@ NS ns.example.net.\n@ DNAME example.org.\n'), [], 'a name outside the zone');
});

it('refuses a DS, CDS, TA or DLV digest of SHA-1, SHA-256 or SHA-384 that is not that digest\'s size, and takes any size for other types', () => {
  for (const type of ['DS', 'CDS', 'TA', 'DLV']) {
    assert.deepEqual(problems(`c ${type} 1 13 1 ${'AB'.repeat(20)}\nc ${type} 1 13 2 ${D32}\nc ${type} 1 13 4 ${'AB'.repeat(48)}\n`), [], type);
    assert.match(problems(`c ${type} 1 13 1 ${'AB'.repeat(21)}\n`).join(), /digest is 21 octets; digest type 1 \(SHA-1\) gives 20/, type);
    assert.match(problems(`c ${type} 1 13 SHA-256 ${D32.slice(2)}\n`).join(), /digest is 31 octets; digest type 2 \(SHA-256\) gives 32/, type);
    assert.match(problems(`c ${type} 1 13 4 ${D32}\n`).join(), /digest type 4 \(SHA-384\) gives 48/, type);
    // GOST (3) and unassigned types BIND does not compute: any length loads.
    assert.deepEqual(problems(`c ${type} 1 13 3 AB\nc ${type} 1 13 99 AB\n`), [], type);
  }
});
