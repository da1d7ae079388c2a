/**
 * Building lookup trees with an asynchronous resolver (another zone, live
 * DNS): the walk of tree.ts with its questions answered through a query
 * budget, fetched ahead where the tree allows, and every answer kept so
 * `spf-resolution-failed` can say which lookup failed. The live pass of the
 * language server and `mailzone spf tree` both build trees this way.
 */
import { BudgetedResolver, DEFAULT_QUERY_BUDGET } from '../../dns/budget';
import { CachingResolver } from '../../dns/cache';
import { canonicalName, type DnsResponse, type RRType, type Resolver } from '../../dns/resolver';
import { allTerm, isSpfText, parseSpf } from './parse';
import { questionsOf } from './resolutionFailed';
import { buildTreeAsync, type AsyncLookup, type LookupNode, type LookupResponse, type LookupType, type SpfTree } from './tree';

export interface TreeLookup {
  /** The walk's question function. */
  readonly lookup: AsyncLookup;
  /** The answer the walk got for a question, if it asked it. */
  answered(name: string, type: LookupType): LookupResponse | undefined;
  /** Questions the walks asked so far. */
  readonly used: () => number;
}

/**
 * The walk asks one question at a time. When a record arrives, the
 * questions of its terms are asked at once, so their answers are ready (or
 * in flight) when the walk reaches them: the RFC's order matters for
 * evaluation, not for fetching. A cache in front of `resolver` makes every
 * question go out once, however often the walk and the prefetch ask it.
 */
export function treeLookup(resolver: Resolver, signal?: AbortSignal, budgetLimit: number = DEFAULT_QUERY_BUDGET): TreeLookup {
  // The budget sits under the cache: every question that goes out counts, whether the walk or the prefetch
  // asked it, and a repeated one costs nothing. (Above the cache, the prefetch went around it: a record of
  // 1,000 includes sent 1,000 queries; found by the hostile-DNS tests.)
  const budget = new BudgetedResolver(resolver, budgetLimit);
  const once = new CachingResolver(budget);
  const answers = new Map<string, LookupResponse>();
  const key = (name: string, type: RRType): string => `${type} ${canonicalName(name)}`;

  const prefetch = (response: DnsResponse<'TXT'>): void => {
    if (response.status !== 'answer' || budget.exhausted) return;
    const spf = response.answers.map((strings) => strings.join('')).filter(isSpfText);
    if (spf.length !== 1) return;
    const record = parseSpf(spf[0]);
    const hasAll = allTerm(record) !== undefined;
    for (const term of record.terms) {
      // The walk does not follow terms after `all`, a redirect beside `all`, ptr, or targets built by macros.
      if (term.kind === 'mechanism' && term.name === 'all') break;
      if (!term.valid || !term.def?.dnsLookup || term.name === 'ptr' || !term.domainSpec || term.domainSpec.hasMacros) continue;
      if (term.name === 'redirect' && hasAll) continue;
      if (budget.exhausted) return;
      for (const type of questionsOf({ term } as LookupNode)) void once.query(term.domainSpec.text, type, signal);
    }
  };

  const lookup = async <T extends LookupType>(name: string, type: T): Promise<LookupResponse<T>> => {
    const response = await once.query(name, type, signal);
    answers.set(key(name, type), response as LookupResponse);
    if (type === 'TXT') prefetch(response as DnsResponse<'TXT'>);
    return response as LookupResponse<T>;
  };

  return { lookup: lookup as AsyncLookup, answered: (name, type) => answers.get(key(name, type)), used: () => budget.used };
}

export type DomainTree =
  | { readonly kind: 'tree'; readonly tree: SpfTree; readonly text: string; readonly source?: DnsResponse<'TXT'> }
  /** No SPF record: the reason, in words. */
  | { readonly kind: 'none'; readonly message: string }
  /** The record cannot be read: a DNS failure or several SPF records. */
  | { readonly kind: 'error'; readonly message: string };

/** The lookup tree of `domain`'s published SPF record. */
export async function treeForDomain(domain: string, tree: TreeLookup): Promise<DomainTree> {
  const name = canonicalName(domain);
  const shown = name.slice(0, -1);
  const response = (await tree.lookup(name, 'TXT')) as DnsResponse<'TXT'>;
  if (response.status !== 'answer') return { kind: 'error', message: `TXT lookup for ${shown} failed: ${response.message}` };
  const spf = response.answers.map((strings) => strings.join('')).filter(isSpfText);
  if (response.rcode === 'NXDOMAIN') return { kind: 'none', message: `${shown} does not exist (NXDOMAIN)` };
  if (spf.length === 0) return { kind: 'none', message: `${shown} has no SPF record` };
  if (spf.length > 1) return { kind: 'error', message: `${shown} has ${spf.length} SPF records; receivers return permerror (RFC 7208 §4.5)` };
  const text = spf[0];
  return { kind: 'tree', tree: await buildTreeAsync(name, parseSpf(text), tree.lookup), text, source: response };
}
