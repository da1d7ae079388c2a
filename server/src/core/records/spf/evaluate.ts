/**
 * The RFC 7208 `check_host()` function: given a client address, a domain and
 * a sender, what the domain's SPF policy says, by asking DNS through the
 * injected resolver. It follows the RFC's processing exactly: record
 * selection (§4.4, §4.5), left-to-right evaluation with the first match
 * deciding (§4.6.2), include and redirect (§5.2, §6.1), the limits of
 * §4.6.4 counted over the whole recursion, macro expansion (§7) and the
 * explanation of a fail (§6.2). It also records the path it took, so the
 * CLI and the editor can show why the result is what it is.
 */
import { isQueryableName, type AnswerSource, type DnsResponse, type RRType, type Resolver } from '../../dns/resolver';
import { answerBytes, parseClientIp, samePrefix } from './address';
import { expandDomainSpec, expandMacroString, reverseName, splitSender, type ClientIp, type MacroEnv } from './expand';
import { parseMacroString, type DomainSpec } from './macro';
import { isSpfText, parseSpf, type SpfRecord, type SpfTerm } from './parse';
import { QUALIFIERS } from './terms';

export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export const SPF_RESULTS: readonly SpfResult[] = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'];

/** RFC 7208 §4.6.4. */
export interface SpfLimits {
  /** DNS-querying terms over the whole evaluation, includes and redirects included. */
  readonly lookups: number;
  /** Terms whose query returned no answers (the RFC's SHOULD, with its recommended default). */
  readonly voids: number;
  /** MX hosts one `mx` may have: more is permerror. */
  readonly mxHosts: number;
  /** PTR names one `ptr` (or `%{p}`) looks at: the rest are ignored. */
  readonly ptrNames: number;
}

export const SPF_LIMITS: SpfLimits = { lookups: 10, voids: 2, mxHosts: 10, ptrNames: 10 };

export interface CheckHostRequest {
  /** The connecting client's address, IPv4 or IPv6 text. */
  readonly ip: string;
  /** The MAIL FROM address; empty for a bounce, when the HELO identity is checked (§2.4). */
  readonly sender: string;
  /** The HELO/EHLO name. */
  readonly helo?: string;
  /** The domain to evaluate; by default the sender's domain, or the HELO name for an empty sender. */
  readonly domain?: string;
  /** The receiving host's name, for `%{r}` in explanations. */
  readonly receiver?: string;
}

export interface CheckHostOptions {
  readonly resolver: Resolver;
  /** Cancels the evaluation (temperror), or ends it at an overall deadline. */
  readonly signal?: AbortSignal;
  /** Milliseconds since the epoch, for `%{t}`. */
  readonly clock?: () => number;
  readonly limits?: Partial<SpfLimits>;
}

/** The term that decided the result, in the record that holds it. */
export interface MatchedTerm {
  /** The domain whose record holds the term, without the trailing dot. */
  readonly domain: string;
  /** That record's text. */
  readonly record: string;
  /** The term as written. */
  readonly term: string;
  /** Offsets of the term in the record text. */
  readonly start: number;
  readonly end: number;
  /** Where the record came from: a zone file record, or live DNS. */
  readonly source?: AnswerSource;
}

/** One step of the evaluation: a record fetched or a term evaluated. */
export interface TraceStep {
  /** 0 for the checked domain, one more inside each include or redirect. */
  readonly depth: number;
  readonly domain: string;
  readonly kind: 'record' | 'term' | 'default';
  /** The record text, or the term as written. */
  readonly text: string;
  /** What happened, in a few words. */
  readonly outcome: string;
  /** Term offsets in its record text. */
  readonly start?: number;
  readonly end?: number;
  readonly source?: AnswerSource;
}

export interface CheckHostResult {
  readonly result: SpfResult;
  /** The domain evaluated, without a trailing dot. */
  readonly domain: string;
  /** <sender> as used for macros (`postmaster@` added where the local-part was empty). */
  readonly sender: string;
  /** The `exp=` text for a fail, macro-expanded; absent when there is none or it could not be used (§6.2). */
  readonly explanation?: string;
  readonly matched?: MatchedTerm;
  /** Why the result is none, neutral by default, temperror or permerror. */
  readonly reason?: string;
  readonly trace: readonly TraceStep[];
  /** DNS-querying terms evaluated, and void lookups, over the whole evaluation. */
  readonly lookups: number;
  readonly voids: number;
}

