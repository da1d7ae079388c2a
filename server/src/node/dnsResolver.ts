/**
 * Live DNS for the core's `Resolver`: Node's `dns.promises.Resolver` (c-ares),
 * asking the servers from `mailzone.dns.servers` or, when that is empty, the
 * system's. Every question has its own deadline and can be cancelled; a
 * check as a whole gets an overall deadline from {@link checkSignal}.
 *
 * Only the language server (when `mailzone.dns.enabled` is on and the
 * workspace is trusted) and the CLI's `spf` commands (unless `--no-live`)
 * create one: nothing else in Mailzone sends a packet.
 */
import { getServers } from 'node:dns';
import { setMaxListeners } from 'node:events';
import { Resolver as CaresResolver } from 'node:dns/promises';
import {
  DEFAULT_NEGATIVE_TTL,
  DEFAULT_POSITIVE_TTL,
  abortedResponse,
  answer,
  failure,
  nxdomain,
  type Answer,
  type DnsResponse,
  type RRType,
  type Resolver,
} from '../core/dns/resolver';
import { rawQuery } from './rawDns';

/** Per-question timeout (the `mailzone.dns.timeoutMs` default). */
export const DEFAULT_QUERY_TIMEOUT_MS = 2000;
/** RFC 7208 §4.6.4: a check_host() evaluation SHOULD be allowed at least 20 seconds. */
export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

export interface LiveResolverOptions {
  /** `host`, `host:port`, `[v6]` or `[v6]:port`; empty or absent: the system's resolvers. */
  readonly servers?: readonly string[];
  readonly timeoutMs?: number;
  /** Called before each question is sent (for logs and tests). */
  readonly onQuery?: (name: string, type: RRType) => void;
}

/** Thrown by the constructor for a server entry Node cannot use; the message names it. */
export class DnsServerError extends Error {}

/** c-ares error codes that mean the name exists but has no data of the type (NOERROR, empty answer). */
const NODATA = new Set(['ENODATA']);
/** NXDOMAIN. */
const NOT_FOUND = new Set(['ENOTFOUND']);
/** The server did not answer in time, or could not be reached at all. */
const TIMEOUTS = new Set(['ETIMEOUT']);

const RCODE_OF: Readonly<Record<string, string>> = {
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  EFORMERR: 'FORMERR',
  ENOTIMP: 'NOTIMP',
};

/** Idle c-ares channels kept for reuse; more than this many questions at once get channels that are dropped after. */
const MAX_IDLE_CHANNELS = 32;

export class LiveResolver implements Resolver {
  private readonly servers: readonly string[];
  private readonly timeoutMs: number;
  /**
   * c-ares channels not in use. A channel carries one question at a time
   * (cancel() cancels everything on a channel, and only that question may
   * go), but setting one up reads the system's resolver configuration and
   * costs more than a loopback round trip's worth of CPU: the questions of a
   * lookup tree go out together, so channels are reused rather than made
   * per question. An idle channel holds no socket (c-ares closes them when
   * no query is left), so the pool keeps no process alive.
   */
  private readonly idle: CaresResolver[] = [];

