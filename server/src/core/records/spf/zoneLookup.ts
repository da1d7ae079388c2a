/**
 * Answers the lookup tree's questions from the zone being analysed, and only
 * for the names that zone is authoritative for: at or below its SOA owner
 * (or, in a fragment without SOA, its origin), and not below a delegation.
 * There, a missing record is a fact: a void lookup, or an include with no
 * SPF record. Every other name is `unavailable` — counted as one lookup,
 * never guessed at, never called void.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { isSubdomain } from '../../zone/names';
import { parentName } from '../mail/zoneNames';
import { canonical, type LookupAnswerTypes, type LookupResponse, type LookupType, type SyncLookup } from './tree';

/** CNAME chains longer than this are treated as a failure, as resolvers do. */
const MAX_CNAME_CHAIN = 8;

const lookups = new WeakMap<ZoneView, SyncLookup>();

/** The in-zone lookup for a view, made once per view. */
export function zoneLookup(view: ZoneView): SyncLookup {
  let lookup = lookups.get(view);
  if (!lookup) lookups.set(view, (lookup = makeZoneLookup(view)));
  return lookup;
}

/** The names the zone speaks for: SOA owners, else the origin. */
export function zoneApexes(view: ZoneView): string[] {
  const soa = view.ofType('SOA').map((r) => r.owner);
  if (soa.length) return [...new Set(soa)];
  return view.zone.origin ? [canonical(view.zone.origin)] : [];
}

/** True when the zone is authoritative for `name` (canonical form). */
export function isInZone(view: ZoneView, name: string): boolean {
  return authority(view)(name);
}

function authority(view: ZoneView): (name: string) => boolean {
  return view.nameFact('spf-authority', () => makeAuthority(view));
}

function makeAuthority(view: ZoneView): (name: string) => boolean {
  const apexes = zoneApexes(view);
  // NS records below an apex delegate: the names at and under them belong to another zone.
  const cuts = new Set(view.ofType('NS').filter((r) => !apexes.includes(r.owner)).map((r) => r.owner));
  // Walk from the name up to its apex looking for a cut: a zone with many delegations costs no more per name.
  const delegated = (name: string, apex: string): boolean => {
    for (let n = name; n !== apex && n !== '.'; n = parentName(n) ?? apex) if (cuts.has(n)) return true;
    return false;
  };
  return (name) => apexes.some((apex) => isSubdomain(name, apex) && !delegated(name, apex));
}

/**
 * The lookup over `view`'s own names, and for the names of the host's other
 * zones (the CLI's other files, the editor's open and workspace zones) over
 * theirs: an include whose target another given zone holds is followed
 * there, as `mailzone spf tree --zone` does. The other zones answer only
 * for their own names, so no question goes round from zone to zone.
 */
function makeZoneLookup(view: ZoneView): SyncLookup {
  const own = ownLookup(view);
  const lookup = <T extends LookupType>(name: string, type: T): LookupResponse<T> => {
    const answer = own(name, type);
    if (answer.status !== 'unavailable') return answer;
    // Only a name outside this zone reaches here; the workspace is read lazily, since most includes go to providers.
    const other = view.options.workspace?.find((zone) => zone.view !== view && isInZone(zone.view, canonical(name)));
    return other ? ownLookup(other.view)(name, type) : answer;
  };
  return lookup as SyncLookup;
}

/** The lookup over the names `view` is authoritative for; every other name is `unavailable`. */
function ownLookup(view: ZoneView): SyncLookup {
  // Per view, not a name fact: a view made after an edit shares its name facts, and must read its own records.
  let lookup = ownLookups.get(view);
  if (!lookup) ownLookups.set(view, (lookup = makeOwnLookup(view)));
  return lookup;
}

const ownLookups = new WeakMap<ZoneView, SyncLookup>();

function makeOwnLookup(view: ZoneView): SyncLookup {
  const inZone = authority(view);
  const lookup = <T extends LookupType>(name: string, type: T): LookupResponse<T> => {
    let current = canonical(name);
    for (let hops = 0; ; hops++) {
      if (!inZone(current)) return { status: 'unavailable', message: `${current.slice(0, -1)} is outside this zone` };
      const records = view.recordsAt(current);
      const cname = records.find((r) => r.type === 'CNAME');
      if (!cname) return { status: 'answer', answers: answersOf(records, type) };
      if (hops >= MAX_CNAME_CHAIN) return { status: 'error', message: `CNAME chain at ${name} is longer than ${MAX_CNAME_CHAIN}` };
      const next = cname.targets?.[0];
      if (!next) return { status: 'error', message: `CNAME at ${current} has no target` };
      current = canonical(next);
    }
  };
  return lookup as SyncLookup;
}

function answersOf<T extends LookupType>(records: readonly ResourceRecord[], type: T): LookupAnswerTypes[T][] {
  const of = records.filter((r) => r.type === type);
  let answers: unknown[];
  if (type === 'TXT') answers = of.filter((r) => r.txt).map((r) => r.txt!.strings.map((s) => s.value));
  else if (type === 'MX') answers = of.filter((r) => r.targets?.length).map((r) => ({ exchange: r.targets![r.targets!.length - 1] }));
  else answers = of.map((r) => r.presentation);
  return answers as LookupAnswerTypes[T][];
}
