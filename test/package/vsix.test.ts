/**
 * `npm run package` builds a .vsix whose content is exactly the allowlist in
 * .vscodeignore: the three bundles (activation, protocol client, server), the
 * grammars, the language configuration, the manifest, README, CHANGELOG,
 * LICENSE, the icon and the rule pages (docs/rules/*.md, which diagnostics'
 * links open inside VS Code). Nothing else, and in particular no
 * node_modules, sources or tests.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { everyRule } from '../../server/src/core/analysis/rulesIndex';
import { DOCS_BASE } from '../../server/src/core/rules/rule';

const root = path.resolve(__dirname, '../../..');

/** Lists the entries of a zip file from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

it('the .vsix holds exactly the allowlisted files', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-vsix-')), 'mailzone.vsix');
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  execFileSync(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', out], { cwd: root, stdio: 'pipe' });
  const files = zipEntries(out)
    .filter((n) => n.startsWith('extension/'))
    .map((n) => n.slice('extension/'.length))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rulePages = fs
    .readdirSync(path.join(root, 'docs/rules'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/rules/${n}`);
  // Every rule's page is there: a diagnostic's link must never open nothing.
  for (const rule of everyRule()) assert.ok(rulePages.includes(`docs/rules/${rule.id}.md`), `${rule.id} has no page`);
  // Every file the walkthrough names, and every image its pages show, is in the package.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const walkthroughMedia: string[] = [];
  for (const walkthrough of manifest.contributes.walkthroughs) {
    for (const step of walkthrough.steps) {
      const page: string = step.media.markdown;
      walkthroughMedia.push(page);
      for (const [, image] of fs.readFileSync(path.join(root, page), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        walkthroughMedia.push(path.posix.join(path.posix.dirname(page), image));
      }
    }
  }
  const sorted = (names: string[]): string[] => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(files, sorted([
    'LICENSE.txt',
    'changelog.md',
    'dist/client.js',
    'dist/languageClient.js',
    'dist/server.js',
    'images/icon.png',
    'language-configuration.json',
    'package.json',
    'readme.md',
    'syntaxes/dns-zone.tmLanguage.json',
    'syntaxes/mta-sts-policy.tmLanguage.json',
    ...rulePages,
    // The walkthrough: its example zone, its pages and the screenshots they show.
    'examples/example.com.zone',
    ...walkthroughMedia,
  ]));
  const size = fs.statSync(out).size;
  console.log(`mailzone.vsix: ${files.length} files, ${(size / 1024).toFixed(0)} KB`);
  // The rule pages and the walkthrough's screenshots are most of it; far more would mean something slipped in.
  assert.ok(size < 3 * 1024 * 1024, `${size} bytes`);
});

it('the manifest names one homepage, the repository, and rule links point into it', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(manifest.homepage, manifest.repository.url);
  assert.ok(DOCS_BASE.startsWith(`${manifest.homepage}/`), DOCS_BASE);
  // No other field (bugs, qna) points somewhere else.
  assert.equal(manifest.bugs, undefined);
  assert.equal(manifest.qna, undefined);
});
