/**
 * Zone files for the Knot server of the dns tier. Run by test/dns/run.sh as
 * `node out/test/support/knotZones.js DIR` before Knot starts: copies the
 * .test zones of test/fixtures/dns/ into DIR/zones and writes the root zone
 * from one scenario of the RFC 7208 suite, so the live resolver can run that
 * scenario end to end against a real server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MemoryEntry } from '../../server/src/core/dns/memoryResolver';
import { zonedataEntries, type Zonedata } from './zonedata';
import { loadSuite } from './spfSuite';

/**
 * The scenario served through Knot: macros (including a name with spaces and
 * percent signs), redirect, include, exp with every explanation macro, and
 * PTR validation for IPv4 and IPv6. It has no TIMEOUT entries, which a real
 * server cannot play.
 */
export const KNOT_SCENARIO = 'Macro expansion rules';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/dns');

/**
 * Presentation form of one owner-name character (RFC 1035 §5.1): anything
 * but letters, digits, `-`, `_`, `*` and the label dots as \DDD, which every
 * zone parser accepts (Knot refuses a bare `%`).
 */
function nameChar(ch: string): string {
  return /[A-Za-z0-9_*.-]/.test(ch) ? ch : `\\${String(ch.charCodeAt(0)).padStart(3, '0')}`;
}

function owner(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return `${[...bare].map(nameChar).join('')}.`;
}

/** One TXT character-string, quoted; octets outside printable ASCII as \DDD (code points over 255 as UTF-8). */
function quoted(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else {
      const bytes = code <= 0xff ? [code] : [...new TextEncoder().encode(ch)];
      out += bytes.map((b) => `\\${String(b).padStart(3, '0')}`).join('');
    }
  }
  return `"${out}"`;
}

/** Strings longer than 255 octets are split: the suite's values are single logical strings. */
function txtRdata(strings: readonly string[]): string {
  if (strings.length === 0) throw new Error('a TXT record with no strings cannot be written in a zone file');
  return strings.flatMap((s) => (s.length <= 255 ? [s] : s.match(/[\s\S]{1,255}/g)!)).map(quoted).join(' ');
}

function line(name: string, entry: MemoryEntry): string {
  switch (entry.type) {
    case 'TIMEOUT':
      throw new Error(`${name}: a real server cannot play TIMEOUT; choose a scenario without it`);
    case 'TXT':
      return `${owner(name)} 300 IN TXT ${txtRdata(entry.value)}`;
    case 'MX':
      return `${owner(name)} 300 IN MX ${entry.value.preference} ${owner(entry.value.exchange)}`;
    case 'A':
    case 'AAAA':
      return `${owner(name)} 300 IN ${entry.type} ${entry.value}`;
    case 'PTR':
    case 'CNAME':
      return `${owner(name)} 300 IN ${entry.type} ${owner(entry.value)}`;
  }
}

/** The zonedata as a root zone file. */
export function rootZoneText(zonedata: Zonedata): string {
  const lines = ['$TTL 300', '. IN SOA ns.root-servers.test. hostmaster.root-servers.test. 1 3600 600 86400 60', '. IN NS ns.root-servers.test.'];
  for (const [name, entries] of zonedataEntries(zonedata)) for (const entry of entries) lines.push(line(name, entry));
  return `${lines.join('\n')}\n`;
}

function main(dir: string): void {
  const zones = path.join(dir, 'zones');
  fs.mkdirSync(zones, { recursive: true });
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.zone'))) fs.copyFileSync(path.join(FIXTURES, file), path.join(zones, file));
  const scenario = loadSuite().find((s) => s.description === KNOT_SCENARIO);
  if (!scenario) throw new Error(`no scenario '${KNOT_SCENARIO}' in the suite`);
  fs.writeFileSync(path.join(zones, 'root.zone'), rootZoneText(scenario.zonedata));
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node out/test/support/knotZones.js DIR\n');
    process.exit(2);
  }
  main(dir);
}
