/**
 * The VS Code server's install (scripts/test-env/vscode-server.sh) runs a
 * nested `npm install` while an outer `npm test` is running. What the outer npm
 * exported must not reach it: code-server's postinstall refused to run because
 * npm_config_user_agent named the outer Node. These tests run the shell helpers
 * of scripts/test-env/npm-env.sh with such an environment and read what the
 * nested command would see.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const helpers = path.resolve(__dirname, '../../../scripts/test-env/npm-env.sh');

/** What `env` prints when run through `clean_env` with the given inherited environment and assignments. */
function nestedEnv(inherited: Record<string, string>, assignments: string[] = []): Map<string, string> {
  const script = `source "${helpers}" && clean_env ${assignments.map((a) => `'${a}'`).join(' ')} env`;
  const res = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...inherited }, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return new Map(res.stdout.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** What an outer `npm test` exports, as npm 11 on Node 20 does (a representative subset). */
const OUTER_NPM: Record<string, string> = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_prefix: '/usr',
  npm_config_local_prefix: '/repo',
  npm_config_global_prefix: '/usr',
  npm_config_nodedir: '/usr',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_ignore_scripts: 'true',
  npm_lifecycle_event: 'test',
  npm_lifecycle_script: 'bash scripts/install-test-deps.sh',
  npm_package_name: 'mailzone',
  npm_package_json: '/repo/package.json',
  npm_command: 'test',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  NODE: '/usr/bin/node',
  INIT_CWD: '/repo',
};

/** Where the registry is and how to reach it: the nested install needs these as much as the outer one. */
const REACH: Record<string, string> = {
  npm_config_registry: 'https://registry.example.test/',
  npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
  npm_config_https_proxy: 'http://127.0.0.1:3128',
  npm_config_noproxy: 'localhost',
  npm_config_userconfig: '/root/.npmrc',
  npm_config_globalconfig: '/usr/etc/npmrc',
  npm_config_cache: '/root/.npm',
  'npm_config__auth': 'c2VjcmV0',
};

describe('nested npm environment', () => {
  it('drops what the outer npm exported about itself, its script and its package', () => {
    const env = nestedEnv({ ...OUTER_NPM, HOME: '/root' });
    for (const name of Object.keys(OUTER_NPM)) assert.equal(env.has(name), false, `${name} reached the nested install`);
    assert.equal(env.get('HOME'), '/root', 'variables that are not npm_* are kept');
  });

  it('keeps the registry, its certificates, proxies, credentials, npmrc files and cache', () => {
    const env = nestedEnv({ ...OUTER_NPM, ...REACH });
    for (const [name, value] of Object.entries(REACH)) assert.equal(env.get(name), value, name);
  });

  it('sets the assignments given after the clean-up, even for dropped names', () => {
    const env = nestedEnv(OUTER_NPM, ['npm_config_nodedir=/cache/node24', 'PATH=/cache/node24/bin:/usr/bin:/bin']);
    assert.equal(env.get('npm_config_nodedir'), '/cache/node24');
    assert.equal(env.get('PATH'), '/cache/node24/bin:/usr/bin:/bin');
    assert.equal(env.has('npm_config_user_agent'), false);
  });
});