/** A permerror or temperror: it ends the whole evaluation, through every include (§5.2). */
class Terminal extends Error {
  constructor(readonly result: 'permerror' | 'temperror', readonly reason: string) {
    super(reason);
  }
}

/** What one record's evaluation gave, before the caller (include, redirect, top) interprets it. */
type RecordOutcome =
  | { readonly result: 'none'; readonly reason: string }
  | {
      readonly result: 'pass' | 'fail' | 'softfail' | 'neutral';
      readonly matched?: MatchedTerm;
      /** The `exp` that applies if this is the final result: the deciding record's (§6.2). */
      readonly exp?: { readonly spec: DomainSpec; readonly domain: string };
      readonly reason?: string;
    };

interface Selected {
  readonly record: SpfRecord;
  readonly source?: AnswerSource;
}

type AddressCheck = { readonly kind: 'match'; readonly address: string } | { readonly kind: 'nomatch'; readonly count: number } | { readonly kind: 'void' } | { readonly kind: 'error'; readonly message: string };

/**
 * §4.3: a domain check_host() can look up: a multi-label name whose labels
 * fit DNS, and not an address literal (`[192.0.2.1]` in a MAIL FROM).
 */
export function isCheckableDomain(domain: string): boolean {
  const bare = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  return isQueryableName(bare) && bare.includes('.') && !bare.startsWith('[');
}

function bare(name: string): string {
  return name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
}

function lower(name: string): string {
  return bare(name).toLowerCase();
}

class Evaluation {
  lookups = 0;
  voids = 0;
  readonly trace: TraceStep[] = [];
  private readonly limits: SpfLimits;
  private validated?: Promise<{ names: string[]; void: boolean }>;

  constructor(
    private readonly ip: ClientIp,
    private readonly sender: string,
    private readonly helo: string,
    private readonly request: CheckHostRequest,
    private readonly options: CheckHostOptions,
  ) {
    this.limits = { ...SPF_LIMITS, ...options.limits };
  }

  env(domain: string): MacroEnv {
    return {
      sender: this.sender,
      domain: bare(domain),
      ip: this.ip,
      helo: this.helo,
      receiver: this.request.receiver,
      now: (this.options.clock ?? Date.now)() / 1000,
      validatedName: () => this.validatedNameFor(domain),
    };
  }

  query<T extends RRType>(name: string, type: T): Promise<DnsResponse<T>> {
    return this.options.resolver.query(name, type, this.options.signal);
  }

  step(step: TraceStep): void {
    this.trace.push(step);
  }

  /** §4.4, §4.5: the one SPF record of `domain`, `none`, or a terminal error. */
  async select(domain: string, depth: number): Promise<Selected | { none: string }> {
    if (!isCheckableDomain(domain)) return { none: `'${domain}' is not a valid domain name to look up (RFC 7208 §4.3)` };
    const response = await this.query(domain, 'TXT');
    if (response.status !== 'answer') throw new Terminal('temperror', `TXT lookup for ${bare(domain)} failed: ${response.message}`);
    if (response.rcode === 'NXDOMAIN') return { none: `${bare(domain)} does not exist (NXDOMAIN)` };
    const texts = response.answers.map((strings) => strings.join(''));
    const spf = texts.map((text, i) => ({ text, i })).filter(({ text }) => isSpfText(text));
    if (spf.length === 0) return { none: `${bare(domain)} has no SPF record` };
    if (spf.length > 1) throw new Terminal('permerror', `${bare(domain)} has ${spf.length} SPF records; there must be exactly one (RFC 7208 §4.5)`);
    const record = parseSpf(spf[0].text);
    const source = response.source?.kind === 'zone' ? { ...response.source, records: [response.source.records[spf[0].i]].filter(Boolean) } : response.source;
    this.step({ depth, domain: bare(domain), kind: 'record', text: record.text, outcome: 'SPF record', source });
    if (record.errors.length > 0) {
      const first = record.errors[0];
      throw new Terminal('permerror', `syntax error in the SPF record of ${bare(domain)} at '${record.text.slice(first.start, first.end)}': ${first.message}`);
    }
    return { record, source };
  }

