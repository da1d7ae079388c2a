/**
 * Activation cost of the client bundle, as VS Code counts an extension's
 * activation time (its "code loading" plus "activate call" times: the
 * Running Extensions view shows their sum): `require('dist/client.js')`
 * and the synchronous part of `activate()`, in a fresh Node process, with
 * the `vscode` module (which only the extension host provides) replaced by
 * an inert stub. activate() really forks the server bundle next to the
 * client bundle (killed afterwards). node:child_process is loaded before
 * the clock starts, to watch fork(); the extension host has it loaded too.
 *
 * What activation leaves for later is timed too, and printed beside it: the
 * protocol client bundle (dist/languageClient.js) that activate() loads
 * after handing the extension host its turn back, while the server boots.
 *
 * Usage: node activation-child.cjs CLIENT_JS
 * Prints one JSON line: {"activationMs", "requireMs", "activateMs", "protocolClientMs"}.
 */
'use strict';
const childProcess = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/** Any property is a callable, constructible stub again, so code that touches `vscode` runs. */
function stub(name) {
  const target = function () {
    return stub(`${name}()`);
  };
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'then') return undefined;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}
/**
 * The API object, with the top-level names of the vscode API (from @types/vscode) as its own properties, as the
 * real one has them: a bundle's `import * as vscode` copies them onto a namespace object.
 */
function api() {
  const types = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.cwd(), __dirname] }), 'utf8');
  const names = new Set([...types.matchAll(/^\t?export (?:namespace|class|enum|const|let|function) ([A-Za-z_]\w*)/gm)].map((m) => m[1]));
  const object = {};
  for (const name of names) object[name] = stub(`vscode.${name}`);
  return new Proxy(object, { get: (t, key) => (key in t ? t[key] : key === 'then' ? undefined : stub(`vscode.${String(key)}`)) });
}
const vscode = api();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const clientJs = path.resolve(process.argv[2]);
const dist = path.dirname(clientJs);
// The processes activate() forks, to stop them once measured (fork is wrapped, not replaced: it runs for real).
const forked = [];
const fork = childProcess.fork;
childProcess.fork = function (...args) {
  const child = fork.apply(this, args);
  forked.push(child);
  return child;
};
const context = {
  subscriptions: [],
  extensionPath: path.dirname(dist),
  // The bench measures copies of the bundles, side by side in one folder: `dist/x.js` is the copy of x.js there.
  asAbsolutePath: (relative) => path.join(dist, path.basename(relative)),
};

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const start = process.hrtime.bigint();
const extension = require(clientJs);
const requireMs = ms(start);
if (typeof extension.activate !== 'function') throw new Error('the client bundle exports no activate()');
const activateStart = process.hrtime.bigint();
const activation = extension.activate(context);
const activateMs = ms(activateStart);
// Still in the same turn: what activate() has left for later has not run yet.
if (activation && typeof activation.catch === 'function') activation.catch(() => {});
let protocolClientMs;
const protocolClient = path.join(dist, 'languageClient.js');
if (fs.existsSync(protocolClient)) {
  const loadStart = process.hrtime.bigint();
  require(protocolClient);
  protocolClientMs = ms(loadStart);
}
for (const child of forked) child.kill('SIGKILL');
process.stdout.write(`${JSON.stringify({ activationMs: requireMs + activateMs, requireMs, activateMs, protocolClientMs })}\n`);
process.exit(0);
