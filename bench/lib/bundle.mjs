/** Extension bundle sizes (the production dist/ and the .vsix) and the client bundle's require time. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD, ROOT, log, median, round, run } from './util.mjs';

export function measureBundle(packaged, runs) {
  const dist = BUILD;
  const bundles = {};
  for (const name of fs.readdirSync(dist).filter((f) => f.endsWith('.js')).sort()) {
    bundles[name] = round(fs.statSync(path.join(dist, name)).size / 1024, 1);
  }
  const vsixPath = path.join(BUILD, 'mailzone.vsix');
  const vsixKB = packaged.ok && fs.existsSync(vsixPath) ? round(fs.statSync(vsixPath).size / 1024, 1) : undefined;
  const child = path.join(ROOT, 'bench/lib/activation-child.cjs');
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(JSON.parse(run(process.execPath, [child, path.join(dist, 'client.js')], { cwd: ROOT }).stdout.trim().split('\n').pop()));
  }
  const med = (key) => (samples.every((s) => s[key] !== undefined) ? round(median(samples.map((s) => s[key])), 2) : undefined);
  const result = {
    bundlesKB: bundles,
    vsixKB,
    packageError: packaged.ok ? undefined : packaged.error,
    // What VS Code counts as the extension's activation time: loading the bundle plus the activate() call.
    activationMs: med('activationMs'),
    requireMs: med('requireMs'),
    activateMs: med('activateMs'),
    // Loaded after activate() has returned, while the server boots: not activation time, but work on the same thread.
    protocolClientMs: med('protocolClientMs'),
    activationSamplesMs: samples.map((s) => round(s.activationMs, 2)),
  };
  log(
    `  bundles ${JSON.stringify(bundles)} KB, .vsix ${vsixKB ?? 'not built'} KB, client activation ${result.activationMs} ms ` +
      `(require ${result.requireMs} + activate() ${result.activateMs}), then the protocol client ${result.protocolClientMs ?? '—'} ms`,
  );
  return result;
}
