/**
 * The generated zones, kept under bench/tmp/zones/<label>/ between runs: a
 * zone is regenerated only when the generator changed (its source hash is
 * stamped next to the files). The plain labels are the stress profile
 * (many findings); `realistic-*` zones are the realistic profile (see
 * bench/generate.mjs); `5-line` is a fixed five-record zone for the cost
 * of starting up.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATOR_VERSION, MAIN_FILE, generateZone } from '../generate.mjs';
import { ROOT, TMP, log } from './util.mjs';

export const SIZES = [
  { label: '5-line', records: 5, profile: 'five-line' },
  { label: '1k', records: 1_000, profile: 'stress' },
  { label: '10k', records: 10_000, profile: 'stress' },
  { label: '100k', records: 100_000, profile: 'stress' },
  { label: '1M', records: 1_000_000, profile: 'stress' },
  { label: 'realistic-10k', records: 10_000, profile: 'realistic' },
  { label: 'realistic-100k', records: 100_000, profile: 'realistic' },
];

/**
 * The smallest zone a checker loads without complaint: SOA, the apex's name
 * server and mail exchanger (one in-zone host with an address) and SPF, one
 * record a line with its TTL, so no directive is needed.
 */
const FIVE_LINES = [
  '@    3600 IN SOA ns1 hostmaster 2026120801 7200 3600 1209600 3600',
  '@    3600 IN NS  ns1',
  '@    3600 IN MX  10 ns1',
  'ns1  3600 IN A   192.0.2.53',
  '@    3600 IN TXT "v=spf1 mx -all"',
];

function writeFiveLineZone(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${FIVE_LINES.join('\n')}\n`;
  fs.writeFileSync(path.join(dir, MAIN_FILE), text);
  const bytes = Buffer.byteLength(text);
  return { records: FIVE_LINES.length, mailAuth: 1, multiLineTxt: 0, byType: { SOA: 1, NS: 1, MX: 1, A: 1, TXT: 1 }, files: [{ name: MAIN_FILE, bytes }], bytes, includes: 0 };
}

function generatorHash() {
  const source = fs.readFileSync(path.join(ROOT, 'bench/generate.mjs'));
  return createHash('sha256').update(source).update(String(GENERATOR_VERSION)).digest('hex').slice(0, 16);
}

/** The zone of `size` (an entry of {@link SIZES}): its directory, main file and generator statistics. */
export function ensureZone(size) {
  const dir = path.join(TMP, 'zones', size.label);
  const stampFile = path.join(dir, 'stamp.json');
  const hash = `${generatorHash()}-${size.profile}`;
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
  const stats = size.profile === 'five-line' ? writeFiveLineZone(dir) : generateZone(size.records, dir, size.records, size.profile);
  fs.writeFileSync(stampFile, JSON.stringify({ hash, stats }, null, 2));
  log(`  ${stats.records} records, ${(stats.bytes / 1e6).toFixed(1)} MB in ${stats.files.length} files, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...size, dir, file: path.join(dir, MAIN_FILE), stats };
}
