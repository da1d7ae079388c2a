/** docs/rules/README.md lists every rule, and every listed rule has its page. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { everyRule, rulesIndex } from '../../server/src/core/analysis/rulesIndex';

const root = path.resolve(__dirname, '../../..');

it('docs/rules/README.md is the generated index (run node scripts/gen-rules-index.mjs)', () => {
  assert.equal(fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8'), rulesIndex());
});

it('every rule id is unique and has a docs page', () => {
  const ids = everyRule().map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  for (const id of ids) assert.ok(fs.existsSync(path.join(root, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`);
});
