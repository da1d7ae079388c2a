/**
 * The canonical text of records (`printZone`), checked against what BIND's
 * named-checkzone prints for the same input (the expected strings below are
 * its output). The differential tier compares whole zones with BIND itself;
 * these pin the cases that needed work, without needing BIND installed.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseZone } from '../../server/src/core/zone/parser';
import { printZone } from '../../server/src/core/zone/print';

const HEAD = '$TTL 3600\n@ IN SOA ns1.example.net. hostmaster 1 2h 1h 2w 1h\n  IN NS ns1.example.net.\n';

/** The rdata printed for the records after the head, and the problems. */
function rdata(body: string): { lines: string[]; problems: string[] } {
  const zone = parseZone(HEAD + body, { origin: 'example.com.' });
  const lines = printZone(zone).trim().split('\n').slice(2).map((l) => l.split('\t').slice(3).join(' '));
  return { lines, problems: zone.problems.map((p) => p.message) };
}

function printsAs(body: string, ...expected: string[]): void {
  const { lines, problems } = rdata(body);
  assert.deepEqual(problems, []);
  assert.deepEqual(lines, expected);
}

function rejects(body: string, message: RegExp): void {
  const { problems } = rdata(body);
  assert.ok(problems.some((p) => message.test(p)), `expected a problem like ${message}, got ${JSON.stringify(problems)}`);
}

describe('character-strings', () => {
  it('print non-ASCII characters as their UTF-8 octets', () => {
    printsAs('t TXT "café" \\233\n', 'TXT "caf\\195\\169" "\\233"');
  });
  it('keep \\" and \\\\ escaped and other escapes resolved', () => {
    printsAs('t TXT "a\\"b\\\\c\\065\\x"\n', 'TXT "a\\"b\\\\cAx"');
  });
  it('hold a newline escaped by a backslash at the end of a line', () => {
    printsAs('t TXT "a\\\nb"\n', 'TXT "a\\010b"');
  });
});

describe('names', () => {
  it('are spelt one way: escapes resolved, specials escaped, letters lower-cased', () => {
    printsAs('c CNAME \\065\\.B\\ c\\@é\n', 'CNAME a\\.b\\032c\\@\\195\\169.example.com.');
  });
  it('with escapes for plain letters are the same owner as without', () => {
    const zone = parseZone(`${HEAD}\\065bc A 192.0.2.1\nabc TXT "x"\n`, { origin: 'example.com.' });
    assert.deepEqual(zone.records.slice(2).map((r) => r.owner), ['abc.example.com.', 'abc.example.com.']);
  });
  it('may be quoted as an owner, not in rdata', () => {
    printsAs('"quoted" A 192.0.2.1\n', 'A 192.0.2.1');
    rejects('x MX 10 "mail"\n', /domain name is written without quotes/);
  });
});

describe('RFC 3597 rdata', () => {
  it('of known types prints in their own form', () => {
    printsAs(
      'a A \\# 4 C0000201\nb TXT \\# 4 01610162\nc MX \\# 20 000A 046D61696C076578616D706C6503636F6D00\nd TYPE65280 \\# 2 abcd\n',
      'A 192.0.2.1',
      'TXT "a" "b"',
      'MX 10 mail.example.com.',
      'TYPE65280 \\# 2 ABCD',
    );
  });
  it('that does not fit the type is an error', () => {
    rejects('t TXT \\# 0\n', /reads as TXT '': TXT needs 1 field/);
    rejects('a A \\# 5 C000020101\n', /1 octet left over after the A fields/);
  });
});

describe('SVCB and HTTPS', () => {
  it('need no parameters in alias mode', () => {
    printsAs('@ HTTPS 0 www\n', 'HTTPS 0 www.example.com.');
  });
  it('print parameters sorted by key, alpn quoted, addresses canonical', () => {
    printsAs(
      'w HTTPS 1 . port=8443 ipv6hint=2001:DB8:0:0:0:0:0:1 no-default-alpn alpn=h2,h3 mandatory=port,alpn key65000="a b" dohpath=/q{?dns}\n',
      'HTTPS 1 . mandatory=alpn,port alpn="h2,h3" no-default-alpn port=8443 ipv6hint=2001:db8::1 key7="/q{?dns}" key65000="a b"',
    );
  });
  it('reject unknown keys, repeated keys and missing mandatory ones', () => {
    rejects('s SVCB 1 . colour=blue\n', /unknown SVCB parameter 'colour'/);
    rejects('s SVCB 1 . port=1 port=2\n', /port is given twice/);
    rejects('s SVCB 1 . mandatory=port alpn=h2\n', /mandatory lists port, which is not given/);
    rejects('s SVCB 1 . no-default-alpn\n', /needs an alpn parameter/);
  });
});

