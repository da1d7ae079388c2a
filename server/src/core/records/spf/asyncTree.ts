/**
 * Building lookup trees with an asynchronous resolver (another zone, live
 * DNS): the walk of tree.ts with its questions answered through a query
 * budget, fetched ahead where the tree allows, and every answer kept so
 * `spf-resolution-failed` can say which lookup failed. The live pass of the
 * language server and `mailzone spf tree` both build trees this way.
 */
import { staticText } from './macro';
import { BudgetedResolver, DEFAULT_QUERY_BUDGET } from '../../dns/budget';
import { CachingResolver } from '../../dns/cache';
import { canonicalName, type DnsResponse, type RRType, type Resolver } from '../../dns/resolver';
import { allTerm, isSpfText, parseSpf, type SpfRecord } from './parse';
import { questionsOf } from './resolutionFailed';
import { buildTreeAsync, canonical, LOOKUP_LIMIT, type AsyncLookup, type LookupNode, type LookupResponse, type LookupType, type SpfTree } from './tree';

export interface TreeLookup {
  /** The walk's question function. */
  readonly lookup: AsyncLookup;
  /**
   * Starts asking the questions of the tree below `record`, published at
   * `domain`, before the walk gets to them. Call it as soon as the record's
   * text is known (from the zone, or from its TXT answer), then walk.
   */
  prefetch(domain: string, record: SpfRecord): void;
  /** The answer the walk got for a question, if it asked it. */
  answered(name: string, type: LookupType): LookupResponse | undefined;
  /** Questions the walks asked so far. */
  readonly used: () => number;
}

/**
 * The walk asks one question at a time, depth first, so on its own a tree
 * costs one round trip per lookup. The prefetch asks ahead instead: the
 * questions of all of a record's terms at once, as soon as the record's
 * text is known, and the same again for every record those answers bring,
 * so a tree takes one round trip per level. The RFC's order matters for
 * evaluation, not for fetching: the walk still consumes every answer in
 * evaluation order, and a cache in front of `resolver` makes every
 * question go out once, however often the walk and the prefetch ask it.
 * The prefetch asks only what the walk will ask too (the same skipped
 * terms, no loop targets), and per tree no more terms than an evaluation
 * may query (RFC 7208 §4.6.4): past that the walk goes on alone.
 */
export function treeLookup(resolver: Resolver, signal?: AbortSignal, budgetLimit: number = DEFAULT_QUERY_BUDGET): TreeLookup {
  // The budget sits under the cache: every question that goes out counts, whether the walk or the prefetch
  // asked it, and a repeated one costs nothing. (Above the cache, the prefetch went around it: a record of
  // 1,000 includes sent 1,000 queries; found by the hostile-DNS tests.)
  const budget = new BudgetedResolver(resolver, budgetLimit);
  const once = new CachingResolver(budget);
  const answers = new Map<string, LookupResponse>();
  const key = (name: string, type: RRType): string => `${type} ${canonicalName(name)}`;
  /** Questions the prefetch has asked, across trees: a record reached twice is fetched ahead once. */
  const fetched = new Set<string>();

  /** `allowance.left`: the tree's counted terms not yet looked at; `path`: the records above, as the walk's loop check sees them. */
  const ahead = (domain: string, record: SpfRecord, path: readonly string[], allowance: { left: number }): void => {
    const hasAll = allTerm(record) !== undefined;
    let afterAll = false;
    for (const term of record.terms) {
      // Skipped, and not counted, exactly where tree.ts walkRecord skips them.
      if (term.kind === 'mechanism' && term.name === 'all') {
        afterAll = true;
        continue;
      }
      if (!term.def?.dnsLookup || (term.kind === 'mechanism' && afterAll) || (term.name === 'redirect' && hasAll)) continue;
      if (allowance.left <= 0 || budget.exhausted || signal?.aborted) return;
      // Every term the walk counts uses up the allowance, asked ahead or not (macros, ptr, syntax errors).
      allowance.left--;
      if (!term.valid || term.name === 'ptr' || term.domainSpec?.hasMacros) continue;
      const target = canonical(term.domainSpec ? staticText(term.domainSpec) : domain);
      const include = term.name === 'include' || term.name === 'redirect';
      if (include && path.includes(target)) continue;
      for (const type of questionsOf({ term } as LookupNode)) {
        const k = key(target, type);
        if (fetched.has(k)) continue;
        fetched.add(k);
        const response = once.query(target, type, signal);
        if (include) {
          void response.then((r) => {
            const below = spfOf(r as DnsResponse<'TXT'>);
            if (below) ahead(target, below, [...path, target], allowance);
          });
        }
      }
    }
  };

  const lookup = async <T extends LookupType>(name: string, type: T): Promise<LookupResponse<T>> => {
    const response = await once.query(name, type, signal);
    answers.set(key(name, type), response as LookupResponse);
    return response as LookupResponse<T>;
  };

  return {
    lookup: lookup as AsyncLookup,
    prefetch: (domain, record) => {
      const root = canonical(domain);
      ahead(root, record, [root], { left: LOOKUP_LIMIT });
    },
    answered: (name, type) => answers.get(key(name, type)),
    used: () => budget.used,
  };
}

/** The one SPF record of a TXT answer, as the walk follows it; undefined when the walk stops there. */
function spfOf(response: DnsResponse<'TXT'>): SpfRecord | undefined {
  if (response.status !== 'answer') return undefined;
  const spf = response.answers.map((strings) => strings.join('')).filter(isSpfText);
  return spf.length === 1 ? parseSpf(spf[0]) : undefined;
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
  const record = parseSpf(text);
  tree.prefetch(name, record);
  return { kind: 'tree', tree: await buildTreeAsync(name, record, tree.lookup), text, source: response };
}
