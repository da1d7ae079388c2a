/**
 * The SPF parser against RFC 7208 §12: every mechanism and modifier, dual
 * CIDR, strict ip4, every ip6 form, the toplabel rule, the macro language,
 * case-insensitive literals and SP-only separators. Cases marked "suite"
 * are the records of the openspf RFC 7208 test suite whose expected result
 * hangs on syntax alone.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSpf, type SpfRecord } from '../../server/src/core/records/spf/parse';
import { parseMacroString } from '../../server/src/core/records/spf/macro';

function errorsOf(text: string, kind?: string): string[] {
  return parseSpf(text)
    .errors.filter((e) => !kind || e.kind === kind)
    .map((e) => `${text.slice(e.start, e.end)}: ${e.message}`);
}

function valid(text: string): SpfRecord {
  const r = parseSpf(text);
  assert.deepEqual(r.errors, [], text);
  return r;
}

function invalid(text: string, message: RegExp, kind = 'syntax'): void {
  const errs = parseSpf(text).errors;
  assert.ok(errs.length > 0, `${text} should not parse`);
  assert.ok(
    errs.some((e) => e.kind === kind && message.test(e.message)),
    `${text}: expected a ${kind} error matching ${message}, got ${JSON.stringify(errs.map((e) => `${e.kind}: ${e.message}`))}`,
  );
}

describe('spf parser: terms', () => {
  it('reads qualifiers, names, and the default qualifier', () => {
    const r = valid('v=spf1 +mx -a ~ip4:192.0.2.1 ?exists:%{i}.x.example all');
    assert.deepEqual(
      r.terms.map((t) => [t.qualifier, t.qualifierExplicit, t.kind, t.name]),
      [
        ['+', true, 'mechanism', 'mx'],
        ['-', true, 'mechanism', 'a'],
        ['~', true, 'mechanism', 'ip4'],
        ['?', true, 'mechanism', 'exists'],
        ['+', false, 'mechanism', 'all'],
      ],
    );
  });

  it('keeps value offsets of each term, its name and its argument', () => {
    const text = 'v=spf1 include:_spf.example.com -all';
    const [inc] = valid(text).terms;
    assert.equal(text.slice(inc.start, inc.end), 'include:_spf.example.com');
    assert.equal(text.slice(inc.nameSpan.start, inc.nameSpan.end), 'include');
    assert.equal(text.slice(inc.domainSpec!.start, inc.domainSpec!.end), '_spf.example.com');
    assert.equal(inc.raw, 'include:_spf.example.com');
  });

  it('is case-insensitive in the version, names and qualifiers (§12)', () => {
    const r = valid('V=sPf1 INCLUDE:_spf.example.com Ip4:192.0.2.1 -ALL REDIRECT=x.example.com');
    assert.deepEqual(
      r.terms.map((t) => t.name),
      ['include', 'ip4', 'all', 'redirect'],
    );
  });

  it('accepts the RFC examples', () => {
    valid('v=spf1 +mx a:colo.example.com/28 -all');
    valid('v=spf1 +mx redirect=_spf.example.com');
    valid('v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all');
    valid('v=spf1 mx -all exp=explain._spf.%{d}');
    valid('v=spf1 mx/30 mx:example.org/30 -all');
    valid('v=spf1');
    valid('v=spf1 a -all '); // suite: trailing-space
    valid('v=spf1 a  -all'); // suite: two-spaces
  });

  it('rejects a version that is not exactly v=spf1', () => {
    invalid('v=spf10 -all', /expected 'v=spf1'/);
    invalid('spf1 -all', /expected 'v=spf1'/);
  });

  it('rejects tabs and other control characters as separators (suite: control-char-policy)', () => {
    invalid('v=spf1 mx\t-all', /a tab separates terms here: SPF allows only spaces/);
    invalid('v=spf1 a:ctrl.example.com\rptr -all', /carriage return/);
    invalid('v=spf1 ip4:192.0.2.5\n include:spf.protection.outlook.com ~all', /line feed/);
    // Recovery: the terms on either side of the tab are still read.
    assert.deepEqual(
      parseSpf('v=spf1 mx\t-all').terms.map((t) => t.name),
      ['mx', 'all'],
    );
  });

  it('reports non-ASCII characters with their own kind and nothing else on that term', () => {
    assert.deepEqual(errorsOf('v=spf1 a:\u00ef\u00bb\u00bfgarbage.example.net -all'), [
      '\u00ef\u00bb\u00bf: non-ASCII characters \'\u00ef\u00bb\u00bf\': SPF records must be US-ASCII (RFC 7208 §3.1)',
    ]);
    assert.equal(errorsOf('v=spf1 \u0080a:example.net -all').length, 1);
    assert.equal(parseSpf('v=spf1 a:example.net \u0096all').errors[0].kind, 'non-ascii');
  });

  it('reports unknown mechanisms, and modifiers written as mechanisms', () => {
    invalid('v=spf1 ip4:1.2.3.4 -all moo', /unknown mechanism 'moo'/);
    invalid('v=spf1 ip4:1.2.3.4 redirect:t2.example.com', /'redirect' is a modifier: write 'redirect=<domain>'/);
    invalid('v=spf1 -all.', /unknown mechanism 'all.'/);
    invalid('v=spf1 -all/8', /'all' takes no argument; found '\/8'/);
    invalid('v=spf1 -all:foobar', /'all' takes no argument/);
    invalid('v=spf1 -', /expected a mechanism after '-'/);
  });

  it('requires arguments where the grammar does', () => {
    invalid('v=spf1 include +all', /'include' needs ':' and a domain/);
    invalid('v=spf1 include: -all', /expected a domain after 'include:'/);
    invalid('v=spf1 exists', /'exists' needs ':' and a domain/);
    invalid('v=spf1 exists:', /expected a domain after 'exists:'/);
    invalid('v=spf1 a:', /expected a domain after 'a:'/);
    invalid('v=spf1 ip4', /'ip4' needs ':' and an IPv4 network/);
    invalid('v=spf1 -all ip6', /'ip6' needs ':' and an IPv6 network/);
    invalid('v=spf1 ptr/0 -all', /expected ':' and a domain, or nothing, after 'ptr'/);
    invalid('v=spf1 exp= -all', /expected a domain after 'exp='/);
    invalid('v=spf1 ?all redirect=', /expected a domain after 'redirect='/);
  });
});

describe('spf parser: modifiers', () => {
  it('reads known and unknown modifiers by the name "=" rule', () => {
    const r = valid('v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all default=+ exp=x.example.com');
    assert.deepEqual(
      r.terms.map((t) => `${t.kind}:${t.name}:${t.def ? 'known' : 'unknown'}`),
      ['modifier:moo.cow-far_out:unknown', 'mechanism:ip4:known', 'mechanism:all:known', 'modifier:default:unknown', 'modifier:exp:known'],
    );
    assert.equal(r.terms[0].value!.text, 'man:dog/cat');
  });

  it('rejects bad modifier names (suite: modifier-charset-bad1/2)', () => {
    invalid('v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all', /unknown mechanism 'moo.cow'/);
    invalid('v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all', /unknown mechanism 'moo.cow'/);
    invalid('v=spf1 1up=foo', /'1up' is not a modifier name/);
    invalid('v=spf1 =all', /expected a modifier name before '='/);
    invalid('v=spf1 -redirect=x.example.com', /a modifier takes no qualifier/);
  });

  it('checks the macro-string of unknown modifiers (suite: foo=%abc)', () => {
    invalid('v=spf1 -all foo=%abc', /'%' followed by 'a'/);
  });

  it('reports redirect and exp given twice as duplicate-modifier', () => {
    invalid('v=spf1 redirect=e12.example.com -all redirect=e12.example.com', /'redirect' appears more than once/, 'duplicate-modifier');
    invalid('v=spf1 exp=e13msg.example.com -all exp=e11msg.example.com', /'exp' appears more than once/, 'duplicate-modifier');
    // Unknown modifiers may repeat.
    valid('v=spf1 foo=a foo=b -all');
  });
});

describe('spf parser: addresses and prefixes', () => {
  it('parses ip4 networks strictly (§5.6, §12)', () => {
    const [t] = valid('v=spf1 ip4:192.0.2.0/24').terms;
    assert.deepEqual(t.ip, [192, 0, 2, 0]);
    assert.equal(t.cidr4, 24);
    invalid('v=spf1 ip4:1.2.3', /'1.2.3' has omitted parts/);
    invalid('v=spf1 ip4:192.0.2.01', /leading zero/);
    invalid('v=spf1 ip4:192.0.2.256', /over 255/);
    invalid('v=spf1 ip4:1.2.3.4/33 -all', /prefix length '\/0'-'\/32'/);
    invalid('v=spf1 ip4:1.2.3.4/032 -all', /without leading zeros after the IPv4 address; found '\/032'/);
    invalid('v=spf1 ip4:1.2.3.4//32', /found '\/\/32'/);
    invalid('v=spf1 ip4:1.2.3.4:8080', /'1.2.3.4:8080' is not an IPv4 address/);
    invalid('v=spf1 ip4:2001:db8::1', /is an IPv6 address: use ip6:/);
  });

  it('parses ip6 in every RFC 4291 §2.2 form', () => {
    const forms: Array<[string, number[]]> = [
      ['2001:db8:0:0:8:800:200c:417a', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]],
      ['2001:DB8::8:800:200C:417A', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]],
      ['::1', [...new Array(15).fill(0), 1]],
      ['::', new Array(16).fill(0)],
      ['::FFFF:1.2.3.4', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]],
      ['0:0:0:0:0:0:13.1.68.3', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13, 1, 68, 3]],
      ['fe80::', [0xfe, 0x80, ...new Array(14).fill(0)]],
    ];
    for (const [form, bytes] of forms) assert.deepEqual(valid(`v=spf1 ip6:${form}`).terms[0].ip, bytes, form);
    assert.equal(valid('v=spf1 ip6:Cafe:Babe:8000::/33').terms[0].cidr6, 33);
    valid('v=spf1 ip6:::1.1.1.1/0');
    invalid('v=spf1 ip6:::1.1.1.1/129', /'\/0'-'\/128'/);
    invalid('v=spf1 ip6:::1.1.1.1//33', /found '\/\/33'/);
    invalid('v=spf1 ip6::CAFE::BABE', /':CAFE::BABE' is not an IPv6 address/);
    invalid('v=spf1 ip6:2001:db8::1::2', /is not an IPv6 address/);
    invalid('v=spf1 ip6:192.0.2.1', /is an IPv4 address: use ip4:/);
  });

  it('parses dual-cidr on a and mx (§5.3, §5.4)', () => {
    const terms = valid('v=spf1 a/24//64 mx//64 a:x.example.com/24 mx:y.example.com//0 a/0 a//128').terms;
    assert.deepEqual(
      terms.map((t) => [t.name, t.domainSpec?.text, t.cidr4, t.cidr6]),
      [
        ['a', undefined, 24, 64],
        ['mx', undefined, undefined, 64],
        ['a', 'x.example.com', 24, undefined],
        ['mx', 'y.example.com', undefined, 0],
        ['a', undefined, 0, undefined],
        ['a', undefined, undefined, 128],
      ],
    );
    invalid('v=spf1 a/24/64 -all', /found '\/24\/64'/);
    invalid('v=spf1 a/33 -all', /IPv4 prefix length '\/0'-'\/32'.*'\/\/33'/);
    invalid('v=spf1 a//129 -all', /IPv6 prefix length '\/\/0'-'\/\/128'/);
    invalid('v=spf1 mx/33 -all', /IPv4 prefix length/);
  });

  it('takes a domain-spec with ":" and "/" in it, cidr only at the end (suite: a-colon-domain)', () => {
    const [t] = valid('v=spf1 a:foo:bar/baz.example.com').terms;
    assert.equal(t.domainSpec!.text, 'foo:bar/baz.example.com');
    assert.equal(t.cidr4, undefined);
  });
});

describe('spf parser: domain-spec and the toplabel rule', () => {
  it('rejects what does not end in a macro or "." toplabel', () => {
    invalid('v=spf1 a:192.0.2.1', /the last label '1' is all digits \(for an address use ip4:\)/);
    invalid('v=spf1 include:localhost', /a domain needs at least two labels/);
    invalid('v=spf1 a:abc.123', /'123' is all digits/);
    invalid('v=spf1 a:example.-com', /'-com' is not a valid top-level label/);
    invalid('v=spf1 a:museum', /at least two labels/);
    invalid('v=spf1 a:museum.', /at least two labels/);
    invalid('v=spf1 a:foo-bar -all', /at least two labels/);
    invalid('v=spf1 a:example.com:8080', /'com:8080' is not a valid top-level label/);
    invalid('v=spf1 exists:mail.example.com/24', /'com\/24'/);
    invalid('v=spf1 include:ip5.example.com/24 -all', /'com\/24'/);
    invalid('v=spf1 redirect=-all ?all', /at least two labels/);
    invalid('v=spf1 a:foo.example.com\u0000', /U\+0000/);
  });

  it('accepts toplabels with inner hyphens, trailing dots and macro ends', () => {
    valid('v=spf1 a:foo.example.xn--zckzah -all');
    valid('v=spf1 a:mail.example...com -all');
    valid('v=spf1 redirect=%{d}.d.spf.example.com.');
    valid('v=spf1 a:%{H} -all');
    valid('v=spf1 a:%{H}.bar -all');
    valid('v=spf1 exists:%{i}.%{l2r-}.user.%{d2}');
    valid('v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all');
    assert.equal(valid('v=spf1 include:o.spf.example.com. ~all').terms[0].domainSpec!.trailingDot, true);
    assert.equal(valid('v=spf1 include:o.spf.example.com ~all').terms[0].domainSpec!.trailingDot, false);
  });
});

describe('spf macros', () => {
  it('parses letters, transformers and delimiters (§7.1)', () => {
    const m = parseMacroString('%{ir}.%{l1r+-}._spf.%{D2}%%%_%-');
    assert.deepEqual(m.errors, []);
    assert.deepEqual(
      m.parts.map((p) => (p.kind === 'macro' ? `${p.letter}:${p.digits ?? ''}:${p.reverse}:${p.delimiters}:${p.urlEscape}` : `${p.kind}:${p.kind === 'literal' ? p.text : p.value}`)),
      ['i::true::false', 'literal:.', 'l:1:true:+-:false', 'literal:._spf.', 'd:2:false::true', 'escape:%', 'escape: ', 'escape:%20'],
    );
    assert.equal(m.hasMacros, true);
    assert.equal(parseMacroString('plain.example.com').hasMacros, false);
  });

  it('rejects bad % sequences (§7.3; suite: invalid-macro-char, undef-macro)', () => {
    invalid('v=spf1 -exists:%(ir).sbl.example.com ?all', /'%' followed by '\('/);
    invalid('v=spf1 exists:foo%(ir).sbl.example.com ?all', /'%' followed by '\('/);
    invalid('v=spf1 exists:foo%.sbl.example.com ?all', /'%' followed by '\.'/);
    invalid('v=spf1 a:%{a}.example.com -all', /'a' in '%\{a\}' is not a macro letter/);
    invalid('v=spf1 exists:%{d0}.example.com', /digit transformer must be non-zero/);
    invalid('v=spf1 exists:%{d2!}.example.com', /'!' in '%\{d2!\}' is not a delimiter/);
    invalid('v=spf1 exists:%{d.example.com', /unterminated macro/);
    invalid('v=spf1 exists:%{}.example.com', /has no macro letter/);
  });

  it('allows c, r, t only in explanation text (§7.3; suite: exp-only-macro-char)', () => {
    invalid('v=spf1 -all exp=%{r}.example.com', /the 'r' macro is allowed only in explanation text/, 'macro-context');
    invalid('v=spf1 exists:%{c}.example.com', /the 'c' macro/, 'macro-context');
    assert.deepEqual(parseMacroString('Connections from %{c} at %{t} to %{r} not authorized.', 0, undefined, 'explain').errors, []);
    // In explanation text SP is literal; in a domain-spec it is not.
    assert.equal(parseMacroString('a b', 0, 3, 'explain').errors.length, 0);
    assert.equal(parseMacroString('a b', 0, 3, 'domain').errors.length, 1);
  });
});
