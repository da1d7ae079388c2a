/**
 * How the core asks DNS questions without doing I/O itself (RFC 7208 needs
 * TXT, A, AAAA, MX and PTR). The open zone, the workspace's other zones, an
 * in-memory table and live DNS all answer through this one interface, so the
 * lookup-tree rules, the `check_host()` evaluator, the CLI and the tests share
 * one code path.
 */
import { canonicalName as presentationName } from '../zone/names';
import type { ResourceRecord } from '../zone/ast';

/** The record types SPF evaluation queries. */
export type RRType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR';

export interface MxAnswer {
  readonly preference: number;
  /** Absolute, with a trailing dot (case as served); `.` for a null MX (RFC 7505). */
  readonly exchange: string;
}

/**
 * One answer record by type. A TXT answer is its character-strings as
 * received: SPF joins them with no separator (RFC 7208 §3.3), and an empty
 * list is a TXT record with no strings at all. Addresses are in text form;
 * PTR targets are absolute names with a trailing dot.
 */
export interface AnswerTypes {
  readonly TXT: readonly string[];
  readonly A: string;
  readonly AAAA: string;
  readonly MX: MxAnswer;
  readonly PTR: string;
}

export type Answer<T extends RRType> = AnswerTypes[T];

/** Where an answer came from: shown in the lookup tree, and lets an editor link to the record. */
export type AnswerSource =
  | {
      readonly kind: 'zone';
      /** The zone file that answered; undefined for the analysed document. */
      readonly file?: string;
      /** The records that make up the answer, in answer order (empty for a negative answer). */
      readonly records: readonly ResourceRecord[];
    }
  | { readonly kind: 'live'; readonly server?: string }
  | { readonly kind: 'memory' };

/** RCODE 0 with data or without (NODATA), or RCODE 3 (NXDOMAIN): the answers RFC 7208 §4.4 calls successful. */
export interface DnsAnswer<T extends RRType> {
  readonly status: 'answer';
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly answers: readonly Answer<T>[];
  /** Seconds the answer may be cached: the smallest record TTL, or the negative-caching TTL. */
  readonly ttl: number;
  readonly source?: AnswerSource;
  /** The CNAME chain followed to reach the answer, if any (absolute names). */
  readonly aliases?: readonly string[];
}

/**
 * The ways a question can go unanswered. `timeout` and `error` are what RFC
 * 7208 §4.4 turns into temperror. `unavailable` means no source may answer
 * the name (live DNS is off and no loaded zone holds it): it is not a DNS
 * result at all, so tree rules must not read it as "no record". `cancelled`
 * means the caller's signal fired.
 */
export interface DnsFailure {
  readonly status: 'timeout' | 'error' | 'unavailable' | 'cancelled';
  /** One line, for the lookup tree and the `spf-resolution-failed` message. */
  readonly message: string;
  /** The RCODE or resolver code when there is one (`SERVFAIL`, `REFUSED`, `ECONNREFUSED`). */
  readonly code?: string;
}

export type DnsResponse<T extends RRType> = DnsAnswer<T> | DnsFailure;

export interface Resolver {
  /**
   * Asks one question. Never rejects: every outcome, including cancellation
   * through `signal`, is a {@link DnsResponse}.
   */
  query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>>;
}

/** A void lookup (RFC 7208 §4.6.4): NOERROR with no answers, or NXDOMAIN. */
export function isVoid(response: DnsResponse<RRType>): boolean {
  return response.status === 'answer' && response.answers.length === 0;
}

/** TTL used for negative answers when the source gives none (RFC 2308 §5 suggests 1-3 hours; a shorter one suits an editor). */
export const DEFAULT_NEGATIVE_TTL = 60;
/** TTL used for positive answers whose source does not report TTLs (Node's TXT, MX and PTR lookups). */
export const DEFAULT_POSITIVE_TTL = 300;

/**
 * `Example.COM` → `example.com.`: the form zone owners use, so names compare
 * with `===`. A name with other characters (the spaces an SPF macro-escape
 * expands to) is written as owners are (`\032`), so it finds the owner
 * written with escapes: names compare in their wire form.
 */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  const absolute = lower.endsWith('.') && !lower.endsWith('\\.') ? lower : `${lower}.`;
  return /^[a-z0-9_.*-]*$/.test(absolute) ? absolute : presentationName(absolute);
}

/**
 * Whether a name can be put in a query at all (RFC 1035 §2.3.4): labels of
 * 1-63 octets and at most 253 characters without the trailing dot. A name
 * built by macros may break this; RFC 7208 §4.3 and §5 treat such names as
 * non-existent rather than as DNS errors.
 */
export function isQueryableName(name: string): boolean {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0 || bare.length > 253) return false;
  return bare.split('.').every((label) => label.length >= 1 && label.length <= 63);
}

export function answer<T extends RRType>(answers: readonly Answer<T>[], ttl: number, source?: AnswerSource, rcode: 'NOERROR' | 'NXDOMAIN' = 'NOERROR'): DnsAnswer<T> {
  return { status: 'answer', rcode, answers, ttl, source };
}

export function nxdomain<T extends RRType>(ttl = DEFAULT_NEGATIVE_TTL, source?: AnswerSource): DnsAnswer<T> {
  return { status: 'answer', rcode: 'NXDOMAIN', answers: [], ttl, source };
}

export function failure(status: DnsFailure['status'], message: string, code?: string): DnsFailure {
  return code === undefined ? { status, message } : { status, message, code };
}

/**
 * The response for a question whose signal fired: a timeout when the signal
 * is a deadline (`AbortSignal.timeout`, the overall limit of a check),
 * otherwise a cancellation (the document changed).
 */
export function abortedResponse(signal: AbortSignal): DnsFailure {
  const reason = signal.reason as { name?: unknown } | undefined;
  return reason?.name === 'TimeoutError' ? failure('timeout', 'the time allowed for this check ran out', 'DEADLINE') : failure('cancelled', 'cancelled');
}

/** Answers NXDOMAIN for every name: what `--no-live` means for names outside the given zones. */
export const nxdomainResolver: Resolver = {
  query: async (_name, _type, signal) => (signal?.aborted ? abortedResponse(signal) : nxdomain()),
};

/** Answers `unavailable` for every name: the end of the chain when live DNS is off in the editor. */
export const offlineResolver: Resolver = {
  query: async (name, _type, signal) =>
    signal?.aborted ? abortedResponse(signal) : failure('unavailable', `${name} is not in a loaded zone and live DNS is off`),
};

/** A short description of a response for trees and messages: `2 records`, `NXDOMAIN`, `timeout`. */
export function describeResponse(response: DnsResponse<RRType>): string {
  if (response.status !== 'answer') return response.code ? `${response.status} (${response.code})` : response.status;
  if (response.rcode === 'NXDOMAIN') return 'NXDOMAIN';
  if (response.answers.length === 0) return 'no records';
  return response.answers.length === 1 ? '1 record' : `${response.answers.length} records`;
}