  /** check_host() for one domain: §4.6 over its record. */
  async evaluate(domain: string, depth: number): Promise<RecordOutcome> {
    const selected = await this.select(domain, depth);
    if ('none' in selected) return { result: 'none', reason: selected.none };
    const { record, source } = selected;
    const at = (term: SpfTerm): MatchedTerm => ({ domain: bare(domain), record: record.text, term: term.raw, start: term.start, end: term.end, source });
    const exp = record.terms.find((t) => t.kind === 'modifier' && t.name === 'exp');
    const expOf = exp?.domainSpec ? { spec: exp.domainSpec, domain } : undefined;

    for (const term of record.terms) {
      if (term.kind !== 'mechanism') continue;
      // The term's step goes before the steps of an include it leads to; its outcome is filled in after.
      const index = this.trace.length;
      this.step({ depth, domain: bare(domain), kind: 'term', text: term.raw, start: term.start, end: term.end, source, outcome: '' });
      const outcome = await this.mechanism(term, domain, depth);
      this.trace[index] = { ...this.trace[index], outcome: outcome.note };
      if (outcome.match) {
        const result = QUALIFIERS.find((q) => q.qualifier === term.qualifier)!.result;
        return { result, matched: at(term), exp: expOf };
      }
    }

    // §6.1: redirect applies only when no mechanism matched (an `all` always would have).
    const redirect = record.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (redirect?.domainSpec) {
      this.count(redirect, domain);
      const target = await expandDomainSpec(redirect.domainSpec, this.env(domain));
      this.step({ depth, domain: bare(domain), kind: 'term', text: redirect.raw, start: redirect.start, end: redirect.end, source, outcome: `→ ${target}` });
      const outcome = await this.evaluate(target, depth + 1);
      if (outcome.result === 'none') throw new Terminal('permerror', `redirect=${target}: ${outcome.reason} (RFC 7208 §6.1: permerror)`);
      // The target's result is this record's result, with the target's exp, never this record's (§6.2).
      return outcome;
    }
    this.step({ depth, domain: bare(domain), kind: 'default', text: '', outcome: 'no term matched: neutral (RFC 7208 §4.7)' });
    return { result: 'neutral', exp: expOf, reason: `no term of ${bare(domain)} matched and it has no redirect (RFC 7208 §4.7)` };
  }

  /** §4.6.4: every DNS-querying term counts, wherever in the recursion it is. */
  count(term: SpfTerm, domain: string): void {
    this.lookups++;
    if (this.lookups > this.limits.lookups) {
      throw new Terminal('permerror', `more than ${this.limits.lookups} DNS-querying terms: '${term.raw}' in ${bare(domain)} is number ${this.lookups} (RFC 7208 §4.6.4)`);
    }
  }

  /** §4.6.4: a term whose query came back empty. */
  void(term: SpfTerm, domain: string): void {
    this.voids++;
    if (this.voids > this.limits.voids) {
      throw new Terminal('permerror', `more than ${this.limits.voids} void lookups: '${term.raw}' in ${bare(domain)} is number ${this.voids} (RFC 7208 §4.6.4)`);
    }
  }

  async target(term: SpfTerm, domain: string): Promise<string> {
    return term.domainSpec ? expandDomainSpec(term.domainSpec, this.env(domain)) : bare(domain);
  }

