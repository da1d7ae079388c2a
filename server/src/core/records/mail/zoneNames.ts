import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { isSubdomain } from '../../zone/names';

/**
 * What the zone says about names: its apex, where it delegates, which names
 * exist, and whether a name has an address. Cross-record rules ask these
 * questions to stay silent about names the zone is not authoritative for,
 * since a record they cannot see is not a missing record.
 */
export interface ZoneNames {
  /** The zone's apex: the SOA owner, else the origin in force at the top, else undefined. */
  readonly apex?: string;
  /** True when the file has an SOA record: a whole zone rather than a fragment. */
  readonly complete: boolean;
  /** Owners of NS records below the apex: zone cuts, below which the data belongs to another zone. */
  readonly cuts: ReadonlySet<string>;
  /** Every owner plus every empty non-terminal above one (RFC 4592 §2.2.2), up to the apex. */
  readonly existing: ReadonlySet<string>;
}

export function zoneNames(view: ZoneView): ZoneNames {
  return view.nameFact('zone-names', () => compute(view));
}

function compute(view: ZoneView): ZoneNames {
  const soa = view.ofType('SOA')[0];
  const apex = soa?.owner ?? view.zone.origin;
  const cuts = new Set<string>();
  const existing = new Set<string>();
  for (const record of view.ofType('NS')) if (record.owner !== apex) cuts.add(record.owner);
  // Bound: each owner walks up to the apex or to a name already seen, at most one step per label
  // (127 in a 255-octet name); every step adds a new name, so the total is at most the labels of all owners.
  for (const owner of view.ownerNames()) {
    let name: string | undefined = owner;
    while (name && !existing.has(name)) {
      existing.add(name);
      if (name === apex) break;
      name = parentName(name);
    }
  }
  return { apex, complete: soa !== undefined, cuts, existing };
}

/**
 * `a.example.com.` → `example.com.`; the root has no parent. Each parent is
 * shorter than its child, and a name without a dot has none, so a walk up
 * the parents ends after at most one step per character.
 */
export function parentName(name: string): string | undefined {
  if (name === '.' || name === '') return undefined;
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const rest = name.slice(dot + 1);
  return rest === '' ? '.' : rest;
}

/** True when `name` is `ancestor` or below it (both absolute, lower case). */
export const isAtOrBelow = isSubdomain;

/** Lower case with a trailing dot, the form owners and targets take in the zone model. */
export function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/**
 * True when this zone holds the authoritative data for `name`: the zone has
 * an SOA, the name is at or below its apex, and no delegation lies between.
 * A fragment without an SOA may be `$INCLUDE`d into a zone that has the
 * records it lacks, so rules about missing records say nothing about it.
 */
export function isAuthoritativeFor(view: ZoneView, name: string): boolean {
  const names = zoneNames(view);
  let answers = authority.get(names);
  if (!answers) authority.set(names, (answers = new Map()));
  let answer = answers.get(name);
  if (answer === undefined) {
    if (answers.size >= MAX_AUTHORITY_ANSWERS) answers.clear();
    answers.set(name, (answer = authoritative(names, name)));
  }
  return answer;
}

/**
 * {@link isAuthoritativeFor}'s answers, by the zone's names and then by the
 * name asked: the MX, SRV and DANE rules ask it of the same hosts again and
 * again, and each answer walks the name up to the apex. The answers depend
 * on names alone, so they last as long as the names do (the views a content
 * edit makes share them). Bound: at most this many names per zone, then the
 * cache starts again.
 */
const authority = new WeakMap<ZoneNames, Map<string, boolean>>();
const MAX_AUTHORITY_ANSWERS = 1 << 16;

function authoritative({ apex, complete, cuts }: ZoneNames, name: string): boolean {
  if (!complete || !apex || !isAtOrBelow(name, apex)) return false;
  for (let n: string | undefined = name; n && n !== apex; n = parentName(n)) if (cuts.has(n)) return false;
  return true;
}

/**
 * The records a query for `name` would find in this zone, following RFC 4592
 * wildcard synthesis: the name's own records, or else those of the wildcard
 * `*.<closest encloser>` when the name itself does not exist.
 */
export function recordsFor(view: ZoneView, name: string): readonly ResourceRecord[] {
  const own = view.recordsAt(name);
  const { existing, apex } = zoneNames(view);
  if (own.length > 0 || existing.has(name)) return own;
  for (let encloser = parentName(name); encloser; encloser = parentName(encloser)) {
    if (existing.has(encloser)) return view.recordsAt(`*.${encloser}`);
    if (encloser === apex) break;
  }
  return [];
}

export type AddressState = 'address' | 'cname' | 'none';

/** Whether `name` answers an address query from this zone's data: by A/AAAA, through a CNAME, or not at all. */
export function addressState(view: ZoneView, name: string): AddressState {
  const records = recordsFor(view, name);
  if (records.some((r) => r.type === 'CNAME')) return 'cname';
  if (records.some((r) => r.type === 'A' || r.type === 'AAAA')) return 'address';
  return 'none';
}

/** The exchange names of the non-null MX records at `name`, lower case and absolute. */
export function mxHosts(view: ZoneView, name: string): string[] {
  return recordsFor(view, name)
    .filter((r) => r.type === 'MX' && typeof r.fields?.exchange === 'string' && r.fields.exchange !== '.')
    .map((r) => absolute(String(r.fields!.exchange)));
}

/** RFC 7505: a null MX is a single MX record with preference 0 and exchange `.`. */
export function hasNullMx(view: ZoneView, name: string): boolean {
  return recordsFor(view, name).some((r) => r.type === 'MX' && r.fields?.exchange === '.');
}

/** A name as messages show it: without the trailing dot (`mta-sts.example.com`). */
export function shown(name: string): string {
  return name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;
}
