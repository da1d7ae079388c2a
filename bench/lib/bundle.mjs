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
    samples.push(Number(run(process.execPath, [child, path.join(dist, 'client.js')], { cwd: ROOT }).stdout.trim()));
  }
  const result = {
    bundlesKB: bundles,
    vsixKB,
    packageError: packaged.ok ? undefined : packaged.error,
    activationMs: round(median(samples), 2),
    activationSamplesMs: samples.map((s) => round(s, 2)),
  };
  log(`  bundles ${JSON.stringify(bundles)} KB, .vsix ${vsixKB ?? 'not built'} KB, client require ${result.activationMs} ms`);
  return result;
}
