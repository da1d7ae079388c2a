import type { ResourceRecord } from './ast';
import { isSubdomain, parentName } from './names';

/** A record and why BIND refuses to load the zone because of it. */
export interface ApexProblem {
  readonly record: ResourceRecord;
  readonly message: string;
}

/** Types whose records the checks below read: an edit of one of them may give or take away a problem elsewhere. */
export const APEX_CHECKED_TYPES: ReadonlySet<string> = new Set(['DS', 'DNSKEY', 'CDS', 'CDNSKEY', 'NS', 'CNAME']);

/** The owner of the first SOA: the top of the zone, as the parser takes it. */
export function apexOf(records: readonly ResourceRecord[]): string | undefined {
  // Bound: one pass over the records, stopping at the first SOA.
  for (const r of records) if (r.type === 'SOA') return r.owner;
  return undefined;
}

/** Every problem of the two checks below, for a zone whose top is `apex`. */
export function apexProblems(records: readonly ResourceRecord[], apex: string): ApexProblem[] {
  return [...cdsProblems(records, apex), ...apexNsProblems(records, apex)];
}

/**
 * The delete forms of RFC 8078 §4: a CDS or CDNSKEY set holding only this
 * record asks the parent to remove the DS set. They name no key, so no
 * DNSKEY has to match them.
 */
const DELETE_FORM: Readonly<Record<string, string>> = { CDS: '0 0 0 00', CDNSKEY: '0 3 0 AA==' };

/**
 * What BIND 9.18 checks of the CDS and CDNSKEY sets at the top of the zone
 * when it loads it (`dns_zone_cdscheck`), each set on its own: every
 * algorithm a CDS or CDNSKEY names must be the algorithm of some apex
 * DNSKEY, and a delete form must be the only record of its set. BIND
 * compares algorithms only, not key tags, digests or key material: a CDS
 * whose digest matches no key loads (RFC 7344 §4.1 asks more of the child,
 * and the parent checks it before it acts). Names below the top are not
 * checked: CDS and CDNSKEY mean something only at the top (RFC 7344 §4).
 */
export function cdsProblems(records: readonly ResourceRecord[], apex: string): ApexProblem[] {
  const keyAlgorithms = new Set<number>();
  const sets: Record<string, ResourceRecord[]> = { CDS: [], CDNSKEY: [] };
  // Bound: one pass over the records.
  for (const r of records) {
    if (r.owner !== apex) continue;
    if (r.type === 'DNSKEY' && typeof r.fields?.algorithm === 'number') keyAlgorithms.add(r.fields.algorithm);
    else if (r.type === 'CDS' || r.type === 'CDNSKEY') sets[r.type].push(r);
  }
  const out: ApexProblem[] = [];
  for (const type of ['CDS', 'CDNSKEY']) {
    // A record written twice is one record of the set (RFC 2181 §5).
    const distinct = new Map<string, ResourceRecord>();
    for (const r of sets[type]) if (!distinct.has(r.presentation)) distinct.set(r.presentation, r);
    const deletion = distinct.get(DELETE_FORM[type]);
    if (deletion && distinct.size > 1) {
      out.push({ record: deletion, message: `${type} delete form '${DELETE_FORM[type]}' beside other ${type} records: it must be the only one of its set (RFC 8078 §4); BIND refuses the zone` });
    }
    // One finding per algorithm: several records of one algorithm with no key share one cause.
    const reported = new Set<number>();
    for (const r of distinct.values()) {
      const algorithm = r.fields?.algorithm;
      if (r === deletion || typeof algorithm !== 'number' || keyAlgorithms.has(algorithm) || reported.has(algorithm)) continue;
      reported.add(algorithm);
      const keys = keyAlgorithms.size === 0 ? 'there is no DNSKEY at the top of the zone' : `no DNSKEY at the top of the zone has algorithm ${algorithm}`;
      out.push({ record: r, message: `${type} for algorithm ${algorithm}, but ${keys} (RFC 7344 §4.1); BIND refuses the zone` });
    }
  }
  return out;
}

/**
 * What BIND 9.18 checks of each NS at the top of the zone whose name lies in
 * the zone (`zone_check_ns`), besides addresses: the name must not be
 * rewritten by a DNAME above it (RFC 6672 §2.3: nothing exists below a
 * DNAME) nor be an alias (RFC 2181 §10.3). A name at or below a delegation
 * belongs to the child and is not checked here.
 */
export function apexNsProblems(records: readonly ResourceRecord[], apex: string): ApexProblem[] {
  const dnames = new Set<string>();
  const cuts = new Set<string>();
  const cnames = new Set<string>();
  const ns: ResourceRecord[] = [];
  // Bound: one pass over the records.
  for (const r of records) {
    if (!isSubdomain(r.owner, apex)) continue;
    if (r.type === 'DNAME') dnames.add(r.owner);
    else if (r.type === 'CNAME') cnames.add(r.owner);
    else if (r.type === 'NS') {
      if (r.owner === apex) ns.push(r);
      else cuts.add(r.owner);
    }
  }
  if (dnames.size === 0 && cnames.size === 0) return [];
  const out: ApexProblem[] = [];
  for (const r of ns) {
    const name = typeof r.fields?.nsdname === 'string' ? r.fields.nsdname : undefined;
    if (name === undefined || !isSubdomain(name, apex)) continue;
    const stop = firstStop(name, apex, dnames, cuts);
    if (stop?.kind === 'dname') out.push({ record: r, message: `NS ${name} is below the DNAME at ${stop.at}, which rewrites it (RFC 6672 §2.3); BIND refuses the zone` });
    else if (stop === undefined && cnames.has(name)) out.push({ record: r, message: `NS ${name} is a CNAME: an NS names a host, not an alias (RFC 2181 §10.3); BIND refuses the zone` });
  }
  return out;
}

/**
 * The first DNAME or zone cut a lookup of `name` meets going down from the
 * top, as a name server's lookup does: a cut at `name` itself stops it, a
 * DNAME at `name` does not (a DNAME rewrites only the names below it). Bound:
 * one step per label of `name` below the top.
 */
function firstStop(name: string, apex: string, dnames: ReadonlySet<string>, cuts: ReadonlySet<string>): { kind: 'dname' | 'cut'; at: string } | undefined {
  const chain: string[] = [];
  for (let n: string | undefined = name; n !== undefined && n !== apex && isSubdomain(n, apex); n = parentName(n)) chain.push(n);
  // The top's own DNAME rewrites every name below it; its NS set is no cut.
  chain.push(apex);
  for (let i = chain.length - 1; i >= 0; i--) {
    const at = chain[i];
    if (at !== apex && cuts.has(at)) return { kind: 'cut', at };
    if (at !== name && dnames.has(at)) return { kind: 'dname', at };
  }
  return undefined;
}
