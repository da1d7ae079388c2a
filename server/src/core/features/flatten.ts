/**
 * "Flatten this include": replace `include:<domain>` by the ip4/ip6
 * networks the included record authorizes right now, which saves the
 * include's DNS lookups. The networks come from DNS (through the injected
 * resolver), so the result is a snapshot: when the provider changes its
 * servers, the flattened record does not follow. The edit therefore keeps
 * the record as it was in a comment above it, with the date.
 *
 * An include matches when the included record's evaluation passes (RFC 7208
 * §5.2). Its pass set can be written as networks only when every term that
 * gives pass is an address term (ip4, ip6, a, mx, or another such include),
 * no other result comes before one of them, and the record does not end in
 * `+all`. Anything else (exists, ptr, macros) depends on the message or the
 * client and is refused with the reason.
 */
import { DEFAULT_QUERY_BUDGET } from '../dns/budget';
import { canonicalName, type Resolver } from '../dns/resolver';
import { formatIPv6, ipBytes, maskBytes, parseIPv4, parseIPv6 } from '../addr/ip';
import { isSpfText, modifier, parseSpf, type SpfTerm } from '../records/spf/parse';
import { removeTerm } from '../records/spf/edits';
import { replaceInTxt } from '../records/txtEdits';
import type { TextEdit } from '../rules/rule';
import type { Analysis } from '../service';
import type { ResourceRecord } from '../zone/ast';
import { lineEnd, lineStart } from '../text/lines';
import { parenDepth } from '../zone/rules/common';
import { documentRecords, recordAt } from './locate';
import type { Built } from './templates';

/** Includes followed at most this deep, and MX hosts per `mx` (RFC 7208 §4.6.4 allows 10). */
const MAX_DEPTH = 10;
const MAX_MX_HOSTS = 10;

export interface Flattened {
  /** Networks in evaluation order, without duplicates: `ip4:192.0.2.0/24`, `ip6:2001:db8::/32`. */
  readonly networks: readonly string[];
  /** DNS questions asked. */
  readonly queries: number;
}

class Refused extends Error {}

