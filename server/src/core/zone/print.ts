import type { ResourceRecord, Zone } from './ast';
import { absoluteName, isSubdomain } from './names';
import { compareBytes, compareNames, rdataWire, typeOrder } from './order';
import { formatSigTime } from './dnssecFields';
import { rrType } from './rrtypes';

export interface PrintOptions {
  /**
   * The zone's name when it is known for certain, as named-checkzone's ORIGIN
   * argument is (`mailzone zone print --origin`): records outside it are left
   * out, as BIND ignores them ("ignoring out-of-zone data"). A guessed origin
   * (from the file name) must not be passed: `$ORIGIN` may say otherwise.
   */
  readonly zone?: string;
  /**
   * The current time in seconds since 1970, when RRSIG times are to print as
   * BIND prints them: a time is a 32-bit serial number (RFC 4034 §3.1.5), and
   * BIND shows the date nearest this time that has its value. Without it they
   * print as dates from 1970 to 2106. The core reads no clock: the caller
   * passes one (`mailzone zone print` does).
   */
  readonly now?: number;
}

/**
 * The zone in canonical form, one record a line, tab-separated: absolute
 * owner, TTL in seconds, class, type, rdata in presentation form. It is what
 * `named-checkzone -D -o - ORIGIN FILE` prints, record for record and in its
 * order (zone/order.ts), so the two can be compared exactly; only the column
 * blanks differ, and names are lower-cased (`mailzone zone print` prints
 * this; the conformance tier compares them).
 *
 * An RRset is a set with one TTL (RFC 2181 §5, §5.2), and a loaded zone
 * holds it that way: a record repeated at one owner is printed once, and
 * the set's TTL is the one BIND's loader gives it. BIND reads a zone in
 * runs of records at one owner (loaderRuns); within a run, the records of a
 * set take the TTL of the first ("TTL set to prior TTL"), and a later run at
 * the same owner replaces the set's TTL with its own when it adds to the set
 * (as named-checkzone -D shows). RRSIGs form one set per type they cover
 * (RFC 4034 §3), as BIND keeps them.
 */
export function printZone(zone: Zone, options: PrintOptions = {}): string {
  const apex = options.zone === undefined ? undefined : zoneName(options.zone);
  const sets = new Map<string, RRset>();
  const runs = loaderRuns(zone.records);
  for (const [i, record] of zone.records.entries()) {
    const run = runs[i];
    if (apex && !isSubdomain(record.owner, apex)) continue;
    // The presentation form is built on demand (zone/record.ts): once per record here.
    const rdata = options.now !== undefined && record.type === 'RRSIG' ? sigTimesNear(record.presentation, options.now) : record.presentation;
    const covered = record.type === 'RRSIG' ? rrType(rdata.slice(0, rdata.indexOf(' ')))?.code : undefined;
    const key = `${record.owner}\t${record.rrClass}\t${record.typeCode}\t${covered ?? ''}`;
    let set = sets.get(key);
    if (!set) {
      // BIND keeps NSEC3 records and their signatures in a tree of their own, which it prints after the zone's.
      const nsec3 = (covered ?? record.typeCode) === NSEC3;
      set = { owner: record.owner, order: typeOrder(record.typeCode, covered), nsec3, ttl: record.ttl, run, records: [], seen: new Set() };
      sets.set(key, set);
    } else if (set.run !== run) {
      set.ttl = record.ttl;
      set.run = run;
    }
    if (set.seen.has(rdata)) continue;
    set.seen.add(rdata);
    set.records.push({ record, rdata });
  }
  const ordered = [...sets.values()].sort((a, b) => Number(a.nsec3) - Number(b.nsec3) || compareNames(a.owner, b.owner) || a.order - b.order);
  let out = '';
  for (const set of ordered) {
    for (const { record, rdata } of sortedRdata(set.records)) out += `${printRecord(record, set.ttl, rdata)}\n`;
  }
  return out;
}

