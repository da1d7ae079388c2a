/**
 * Severity means what a receiving mail server does (docs/rules/README.md):
 * every rule's docs page states the severity the code gives it, and names
 * every other severity the rule's fixtures show it reporting.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { everyRule } from '../../server/src/core/analysis/rulesIndex';
import { readExpectations } from '../support/fixture';

const root = path.resolve(__dirname, '../../..');

/** The page's "**Severity:** …" text, up to the "·" that starts "Rests on". */
function severityLine(id: string): string {
  const text = fs.readFileSync(path.join(root, 'docs/rules', `${id}.md`), 'utf8');
  const m = /^\*\*Severity:\*\*\s*([^·]*)/m.exec(text);
  assert.ok(m, `docs/rules/${id}.md has no **Severity:** line`);
  return m[1].trim();
}

/** Every severity the rule's fixtures annotate it with. */
function fixtureSeverities(id: string): Set<string> {
  const out = new Set<string>();
  const dir = path.join(root, 'test/fixtures/rules', id);
  if (!fs.existsSync(dir)) return out;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.zone') || f.endsWith('.txt'))) {
    for (const e of readExpectations(fs.readFileSync(path.join(dir, file), 'utf8'))) if (e.rule === id && e.severity) out.add(e.severity);
  }
  return out;
}

describe('rule severities', () => {
  it('the rules index says once what each severity means', () => {
    const index = fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8');
    for (const word of ['**error**', '**warning**', '**info**']) assert.ok(index.includes(word), `docs/rules/README.md defines ${word}`);
  });

  for (const rule of everyRule()) {
    it(`${rule.id}: the docs page gives the code's severity first, and names every other one it reports`, () => {
      const line = severityLine(rule.id);
      assert.equal(/^(error|warning|info)\b/.exec(line)?.[1], rule.severity, `docs/rules/${rule.id}.md: "${line}"`);
      for (const severity of fixtureSeverities(rule.id)) assert.ok(line.includes(severity), `docs/rules/${rule.id}.md: "${line}" does not mention ${severity}, which its fixtures show`);
    });
  }
});
