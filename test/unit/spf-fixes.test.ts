/**
 * SPF quick fixes, tested by applying their edits to the zone text and
 * comparing the whole result; then the fixed text is analysed again, to show
 * the finding is gone and the zone still loads.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';

const HEAD = `$ORIGIN example.com.
$TTL 3600
@       IN SOA  ns1 hostmaster 1 7200 3600 1209600 3600
        IN NS   ns1
ns1     IN A    192.0.2.53
`;

function findings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text, origin: 'example.com.' }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === rule);
}

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].span.end <= edits[i - 1].span.start, 'edits do not overlap');
  let out = text;
  for (const e of edits) {
    assert.equal(e.file, undefined, 'edits are in the document');
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

/** Applies the fix titled `title` of the first `rule` finding; checks the result and that the finding is gone. */
function fixed(body: string, rule: string, title: string | RegExp, expected: string, remaining = 0): void {
  const text = HEAD + body;
  const found = findings(text, rule);
  assert.ok(found.length > 0, `${rule} fires`);
  const fix = found[0].fixes?.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `a fix titled ${title} among ${JSON.stringify(found[0].fixes?.map((f) => f.title))}`);
  const result = apply(text, fix);
  assert.equal(result, HEAD + expected);
  assert.equal(findings(result, rule).length, remaining, `${rule} after the fix`);
  assert.deepEqual(findings(result, 'zone-syntax'), [], 'the fixed zone loads');
  assert.deepEqual(findings(result, 'spf-syntax'), [], 'the fixed record parses');
}

