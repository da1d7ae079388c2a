/** The standalone server's command line, as other editors' users meet it. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { root, serverPath } from './lspClient';

const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 15_000 });

it('--version prints the package version, from the bundle and the bin script', () => {
  for (const script of [serverPath, path.join(root, 'bin/mailzone-language-server.js')]) {
    const r = run(script, '--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

it('--help names the transports and the settings', () => {
  const r = run(serverPath, '--help');
  assert.equal(r.status, 0);
  for (const word of ['--stdio', '--node-ipc', 'mailzone.rules.<rule-id>', 'mailzone.dmarc.standard', 'mailzone.dns.enabled']) {
    assert.ok(r.stdout.includes(word), `help mentions ${word}`);
  }
});

it('without a transport, it says so in one line and exits 2', () => {
  const r = run(serverPath);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /--stdio/);
});
