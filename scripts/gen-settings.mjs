#!/usr/bin/env node
// Writes package.json's `contributes.configuration` from the server's settings
// table (server/src/settings.ts), which lists the general settings and one
// `mailzone.rules.<id>` entry per rule in the core's rule table, grouped into
// categories (general, live DNS, troubleshooting, then one per rule family). Run it after
// adding a rule; test/unit/settings.test.ts fails until it has been run.
//
// Usage: npm run compile && node scripts/gen-settings.mjs [--check]
//   --check  change nothing; exit 1 when package.json is out of date.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'out/server/src/settings.js');
if (!existsSync(compiled)) {
  console.error(`gen-settings: ${compiled} is missing; run npm run compile first`);
  process.exit(2);
}
const { configurationContribution, contributedProperties } = createRequire(import.meta.url)(compiled);

const manifestPath = join(root, 'package.json');
// Read just before writing: other changes to package.json must survive.
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const wanted = configurationContribution();
const current = manifest.contributes?.configuration;
const count = `${Object.keys(contributedProperties(wanted)).length} settings in ${wanted.length} categories`;

if (isDeepStrictEqual(current, wanted)) {
  console.log(`gen-settings: package.json is up to date (${count})`);
  process.exit(0);
}
if (process.argv.includes('--check')) {
  console.error('gen-settings: package.json contributes.configuration is out of date; run node scripts/gen-settings.mjs');
  process.exit(1);
}
manifest.contributes = { ...(manifest.contributes ?? {}), configuration: wanted };
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`gen-settings: wrote ${count} to package.json`);