describe('spf quick fixes', () => {
  describe('spf-pass-all', () => {
    it("changes '+all' to '~all' (preferred) or '-all'", () => {
      fixed('@ IN TXT "v=spf1 mx +all"\n', 'spf-pass-all', "Change '+all' to '~all'", '@ IN TXT "v=spf1 mx ~all"\n');
      fixed('@ IN TXT "v=spf1 mx +all"\n', 'spf-pass-all', "Change '+all' to '-all'", '@ IN TXT "v=spf1 mx -all"\n');
      const [finding] = findings(`${HEAD}@ IN TXT "v=spf1 mx +all"\n`, 'spf-pass-all');
      assert.deepEqual(
        finding.fixes!.map((f) => [f.title, f.preferred ?? false]),
        [
          ["Change '+all' to '~all'", true],
          ["Change '+all' to '-all'", false],
        ],
      );
    });

    it("replaces a bare 'all' and one in the second string of a split record", () => {
      fixed('@ IN TXT "v=spf1 mx all"\n', 'spf-pass-all', "Change 'all' to '~all'", '@ IN TXT "v=spf1 mx ~all"\n');
      fixed('@ IN TXT ( "v=spf1 mx "\n            "ip4:192.0.2.0/24 +all" )\n', 'spf-pass-all', "Change '+all' to '-all'", '@ IN TXT ( "v=spf1 mx "\n            "ip4:192.0.2.0/24 -all" )\n');
    });
  });

  describe('spf-neutral-all', () => {
    it("changes '?all' to '~all' (preferred) or '-all', and spf-pass-all stays silent on it", () => {
      fixed('@ IN TXT "v=spf1 mx ?all"\n', 'spf-neutral-all', "Change '?all' to '~all'", '@ IN TXT "v=spf1 mx ~all"\n');
      fixed('@ IN TXT "v=spf1 mx ?all"\n', 'spf-neutral-all', "Change '?all' to '-all'", '@ IN TXT "v=spf1 mx -all"\n');
      assert.deepEqual(findings(`${HEAD}@ IN TXT "v=spf1 mx ?all"\n`, 'spf-pass-all'), []);
    });
  });

  describe('spf-ptr', () => {
    it('removes ptr and the space before it', () => {
      fixed('@ IN TXT "v=spf1 mx ptr -all"\n', 'spf-ptr', "Remove 'ptr'", '@ IN TXT "v=spf1 mx -all"\n');
      fixed('@ IN TXT "v=spf1 ?ptr:example.net -all"\n', 'spf-ptr', "Remove '?ptr:example.net'", '@ IN TXT "v=spf1 -all"\n');
    });

    it('removes a ptr at the start of the second string, editing inside each string', () => {
      fixed('@ IN TXT ( "v=spf1 mx "\n            "ptr -all" )\n', 'spf-ptr', "Remove 'ptr'", '@ IN TXT ( "v=spf1 mx"\n            " -all" )\n');
    });
  });

  describe('spf-no-all', () => {
    it("adds '~all' at the end of the last string", () => {
      fixed('@ IN TXT "v=spf1 mx"\n', 'spf-no-all', "Add '~all'", '@ IN TXT "v=spf1 mx ~all"\n');
      fixed('@ IN TXT ( "v=spf1 mx "\n            "ip4:192.0.2.0/24" ) ; ours\n', 'spf-no-all', "Add '~all'", '@ IN TXT ( "v=spf1 mx "\n            "ip4:192.0.2.0/24 ~all" ) ; ours\n');
    });

    it('adds it as a new string when the last string is full', () => {
      // Thirteen a: terms and one padded to make the string exactly 255 octets: no room for " ~all".
      const base = `v=spf1 ${Array.from({ length: 13 }, (_, i) => `a:h${String(i).padStart(2, '0')}.example.com`).join(' ')}`;
      const value = `${base} a:${'x'.repeat(255 - base.length - 7)}.com`;
      assert.equal(value.length, 255);
      fixed(`@ IN TXT "${value}"\n`, 'spf-no-all', "Add '~all'", `@ IN TXT "${value}" " ~all"\n`);
    });
  });

  describe('spf-multiple-records', () => {
    it('merges the records into the first and removes the others', () => {
      fixed(
        '@ IN TXT "v=spf1 mx -all"\n@ IN TXT "google-site-verification=abc"\n@ IN TXT "v=spf1 include:_spf.example.net mx ~all"\nwww IN A 192.0.2.80\n',
        'spf-multiple-records',
        'Merge the 2 SPF records into one',
        '@ IN TXT "v=spf1 mx include:_spf.example.net -all"\n@ IN TXT "google-site-verification=abc"\nwww IN A 192.0.2.80\n',
      );
    });

    it('keeps a redirect only when no record has all, and modifiers last', () => {
      fixed(
        '@ IN TXT "v=spf1 a redirect=_spf.example.net"\n@ IN TXT "v=spf1 ip4:192.0.2.0/24 exp=why.example.com"\n',
        'spf-multiple-records',
        /^Merge/,
        '@ IN TXT "v=spf1 a ip4:192.0.2.0/24 redirect=_spf.example.net exp=why.example.com"\n',
      );
    });

    it('removes a parenthesised record with its comment, and writes out an owner the next entry inherited', () => {
      fixed(
        [
          '@     IN TXT "v=spf1 mx -all"',
          'www   IN A   192.0.2.80',
          '@     IN TXT ( "v=spf1 "   ; the provider\'s',
          '               "include:_spf.example.net ~all" )',
          '      IN MX  10 mail',
          'mail  IN A   192.0.2.25',
          '',
        ].join('\n'),
        'spf-multiple-records',
        /^Merge/,
        ['@     IN TXT "v=spf1 mx include:_spf.example.net -all"', 'www   IN A   192.0.2.80', 'example.com.\tIN MX  10 mail', 'mail  IN A   192.0.2.25', ''].join('\n'),
      );
    });

    it('splits a long merged record into strings at term boundaries', () => {
      const a = Array.from({ length: 15 }, (_, i) => `ip4:192.0.2.${i + 1}`).join(' ');
      const b = Array.from({ length: 15 }, (_, i) => `ip4:198.51.100.${i + 1}`).join(' ');
      const text = HEAD + `@ IN TXT "v=spf1 ${a} -all"\n@ IN TXT "v=spf1 ${b} -all"\n`;
      const [finding] = findings(text, 'spf-multiple-records');
      const result = apply(text, finding.fixes![0]);
      const strings = [...result.slice(HEAD.length).matchAll(/"([^"]*)"/g)].map((m) => m[1]);
      assert.ok(strings.length > 1, 'more than one string');
      assert.ok(strings.every((s) => s.length <= 255));
      assert.ok(strings.slice(0, -1).every((s) => s.endsWith(' ')), 'each string ends between terms');
      assert.equal(strings.join(''), `v=spf1 ${a} ${b} -all`);
      assert.deepEqual(findings(result, 'txt-join-no-space'), []);
    });
  });

  describe('spf-type99', () => {
    it('converts an SPF-type record to TXT', () => {
      fixed('old IN SPF "v=spf1 ip4:192.0.2.0/24 -all"\n', 'spf-type99', 'Publish it as TXT', 'old IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\n');
    });

    it('removes the SPF-type copy of a TXT record', () => {
      fixed('@ IN TXT "v=spf1 mx -all"\n@ IN SPF "v=spf1 mx -all"\nwww IN A 192.0.2.80\n', 'spf-type99', /^Remove the SPF-type record/, '@ IN TXT "v=spf1 mx -all"\nwww IN A 192.0.2.80\n');
    });
  });

  describe('spf-duplicate-include', () => {
    it('removes the second include', () => {
      fixed(
        '@ IN TXT "v=spf1 include:_spf.example.net include:_spf.example.org include:_SPF.example.net. -all"\n',
        'spf-duplicate-include',
        /^Remove the second/,
        '@ IN TXT "v=spf1 include:_spf.example.net include:_spf.example.org -all"\n',
      );
    });

    it('removes one that spans two strings', () => {
      fixed(
        '@ IN TXT ( "v=spf1 include:_spf.example.net include:_spf."\n            "example.net -all" )\n',
        'spf-duplicate-include',
        /^Remove the second/,
        '@ IN TXT ( "v=spf1 include:_spf.example.net"\n            " -all" )\n',
      );
    });
  });

  describe('spf-host-bits', () => {
    it('writes the network address', () => {
      fixed('@ IN TXT "v=spf1 ip4:192.0.2.1/24 -all"\n', 'spf-host-bits', 'Write the network as 192.0.2.0/24', '@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\n');
      fixed('@ IN TXT "v=spf1 ip4:198.51.100.130/25 -all"\n', 'spf-host-bits', /^Write/, '@ IN TXT "v=spf1 ip4:198.51.100.128/25 -all"\n');
      fixed('@ IN TXT "v=spf1 ip6:2001:DB8:0:0:0:0:0:1/64 -all"\n', 'spf-host-bits', 'Write the network as 2001:db8::/64', '@ IN TXT "v=spf1 ip6:2001:db8::/64 -all"\n');
    });
  });

  describe('spf-trailing-dot', () => {
    it('removes the dot', () => {
      fixed('@ IN TXT "v=spf1 include:_spf.example.net. -all"\n', 'spf-trailing-dot', 'Remove the trailing dot', '@ IN TXT "v=spf1 include:_spf.example.net -all"\n');
    });
  });
});
