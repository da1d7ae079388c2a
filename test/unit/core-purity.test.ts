/**
 * The analysis core is editor- and host-agnostic: it imports no LSP package,
 * no `vscode`, and nothing that touches files, sockets, DNS or processes.
 * Hosts inject those through the interfaces in core/io.ts and core/dns/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const core = path.resolve(__dirname, '../../../server/src/core');
const FORBIDDEN = /^(?:node:)?(?:fs|fs\/promises|net|dns|dns\/promises|dgram|child_process|http|https|tls|worker_threads|os|crypto)$|^vscode(?:$|-)|^vscode-languageserver|^vscode-jsonrpc/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('core imports no host modules', () => {
  const offenders: string[] = [];
  for (const file of sources(core)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (FORBIDDEN.test(spec)) offenders.push(`${path.relative(core, file)} imports ${spec}`);
      if (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(core)) offenders.push(`${path.relative(core, file)} reaches outside core: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

it('the purity check itself catches a forbidden import', () => {
  assert.ok(FORBIDDEN.test('fs') && FORBIDDEN.test('node:dns') && FORBIDDEN.test('vscode-languageserver/node') && !FORBIDDEN.test('./zone/parser'));
});
