/**
 * The record store: records that read their rdata again from the source
 * when asked (zone/record.ts) must give what the parse read, wherever the
 * entry's text is awkward (parentheses before its first token, comments and
 * line breaks inside, a byte-order mark, an `$INCLUDE`d file, a '(' never
 * closed), and after an edit before them has moved them. The mail kind the
 * parser marks on a record must be the one `classify` finds from its text.
 * Owner names are interned once per parse, with their ancestors, and the
 * view finds records by them as it did by name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { classify } from '../../server/src/core/model/classify';
import type { ResourceRecord } from '../../server/src/core/zone/ast';
import { parseZone, reparseZone } from '../../server/src/core/zone/parser';
import { ZoneRecord } from '../../server/src/core/zone/record';
import { NameTable } from '../../server/src/core/zone/nameTable';
import { ZoneView } from '../../server/src/core/model/zoneView';
import { diskReader } from '../support/fixture';
import { fixtureZones } from '../support/randomEdits';

/** A record's rdata as [raw, start, end] triples, and each token's raw text checked against the source at its span. */
function tokens(record: ResourceRecord, text: string): Array<[string, number, number]> {
  return record.rdata.map((t) => {
    assert.equal(text.slice(t.span.start, t.span.end), t.raw, `token ${t.raw} at ${t.span.start}`);
    return [t.raw, t.span.start, t.span.end];
  });
}

