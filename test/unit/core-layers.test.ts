/**
 * The core reads bottom up: text and addresses, the zone file, the model
 * of it, rules and record kinds, then the analysis and the editor features
 * over it. These checks keep it that way: no module of the core takes part
 * in an import cycle, and the lower folders import nothing from the
 * analysis, the features or the service facade above them (the hover and
 * completion shapes record modules share with the features live in
 * text/answers.ts for that reason).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const core = path.resolve(__dirname, '../../../server/src/core');

/** The folders (or top-level modules) of the core that no lower folder may import. */
const UPPER = ['analysis', 'features', 'service'];
/** The folders below them. */
const LOWER = ['text', 'addr', 'io', 'stop', 'zone', 'model', 'dns', 'rules', 'records'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The core-relative module paths (without `.ts`) that `text`, the source of the module `from`, imports. */
function relativeImports(from: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), m[1] ?? m[2]));
    out.push(target);
  }
  return out;
}

/** The import graph of a set of modules, keyed by core-relative path without `.ts`; an import of a folder means its index. */
function graphOf(modules: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [name, text] of modules) {
    graph.set(
      name,
      relativeImports(name, text).map((t) => (modules.has(t) ? t : modules.has(`${t}/index`) ? `${t}/index` : t)),
    );
  }
  return graph;
}

/**
 * The import cycles of `graph`, each as the list of modules around it. A
 * depth-first walk that stops at modules already finished, so it visits
 * each module and import once.
 */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** Imports from a lower folder into an upper one, as "from imports to". */
function upward(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const top = (name: string) => name.split('/')[0];
  const out: string[] = [];
  for (const [name, imports] of graph) {
    if (!LOWER.includes(top(name))) continue;
    for (const target of imports) if (UPPER.includes(top(target))) out.push(`${name} imports ${target}`);
  }
  return out.sort();
}

function coreModules(): Map<string, string> {
  return new Map(sources(core).map((file) => [path.relative(core, file).split(path.sep).join('/').replace(/\.ts$/, ''), fs.readFileSync(file, 'utf8')]));
}

it('no module of the core takes part in an import cycle', () => {
  assert.deepEqual(
    cycles(graphOf(coreModules())).map((c) => c.join(' → ')),
    [],
  );
});

it('text, zone, model, rules and records import nothing from the analysis, the features or the service', () => {
  assert.deepEqual(upward(graphOf(coreModules())), []);
});

it('the checks find a cycle through type imports and an upward import', () => {
  const modules = new Map([
    ['model/workspace', "import type { ZoneView } from './zoneView';"],
    ['model/zoneView', "import type { WorkspaceZones } from './workspace';\nimport { x } from '../text/span';"],
    ['text/span', ''],
    ['records/spf/hover', "import type { ValueHover } from '../../features/types';"],
    ['features/types', "export type { ValueHover } from '../text/answers';"],
  ]);
  const graph = graphOf(modules);
  assert.deepEqual(cycles(graph), [['model/workspace', 'model/zoneView', 'model/workspace']]);
  assert.deepEqual(upward(graph), ['records/spf/hover imports features/types']);
});

it('the walk sees the whole core', () => {
  // The lists above name real folders: a rename that left one empty would make its check vacuous.
  const names = [...coreModules().keys()];
  for (const folder of [...UPPER, ...LOWER]) assert.ok(names.some((n) => n === folder || n.startsWith(`${folder}/`)), `no module under ${folder}`);
});
