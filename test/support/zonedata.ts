/**
 * The `zonedata` of the openspf RFC 7208 test suite, read with the
 * conventions of the suite's reference driver (pyspf's testspf.py):
 *
 * - each name lists entries `{TYPE: value}` in order, or the word `TIMEOUT`;
 * - `SPF` entries are also served as TXT, unless the name has any `TXT`
 *   entry (the suite was written when type SPF (99) was still queried, and
 *   drivers copy SPF to TXT so every implementation sees the same policy);
 *   the copies come after every other entry, so after a `TIMEOUT`;
 * - `TXT: NONE` only suppresses that copying;
 * - a TXT or SPF value is one string or a list of character-strings;
 * - `MX` is `[preference, exchange]`, `""` being the root (a null MX).
 */
import type { MemoryEntry } from '../../server/src/core/dns/memoryResolver';

export type Zonedata = Readonly<Record<string, readonly unknown[]>>;

/** Thrown for zonedata that does not follow the suite's format: a broken fixture, not a test failure. */
export class ZonedataError extends Error {}

/**
 * Makes a name absolute without changing its case: the suite checks that
 * implementations compare names case-insensitively (`ptr-case-change`).
 */
function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function strings(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new ZonedataError(`${where}: expected a string or a list of strings`);
}

/** The entries of every name, in the form {@link MemoryResolver} takes. */
export function zonedataEntries(zonedata: Zonedata): Array<[string, MemoryEntry[]]> {
  const out: Array<[string, MemoryEntry[]]> = [];
  for (const [name, list] of Object.entries(zonedata)) {
    const entries: MemoryEntry[] = [];
    const spfCopies: MemoryEntry[] = [];
    let hasTxt = false;
    for (const item of list ?? []) {
      if (item === 'TIMEOUT') {
        entries.push({ type: 'TIMEOUT' });
        continue;
      }
      if (typeof item !== 'object' || item === null) throw new ZonedataError(`${name}: unexpected entry ${JSON.stringify(item)}`);
      for (const [type, value] of Object.entries(item as Record<string, unknown>)) {
        const where = `${name} ${type}`;
        if (value === 'NONE') {
          if (type === 'TXT') hasTxt = true;
          continue;
        }
        switch (type) {
          case 'TXT':
            hasTxt = true;
            entries.push({ type: 'TXT', value: strings(value, where) });
            break;
          case 'SPF':
            // Type SPF itself is never queried (RFC 7208 §3.1); only its TXT copy matters.
            spfCopies.push({ type: 'TXT', value: strings(value, where) });
            break;
          case 'A':
          case 'AAAA':
          case 'PTR':
          case 'CNAME':
            if (typeof value !== 'string') throw new ZonedataError(`${where}: expected a string`);
            entries.push({ type, value: type === 'A' || type === 'AAAA' ? value : absolute(value) });
            break;
          case 'MX': {
            if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'string') {
              throw new ZonedataError(`${where}: expected [preference, exchange]`);
            }
            entries.push({ type: 'MX', value: { preference: value[0], exchange: absolute(value[1]) } });
            break;
          }
          default:
            throw new ZonedataError(`${where}: unknown record type`);
        }
      }
    }
    if (!hasTxt) entries.push(...spfCopies);
    out.push([name, entries]);
  }
  return out;
}