function bare(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** The pass set of `domain`'s SPF record as networks, or why it cannot be written that way. */
export async function flattenDomain(domain: string, resolver: Resolver, signal?: AbortSignal): Promise<Built<Flattened>> {
  const networks: string[] = [];
  let queries = 0;
  const add = (network: string): void => {
    if (!networks.includes(network)) networks.push(network);
  };
  const query = async <T extends 'TXT' | 'A' | 'AAAA' | 'MX'>(name: string, type: T) => {
    // Includes nest 10 deep but may be any number wide: without a ceiling, a hostile record of a thousand
    // includes of a thousand includes each would be walked to the end (found by the hostile-DNS tests).
    if (++queries > DEFAULT_QUERY_BUDGET) throw new Refused(`flattening needs more than ${DEFAULT_QUERY_BUDGET} DNS queries`);
    const response = await resolver.query(name, type, signal);
    if (response.status !== 'answer') throw new Refused(`the ${type} lookup for ${bare(name)} failed (${response.message}); try again later`);
    return response.answers;
  };
  const addresses = async (name: string, term: SpfTerm): Promise<void> => {
    for (const a of await query(name, 'A')) {
      const bytes = parseIPv4(a);
      if (bytes) add(network4(bytes, term.cidr4 ?? 32));
    }
    for (const a of await query(name, 'AAAA')) {
      const groups = parseIPv6(a);
      if (groups) add(network6(ipBytes(groups), term.cidr6 ?? 128));
    }
  };

  const walk = async (name: string, path: readonly string[]): Promise<void> => {
    if (path.includes(name)) throw new Refused(`the includes loop back to ${bare(name)}`);
    if (path.length > MAX_DEPTH) throw new Refused(`the includes nest deeper than ${MAX_DEPTH}`);
    const texts = (await query(name, 'TXT')).map((strings) => strings.join('')).filter(isSpfText);
    if (texts.length === 0) throw new Refused(`${bare(name)} has no SPF record (the include is a permerror)`);
    if (texts.length > 1) throw new Refused(`${bare(name)} has ${texts.length} SPF records (the include is a permerror)`);
    const record = parseSpf(texts[0]);
    if (record.errors.length) throw new Refused(`the SPF record of ${bare(name)} has a syntax error (the include is a permerror)`);
    // Once a term that does not pass may have matched, a later passing term no longer passes for those addresses.
    let shadowed: SpfTerm | undefined;
    let sawAll = false;
    for (const term of record.terms) {
      if (term.kind === 'modifier') continue;
      if (term.name === 'all') {
        if (term.qualifier === '+') throw new Refused(`${bare(name)} ends in +all: it authorizes every address, which no list of networks can say`);
        sawAll = true;
        break;
      }
      if (term.qualifier !== '+') {
        shadowed ??= term;
        continue;
      }
      if (shadowed) throw new Refused(`${bare(name)} has '${shadowed.raw}' before '${term.raw}': which addresses pass depends on that order`);
      if (term.domainSpec?.hasMacros) throw new Refused(`'${term.raw}' in ${bare(name)} uses macros: its addresses depend on each message`);
      const target = term.domainSpec ? canonicalName(term.domainSpec.text) : name;
      switch (term.name) {
        case 'ip4':
          add(network4(term.ip!, term.cidr4 ?? 32));
          break;
        case 'ip6':
          add(network6(term.ip!, term.cidr6 ?? 128));
          break;
        case 'a':
          await addresses(target, term);
          break;
        case 'mx': {
          const hosts = await query(target, 'MX');
          if (hosts.length > MAX_MX_HOSTS) throw new Refused(`${bare(target)} has ${hosts.length} MX hosts; more than ${MAX_MX_HOSTS} is a permerror`);
          for (const host of hosts) if (host.exchange !== '.') await addresses(host.exchange, term);
          break;
        }
        case 'include':
          await walk(target, [...path, name]);
          break;
        default:
          throw new Refused(`'${term.raw}' in ${bare(name)} depends on the connecting client, not on a fixed list of addresses`);
      }
    }
    const redirect = modifier(record, 'redirect');
    if (!sawAll && redirect?.domainSpec) {
      if (shadowed) throw new Refused(`${bare(name)} has '${shadowed.raw}' before its redirect: which addresses pass depends on that order`);
      if (redirect.domainSpec.hasMacros) throw new Refused(`the redirect of ${bare(name)} uses macros`);
      await walk(canonicalName(redirect.domainSpec.text), [...path, name]);
    }
  };

  try {
    await walk(canonicalName(domain), []);
  } catch (error) {
    if (error instanceof Refused) return { error: `cannot flatten include:${bare(domain)}: ${error.message}` };
    throw error;
  }
  return { networks, queries };
}

function network4(bytes: readonly number[], prefix: number): string {
  const masked = maskBytes(bytes, prefix).join('.');
  return prefix === 32 ? `ip4:${masked}` : `ip4:${masked}/${prefix}`;
}

function ipGroups(bytes: readonly number[]): number[] {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  return groups;
}

function network6(bytes: readonly number[], prefix: number): string {
  const masked = formatIPv6(ipGroups(maskBytes(bytes, prefix)));
  return prefix === 128 ? `ip6:${masked}` : `ip6:${masked}/${prefix}`;
}

export interface IncludeAt {
  readonly record: ResourceRecord;
  readonly term: SpfTerm;
  /** The include's target, absolute. */
  readonly target: string;
}

/** The `include:` of an SPF record of the document under `offset`, when it names a fixed domain. */
export function includeAt(analysis: Analysis, offset: number): IncludeAt | undefined {
  const record = recordAt(documentRecords(analysis.zone), offset);
  if (!record?.txt || analysis.view.kindOf(record) !== 'spf') return undefined;
  const spf = parseSpf(record.txt.text);
  for (const term of spf.terms) {
    if (term.kind !== 'mechanism' || term.name !== 'include' || !term.valid || !term.domainSpec || term.domainSpec.hasMacros) continue;
    const span = record.txt.map.toSourceSpan(term.start, term.end);
    if (offset >= span.start && offset <= span.end) return { record, term, target: canonicalName(term.domainSpec.text) };
  }
  return undefined;
}

/**
 * The edits that write the flattened networks in place of the include, with
 * the include's qualifier, and put the entry as it was in a comment above
 * it. `date` is `YYYY-MM-DD`.
 */
export function flattenEdits(analysis: Analysis, at: IncludeAt, networks: readonly string[], date: string): Built<TextEdit[]> {
  const { record, term } = at;
  const txt = record.txt!;
  const qualifier = term.qualifierExplicit && term.qualifier !== '+' ? term.qualifier : '';
  const replaced = networks.length
    ? replaceInTxt(txt, { start: term.start, end: term.end }, networks.map((n) => `${qualifier}${n}`).join(' '))
    : removeTerm(txt, term);
  if (!replaced) return { error: 'the record has a string written without quotes: fix that first' };
  const text = analysis.text;
  const start = lineStart(text, record.span.start);
  let end = record.span.end;
  if (parenDepth(text, record.span.start, end) > 0) {
    const close = text.indexOf(')', end);
    if (close >= 0) end = close;
  }
  const before = text.slice(start, lineEnd(text, end)).split(/\r?\n|\r/);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const target = bare(at.target);
  const comment = [
    `; ${date}: include:${target} flattened into the addresses it authorized that day.`,
    `; They go stale when ${target} changes its servers; re-flatten or restore the entry as it was:`,
    ...before.map((line) => `; ${line}`),
  ].join(eol);
  return [{ span: { start, end: start }, newText: `${comment}${eol}` }, ...replaced];
}
