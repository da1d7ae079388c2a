/**
 * Activation cost of the client bundle: the time `require('dist/client.js')`
 * takes in a fresh Node process, with the `vscode` module (which only the
 * extension host provides) replaced by an inert stub. Prints milliseconds.
 *
 * Usage: node activation-child.cjs CLIENT_JS
 */
'use strict';
const Module = require('node:module');

/** Any property is a callable, constructible stub again, so module-level code that touches `vscode` runs. */
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
const vscode = stub('vscode');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const start = process.hrtime.bigint();
const extension = require(process.argv[2]);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (typeof extension.activate !== 'function') throw new Error('the client bundle exports no activate()');
process.stdout.write(`${ms}\n`);