describe('other fields', () => {
  it('IPv4-mapped IPv6 addresses print with a dotted quad', () => {
    printsAs('v AAAA ::ffff:c000:0204\nw AAAA 64:ff9b::192.0.2.5\n', 'AAAA ::ffff:192.0.2.4', 'AAAA 64:ff9b::c000:205');
  });
  it('CAA tags are letters and digits', () => {
    printsAs('@ CAA 0 issue ca.example.net\n', 'CAA 0 issue "ca.example.net"');
    rejects('@ CAA 0 is-sue "x"\n', /must be letters and digits/);
  });
  it('EUI48 prints in lower case', () => {
    printsAs('m EUI48 00-00-5E-00-53-2A\n', 'EUI48 00-00-5e-00-53-2a');
  });
});

describe('$GENERATE', () => {
  it('takes a quoted rhs as rdata text and $$ as a dollar', () => {
    printsAs('$GENERATE 1-2 mx$ MX "10 host$"\n$GENERATE 3-3 t$$ TXT "\\"a b\\" $"\n', 'MX 10 host1.example.com.', 'MX 10 host2.example.com.', 'TXT "a b" "3"');
  });
  it('rejects an rhs of several tokens', () => {
    rejects('$GENERATE 1-2 mx$ MX 10 host$\n', /takes its rdata as one token/);
  });
  it('counts the nibble width in characters, dots included', () => {
    const zone = parseZone(`${HEAD}$GENERATE 10-10 \${0,3,n} PTR a.example.\n$GENERATE 26-26 \${0,5,N} PTR b.example.\n`, { origin: 'example.com.' });
    assert.deepEqual(zone.records.slice(2).map((r) => r.owner), ['a.0.example.com.', 'a.1.0.example.com.']);
  });
});

describe('zones', () => {
  it('give an RRset the TTL of its first record and drop repeated records', () => {
    const zone = parseZone(`${HEAD}a 300 A 192.0.2.1\na 100 A 192.0.2.2\na A 192.0.2.2\n`, { origin: 'example.com.' });
    assert.deepEqual(printZone(zone).trim().split('\n').slice(2), ['a.example.com.\t300\tIN\tA\t192.0.2.1', 'a.example.com.\t300\tIN\tA\t192.0.2.2']);
  });
  it('give a set the TTL of the later run at its owner, except where the records between are glue of its NS set, as named-checkzone -D does', () => {
    const ttls = (text: string): string[] =>
      printZone(parseZone(`${HEAD}${text}`, { origin: 'example.com.' })).trim().split('\n').filter((l) => l.startsWith('y.')).map((l) => l.split('\t').filter((_, i) => i !== 2).join(' '));
    // Another name between the runs: the later run's TTL is the set's.
    assert.deepEqual(ttls('y 5 NS ns\nz 0 A 192.0.2.1\ny 9 NS ns2\n'), ['y.example.com. 9 NS ns.example.com.', 'y.example.com. 9 NS ns2.example.com.']);
    assert.deepEqual(ttls('y 5 TXT a\nns 0 A 192.0.2.1\ny 9 TXT b\n'), ['y.example.com. 9 TXT "a"', 'y.example.com. 9 TXT "b"']);
    // The name between is a server the NS set names: BIND reads it as glue and the run at y goes on ("TTL set to prior TTL").
    assert.deepEqual(ttls('y 5 NS ns\nns 0 A 192.0.2.1\nns 3 AAAA ::1\ny 9 NS ns2\n'), ['y.example.com. 5 NS ns.example.com.', 'y.example.com. 5 NS ns2.example.com.']);
    assert.deepEqual(ttls('y 5 NS ns2\ny 5 TXT t\nns2 0 A 192.0.2.1\ny 9 TXT b\n'), ['y.example.com. 5 NS ns2.example.com.', 'y.example.com. 5 TXT "b"', 'y.example.com. 5 TXT "t"']);
  });
  it('leave out records outside the zone only when its name is given for certain', () => {
    const zone = parseZone(`${HEAD}www A 192.0.2.1\nwww.example.org. A 192.0.2.2\n`, { origin: 'example.com.' });
    const owners = (text: string): string[] => text.trim().split('\n').map((l) => l.split('\t')[0]);
    assert.deepEqual(owners(printZone(zone, { zone: 'example.com' })), ['example.com.', 'example.com.', 'www.example.com.']);
    assert.deepEqual(owners(printZone(zone)), ['example.com.', 'example.com.', 'www.example.com.', 'www.example.org.']);
  });
  it('reject a record that no TTL reaches, once', () => {
    const zone = parseZone('a A 192.0.2.1\nb A 192.0.2.2\n', { origin: 'example.com.' });
    assert.deepEqual(zone.problems.map((p) => p.message.split(':')[0]), ['no TTL']);
  });
});