  async mechanism(term: SpfTerm, domain: string, depth: number): Promise<{ match: boolean; note: string }> {
    const matched = (note: string): { match: boolean; note: string } => ({ match: true, note: `match: ${note} → ${QUALIFIERS.find((q) => q.qualifier === term.qualifier)!.result}` });
    const none = (note: string): { match: boolean; note: string } => ({ match: false, note });
    if (term.def?.dnsLookup) this.count(term, domain);
    switch (term.name) {
      case 'all':
        return matched('all');
      case 'ip4':
      case 'ip6': {
        const version = term.name === 'ip4' ? 4 : 6;
        if (this.ip.version !== version || !term.ip) return none(`no match (the client is IPv${this.ip.version})`);
        const prefix = (version === 4 ? term.cidr4 : term.cidr6) ?? (version === 4 ? 32 : 128);
        return samePrefix(this.ip.bytes, term.ip, prefix) ? matched('the client is in the network') : none('no match');
      }
      case 'a': {
        const target = await this.target(term, domain);
        if (!isQueryableName(target)) return none(`no match: '${target}' is not a name DNS can look up`);
        const check = await this.addresses(target, term);
        return this.addressOutcome(check, term, domain, target, matched, none);
      }
      case 'mx': {
        const target = await this.target(term, domain);
        if (!isQueryableName(target)) return none(`no match: '${target}' is not a name DNS can look up`);
        const response = await this.query(target, 'MX');
        if (response.status !== 'answer') throw new Terminal('temperror', `MX lookup for ${target} failed: ${response.message}`);
        if (response.answers.length === 0) {
          this.void(term, domain);
          return none(`no match: ${target} has no MX records (void lookup)`);
        }
        if (response.answers.length > this.limits.mxHosts) {
          throw new Terminal('permerror', `${target} has ${response.answers.length} MX hosts; '${term.raw}' may look at no more than ${this.limits.mxHosts} (RFC 7208 §4.6.4)`);
        }
        // The host lookups are independent: ask them at once, then read them in order so the result is the same as asking one by one.
        const hosts = response.answers.map((mx) => mx.exchange).filter((host) => host !== '.');
        const checks = await Promise.all(hosts.map((host) => this.addresses(host, term, false)));
        for (let i = 0; i < checks.length; i++) {
          const check = checks[i];
          if (check.kind === 'match') return matched(`${check.address} is an address of MX host ${bare(hosts[i])}`);
          if (check.kind === 'error') throw new Terminal('temperror', `address lookup for MX host ${bare(hosts[i])} failed: ${check.message}`);
        }
        return none(`no match among ${hosts.length} MX host${hosts.length === 1 ? '' : 's'} of ${target}`);
      }
      case 'ptr': {
        const target = await this.target(term, domain);
        const { names, void: empty } = await this.validatedNames();
        // The PTR query is this term's lookup: an empty answer is a void lookup for each ptr term that asks it.
        if (empty) this.void(term, domain);
        const wanted = lower(target);
        const hit = names.find((name) => lower(name) === wanted || lower(name).endsWith(`.${wanted}`));
        return hit ? matched(`validated name ${bare(hit)} is in ${target}`) : none(`no match: no validated name of the client is in ${target}`);
      }
      case 'exists': {
        const target = await this.target(term, domain);
        if (!isQueryableName(target)) return none(`no match: '${target}' is not a name DNS can look up`);
        // §5.7: always an A query, whatever the client's address family.
        const response = await this.query(target, 'A');
        if (response.status !== 'answer') throw new Terminal('temperror', `A lookup for ${target} failed: ${response.message}`);
        if (response.answers.length === 0) {
          this.void(term, domain);
          return none(`no match: ${target} has no A record (void lookup)`);
        }
        return matched(`${target} exists`);
      }
      case 'include': {
        const target = await this.target(term, domain);
        const outcome = await this.evaluate(target, depth + 1);
        // §5.2: pass matches; fail, softfail and neutral do not; none is permerror (temperror and permerror were thrown).
        if (outcome.result === 'none') throw new Terminal('permerror', `include:${target}: ${outcome.reason} (RFC 7208 §5.2: permerror)`);
        return outcome.result === 'pass' ? matched(`${target} passes`) : none(`no match: ${target} gives ${outcome.result}`);
      }
    }
    // The parser reports unknown mechanisms as errors, so a valid record never gets here.
    throw new Terminal('permerror', `unknown mechanism '${term.raw}'`);
  }

  addressOutcome(
    check: AddressCheck,
    term: SpfTerm,
    domain: string,
    target: string,
    matched: (note: string) => { match: boolean; note: string },
    none: (note: string) => { match: boolean; note: string },
  ): { match: boolean; note: string } {
    switch (check.kind) {
      case 'match':
        return matched(`${check.address} is an address of ${target}`);
      case 'void':
        this.void(term, domain);
        return none(`no match: ${target} has no ${this.ip.version === 4 ? 'A' : 'AAAA'} records (void lookup)`);
      case 'error':
        throw new Terminal('temperror', `address lookup for ${target} failed: ${check.message}`);
      case 'nomatch':
        return none(`no match among ${check.count} address${check.count === 1 ? '' : 'es'} of ${target}`);
    }
  }

  /** A or AAAA of `name` (by the client's family), compared with the client within the term's prefix. */
  async addresses(name: string, term: SpfTerm, primary = true): Promise<AddressCheck> {
    const type = this.ip.version === 4 ? 'A' : 'AAAA';
    const response = await this.query(name, type);
    if (response.status !== 'answer') return { kind: 'error', message: response.message };
    if (response.answers.length === 0) return primary ? { kind: 'void' } : { kind: 'nomatch', count: 0 };
    const prefix = (this.ip.version === 4 ? term.cidr4 : term.cidr6) ?? (this.ip.version === 4 ? 32 : 128);
    for (const address of response.answers) {
      const bytes = answerBytes(address, this.ip.version);
      if (bytes && samePrefix(this.ip.bytes, bytes, prefix)) return { kind: 'match', address };
    }
    return { kind: 'nomatch', count: response.answers.length };
  }

