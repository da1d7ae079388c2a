/**
 * Incremental re-parsing against the full parser: every fixture zone, edited
 * at seeded random places inside and around its records (characters typed,
 * deleted or replaced, quotes, parentheses, semicolons and line breaks
 * among them), must give the same zone from `reparseZone` — whenever it
 * takes the edit — as from `parseZone` on the edited text: the same
 * records with the same spans, tokens, TXT maps and presentation, the same
 * directives and the same problems. The test also requires the fast path to
 * take most edits inside records, so it cannot pass by always declining.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Token, Zone } from '../../server/src/core/zone/ast';
import { parseZone, reparseZone } from '../../server/src/core/zone/parser';
import { randomEdit as edit, fixtureZones } from '../support/randomEdits';
import { diskReader } from '../support/fixture';
import { seededRandom } from '../support/random';

/** Everything of a zone a rule or feature can read, as plain data. */
function snapshot(zone: Zone): unknown {
  const token = (t: Token) => [t.raw, t.quoted, t.span.start, t.span.end];
  return {
    records: zone.records.map((r) => ({
      file: r.file,
      index: r.index,
      span: r.span,
      owner: r.owner,
      ownerSpan: r.ownerSpan,
      ttl: r.ttl,
      ttlSpan: r.ttlSpan,
      ttlDefaulted: r.ttlDefaulted,
      rrClass: r.rrClass,
      classSpan: r.classSpan,
      type: r.type,
      typeCode: r.typeCode,
      typeSpan: r.typeSpan,
      rdata: r.rdata.map(token),
      presentation: r.presentation,
      targets: r.targets,
      fields: r.fields,
      generated: r.generated,
      txt: r.txt && {
        text: r.txt.text,
        strings: r.txt.strings.map((s) => [token(s.token), s.value, s.octets, [...Array(s.value.length + 1).keys()].map((k) => s.map.toSource(k))]),
        map: [...Array(r.txt.text.length + 1).keys()].map((k) => [r.txt!.map.toSource(k), r.txt!.map.toSourceEnd(k)]),
        back: [...Array(Math.min(r.txt.text.length + 4, 600)).keys()].map((k) => r.txt!.map.fromSource(r.span.start + k)),
      },
    })),
    directives: zone.directives.map((d) => ({ file: d.file, name: d.name, span: d.span, nameSpan: d.nameSpan, args: d.args.map(token), target: d.target })),
    problems: zone.problems.map((p) => ({ file: p.file, span: p.span, message: p.message })),
    origin: zone.origin,
    text: zone.text,
  };
}

