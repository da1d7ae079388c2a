/**
 * Names to navigate (server/src/core/features/names.ts): what the cursor is
 * on, every place a name is written, and where it is defined, over a zone
 * with every kind of pointer — SPF terms, MX, CNAME, NS, SRV, PTR targets —
 * and an `$INCLUDE`d file. `|` marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { includeOccurrences, nameAt, nameDefinitions, nameOccurrences } from '../../server/src/core/features/names';
import type { FileReader } from '../../server/src/core/io';
import { analyzeDocument } from '../../server/src/core/service';
import { withCursor } from '../support/fixture';

const ZONE = `$ORIGIN example.com.
$TTL 1h
@        IN SOA ns1 hostmaster ( 2026010100 2h 1h 2w 1h )
         IN NS  ns1
         IN MX  10 mail
         IN TXT "v=spf1 mx a:mail.example.com include:_spf.example.com redirect=_spf.example.com"
_spf     IN TXT "v=spf1 ip4:192.0.2.0/24 exists:%{i}.mail.example.com -all"
_spf     IN TXT "not spf"
mail     IN A   192.0.2.1
         IN AAAA 2001:db8::1
ns1      IN A   192.0.2.2
www      IN CNAME mail
_imaps._tcp IN SRV 0 1 993 Mail.example.com.
1.2.0.192.in-addr.arpa. IN PTR mail.example.com.
$INCLUDE extra.zone
`;

const EXTRA = `mx2 IN MX 20 mail.example.com.\n`;

const reader: FileReader = {
  resolve: (_from, target) => `/zones/${target}`,
  read: (file) => (file === '/zones/extra.zone' ? { text: EXTRA } : { error: 'missing' }),
};

function analyse(text: string) {
  return analyzeDocument({ text, file: '/zones/example.com.zone', reader }, { dmarcStandard: 'rfc9989' });
}

function at(fixture: string) {
  const { text, offset } = withCursor(fixture);
  const analysis = analyse(text);
  return { analysis, text, target: nameAt(analysis.view, offset) };
}

const cursorIn = (needle: string, within = 2): string => {
  const i = ZONE.indexOf(needle);
  assert.ok(i >= 0, needle);
  return `${ZONE.slice(0, i + within)}|${ZONE.slice(i + within)}`;
};

describe('names: what the cursor is on', () => {
  it('an SPF include: domain is a name, preferring the TXT record the include reads', () => {
    const { target, text } = at(cursorIn('include:_spf', 10));
    assert.equal(target?.kind, 'name');
    assert.ok(target?.kind === 'name');
    assert.equal(target.name, '_spf.example.com.');
    assert.equal(target.role, 'spf');
    assert.deepEqual(target.prefer, ['TXT']);
    assert.equal(text.slice(target.span.start, target.span.end), '_spf.example.com');
  });

  it('redirect=, a: and the MX, CNAME, SRV and PTR targets are names; a macro domain is not', () => {
    assert.equal(at(cursorIn('redirect=_spf', 11)).target?.kind === 'name' && at(cursorIn('redirect=_spf', 11)).target?.span.start, ZONE.indexOf('_spf.example.com"'));
    const a = at(cursorIn('a:mail', 4)).target;
    assert.ok(a?.kind === 'name' && a.name === 'mail.example.com.' && a.prefer.join() === 'A,AAAA');
    const mx = at(cursorIn('10 mail', 4)).target;
    assert.ok(mx?.kind === 'name' && mx.name === 'mail.example.com.' && mx.role === 'target');
    const cname = at(cursorIn('CNAME mail', 7)).target;
    assert.ok(cname?.kind === 'name' && cname.name === 'mail.example.com.' && cname.prefer.length === 0);
    const srv = at(cursorIn('Mail.example.com.', 3)).target;
    assert.ok(srv?.kind === 'name' && srv.name === 'mail.example.com.', 'an SRV target in another case is the same name');
    const ptr = at(cursorIn('PTR mail', 6)).target;
    assert.ok(ptr?.kind === 'name' && ptr.name === 'mail.example.com.');
    assert.equal(at(cursorIn('%{i}', 2)).target, undefined);
  });

  it('an owner is a name, an $INCLUDE argument is a file, and an address is nothing', () => {
    const owner = at(cursorIn('ns1      IN', 1)).target;
    assert.ok(owner?.kind === 'name' && owner.name === 'ns1.example.com.' && owner.role === 'owner');
    const file = at(cursorIn('extra.zone', 3)).target;
    assert.deepEqual(file?.kind === 'file' && file.path, '/zones/extra.zone');
    assert.equal(at(cursorIn('192.0.2.1', 3)).target, undefined);
  });
});

describe('names: occurrences and definitions', () => {
  it('every place mail.example.com. is written, the included file too', () => {
    const analysis = analyse(ZONE);
    const found = nameOccurrences(analysis.view, 'mail.example.com.').map((o) => {
      const text = o.file ? EXTRA : ZONE;
      return `${o.role}:${o.file ?? ''}:${text.slice(o.span.start, o.span.end)}`;
    });
    assert.deepEqual(found, [
      'target::mail',
      'spf::mail.example.com',
      'owner::mail',
      'target::mail',
      'target::Mail.example.com.',
      'target::mail.example.com.',
      'target:/zones/extra.zone:mail.example.com.',
    ]);
  });

  it('an include’s definition is the SPF record first; a:’s is the addresses; a name without the preferred types gives all its records', () => {
    const analysis = analyse(ZONE);
    const spf = nameDefinitions(analysis.view, '_spf.example.com.', ['TXT']).map((l) => ZONE.slice(l.span.start, l.span.end));
    assert.deepEqual(spf, ['_spf     IN TXT "v=spf1 ip4:192.0.2.0/24 exists:%{i}.mail.example.com -all"', '_spf     IN TXT "not spf"']);
    const addresses = nameDefinitions(analysis.view, 'mail.example.com.', ['A', 'AAAA']).map((l) => ZONE.slice(l.span.start, l.span.end));
    assert.deepEqual(addresses, ['mail     IN A   192.0.2.1', 'IN AAAA 2001:db8::1']);
    assert.equal(nameDefinitions(analysis.view, 'www.example.com.', ['A']).length, 1);
    assert.deepEqual(nameDefinitions(analysis.view, 'nowhere.example.com.'), []);
  });

  it('the $INCLUDE directives that read a file', () => {
    const analysis = analyse(ZONE);
    const found = includeOccurrences(analysis.zone, '/zones/extra.zone');
    assert.deepEqual(found.map((l) => ZONE.slice(l.span.start, l.span.end)), ['extra.zone']);
    assert.deepEqual(includeOccurrences(analysis.zone, '/zones/other.zone'), []);
  });
});