const NSEC3 = 50;

/**
 * The run of records BIND's loader (lib/dns/master.c) puts each record in,
 * as a number per record. A run is the records read at one owner before it
 * hands them to the database: a new owner ends the run, except that after an
 * NS set the records of a name that set names as a server (its glue) are
 * kept aside in a run of their own, and when they end, a return to the
 * owner with the NS set continues its run. So in `y NS ns` / `ns A …` /
 * `y NS ns2` both NS records are one run, and the second takes the first's
 * TTL, while in `y NS ns` / `z A …` / `y NS ns2` the second run's TTL is the
 * set's. Bound: one pass over the records, one set lookup each; the NS
 * targets kept are those of the current run.
 */
export function loaderRuns(records: readonly ResourceRecord[]): number[] {
  const runs: number[] = [];
  let run = 0;
  let current: string | undefined;
  let currentRun = 0;
  const targets = new Set<string>();
  let glue: string | undefined;
  let glueRun = 0;
  for (const record of records) {
    if (glue !== undefined && record.owner !== glue) glue = undefined;
    if (glue === undefined && record.owner !== current) {
      if (targets.has(record.owner)) {
        glue = record.owner;
        glueRun = ++run;
      } else {
        current = record.owner;
        currentRun = ++run;
        targets.clear();
      }
    }
    // BIND looks for glue only after NS records read outside glue, at the owner of the run.
    if (glue === undefined && record.type === 'NS' && typeof record.fields?.nsdname === 'string') targets.add(record.fields.nsdname);
    runs.push(glue === undefined ? currentRun : glueRun);
  }
  return runs;
}

interface RRset {
  readonly owner: string;
  readonly order: number;
  readonly nsec3: boolean;
  ttl: number;
  /** The run of records at one owner that last added to the set: its first record's TTL is the set's. */
  run: number;
  readonly records: { record: ResourceRecord; rdata: string }[];
  /** The rdata already in the set: a record repeated exactly is one record. */
  readonly seen: Set<string>;
}

/** The records of a set in canonical rdata order; file order when one of them has rdata Mailzone keeps only as text. */
function sortedRdata(records: RRset['records']): RRset['records'] {
  if (records.length < 2) return records;
  const type = rrType(records[0].record.type)?.type;
  const keyed = records.map((r) => ({ r, wire: rdataWire(type, r.rdata) }));
  if (keyed.some((k) => k.wire === undefined)) return records;
  return keyed.sort((a, b) => compareBytes(a.wire!, b.wire!)).map((k) => k.r);
}

function zoneName(name: string): string | undefined {
  const r = absoluteName(name.endsWith('.') ? name : `${name}.`, undefined);
  return 'name' in r ? r.name : undefined;
}

/** One record as a line (without its end), with `ttl` in place of its own, and `rdata` if its presentation form is at hand. */
export function printRecord(record: ResourceRecord, ttl = record.ttl, rdata = record.presentation): string {
  return `${record.owner}\t${ttl}\t${record.rrClass}\t${record.type}\t${rdata}`;
}

const TWO_32 = 2 ** 32;
const TWO_31 = 2 ** 31;

/** An RRSIG's expiration and inception (its fifth and sixth fields) as the dates nearest `now` with the same 32-bit value, as BIND's dns_time32_totext prints them. */
function sigTimesNear(rdata: string, now: number): string {
  const fields = rdata.split(' ');
  for (const k of [4, 5]) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(fields[k] ?? '');
    if (!m) return rdata;
    const value = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
    // Serial arithmetic (RFC 1982): the value is ahead of now when the distance forward is under 2^31.
    const ahead = (((value - now) % TWO_32) + TWO_32) % TWO_32;
    const time = ahead > 0 && ahead < TWO_31 ? now + ahead : now - ((((now - value) % TWO_32) + TWO_32) % TWO_32);
    fields[k] = formatSigTime(time);
  }
  return fields.join(' ');
}
