/**
 * The server's reuse of diagnostics across versions (diagnosticCache.ts):
 * over random edits of every fixture zone, the diagnostics converted with
 * the last conversion's reused are exactly those converted afresh, and an
 * unchanged finding in a part of the text whose lines did not move is the
 * same object as before, converted once.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { AnalysisView } from '../../server/src/convert';
import { analyzeDocument } from '../../server/src/core/service';
import { DiagnosticCache } from '../../server/src/diagnosticCache';
import type { Finding } from '../../server/src/core/rules/rule';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { fixtureZones, MAIL_TYPED, randomEdit } from '../support/randomEdits';
import { seededRandom } from '../support/random';

const URI = 'untitled:example.com';

function viewOf(text: string, version: number, findings?: readonly Finding[]): AnalysisView {
  const analysis = analyzeDocument({ text, origin: 'example.com.' }, { dmarcStandard: 'rfc9989' });
  return new AnalysisView(URI, version, findings ? { ...analysis, findings } : analysis, new LineIndex(text));
}

describe('diagnostics reused across versions', () => {
  it('are the diagnostics a fresh conversion makes, after random edits of every fixture zone', () => {
    const next = seededRandom(2612);
    let reused = 0;
    for (const file of fixtureZones()) {
      let text = fs.readFileSync(file, 'utf8');
      const cache = new DiagnosticCache();
      let last = viewOf(text, 1).diagnostics(cache).get(URI)!;
      for (let k = 0; k < 6; k++) {
        const at = Math.floor(next() * (text.length + 1));
        const edit = randomEdit(text, at, next, MAIL_TYPED);
        cache.edited(edit.change, text.slice(edit.change.start, edit.change.end));
        text = edit.text;
        const view = viewOf(text, k + 2);
        const cached = view.diagnostics(cache).get(URI)!;
        assert.deepEqual(cached, view.diagnostics().get(URI), `${file} after edit ${k} (${JSON.stringify(edit.change)})`);
        reused += cached.filter((d) => last.includes(d)).length;
        last = cached;
      }
    }
    // Most edits leave most findings where they were: the comparison above covered reused diagnostics.
    assert.ok(reused > 100, `only ${reused} diagnostics were reused`);
  });

  it('converts an unchanged finding once, and again only when lines before it moved', () => {
    const text = '$ORIGIN example.com.\n@ 3600 IN TXT "v=spf1 +all"\nmail 3600 IN TXT "v=spf1 +all"\n';
    const cache = new DiagnosticCache();
    let converted = 0;
    const convert = (view: AnalysisView) => {
      const findings = view.analysis.findings;
      return cache.convert(findings, () => undefined, (f) => {
        converted++;
        return { range: view.range(f.span), message: f.message };
      });
    };
    const first = convert(viewOf(text, 1));
    assert.ok(first.length >= 2);
    const count = converted;
    // The same length, no line break: every position stays, nothing is converted again.
    const same = text.replace('"v=spf1 +all"\nmail', '"v=spf1 +all"\nmaiL');
    cache.edited({ start: text.indexOf('mail') + 3, end: text.indexOf('mail') + 4, newLength: 1, text: 'L' }, 'l');
    const second = convert(viewOf(same, 2));
    assert.equal(converted, count);
    assert.deepEqual(second, first);
    assert.ok(second.every((d, i) => d === first[i]));
    // A line break before the second record: the first record's findings stay, the second's are converted again.
    const at = same.indexOf('maiL');
    cache.edited({ start: at, end: at, newLength: 1, text: '\n' }, '');
    const moved = `${same.slice(0, at)}\n${same.slice(at)}`;
    const third = convert(viewOf(moved, 3));
    assert.ok(converted > count);
    assert.ok(third.some((d) => first.includes(d)), 'the first record kept its diagnostics');
    assert.ok(third.some((d) => !first.includes(d)), 'the moved record got new ones');
  });
});
