/**
 * `npm run package` builds a .vsix whose content is exactly the allowlist in
 * .vscodeignore: the three bundles (activation, protocol client, server), the
 * grammars, the language configuration, the manifest, README, CHANGELOG,
 * LICENSE and the icon. Nothing else, and in particular no node_modules,
 * sources or tests.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';

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
  assert.deepEqual(files, [
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
  ]);
  const size = fs.statSync(out).size;
  console.log(`mailzone.vsix: ${files.length} files, ${(size / 1024).toFixed(0)} KB`);
});
