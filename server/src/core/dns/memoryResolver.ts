/**
 * A resolver over a table held in memory: the RFC 7208 conformance suite's
 * `zonedata` (see test/support/zonedata.ts) and tests use it. Besides records it can
 * play a server that times out, which zone files cannot express.
 */
import { abortedResponse, canonicalName, failure, nxdomain, answer, type Answer, type DnsResponse, type RRType, type Resolver } from './resolver';
import { MAX_CNAME_CHAIN } from './zoneResolver';

export type MemoryEntry =
  | { readonly type: 'TXT'; readonly value: readonly string[] }
  | { readonly type: 'A' | 'AAAA' | 'PTR' | 'CNAME'; readonly value: string }
  | { readonly type: 'MX'; readonly value: { readonly preference: number; readonly exchange: string } }
  /**
   * From here on, the name's server does not answer: a query for a type
   * with no entry before this marker times out; a type with entries before
   * it gets those (the suite's convention, e.g. a TXT answer but a
   * timing-out SPF query).
   */
  | { readonly type: 'TIMEOUT' };

export interface MemoryResolverOptions {
  /** TTL of every answer, in seconds. */
  readonly ttl?: number;
  /** Called for each question, for tests that count queries. */
  readonly onQuery?: (name: string, type: RRType) => void;
}

export class MemoryResolver implements Resolver {
  private readonly table = new Map<string, readonly MemoryEntry[]>();

  constructor(entries: Iterable<readonly [string, readonly MemoryEntry[]]>, private readonly options: MemoryResolverOptions = {}) {
    for (const [name, list] of entries) {
      const key = canonicalName(name);
      this.table.set(key, [...(this.table.get(key) ?? []), ...list]);
    }
  }

  async query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    this.options.onQuery?.(canonicalName(name), type);
    return this.resolve(canonicalName(name), type, signal, []);
  }

  private resolve<T extends RRType>(name: string, type: T, signal: AbortSignal | undefined, chain: string[]): DnsResponse<T> {
    if (signal?.aborted) return abortedResponse(signal);
    const ttl = this.options.ttl ?? 3600;
    const entries = this.table.get(name);
    const withAliases = (r: DnsResponse<T>): DnsResponse<T> => (chain.length && r.status === 'answer' ? { ...r, aliases: chain } : r);
    if (!entries) return withAliases(nxdomain<T>(ttl, { kind: 'memory' }));
    const found: Answer<T>[] = [];
    let cname: string | undefined;
    for (const entry of entries) {
      if (entry.type === 'TIMEOUT') {
        if (found.length === 0) return failure('timeout', `${name} ${type}: no answer (timed out)`, 'ETIMEOUT');
        break;
      }
      if (entry.type === type) found.push(entry.value as Answer<T>);
      else if (entry.type === 'CNAME') cname ??= canonicalName(entry.value);
    }
    if (found.length > 0) return withAliases(answer<T>(found, ttl, { kind: 'memory' }));
    if (cname) {
      if (cname === name || chain.includes(cname) || chain.length >= MAX_CNAME_CHAIN) {
        return failure('error', `CNAME loop or chain too long at ${name}`, 'SERVFAIL');
      }
      return this.resolve(cname, type, signal, [...chain, name]);
    }
    return withAliases(answer<T>([], ttl, { kind: 'memory' }));
  }
}
