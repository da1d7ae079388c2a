/**
 * Answers DNS questions from parsed zones, the way their authoritative server
 * would: the open document (with its `$INCLUDE`d files, which the parser has
 * already merged), other zone files of the workspace, or `--zone` files of
 * the CLI. Names no zone is authoritative for go to the fallback resolver
 * (live DNS, NXDOMAIN for `--no-live`, or "unavailable").
 */
import type { ResourceRecord, Zone } from '../zone/ast';
import { parentName } from '../zone/names';
import {
  DEFAULT_NEGATIVE_TTL,
  abortedResponse,
  answer,
  canonicalName,
  failure,
  nxdomain,
  type Answer,
  type DnsResponse,
  type RRType,
  type Resolver,
} from './resolver';

/** One zone and the file it came from (undefined: the analysed document). */
export interface ZoneSource {
  readonly zone: Zone;
  readonly file?: string;
  /**
   * The names the zone is authoritative for, when the caller knows better
   * than the SOA records: the analysed document also speaks for its origin
   * when it has no SOA, as the synchronous SPF rules assume.
   */
  readonly apexes?: readonly string[];
}

/** CNAME chains longer than this are treated as a server failure, as resolvers do. */
export const MAX_CNAME_CHAIN = 8;

/**
 * What one zone knows. A zone with an SOA is authoritative for every name at
 * or below its apex except below a delegation (an NS record under the apex):
 * a missing name there is NXDOMAIN. A zone without an SOA (a fragment, a
 * plain list of records) only vouches for the owner names it lists, because
 * its absence of a name proves nothing.
 */
class ZoneIndex {
  private readonly apexes: string[] = [];
  private readonly cuts = new Set<string>();
  private readonly negativeTtl = new Map<string, number>();
  private owners?: Map<string, ResourceRecord[]>;
  /** Every ancestor of an owner up to its apex: names that exist without records (empty non-terminals). */
  private interior?: Set<string>;

  constructor(readonly source: ZoneSource) {
    // Whether the zone answers for a name depends on its SOA and NS records alone. The owner index is built on
    // the first question the zone answers: most questions of a live pass are for names outside every zone, and
    // indexing a zone of 100,000 records takes longer than many round trips.
    if (!source.apexes) {
      for (const record of source.zone.records) {
        if (record.type === 'SOA' && !this.apexes.includes(record.owner)) {
          this.apexes.push(record.owner);
          const minimum = record.fields?.minimum;
          // RFC 2308 §5: the negative TTL is the smaller of the SOA's TTL and its minimum field.
          this.negativeTtl.set(record.owner, typeof minimum === 'number' ? Math.min(minimum, record.ttl) : DEFAULT_NEGATIVE_TTL);
        }
      }
    }
    for (const apex of source.apexes ?? []) if (!this.apexes.includes(canonicalName(apex))) this.apexes.push(canonicalName(apex));
    for (const record of source.zone.records) {
      if (record.type === 'SOA' && this.apexes.includes(record.owner)) {
        const minimum = record.fields?.minimum;
        if (typeof minimum === 'number') this.negativeTtl.set(record.owner, Math.min(minimum, record.ttl));
      } else if (record.type === 'NS' && !this.apexes.includes(record.owner)) this.cuts.add(record.owner);
    }
  }

  private get byOwner(): Map<string, ResourceRecord[]> {
    if (this.owners) return this.owners;
    const owners = new Map<string, ResourceRecord[]>();
    for (const record of this.source.zone.records) {
      let list = owners.get(record.owner);
      if (!list) owners.set(record.owner, (list = []));
      list.push(record);
    }
    return (this.owners = owners);
  }

  private get interiorNames(): Set<string> {
    if (this.interior) return this.interior;
    const interior = new Set<string>();
    for (const owner of this.byOwner.keys()) {
      for (let p = parentName(owner); p && p !== '.'; p = parentName(p)) {
        // Reached from another owner before: so was everything above it.
        if (interior.has(p)) break;
        interior.add(p);
        if (this.apexes.includes(p)) break;
      }
    }
    return (this.interior = interior);
  }

  /** The apex that makes this zone authoritative for `name`, the deepest one; undefined when it is not. */
  apexFor(name: string): string | undefined {
    let best: string | undefined;
    for (const apex of this.apexes) {
      if ((name === apex || name.endsWith(`.${apex}`)) && (!best || apex.length > best.length)) best = apex;
    }
    if (!best) return undefined;
    for (const cut of this.cuts) {
      if (cut.length > best.length && (name === cut || name.endsWith(`.${cut}`))) return undefined;
    }
    return best;
  }

  /** How specific this zone's claim on `name` is (longer wins), or -1 when it has none. */
  authority(name: string): number {
    const apex = this.apexFor(name);
    if (apex) return apex.length;
    if (this.apexes.length === 0 && this.byOwner.has(name)) return name.length;
    return -1;
  }