  /**
   * §5.5: the client's PTR names (at most 10) whose own A/AAAA records
   * include the client. A failed PTR lookup means no names (§5.5, not
   * temperror); a failed address lookup skips that name. Computed once per
   * evaluation: every `ptr` term and `%{p}` ask the same questions.
   */
  validatedNames(): Promise<{ names: string[]; void: boolean }> {
    this.validated ??= (async () => {
      const response = await this.query(reverseName(this.ip), 'PTR');
      if (response.status !== 'answer') return { names: [], void: false };
      if (response.answers.length === 0) return { names: [], void: true };
      const names = response.answers.slice(0, this.limits.ptrNames);
      const type = this.ip.version === 4 ? 'A' : 'AAAA';
      const found = await Promise.all(names.map((name) => (isQueryableName(name) ? this.query(name, type) : Promise.resolve(undefined))));
      const valid = names.filter((_, i) => {
        const r = found[i];
        return (
          r?.status === 'answer' &&
          r.answers.some((a) => {
            const bytes = answerBytes(a, this.ip.version);
            return bytes !== undefined && samePrefix(this.ip.bytes, bytes, bytes.length * 8);
          })
        );
      });
      return { names: valid, void: false };
    })();
    return this.validated;
  }

  /** `%{p}` (§7.3): the validated name equal to <domain>, else one below it, else any, else `unknown`. */
  async validatedNameFor(domain: string): Promise<string> {
    const { names } = await this.validatedNames();
    const d = lower(domain);
    const pick = names.find((n) => lower(n) === d) ?? names.find((n) => lower(n).endsWith(`.${d}`)) ?? names[0];
    return pick ? bare(pick) : 'unknown';
  }

  /** §6.2: the explanation for a fail, or undefined when the exp target cannot be used. Not counted, not a void lookup. */
  async explain(exp: { spec: DomainSpec; domain: string }): Promise<string | undefined> {
    const env = this.env(exp.domain);
    const target = await expandDomainSpec(exp.spec, env);
    if (!isQueryableName(target)) return undefined;
    const response = await this.query(target, 'TXT');
    if (response.status !== 'answer' || response.answers.length !== 1) return undefined;
    const text = response.answers[0].join('');
    if (/[^\x00-\x7f]/.test(text)) return undefined;
    const parsed = parseMacroString(text, 0, text.length, 'explain');
    if (parsed.errors.length > 0) return undefined;
    return expandMacroString(parsed, env);
  }
}

/**
 * check_host(<ip>, <domain>, <sender>) with the identity rules of §2.4 and
 * §4.3 applied first: an empty MAIL FROM means `postmaster@<helo>` and the
 * HELO name as the domain; an empty local-part means `postmaster`.
 */
export async function checkHost(request: CheckHostRequest, options: CheckHostOptions): Promise<CheckHostResult> {
  const helo = request.helo ?? '';
  const mailFrom = request.sender.trim();
  let sender: string;
  if (mailFrom === '') sender = `postmaster@${helo}`;
  else {
    const { local, domain } = splitSender(mailFrom);
    sender = `${local}@${domain}`;
  }
  const domain = bare(request.domain ?? splitSender(sender).domain);
  const base = { domain, sender, trace: [] as TraceStep[], lookups: 0, voids: 0 };

  const ip = parseClientIp(request.ip);
  if (!ip) return { ...base, result: 'permerror', reason: `'${request.ip}' is not an IPv4 or IPv6 address` };

  const evaluation = new Evaluation(ip, sender, helo, request, options);
  const finish = (result: Omit<CheckHostResult, 'trace' | 'lookups' | 'voids' | 'domain' | 'sender'>): CheckHostResult => ({
    ...base,
    ...result,
    trace: evaluation.trace,
    lookups: evaluation.lookups,
    voids: evaluation.voids,
  });
  try {
    const outcome = await evaluation.evaluate(domain, 0);
    if (outcome.result === 'none') return finish({ result: 'none', reason: outcome.reason });
    // The explanation's lookup is made only for a fail, after the result is known, and outside the limits (§6.2, §4.6.4).
    const explanation = outcome.result === 'fail' && outcome.exp ? await evaluation.explain(outcome.exp).catch(() => undefined) : undefined;
    return finish({ result: outcome.result, matched: outcome.matched, explanation, reason: outcome.reason });
  } catch (error) {
    if (error instanceof Terminal) return finish({ result: error.result, reason: error.reason });
    throw error;
  }
}
