/**
 * Macro expansion (RFC 7208 §7): the worked examples of §7.4, exactly, and
 * the transformer and escaping rules around them.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientIp } from '../../server/src/core/records/spf/address';
import { expandDomainSpec, expandMacroString, reverseName, transform, truncateName, urlEscape, type MacroEnv } from '../../server/src/core/records/spf/expand';
import { parseMacroString } from '../../server/src/core/records/spf/macro';

function env(ip: string, extra: Partial<MacroEnv> = {}): MacroEnv {
  return {
    sender: 'strong-bad@email.example.com',
    domain: 'email.example.com',
    ip: parseClientIp(ip)!,
    helo: 'mx.example.org',
    validatedName: async () => 'mx.example.org',
    ...extra,
  };
}

async function expand(text: string, e: MacroEnv, context: 'domain' | 'explain' = 'domain'): Promise<string> {
  const ms = parseMacroString(text, 0, text.length, context);
  assert.deepEqual(ms.errors, [], `${text} should parse`);
  return expandMacroString(ms, e);
}

describe('RFC 7208 §7.4 examples', () => {
  const v4 = env('192.0.2.3');
  const table: Array<[string, string]> = [
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ];
  for (const [macro, expected] of table) {
    it(`${macro} → ${expected}`, async () => assert.equal(await expand(macro, v4), expected));
  }
  it('IPv6: %{ir}.%{v}._spf.%{d2}', async () => {
    assert.equal(
      await expand('%{ir}.%{v}._spf.%{d2}', env('2001:db8::cb01')),
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
    );
  });
});

describe('macro details', () => {
  it('escapes %% %_ %- and URL-escapes upper-case letters', async () => {
    assert.equal(await expand('a%%b%_c%-d', env('192.0.2.3')), 'a%b c%20d');
    assert.equal(await expand('%{L}', env('192.0.2.3', { sender: '~jack&jill=up-a_b3.c@example.com' })), '~jack%26jill%3Dup-a_b3.c');
    assert.equal(urlEscape('é'), '%C3%A9');
  });
  it('splits on every listed delimiter', () => {
    assert.equal(transform('foo-bar+zip+quux', { digits: 2, reverse: true, delimiters: '+-' }), 'bar.foo');
    assert.equal(transform('a.b.c', { digits: 5, reverse: false, delimiters: '' }), 'a.b.c');
  });
  it('c, r, t, p and v in explanation text', async () => {
    const e = env('2001:db8::cb01', { receiver: 'mx.receiver.example', now: 1700000000.7 });
    assert.equal(await expand('%{c} %{r} %{t} %{p} %{v}', e, 'explain'), '2001:db8::cb01 mx.receiver.example 1700000000 mx.example.org ip6');
    assert.equal(await expand('%{r}', env('192.0.2.3'), 'explain'), 'unknown');
  });
  it('an empty local-part is postmaster', async () => {
    assert.equal(await expand('%{l}', env('192.0.2.3', { sender: '@example.net' })), 'postmaster');
  });
  it('domain names drop one trailing dot and are truncated from the left past 253 characters', async () => {
    const spec = '%{d}.';
    assert.equal(await expandDomainSpec(parseMacroString(spec, 0, spec.length), env('192.0.2.3')), 'email.example.com');
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`;
    assert.equal(long.length, 255);
    assert.equal(truncateName(long), `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`);
  });
  it('reverse names for PTR queries', () => {
    assert.equal(reverseName(parseClientIp('192.0.2.3')!), '3.2.0.192.in-addr.arpa.');
    assert.equal(reverseName(parseClientIp('::ffff:192.0.2.3')!), '3.2.0.192.in-addr.arpa.');
    assert.equal(reverseName(parseClientIp('2001:db8::cb01')!), '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
  });
});
