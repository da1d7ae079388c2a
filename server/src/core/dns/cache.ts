/**
 * A cache in front of a resolver, kept for a session (the language server's
 * lifetime, one CLI run). Answers live for their TTL; the same question
 * asked while it is in flight shares one query, so the concurrent lookups
 * of a tree walk never ask twice. The clock is injected: the core does not
 * read time itself, and tests move it by hand.
 */
import { abortedResponse, canonicalName, type DnsResponse, type RRType, type Resolver } from './resolver';

export interface CacheOptions {
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  readonly clock?: () => number;
  /** Entries kept at most; the oldest go first. */
  readonly maxEntries?: number;
  /**
   * Seconds a timeout or server failure is remembered, so a dead server is
   * not asked again on every keystroke (RFC 2308 §7 allows up to 5 minutes).
   */
  readonly failureTtl?: number;
}

interface Entry {
  readonly response: DnsResponse<RRType>;
  readonly expires: number;
}

/** One query in flight and the callers waiting for it; it is cancelled only when all of them have given up. */
interface Flight {
  readonly key: string;
  readonly promise: Promise<DnsResponse<RRType>>;
  readonly controller: AbortController;
  waiters: number;
}

export interface CacheStats {
  /** Questions answered from the cache or by joining a query in flight. */
  readonly hits: number;
  /** Questions passed to the inner resolver. */
  readonly misses: number;
}

export class CachingResolver implements Resolver {
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  private readonly clock: () => number;
  private readonly maxEntries: number;
  private readonly failureTtl: number;
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly inner: Resolver, options: CacheOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.failureTtl = options.failureTtl ?? 30;
  }

  get stats(): CacheStats {
    return { hits: this.hitCount, misses: this.missCount };
  }

  /** Forgets every answer, e.g. when the DNS settings change. */
  clear(): void {
    this.entries.clear();
  }

  query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    if (signal?.aborted) return Promise.resolve(abortedResponse(signal));
    const key = `${type} ${canonicalName(name)}`;
    const cached = this.entries.get(key);
    if (cached && cached.expires > this.clock()) {
      this.hitCount++;
      return Promise.resolve(cached.response as DnsResponse<T>);
    }
    if (cached) this.entries.delete(key);

    let flight = this.flights.get(key);
    if (flight) this.hitCount++;
    else {
      this.missCount++;
      flight = this.start(key, name, type);
    }
    return this.wait(flight, signal) as Promise<DnsResponse<T>>;
  }

  private start(key: string, name: string, type: RRType): Flight {
    const controller = new AbortController();
    const promise = this.inner.query(name, type, controller.signal).then((response) => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      this.remember(key, response);
      return response;
    });
    const flight: Flight = { key, promise, controller, waiters: 0 };
    this.flights.set(key, flight);
    return flight;
  }

  private wait(flight: Flight, signal: AbortSignal | undefined): Promise<DnsResponse<RRType>> {
    flight.waiters++;
    if (!signal) return flight.promise;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        resolve(abortedResponse(signal));
        if (--flight.waiters === 0) {
          // Nobody wants the answer any more: cancel it, and let the next caller start afresh.
          if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
          flight.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void flight.promise.then((response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      });
    });
  }

  private remember(key: string, response: DnsResponse<RRType>): void {
    let seconds: number;
    if (response.status === 'answer') seconds = response.ttl;
    else if ((response.status === 'timeout' || response.status === 'error') && response.code !== 'DEADLINE' && response.code !== 'BUDGET') seconds = this.failureTtl;
    // A cancelled query says nothing about DNS; `unavailable` changes as soon as live DNS is turned on.
    else return;
    if (seconds <= 0) return;
    this.entries.set(key, { response, expires: this.clock() + seconds * 1000 });
    // Bound: one insertion above, so at most one eviction when the cache was full.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
