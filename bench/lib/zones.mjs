/**
 * The generated zones, kept under bench/tmp/zones/<size>/ between runs: a
 * zone is regenerated only when the generator changed (its source hash is
 * stamped next to the files).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATOR_VERSION, MAIN_FILE, generateZone } from '../generate.mjs';
import { ROOT, TMP, log } from './util.mjs';

export const SIZES = [
  { label: '1k', records: 1_000 },
  { label: '10k', records: 10_000 },
  { label: '100k', records: 100_000 },
  { label: '1M', records: 1_000_000 },
];

function generatorHash() {
  const source = fs.readFileSync(path.join(ROOT, 'bench/generate.mjs'));
  return createHash('sha256').update(source).update(String(GENERATOR_VERSION)).digest('hex').slice(0, 16);
}

/** The zone of `size` records: its directory, main file and generator statistics. */
export function ensureZone(size) {
  const dir = path.join(TMP, 'zones', size.label);
  const stampFile = path.join(dir, 'stamp.json');
  const hash = generatorHash();
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.hash === hash && stamp.stats.records === size.records && fs.existsSync(path.join(dir, MAIN_FILE))) {
      return { ...size, dir, file: path.join(dir, MAIN_FILE), stats: stamp.stats };
    }
  } catch {
    // no usable stamp: generate
  }
  log(`generating the ${size.label} zone`);
  const started = performance.now();
  const stats = generateZone(size.records, dir);
  fs.writeFileSync(stampFile, JSON.stringify({ hash, stats }, null, 2));
  log(`  ${stats.records} records, ${(stats.bytes / 1e6).toFixed(1)} MB in ${stats.files.length} files, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...size, dir, file: path.join(dir, MAIN_FILE), stats };
}
