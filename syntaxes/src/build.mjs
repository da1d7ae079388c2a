#!/usr/bin/env node
// Writes the TextMate grammars in syntaxes/ from their sources in syntaxes/src/.
// The JSON files are committed because VS Code loads them as they are; edit the sources
// and run this again. `--check` writes nothing and fails when a JSON file is out of date
// (the grammar test tier runs it), so the two cannot drift apart unnoticed.
//
// Usage: node syntaxes/src/build.mjs [--check]
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..');

/** Each grammar source and the JSON file it becomes. */
export const GRAMMARS = [
  { source: './dns-zone.grammar.mjs', output: join(outDir, 'dns-zone.tmLanguage.json') },
  { source: './mta-sts-policy.grammar.mjs', output: join(outDir, 'mta-sts-policy.tmLanguage.json') },
];

/** The JSON text of one grammar, as it is written to disk. */
export async function render(source) {
  const { default: grammar } = await import(new URL(source, import.meta.url));
  return JSON.stringify(grammar, null, 2) + '\n';
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { source, output } of GRAMMARS) {
    const text = await render(source);
    const name = relative(process.cwd(), output);
    if (check) {
      const current = await readFile(output, 'utf8').catch(() => '');
      if (current !== text) {
        stale++;
        console.error(`${name} is out of date with syntaxes/src/${source.slice(2)}; run: node syntaxes/src/build.mjs`);
      }
    } else {
      await writeFile(output, text);
      console.log(`wrote ${name}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