describe('record store', () => {
  it('reads rdata again from the source as the parse read it, around parentheses, comments and line breaks', () => {
    const text = '$ORIGIN example.com.\n$TTL 300\n( www IN A\n  192.0.2.1 )\nmulti IN A ( ; first line\n  192.0.2.2 ; second\n)\n  IN AAAA 2001:db8::1\nloc IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m\n';
    const zone = parseZone(text);
    assert.deepEqual(zone.problems, []);
    const [www, multi, aaaa, loc] = zone.records;
    assert.deepEqual(tokens(www, text), [['192.0.2.1', text.indexOf('192.0.2.1'), text.indexOf('192.0.2.1') + 9]]);
    assert.deepEqual(tokens(multi, text), [['192.0.2.2', text.indexOf('192.0.2.2'), text.indexOf('192.0.2.2') + 9]]);
    assert.equal(aaaa.owner, 'multi.example.com.');
    assert.deepEqual(tokens(aaaa, text).map((t) => t[0]), ['2001:db8::1']);
    assert.equal(tokens(loc, text).length, 12);
    assert.equal(loc.presentation, '52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m');
    // Reading twice gives the same content: nothing the first read did changes the second.
    assert.deepEqual(tokens(multi, text), tokens(multi, text));
  });

  it('reads a record after a byte-order mark, in an $INCLUDEd file, and in an entry whose ( never closes', () => {
    const bom = '\uFEFFwww 300 IN A 192.0.2.1\n';
    assert.deepEqual(tokens(parseZone(bom, { origin: 'example.com.' }).records[0], bom), [['192.0.2.1', bom.indexOf('192'), bom.indexOf('192') + 9]]);

    const inner = '; included\nmail 300 IN A 192.0.2.7\n';
    const reader = { resolve: (_from: string, target: string) => target, read: (p: string) => (p === 'inner.zone' ? { text: inner } : { error: 'no such file' }) };
    const outer = '$TTL 300\n$INCLUDE inner.zone\nafter IN A 192.0.2.8\n';
    const included = parseZone(outer, { origin: 'example.com.', reader, file: 'outer.zone' });
    assert.deepEqual(included.problems, []);
    assert.equal(included.records[0].file, 'inner.zone');
    assert.deepEqual(tokens(included.records[0], inner), [['192.0.2.7', inner.indexOf('192.0.2.7'), inner.indexOf('192.0.2.7') + 9]]);
    assert.deepEqual(tokens(included.records[1], outer).map((t) => t[0]), ['192.0.2.8']);

    const open = '$TTL 300\nx.example. IN A ( 192.0.2.9\n';
    const unclosed = parseZone(open);
    assert.equal(unclosed.problems.length, 1);
    assert.deepEqual(tokens(unclosed.records[0], open).map((t) => t[0]), ['192.0.2.9']);
  });

  it('moves the records after an edit and keeps those before it readable from the new text', () => {
    const text = '$ORIGIN example.com.\n$TTL 300\na IN A 192.0.2.1\nb IN A 192.0.2.2\nc IN A ( 192.0.2.3 )\n';
    const previous = parseZone(text);
    const start = text.indexOf('192.0.2.2') + 8;
    const edited = `${text.slice(0, start)}22${text.slice(start + 1)}`;
    const zone = reparseZone(previous, edited, { start, end: start + 1, newLength: 2 })?.zone;
    assert.ok(zone);
    assert.deepEqual(zone.records.map((r) => tokens(r, edited)), parseZone(edited).records.map((r) => tokens(r, edited)));
    assert.deepEqual(tokens(zone.records[2], edited), [['192.0.2.3', edited.indexOf('192.0.2.3'), edited.indexOf('192.0.2.3') + 9]]);
    // The record before the edit is the same object in both zones, and still right for the old text.
    assert.equal(zone.records[0], previous.records[0]);
    assert.deepEqual(tokens(previous.records[0], text), tokens(zone.records[0], edited));
  });

  it('marks each record of every fixture zone with the mail kind its text and owner give', () => {
    let kinds = 0;
    for (const file of fixtureZones()) {
      const zone = parseZone(fs.readFileSync(file, 'utf8'), { file, origin: 'example.com.', reader: diskReader });
      for (const record of zone.records) {
        assert.ok(record instanceof ZoneRecord);
        assert.equal(record.mailKind, classify(record), `${file}: ${record.owner} ${record.type}`);
        if (record.mailKind) kinds++;
      }
    }
    assert.ok(kinds > 100, `${kinds} mail records`);
  });

  it('interns each owner once, adds its ancestors as a walk up by parent ids asks for them', () => {
    const table = new NameTable();
    const id = table.intern('a\\.b.mail.example.com.');
    assert.equal(table.intern('a\\.b.mail.example.com.'), id);
    const walk: string[] = [];
    // Bound: one step per label of the name.
    for (let n = id; n >= 0; n = table.parent(n)) walk.push(table.name(n));
    assert.deepEqual(walk, ['a\\.b.mail.example.com.', 'mail.example.com.', 'example.com.', 'com.', '.']);
    assert.equal(table.size, 5);
    // A second walk finds the ancestors the first one added, and adds none.
    assert.equal(table.name(table.parent(table.parent(id))), 'example.com.');
    assert.equal(table.size, 5);
    // Enough names to grow the parent array past its first size.
    for (let k = 0; k < 200; k++) table.intern(`h${k}.example.com.`);
    assert.equal(table.name(table.parent(table.idOf('h199.example.com.')!)), 'example.com.');
    assert.equal(table.size, 205);
    assert.equal(table.idOf('nowhere.example.com.'), undefined);

    const text = '$ORIGIN example.com.\n$TTL 300\nwww IN A 192.0.2.1\nWWW IN AAAA 2001:db8::1\nwww.example.com. IN TXT "x"\nmail IN MX 10 www\n';
    const zone = parseZone(text);
    const owners = zone.records.map((r) => (r as ZoneRecord).ownerId);
    assert.deepEqual(owners.slice(0, 3), [owners[0], owners[0], owners[0]]);
    assert.equal(zone.records[1].owner, zone.records[0].owner);
    const view = new ZoneView(zone);
    assert.deepEqual(view.recordsAt('WWW.example.com.').map((r) => r.type), ['A', 'AAAA', 'TXT']);
    assert.deepEqual(view.recordsAt('example.com.'), []);
    assert.deepEqual([...view.ownerNames()], ['www.example.com.', 'mail.example.com.']);
    assert.deepEqual(view.ofType('MX').map((r) => r.owner), ['mail.example.com.']);
    assert.deepEqual(view.ofType('TYPE15'), []);
  });
});
