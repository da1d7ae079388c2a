/**
 * SPF lookup trees shared between records with the same text at different
 * owners (records/spf/rules/common.ts `treeOf`): each record's tree must be
 * the tree a walk from its own owner builds, including where a walk comes
 * back to the owner (a loop), and must stay so when an edit changes the
 * record the shared tree was built at or a record the walk reached.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneView } from '../../server/src/core/model/zoneView';
import { TextMemo } from '../../server/src/core/records/textMemo';
import { parsedSpf, treeOf } from '../../server/src/core/records/spf/rules/common';
import { buildTree, type SpfTree } from '../../server/src/core/records/spf/tree';
import { zoneLookup } from '../../server/src/core/records/spf/zoneLookup';
import type { ResourceRecord } from '../../server/src/core/zone/ast';
import { analyzeDocument, analyzeParsed, parseDocument, type Analysis } from '../../server/src/core/service';
import { parseZone } from '../../server/src/core/zone/parser';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA  ns1 hostmaster 1 7200 3600 1209600 3600
        IN NS   ns1
ns1     IN A    192.0.2.53
_spf    IN TXT  "v=spf1 ip4:192.0.2.0/24 -all"
mail1   IN TXT  "v=spf1 include:_spf.example.com -all"
mail2   IN TXT  "v=spf1 include:_spf.example.com -all"
mail3   IN TXT  "v=spf1 include:_spf.example.com -all"
other   IN TXT  "v=spf1 include:ring2.example.com -all"
ring1   IN TXT  "v=spf1 include:ring2.example.com -all"
ring2   IN TXT  "v=spf1 include:ring1.example.com -all"
loopa   IN TXT  "v=spf1 include:loopb.example.com -all"
loopb   IN TXT  "v=spf1 include:loopa.example.com -all"
later   IN TXT  "v=spf1 include:loopb.example.com -all"
host1   IN A    192.0.2.1
host1   IN TXT  "v=spf1 a include:_spf.example.com -all"
host2   IN TXT  "v=spf1 a include:_spf.example.com -all"
`;

const settings = { dmarcStandard: 'rfc9989' as const };

function spfRecords(view: ZoneView): ResourceRecord[] {
  return [...view.ofKind('spf')];
}

function shared(view: ZoneView, record: ResourceRecord): SpfTree {
  return treeOf({ record, txt: record.txt!, parsed: parsedSpf(view, record), zone: view });
}

function own(view: ZoneView, record: ResourceRecord): SpfTree {
  return buildTree(record.owner, parsedSpf(view, record), zoneLookup(view));
}

/** The tree as plain data, so two trees compare by content. */
function plain(tree: SpfTree): unknown {
  return JSON.parse(JSON.stringify(tree));
}

describe('shared SPF lookup trees', () => {
  it('give every record the tree a walk from its own owner builds', () => {
    const view = new ZoneView(parseZone(ZONE, { origin: 'example.com.' }), settings);
    const records = spfRecords(view);
    assert.equal(records.length, 12);
    for (const record of records) assert.deepEqual(plain(shared(view, record)), plain(own(view, record)), record.owner);
  });

  it('walk a text that names every target once, and a text with a bare `a` at each owner', () => {
    const view = new ZoneView(parseZone(ZONE, { origin: 'example.com.' }), settings);
    const at = (owner: string) => view.recordsAt(`${owner}.example.com.`, 'TXT')[0];
    const [one, two, three] = ['mail1', 'mail2', 'mail3'].map((owner) => shared(view, at(owner)));
    // The include's subtree is the one walk's, hung from each owner.
    assert.equal(two.children[0].children, one.children[0].children);
    assert.equal(three.children[0].children, one.children[0].children);
    assert.equal(two.domain, 'mail2.example.com.');
    assert.equal(two.children[0].domain, 'mail2.example.com.');
    // `a` asks about the owner itself: host1 has an address, host2 has none.
    assert.equal(shared(view, at('host1')).children[0].result, 'record');
    assert.equal(shared(view, at('host2')).children[0].result, 'void');
  });

  // other's walk, built first, reaches ring1; from ring1 itself the same text comes back to ring1 a step earlier.
  it('build afresh where the walk comes back to the owner', () => {
    const view = new ZoneView(parseZone(ZONE, { origin: 'example.com.' }), settings);
    const ring1 = shared(view, view.recordsAt('ring1.example.com.', 'TXT')[0]);
    const other = shared(view, view.recordsAt('other.example.com.', 'TXT')[0]);
    // ring1 → ring2 → ring1 is a loop at ring1's own name; from other the walk goes round ring2 and ring1 first.
    assert.equal(ring1.children[0].children[0].result, 'loop');
    assert.equal(other.children[0].children[0].result, 'record');
    assert.equal(other.children[0].children[0].children[0].result, 'loop');
  });

  it('stay right after edits of the record the tree was built at and of the record the walks reach', () => {
    const input = (text: string) => ({ text, file: 'shared.zone', origin: 'example.com.' });
    const edits: readonly [string, string][] = [
      ['mail1   IN TXT  "v=spf1 include:_spf.example.com -all"', 'mail1   IN TXT  "v=spf1 include:_spf.example.com ~all"'],
      ['_spf    IN TXT  "v=spf1 ip4:192.0.2.0/24 -all"', '_spf    IN TXT  "v=spf1 include:mail2.example.com -all"'],
      ['mail3   IN TXT  "v=spf1 include:_spf.example.com -all"', 'mail3   IN TXT  "v=spf1 include:_spf.example.com include:nothere.example.com -all"'],
    ];
    let text = ZONE;
    let previous: Analysis = analyzeParsed(parseDocument(input(text)), settings, 'none');
    for (const [from, to] of edits) {
      const start = text.indexOf(from);
      assert.ok(start >= 0, from);
      const edited = text.slice(0, start) + to + text.slice(start + from.length);
      const change = { start, end: start + from.length, newLength: to.length, text: to };
      const after = analyzeParsed(parseDocument(input(edited), { zone: previous.zone, change }), settings, previous);
      const fresh = analyzeDocument(input(edited), settings);
      assert.ok(after.incremental, `${to}: analysed incrementally`);
      assert.deepEqual(
        after.findings.map((f) => [f.rule, f.span, f.message]),
        fresh.findings.map((f) => [f.rule, f.span, f.message]),
        to,
      );
      for (const record of spfRecords(after.view)) assert.deepEqual(plain(shared(after.view, record)), plain(own(fresh.view, fresh.zone.records[record.index!])), `${to}: ${record.owner}`);
      text = edited;
      previous = after;
    }
  });
});

describe('TextMemo', () => {
  it('parses a text once, keeps at most its bound of texts, and does not keep a text over its length bound', () => {
    const parsed: string[] = [];
    const memo = new TextMemo((text) => {
      parsed.push(text);
      return { text };
    }, 2, 5);
    const a = memo.get('a');
    assert.equal(memo.get('a'), a);
    memo.get('b');
    memo.get('c');
    // 'a' was the oldest of three: it went, so it is parsed again.
    assert.notEqual(memo.get('a'), a);
    memo.get('longer');
    memo.get('longer');
    assert.deepEqual(parsed, ['a', 'b', 'c', 'a', 'longer', 'longer']);
  });
});
