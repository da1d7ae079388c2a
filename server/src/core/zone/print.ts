import type { ResourceRecord, Zone } from './ast';
import { isSubdomain } from './names';

/**
 * The zone in canonical form, one record a line, tab-separated: absolute
 * owner, TTL in seconds, class, type, rdata in presentation form. It is the
 * shape of `named-checkzone -D -o - ORIGIN FILE`, so the two can be diffed
 * (`mailzone zone print` prints this; the differential test compares them).
 *
 * An RRset is a set with one TTL (RFC 2181 §5, §5.2), and a loaded zone
 * holds it that way: a record repeated at one owner is printed once, and
 * every record of an RRset carries the TTL of its first record, as BIND
 * loads it ("TTL set to prior TTL"). A record outside the zone (not at or
 * below its origin) is not part of it: BIND ignores it ("ignoring
 * out-of-zone data"), and so does the print. Records keep their file order.
 */
export function printZone(zone: Zone): string {
  const ttls = new Map<string, number>();
  const seen = new Set<string>();
  let out = '';
  for (const record of zone.records) {
    if (zone.origin && !isSubdomain(record.owner, zone.origin)) continue;
    const rrset = `${record.owner}\t${record.rrClass}\t${record.type}`;
    const ttl = ttls.get(rrset) ?? record.ttl;
    ttls.set(rrset, ttl);
    const key = `${rrset}\t${record.presentation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out += `${printRecord(record, ttl)}\n`;
  }
  return out;
}

/** One record as a line (without its end), with `ttl` in place of its own when given. */
export function printRecord(record: ResourceRecord, ttl = record.ttl): string {
  return `${record.owner}\t${ttl}\t${record.rrClass}\t${record.type}\t${record.presentation}`;
}
