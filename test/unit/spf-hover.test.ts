/**
 * SPF hover through the service: the version tag, every kind of term, the
 * qualifier and macro under the cursor, and the lookup subtree under an
 * include or redirect, over a zone whose counts are known by hand. `|`
 * marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/features/hover';
import { analyzeDocument } from '../../server/src/core/service';
import { withCursor } from '../support/fixture';

// example.com's record: mx (1, 2 MX hosts), include:_spf (1 + a:gone void 1 + include outside 1 = 3),
// include:_spf.google.com (1, outside the zone): 5 lookups, 1 void, 2 names only live DNS can follow.
const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA ns1 hostmaster 1 7200 3600 1209600 300
        IN NS  ns1
        IN MX  10 mx1
        IN MX  20 mx2
ns1     IN A   192.0.2.53
mx1     IN A   192.0.2.25
mx2     IN A   192.0.2.26
@       IN TXT "v=spf1 mx ip4:198.51.100.0/24 ip6:2001:db8::/64 include:_spf.example.com include:_spf.google.com ~all exp=why.example.com"
_spf    IN TXT "v=spf1 ip4:203.0.113.0/25 a:gone.example.com include:spf.protection.outlook.com -all"
why     IN TXT "%{i} is not one of our servers"
macro   IN TXT "v=spf1 exists:%{ir}.%{v}._spf.%{d2} -exists:%{l1r-}.lp.%{S}.example.com ?exists:%{c}.example.com -all"
redir   IN TXT "v=spf1 ip4:192.0.2.1  redirect=_spf.example.com"
both    IN TXT "v=spf1 -all redirect=_spf.example.com"
odd     IN TXT "v=spf1 +ptr a/24//64 inclde:x.example.com foo=bar%_baz ip4:192.0.2.1 -all mx"
split   IN TXT "v=spf1 include:_spf.exa" "mple.com -all"
badq    IN TXT "v=spf1 -exp=why.example.com -all"
`;

function hoverAt(before: string, after: string) {
  const at = ZONE.indexOf(before + after);
  assert.ok(at >= 0, `fixture has no ${before}${after}`);
  const { text, offset } = withCursor(ZONE.slice(0, at) + before + '|' + ZONE.slice(at + before.length));
  const h = hover(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), offset);
  return h && { markdown: h.markdown, text: text.slice(h.span.start, h.span.end) };
}

describe('SPF hover: the version tag', () => {
  it('explains v=spf1 and gives the record’s total lookups', () => {
    const h = hoverAt('"v=sp', 'f1 mx ip4')!;
    assert.equal(h.text, 'v=spf1');
    assert.match(h.markdown, /SPF version 1/);
    assert.match(h.markdown, /This record: at least \*\*5\/10 DNS lookups\*\*, \*\*1\/2 void lookups\*\* \(2 names not resolved without live DNS\)/);
    assert.match(h.markdown, /rfc7208#section-4\.5/);
  });
});

describe('SPF hover: mechanisms and modifiers', () => {
  it('include shows its resolved subtree with per-node counts and the record’s totals', () => {
    const h = hoverAt('include:_spf.ex', 'ample.com include:_spf.google')!;
    assert.equal(h.text, 'include:_spf.example.com');
    assert.match(h.markdown, /when the SPF record of `_spf\.example\.com` gives pass for the client, the result is \*\*pass\*\*/);
    assert.match(
      h.markdown,
      /```text\ninclude:_spf\.example\.com — 3 lookups, 1 void lookup\n  a:gone\.example\.com — 1 lookup, void: gone\.example\.com has no A or AAAA record\n  include:spf\.protection\.outlook\.com — 1 lookup, spf\.protection\.outlook\.com: not resolved without live DNS\n```/,
    );
    assert.match(h.markdown, /`include:_spf\.example\.com` costs \*\*3\*\* of this record's at least \*\*5\/10 DNS lookups\*\*, voids \*\*1\/2\*\*/);
    assert.match(h.markdown, /rfc7208#section-5\.2/);
  });

  it('include is short first: its meaning, what it costs here and the link, then the reference below a rule, nothing said twice', () => {
    const { markdown } = hoverAt('include:_spf.ex', 'ample.com include:_spf.google')!;
    const [short, details] = markdown.split('\n\n---\n');
    const paragraphs = short.split('\n\n');
    assert.equal(paragraphs.length, 3, short);
    assert.match(paragraphs[0], /^\*\*include:\\_spf\.example\.com\*\* — when the SPF record of `_spf\.example\.com` gives pass for the client, the result is \*\*pass\*\*; otherwise evaluation goes on with the next term\.$/);
    assert.match(paragraphs[1], /^`include:_spf\.example\.com` costs \*\*3\*\* of this record's at least \*\*5\/10 DNS lookups\*\*/);
    assert.equal(paragraphs[2], '[RFC 7208 §5.2](https://www.rfc-editor.org/rfc/rfc7208#section-5.2)');
    assert.ok(details.includes('```text\ninclude:_spf.example.com — 3 lookups'), details);
    // The costs are said once, in the short part; the details hold the syntax, the rule and the tree.
    assert.equal(markdown.match(/DNS lookups\*\*/g)?.length, 1, markdown);
  });

  it('an include outside the zone is not resolved without live DNS, and a known provider is named', () => {
    const h = hoverAt('include:_spf.goo', 'gle.com ~all')!;
    assert.match(h.markdown, /include:_spf\.google\.com — 1 lookup, _spf\.google\.com: not resolved without live DNS/);
    assert.match(h.markdown, /documented include of Google Workspace: 1 lookup for the include, plus what the provider's record costs \(varies\)/);
  });

  it('redirect shows its subtree when used, and says it is never used beside all', () => {
    const used = hoverAt('redirect=_spf', '.example.com"\nboth')!;
    assert.match(used.markdown, /when no mechanism matches, the result is that of the SPF record of `_spf\.example\.com`/);
    assert.match(used.markdown, /```text\nredirect=_spf\.example\.com — 3 lookups, 1 void lookup\n/);
    const unused = hoverAt('-all redirect=_spf', '.example.com"\nodd')!;
    assert.match(unused.markdown, /this record has `-all`, so redirect is never used/);
    assert.match(unused.markdown, /redirect=_spf\.example\.com — not counted: the record has "all"/);
  });

  it('mx names the current domain and its MX hosts in the zone', () => {
    const h = hoverAt('v=spf1 m', 'x ip4:198')!;
    assert.equal(h.text, 'mx');
    assert.match(h.markdown, /MX hosts of the current domain \(`example\.com`\) get \*\*pass\*\*\. In this zone the target has 2 MX hosts\./);
    assert.match(h.markdown, /Default: the current domain, \/32 and \/128\./);
  });

  it('ip4 and ip6 give the network and its size', () => {
    assert.match(hoverAt('ip4:198.', '51.100.0/24 ip6')!.markdown, /clients in `198\.51\.100\.0\/24` \(256 addresses\) get \*\*pass\*\*/);
    assert.match(hoverAt('ip6:2001', ':db8::/64')!.markdown, /clients in `2001:db8::\/64` \(2\^64 addresses\)/);
    assert.match(hoverAt('ip4:192.0', '.2.1  redirect')!.markdown, /`192\.0\.2\.1\/32` \(one address\)/);
  });

  it('all says what every other client gets, by its qualifier', () => {
    const h = hoverAt('~a', 'll exp=why')!;
    assert.equal(h.text, '~all');
    assert.match(h.markdown, /every client that no earlier mechanism matched gets \*\*softfail\*\*: the domain believes the client is not authorized/);
  });

  it('exp shows the explanation text the zone publishes', () => {
    const h = hoverAt('exp=why.ex', 'ample.com"')!;
    assert.match(h.markdown, /on fail, receivers may show the sender the text of the TXT record at `why\.example\.com`\. In this zone: "%\{i\} is not one of our servers"/);
    assert.match(h.markdown, /Not counted toward the 10 DNS lookups/);
  });

  it('a and its dual cidr, ptr discouraged, terms after all never evaluated', () => {
    assert.match(hoverAt('+ptr a/2', '4//64')!.markdown, /A or AAAA address of the current domain \(`odd\.example\.com`\) \(within \/24 for IPv4, within \/\/64 for IPv6\)/);
    assert.match(hoverAt('+pt', 'r a/24')!.markdown, /use ip4, ip6 or include instead \(\[RFC 7208 §5\.5\]/);
    assert.match(hoverAt('-all m', 'x"')!.markdown, /never evaluated: it comes after `-all`/);
  });

  it('unknown terms: a mechanism is a permerror with a suggestion, a modifier is ignored', () => {
    const mech = hoverAt('incl', 'de:x.example.com')!;
    assert.match(mech.markdown, /not a mechanism: .*permerror/);
    assert.match(mech.markdown, /did you mean 'include'/);
    assert.match(hoverAt('fo', 'o=bar')!.markdown, /\*\*foo\*\* — unknown modifier: receivers ignore it/);
  });

  it('a qualifier on a modifier is the modifier’s syntax error', () => {
    const h = hoverAt('"v=spf1 ', '-exp=why')!;
    assert.equal(h.text, '-exp=why.example.com');
    assert.match(h.markdown, /a modifier takes no qualifier; remove '-'\. Receivers return permerror for the whole record\./);
  });

  it('a term split across strings is one hover over both pieces of source', () => {
    const h = hoverAt('include:_spf.e', 'xa" "mple.com -all"')!;
    assert.equal(h.text, 'include:_spf.exa" "mple.com');
    assert.match(h.markdown, /include:_spf\.example\.com — 3 lookups/);
  });

  it('nothing between terms', () => {
    assert.equal(hoverAt('ip4:192.0.2.1 ', ' redirect'), undefined);
  });
});

describe('SPF hover: qualifiers', () => {
  it('explains the qualifier under the cursor and what its result means for the mail', () => {
    const h = hoverAt('ip4:192.0.2.1 ', '-all mx')!;
    assert.equal(h.text, '-');
    assert.match(h.markdown, /`-` qualifier — fail: the client is explicitly not authorized/);
    assert.match(h.markdown, /every client that no earlier mechanism matched gets \*\*fail\*\*: an explicit statement that the client is not authorized; receivers may reject the message/);
    assert.match(h.markdown, /rfc7208#section-8\.4/);
    assert.match(h.markdown, /Default when none is written: `\+` \(pass\)/);
  });
  it('on a mechanism other than all, names the term', () => {
    const h = hoverAt('"v=spf1 ', '+ptr')!;
    assert.match(h.markdown, /when `ptr` matches, the result is \*\*pass\*\*/);
    assert.match(hoverAt('d2} ', '-exists')!.markdown, /\*\*fail\*\*/);
    assert.match(hoverAt('lp.%{S}.example.com ', '?exists')!.markdown, /\*\*neutral\*\*: no statement either way; receivers must treat it exactly like having no SPF record/);
  });
});

describe('SPF hover: macros', () => {
  it('%{ir}: the letter and transformers in words, with the RFC 7208 §7.4 example', () => {
    const h = hoverAt('exists:%{i', 'r}.%{v}')!;
    assert.equal(h.text, '%{ir}');
    assert.match(h.markdown, /\*\*`%\{ir\}`\*\*: the client address, reversed, dot-separated/);
    assert.match(h.markdown, /`%\{ir\}` → `3\.2\.0\.192`/);
    assert.match(h.markdown, /rfc7208#section-7\.2/);
  });
  it('digits and delimiters', () => {
    assert.match(hoverAt('._spf.%{d', '2} -exists')!.markdown, /its rightmost 2 parts, dot-separated[\s\S]*`%\{d2\}` → `example\.com`/);
    const l = hoverAt('-exists:%{l1', 'r-}')!;
    assert.match(l.markdown, /local-part of \\<sender\\>, split on "-", reversed, its rightmost 1 part, dot-separated/);
    assert.match(l.markdown, /`%\{l1r-\}` → `strong`/);
  });
  it('an upper-case letter is URL-escaped', () => {
    assert.match(hoverAt('.lp.%{', 'S}.example')!.markdown, /URL-escaped[\s\S]*`%\{S\}` → `strong-bad%40email\.example\.com`/);
  });
  it('c, r and t are flagged outside explanation text', () => {
    assert.match(hoverAt('?exists:%{', 'c}.example')!.markdown, /allowed only in explanation text/);
  });
  it('the macro hover is the macro, the rest of the term is the term', () => {
    assert.equal(hoverAt('.%{v}._s', 'pf.%{d2}')!.text, 'exists:%{ir}.%{v}._spf.%{d2}');
  });
  it('escapes', () => {
    const h = hoverAt('foo=bar%', '_baz')!;
    assert.equal(h.text, '%_');
    assert.match(h.markdown, /a space/);
  });
});