describe('incremental re-parsing', () => {
  it('gives the full parse of the edited text for random edits in and around the records of every fixture zone', () => {
    let taken = 0;
    let insideRecords = 0;
    const files = fixtureZones();
    assert.ok(files.length > 100, `${files.length} fixture zones`);
    for (const [n, file] of files.entries()) {
      let text = fs.readFileSync(file, 'utf8');
      const options = { file, origin: 'example.com.', reader: diskReader };
      // Edits follow one another, each on the zone the one before gave, as an editor's do.
      let previous = parseZone(text, options);
      const next = seededRandom(n + 1);
      for (let k = 0; k < 12; k++) {
        const own = previous.records.filter((r) => r.file === undefined && !r.generated);
        if (own.length === 0) break;
        const record = own[Math.floor(next() * own.length)];
        // Mostly inside the record, sometimes at its edges or just outside.
        const at = Math.max(0, Math.min(text.length, record.span.start - 2 + Math.floor(next() * (record.span.end - record.span.start + 4))));
        const edited = edit(text, at, next);
        // Half the edits come with the inserted text, as the language server gives them, half without.
        const change = k % 2 === 0 ? edited.change : { start: edited.change.start, end: edited.change.end, newLength: edited.change.newLength };
        const incremental = reparseZone(previous, edited.text, change, options)?.zone;
        const full = parseZone(edited.text, options);
        if (at > record.span.start && at < record.span.end) insideRecords++;
        if (incremental) {
          taken++;
          assert.deepEqual(snapshot(incremental), snapshot(full), `${path.relative(process.cwd(), file)} edit ${k}: ${JSON.stringify(edited.change)} ${JSON.stringify(edited.text.slice(edited.change.start - 10, edited.change.start + edited.change.newLength + 10))}`);
        }
        text = edited.text;
        previous = incremental ?? full;
      }
    }
    // Most edits inside a record keep it one record; the fast path must take a good share of them.
    assert.ok(taken > insideRecords / 3, `the fast path took ${taken} of ${insideRecords} edits inside records`);
  });

  it('declines an edit that changes what later entries inherit, and one that spans entries', () => {
    const text = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\nwww 60 IN A 192.0.2.1\n   IN AAAA 2001:db8::1\nmail IN A 192.0.2.2\n';
    const previous = parseZone(text);
    const at = (needle: string) => text.indexOf(needle);
    // The owner www is inherited by the AAAA record below it.
    const owner = { start: at('www'), end: at('www') + 1, newLength: 1 };
    assert.equal(reparseZone(previous, `${text.slice(0, owner.start)}x${text.slice(owner.end)}`, owner), undefined);
    // A TTL written on an entry is inherited by later ones when there is no $TTL… and here it changes value.
    const ttl = { start: at('60'), end: at('60') + 2, newLength: 2 };
    assert.equal(reparseZone(previous, `${text.slice(0, ttl.start)}90${text.slice(ttl.end)}`, ttl), undefined);
    // Joining two lines makes one entry of two.
    const join = { start: at('192.0.2.1') + 9, end: at('192.0.2.1') + 10, newLength: 0 };
    assert.equal(reparseZone(previous, text.slice(0, join.start) + text.slice(join.end), join), undefined);
    // An address edited in place is taken, and the records after it move.
    const address = { start: at('192.0.2.1') + 8, end: at('192.0.2.1') + 9, newLength: 2 };
    const changed = `${text.slice(0, address.start)}10${text.slice(address.end)}`;
    const zone = reparseZone(previous, changed, address)?.zone;
    assert.ok(zone);
    assert.deepEqual(snapshot(zone), snapshot(parseZone(changed)));
  });

  it('declines an edit that changes what the checks at the top of the zone find, and takes one that does not', () => {
    const D = '0123456789ABCDEF'.repeat(4);
    const text = `$ORIGIN example.\n$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n@ DNSKEY 257 3 13 AAAA\n@ CDS 1 13 2 ${D}\nx DS 1 13 2 ${D}\n`;
    const previous = parseZone(text);
    assert.deepEqual(previous.problems, []);
    const replace = (needle: string, by: string) => {
      const start = text.indexOf(needle);
      return { text: text.slice(0, start) + by + text.slice(start + needle.length), change: { start, end: start + needle.length, newLength: by.length } };
    };
    // The CDS's algorithm no longer matches the DNSKEY: a problem appears on another record's terms.
    const algorithm = replace('CDS 1 13', 'CDS 1 14');
    assert.equal(reparseZone(previous, algorithm.text, algorithm.change), undefined);
    assert.equal(parseZone(algorithm.text).problems.length, 1);
    // The NS target becomes an alias.
    const alias = replace('ns1 A 192.0.2.1', 'ns1 CNAME h.net.');
    assert.equal(reparseZone(previous, alias.text, alias.change), undefined);
    // A DS moved to the top.
    const top = replace('x DS', '@ DS');
    assert.equal(reparseZone(previous, top.text, top.change), undefined);
    // A key tag changes nothing BIND checks: the edit is taken.
    const tag = replace('CDS 1 13', 'CDS 2 13');
    const zone = reparseZone(previous, tag.text, tag.change)?.zone;
    assert.ok(zone);
    assert.deepEqual(snapshot(zone), snapshot(parseZone(tag.text)));
  });
});
