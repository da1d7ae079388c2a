/**
 * Real, public zone files that no one here wrote (test/real-zones/, sources
 * and licences in its SOURCES.md), checked with every rule. Each finding
 * must be in the judged list test/real-zones/judged.json — a true problem
 * or an advisory, with the reason — and the list may hold no false
 * positive: a finding on a record receivers handle correctly is a bug in
 * the rule, fixed there, never suppressed here. A judged finding that no
 * longer occurs fails too, so the list stays the truth.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text/lineIndex';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/real-zones');

type Verdict = 'true problem' | 'advisory' | 'false positive';
const judged = JSON.parse(fs.readFileSync(path.join(corpus, 'judged.json'), 'utf8')) as Record<string, { verdict: Verdict; why: string }>;

/** Every zone file of the corpus: the files of each source folder, apart from its licence. */
function zoneFiles(): string[] {
  const out: string[] = [];
  for (const source of fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of fs.readdirSync(path.join(corpus, source.name)).sort()) {
      if (!/^(LICENSE|COPYING|README)/.test(name)) out.push(path.join(source.name, name));
    }
  }
  return out;
}

describe('real zones', () => {
  const files = zoneFiles();
  const seen = new Set<string>();

  it('has at least 30 zone files', () => {
    assert.ok(files.length >= 30, `${files.length} zone files`);
  });

  for (const file of files) {
    it(`${file}: every finding is judged, and none is a false positive`, () => {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      // The file name is the zone's name, which is the origin its server loads it with.
      const origin = `${path.basename(file)}.`;
      const { findings } = analyzeDocument({ text, file: path.join(corpus, file), origin }, { dmarcStandard: 'rfc9989' });
      const lines = new LineIndex(text);
      for (const f of findings) {
        const at = lines.positionAt(f.span.start);
        const key = `${file}:${at.line + 1}:${at.character + 1} ${f.rule}`;
        seen.add(key);
        const verdict = judged[key];
        assert.ok(verdict, `${key} is not judged: ${f.message}`);
        assert.notEqual(verdict.verdict, 'false positive', `${key} is a false positive: fix the rule (${verdict.why})`);
        assert.ok(verdict.why.length > 20, `${key}: say why`);
      }
    });
  }

  it('judges only findings that occur', () => {
    for (const key of Object.keys(judged)) assert.ok(seen.has(key), `${key} is judged but not found`);
  });
});
