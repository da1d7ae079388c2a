import type { ResourceRecord, Zone } from './ast';
import { absoluteName, isSubdomain } from './names';

export interface PrintOptions {
  /**
   * The zone's name when it is known for certain, as named-checkzone's ORIGIN
   * argument is (`mailzone zone print --origin`): records outside it are left
   * out, as BIND ignores them ("ignoring out-of-zone data"). A guessed origin
   * (from the file name) must not be passed: `$ORIGIN` may say otherwise.
   */
  readonly zone?: string;
}

/**
 * The zone in canonical form, one record a line, tab-separated: absolute
 * owner, TTL in seconds, class, type, rdata in presentation form. It is the
 * shape of `named-checkzone -D -o - ORIGIN FILE`, so the two can be diffed
 * (`mailzone zone print` prints this; the differential test compares them).
 *
 * An RRset is a set with one TTL (RFC 2181 §5, §5.2), and a loaded zone
 * holds it that way: a record repeated at one owner is printed once, and
 * every record of an RRset carries the TTL of its first record, as BIND
 * loads it ("TTL set to prior TTL"). Records keep their file order.
 */
export function printZone(zone: Zone, options: PrintOptions = {}): string {
  const apex = options.zone === undefined ? undefined : zoneName(options.zone);
  const ttls = new Map<string, number>();
  const seen = new Set<string>();
  let out = '';
  for (const record of zone.records) {
    if (apex && !isSubdomain(record.owner, apex)) continue;
    const rrset = `${record.owner}\t${record.rrClass}\t${record.type}`;
    const ttl = ttls.get(rrset) ?? record.ttl;
    ttls.set(rrset, ttl);
    // The presentation form is built on demand (zone/record.ts): once per record here.
    const rdata = record.presentation;
    const key = `${rrset}\t${rdata}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out += `${printRecord(record, ttl, rdata)}\n`;
  }
  return out;
}

function zoneName(name: string): string | undefined {
  const r = absoluteName(name.endsWith('.') ? name : `${name}.`, undefined);
  return 'name' in r ? r.name : undefined;
}

/** One record as a line (without its end), with `ttl` in place of its own, and `rdata` if its presentation form is at hand. */
export function printRecord(record: ResourceRecord, ttl = record.ttl, rdata = record.presentation): string {
  return `${record.owner}\t${ttl}\t${record.rrClass}\t${record.type}\t${rdata}`;
}