  constructor(private readonly options: LiveResolverOptions = {}) {
    this.servers = (options.servers ?? []).map((s) => s.trim()).filter((s) => s !== '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    // Validate the server list once, so a typo in the settings is one clear message rather than a failure per query.
    // The channel that checked it is the first one the questions use.
    try {
      this.idle.push(this.channel());
    } catch (error) {
      throw new DnsServerError(`invalid DNS server in ${JSON.stringify(this.servers)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** What the lookup tree shows as the source of live answers. */
  get serverLabel(): string {
    return this.servers.length ? this.servers.join(', ') : 'system resolvers';
  }

  async query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    if (signal?.aborted) return abortedResponse(signal);
    this.options.onQuery?.(name, type);
    const shown = name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
    // One channel per question in flight: cancel() cancels everything on a channel, and only this question may go.
    const resolver = this.idle.pop() ?? this.channel();
    // c-ares applies its timeout per server and try; this bounds the question as a whole.
    const local = new AbortController();
    const timer = setTimeout(() => local.abort(), this.timeoutMs);
    const onAbort = (): void => local.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    local.signal.addEventListener('abort', () => resolver.cancel(), { once: true });
    const source = { kind: 'live' as const, server: this.servers.length ? this.servers.join(', ') : undefined };
    try {
      let answers: { values: unknown[]; ttl?: number; rcode?: string };
      try {
        answers = await ask(resolver, name, type);
      } catch (error) {
        // c-ares sends only host-name-like names; SPF macros make others (RFC 7208 §7.3), which DNS serves all the same.
        if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EBADNAME') throw error;
        answers = await rawQuery(this.servers.length ? this.servers : getServers(), name, type, local.signal);
        if (type === 'MX') answers.values = (answers.values as Array<{ priority: number; exchange: string }>).map((mx) => ({ preference: mx.priority, exchange: absolute(mx.exchange) }));
        if (type === 'PTR') answers.values = (answers.values as string[]).map(absolute);
        if (answers.rcode === 'NXDOMAIN') return nxdomain<T>(DEFAULT_NEGATIVE_TTL, source);
      }
      return answer<T>(answers.values as Answer<T>[], answers.values.length ? (answers.ttl ?? DEFAULT_POSITIVE_TTL) : DEFAULT_NEGATIVE_TTL, source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';
      if (signal?.aborted) return abortedResponse(signal);
      if (local.signal.aborted || code === 'ECANCELLED' || TIMEOUTS.has(code)) return failure('timeout', `${shown} ${type}: no answer within ${this.timeoutMs} ms`, 'ETIMEOUT');
      if (NODATA.has(code)) return answer<T>([], DEFAULT_NEGATIVE_TTL, source);
      if (NOT_FOUND.has(code)) return nxdomain<T>(DEFAULT_NEGATIVE_TTL, source);
      const rcode = RCODE_OF[code];
      if (rcode) return failure('error', `${shown} ${type}: the server answered ${rcode}`, rcode);
      if (code === 'ECONNREFUSED') return failure('error', `${shown} ${type}: connection refused by ${this.serverLabel}`, code);
      return failure('error', `${shown} ${type}: ${error instanceof Error ? error.message : String(error)}`, code);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // The question is settled, answered or cancelled: nothing is left on the channel, and the next may use it.
      if (this.idle.length < MAX_IDLE_CHANNELS) this.idle.push(resolver);
    }
  }

  private channel(): CaresResolver {
    const resolver = new CaresResolver({ timeout: this.timeoutMs, tries: 1 });
    if (this.servers.length) resolver.setServers([...this.servers]);
    return resolver;
  }
}

/** Absolute form with a trailing dot, as zone records and the core compare names. */
function absolute(name: string): string {
  return name === '' || name.endsWith('.') ? name || '.' : `${name}.`;
}

async function ask(resolver: CaresResolver, name: string, type: RRType): Promise<{ values: unknown[]; ttl?: number }> {
  switch (type) {
    case 'A': {
      const records = await resolver.resolve4(name, { ttl: true });
      return { values: records.map((r) => r.address), ttl: minTtl(records) };
    }
    case 'AAAA': {
      const records = await resolver.resolve6(name, { ttl: true });
      return { values: records.map((r) => r.address), ttl: minTtl(records) };
    }
    // Node reports no TTL for the other types; the cache then uses DEFAULT_POSITIVE_TTL.
    case 'TXT':
      return { values: await resolver.resolveTxt(name) };
    case 'MX':
      return { values: (await resolver.resolveMx(name)).map((mx) => ({ preference: mx.priority, exchange: absolute(mx.exchange) })) };
    case 'PTR':
      return { values: (await resolver.resolvePtr(name)).map(absolute) };
  }
}

function minTtl(records: ReadonlyArray<{ ttl: number }>): number | undefined {
  return records.length ? Math.min(...records.map((r) => r.ttl)) : undefined;
}

/**
 * The signal one check runs under: the caller's (a document change cancels
 * it) plus the overall deadline. Resolvers report the deadline as a timeout
 * and the caller's abort as a cancellation.
 */
export function checkSignal(parent: AbortSignal | undefined, timeoutMs: number = DEFAULT_CHECK_TIMEOUT_MS): AbortSignal {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = parent ? AbortSignal.any([parent, deadline]) : deadline;
  // Every question in flight listens on it: a tree walk has dozens at once, which is not a leak.
  setMaxListeners(0, signal);
  return signal;
}