  recordsAt(name: string): readonly ResourceRecord[] | undefined {
    return this.byOwner.get(name);
  }

  exists(name: string): boolean {
    return this.byOwner.has(name) || this.interiorNames.has(name);
  }

  /**
   * The wildcard that covers `name` (RFC 4592 §3.3.1): `*.` the closest
   * existing ancestor, when that wildcard exists and nothing nearer does.
   */
  wildcardFor(name: string, apex: string): readonly ResourceRecord[] | undefined {
    for (let p = parentName(name); p; p = parentName(p)) {
      if (this.exists(p) || p === apex) return this.byOwner.get(`*.${p}`);
    }
    return undefined;
  }

  negativeTtlFor(apex: string | undefined): number {
    return (apex === undefined ? undefined : this.negativeTtl.get(apex)) ?? DEFAULT_NEGATIVE_TTL;
  }
}

/** The answer value of one record, or undefined when the record is not of the type or did not parse. */
export function answerOf<T extends RRType>(record: ResourceRecord, type: T): Answer<T> | undefined {
  if (record.type !== type) return undefined;
  switch (type) {
    case 'TXT':
      return record.txt ? (record.txt.strings.map((s) => s.value) as unknown as Answer<T>) : undefined;
    case 'A':
    case 'AAAA':
      return record.presentation ? (record.presentation as Answer<T>) : undefined;
    case 'MX': {
      const preference = record.fields?.preference;
      const exchange = record.fields?.exchange;
      return typeof preference === 'number' && typeof exchange === 'string' ? ({ preference, exchange } as Answer<T>) : undefined;
    }
    case 'PTR': {
      const target = record.fields?.target;
      return typeof target === 'string' ? (target as Answer<T>) : undefined;
    }
  }
  return undefined;
}

export class ZoneResolver implements Resolver {
  private readonly indexes: ZoneIndex[];

  /**
   * `sources` in order of precedence: when two zones are equally specific
   * for a name (the open document and its saved copy), the first answers.
   */
  constructor(sources: readonly ZoneSource[], private readonly fallback: Resolver) {
    this.indexes = sources.map((s) => new ZoneIndex(s));
  }

  /** True when some loaded zone answers for `name` (the fallback is not asked). */
  answersFor(name: string): boolean {
    return this.pick(canonicalName(name)) !== undefined;
  }

  query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    return this.resolve(canonicalName(name), type, signal, []);
  }

  private pick(name: string): ZoneIndex | undefined {
    let best: ZoneIndex | undefined;
    let bestScore = -1;
    for (const index of this.indexes) {
      const score = index.authority(name);
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    return best;
  }

  private async resolve<T extends RRType>(name: string, type: T, signal: AbortSignal | undefined, chain: string[]): Promise<DnsResponse<T>> {
    if (signal?.aborted) return abortedResponse(signal);
    const index = this.pick(name);
    if (!index) {
      const response = await this.fallback.query(name, type, signal);
      return chain.length && response.status === 'answer' ? { ...response, aliases: [...chain, ...(response.aliases ?? [])] } : response;
    }
    const apex = index.apexFor(name);
    let records = index.recordsAt(name);
    // An empty non-terminal exists with no records of its own: NODATA, not NXDOMAIN (RFC 8020).
    if (!records && index.exists(name)) records = [];
    if (!records && apex) records = index.wildcardFor(name, apex);
    const file = index.source.file;
    if (!records) {
      // Below an apex and absent: the name does not exist. (A listed-owner zone never gets here: it only claims its owners.)
      return { ...nxdomain<T>(index.negativeTtlFor(apex), { kind: 'zone', file, records: [] }), ...(chain.length ? { aliases: chain } : {}) };
    }
    const matching = records.filter((r) => answerOf(r, type) !== undefined);
    if (matching.length > 0) {
      const answers = matching.map((r) => answerOf(r, type)!);
      const ttl = Math.min(...matching.map((r) => r.ttl));
      const response = answer<T>(answers, ttl, { kind: 'zone', file, records: matching });
      return chain.length ? { ...response, aliases: chain } : response;
    }
    const cname = records.find((r) => r.type === 'CNAME' && typeof r.fields?.target === 'string');
    if (cname) {
      const target = cname.fields!.target as string;
      if (chain.includes(target) || target === name || chain.length >= MAX_CNAME_CHAIN) {
        return failure('error', `CNAME loop or chain too long at ${name}`, 'SERVFAIL');
      }
      return this.resolve(target, type, signal, [...chain, name]);
    }
    const response = answer<T>([], index.negativeTtlFor(apex), { kind: 'zone', file, records: [] });
    return chain.length ? { ...response, aliases: chain } : response;
  }
}
