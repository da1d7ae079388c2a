#!/usr/bin/env node
// Writes docs/rules/README.md, the index of every rule, from the core's rule
// table (and the MTA-STS policy rules), so the list users read is the list
// the analyser runs. test/unit/rules-index.test.ts fails when it is stale.
//
// Usage: npm run compile && node scripts/gen-rules-index.mjs [--check]
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const analyze = join(root, 'out/server/src/core/analysis/analyze.js');
if (!existsSync(analyze)) {
  console.error('gen-rules-index: run npm run compile first');
  process.exit(2);
}
const { rulesIndex } = require(join(root, 'out/server/src/core/analysis/rulesIndex.js'));
const target = join(root, 'docs/rules/README.md');
const wanted = rulesIndex();
const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
if (current === wanted) {
  console.log('gen-rules-index: docs/rules/README.md is up to date');
} else if (process.argv.includes('--check')) {
  console.error('gen-rules-index: docs/rules/README.md is out of date; run node scripts/gen-rules-index.mjs');
  process.exit(1);
} else {
  writeFileSync(target, wanted);
  console.log('gen-rules-index: wrote docs/rules/README.md');
}
