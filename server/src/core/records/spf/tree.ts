/**
 * The SPF lookup tree: every DNS-querying term of a record, what its query
 * returned, and for include and redirect the terms of the record it reached,
 * recursively. Counts follow RFC 7208 §4.6.4 as a static worst case: every
 * querying term counts once, `redirect` only when the record has no `all`
 * (§6.1: otherwise it is never used), terms after `all` not at all (§5.1:
 * never evaluated), and a term whose target needs macros counts once and is
 * marked as not statically resolvable.
 *
 * The walk is written once, as a generator that yields the DNS questions it
 * needs; `buildTree` answers them synchronously (the open zone, for
 * diagnostics) and `buildTreeAsync` from any asynchronous resolver (live
 * DNS), so both agree by construction.
 */
import { staticText } from './macro';
import { canonicalName } from '../../zone/names';
import { allTerm, isSpfText, spfOfText, type SpfRecord, type SpfTerm } from './parse';

export type LookupType = 'TXT' | 'A' | 'AAAA' | 'MX';

export interface LookupAnswerTypes {
  /** One TXT record: its character-strings, joined by SPF with no separator (§3.3). */
  readonly TXT: readonly string[];
  readonly A: string;
  readonly AAAA: string;
  readonly MX: { readonly exchange: string };
}

/**
 * The answer to one question. `answer` with no answers is a void lookup
 * (NOERROR without data, or NXDOMAIN). `unavailable` means no source may
 * answer (a name outside the zone when live DNS is off): it says nothing
 * about the name, so the tree marks the term unresolved rather than void.
 */
export type LookupResponse<T extends LookupType = LookupType> =
  | { readonly status: 'answer'; readonly answers: readonly LookupAnswerTypes[T][] }
  | { readonly status: 'timeout' | 'error' | 'unavailable' | 'cancelled'; readonly message: string };

export interface LookupRequest {
  /** Absolute, lower-case, with a trailing dot. */
  readonly name: string;
  readonly type: LookupType;
}

export type SyncLookup = <T extends LookupType>(name: string, type: T) => LookupResponse<T>;
export type AsyncLookup = <T extends LookupType>(name: string, type: T) => Promise<LookupResponse<T>>;

/**
 * - `record`: the query returned data (for include/redirect: exactly one SPF record, whose terms are the children);
 * - `none`: include/redirect reached a name without an SPF record (permerror, §5.2, §6.1);
 * - `void`: a/mx/exists got no answers;
 * - `error`: the term cannot be evaluated (a DNS failure, a syntax error, several SPF records at the target);
 * - `unresolved`: not known statically (macros, ptr, a name outside what the lookup can answer);
 * - `loop`: include/redirect back to a record already being evaluated;
 * - `ignored`: never evaluated (after `all`, or a redirect beside `all`) and not counted.
 */
export type LookupResult = 'record' | 'none' | 'void' | 'error' | 'unresolved' | 'loop' | 'ignored';

export interface LookupNode {
  readonly term: SpfTerm;
  /** The <domain> whose record holds the term. */
  readonly domain: string;
  /** The name queried, canonical; undefined when the target needs macros. */
  readonly target?: string;
  /** The target needs macros: counted once, not followed. */
  readonly macro: boolean;
  /** Counts toward the limit of 10. */
  readonly counted: boolean;
  readonly result: LookupResult;
  /** Why, for `none`, `error`, `unresolved`, `loop`, `ignored`. */
  readonly message?: string;
  /** include/redirect: the record reached. */
  readonly record?: SpfRecord;
  /** mx: how many MX hosts the target has. */
  readonly mxHosts?: number;
  /** The term's query came back empty (§4.6.4 void lookup). */
  readonly void: boolean;
  readonly children: readonly LookupNode[];
  /** Counted lookups in this subtree, this term included. */
  readonly count: number;
  /** Void lookups in this subtree, this term included. */
  readonly voids: number;
}

export interface SpfTree {
  readonly domain: string;
  readonly record: SpfRecord;
  readonly children: readonly LookupNode[];
  readonly count: number;
  readonly voids: number;
  /** The walk stopped following includes at its depth or size bound (a pathological tree). */
  readonly truncated: boolean;
}

/** RFC 7208 §4.6.4. */
export const LOOKUP_LIMIT = 10;
export const VOID_LIMIT = 2;
export const MX_HOST_LIMIT = 10;

/**
 * Bounds on the walk itself. Evaluation stops after 10 lookups, but a static
 * walk follows every branch; diamond-shaped includes would otherwise grow
 * exponentially. Past these bounds a term is counted and left unresolved.
 */
const MAX_DEPTH = 12;
const MAX_NODES = 400;

export interface TreeOptions {
  readonly maxDepth?: number;
  readonly maxNodes?: number;
}

type Walk<T> = Generator<LookupRequest, T, LookupResponse>;

interface WalkState {
  nodes: number;
  truncated: boolean;
  readonly maxDepth: number;
  readonly maxNodes: number;
}

/**
 * `Example.COM` → `example.com.`; a name with other characters (a space a
 * macro expanded to, `\032` written in a zone) in the zone model's one
 * spelling (names.ts `canonicalName`), so `a\032b` and `a b` are one name,
 * as they are on the wire.
 */
export function canonical(name: string): string {
  const lower = name.toLowerCase();
  const absolute = lower.endsWith('.') ? lower : `${lower}.`;
  return /^[a-z0-9_.*-]*$/.test(absolute) ? absolute : canonicalName(absolute);
}

/** The walk as a generator of DNS questions; answer each with `next(response)`. */
export function* walkSpf(domain: string, record: SpfRecord, options: TreeOptions = {}): Walk<SpfTree> {
  const state: WalkState = { nodes: 0, truncated: false, maxDepth: options.maxDepth ?? MAX_DEPTH, maxNodes: options.maxNodes ?? MAX_NODES };
  const root = canonical(domain);
  const children = yield* walkRecord(root, record, [root], state);
  return {
    domain: root,
    record,
    children,
    count: sum(children, (n) => n.count),
    voids: sum(children, (n) => n.voids),
    truncated: state.truncated,
  };
}

export function buildTree(domain: string, record: SpfRecord, lookup: SyncLookup, options?: TreeOptions): SpfTree {
  const walk = walkSpf(domain, record, options);
  let step = walk.next();
  // Bound: the walk asks one question per node it adds, and stops at maxNodes (400) nodes and maxDepth (12) levels.
  while (!step.done) step = walk.next(lookup(step.value.name, step.value.type));
  return step.value;
}

export async function buildTreeAsync(domain: string, record: SpfRecord, lookup: AsyncLookup, options?: TreeOptions): Promise<SpfTree> {
  const walk = walkSpf(domain, record, options);
  let step = walk.next();
  // Bound: as in buildTree, at most maxNodes questions.
  while (!step.done) step = walk.next(await lookup(step.value.name, step.value.type));
  return step.value;
}

function* walkRecord(domain: string, record: SpfRecord, path: readonly string[], state: WalkState): Walk<LookupNode[]> {
  const hasAll = allTerm(record) !== undefined;
  const nodes: LookupNode[] = [];
  let afterAll = false;
  for (const term of record.terms) {
    if (term.kind === 'mechanism' && term.name === 'all') {
      afterAll = true;
      continue;
    }
    if (!term.def?.dnsLookup) continue;
    if (term.kind === 'mechanism' && afterAll) {
      nodes.push(leaf(term, domain, undefined, 'ignored', 'after "all": never evaluated', false));
    } else if (term.name === 'redirect' && hasAll) {
      nodes.push(leaf(term, domain, undefined, 'ignored', 'the record has "all": redirect is never used (RFC 7208 §6.1)', false));
    } else {
      nodes.push(yield* walkTerm(term, domain, path, state));
    }
  }
  return nodes;
}

function* walkTerm(term: SpfTerm, domain: string, path: readonly string[], state: WalkState): Walk<LookupNode> {
  state.nodes++;
  const spec = term.domainSpec;
  if (!term.valid) return leaf(term, domain, undefined, 'error', 'the term has a syntax error');
  if (spec?.hasMacros) return { ...leaf(term, domain, undefined, 'unresolved', 'the target uses macros: it depends on the message and cannot be resolved statically'), macro: true };
  const target = spec ? canonical(staticText(spec)) : domain;
  if (term.name === 'ptr') return leaf(term, domain, target, 'unresolved', 'ptr depends on the client address');
  if (state.nodes > state.maxNodes || path.length > state.maxDepth) {
    state.truncated = true;
    return leaf(term, domain, target, 'unresolved', 'not followed: the tree is too large to walk');
  }

  switch (term.name) {
    case 'include':
    case 'redirect': {
      if (path.includes(target)) return leaf(term, domain, target, 'loop', `loop: ${[...path, target].map(bare).join(' → ')}`);
      const response = (yield { name: target, type: 'TXT' }) as LookupResponse<'TXT'>;
      if (response.status !== 'answer') return failed(term, domain, target, response);
      const spf = response.answers.map((strings) => strings.join('')).filter(isSpfText);
      if (response.answers.length === 0) return { ...leaf(term, domain, target, 'none', `${bare(target)} has no TXT record`), void: true, voids: 1 };
      if (spf.length === 0) return leaf(term, domain, target, 'none', `${bare(target)} has TXT records but no SPF record`);
      if (spf.length > 1) return leaf(term, domain, target, 'error', `${bare(target)} has ${spf.length} SPF records: receivers return permerror (RFC 7208 §4.5)`);
      const record = spfOfText(spf[0]);
      const children = yield* walkRecord(target, record, [...path, target], state);
      return {
        ...leaf(term, domain, target, 'record'),
        record,
        children,
        count: 1 + sum(children, (n) => n.count),
        voids: sum(children, (n) => n.voids),
      };
    }
    case 'a': {
      const v4 = (yield { name: target, type: 'A' }) as LookupResponse<'A'>;
      const v6 = (yield { name: target, type: 'AAAA' }) as LookupResponse<'AAAA'>;
      // One family's failure decides only when the other family has no data either.
      if (v4.status === 'answer' && v4.answers.length > 0) return leaf(term, domain, target, 'record');
      if (v6.status === 'answer' && v6.answers.length > 0) return leaf(term, domain, target, 'record');
      if (v4.status !== 'answer') return failed(term, domain, target, v4);
      if (v6.status !== 'answer') return failed(term, domain, target, v6);
      return voidLeaf(term, domain, target, `${bare(target)} has no A or AAAA record`);
    }
    case 'mx': {
      const response = (yield { name: target, type: 'MX' }) as LookupResponse<'MX'>;
      if (response.status !== 'answer') return failed(term, domain, target, response);
      if (response.answers.length === 0) return voidLeaf(term, domain, target, `${bare(target)} has no MX record`);
      return { ...leaf(term, domain, target, 'record'), mxHosts: response.answers.length };
    }
    default: {
      // exists: always an A query, whatever the client's address family (§5.7).
      const response = (yield { name: target, type: 'A' }) as LookupResponse<'A'>;
      if (response.status !== 'answer') return failed(term, domain, target, response);
      if (response.answers.length === 0) return voidLeaf(term, domain, target, `${bare(target)} has no A record`);
      return leaf(term, domain, target, 'record');
    }
  }
}

function leaf(term: SpfTerm, domain: string, target: string | undefined, result: LookupResult, message?: string, counted = true): LookupNode {
  return { term, domain, target, macro: false, counted, result, message, void: false, children: [], count: counted ? 1 : 0, voids: 0 };
}

function voidLeaf(term: SpfTerm, domain: string, target: string, message: string): LookupNode {
  return { ...leaf(term, domain, target, 'void', message), void: true, voids: 1 };
}

function failed(term: SpfTerm, domain: string, target: string, response: Exclude<LookupResponse, { status: 'answer' }>): LookupNode {
  // A timeout or server failure is temperror (§4.4); a name nobody may answer is simply unknown.
  const result: LookupResult = response.status === 'timeout' || response.status === 'error' ? 'error' : 'unresolved';
  return leaf(term, domain, target, result, response.message);
}

function sum(nodes: readonly LookupNode[], f: (n: LookupNode) => number): number {
  return nodes.reduce((total, n) => total + f(n), 0);
}

function bare(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Every node, depth first in evaluation order, with the path of nodes from the top (the node last). */
export function* treeNodes(nodes: readonly LookupNode[], above: readonly LookupNode[] = []): Generator<readonly LookupNode[]> {
  for (const node of nodes) {
    const path = [...above, node];
    yield path;
    yield* treeNodes(node.children, path);
  }
}

/**
 * Where a running total, taken in evaluation order, first goes past `limit`:
 * the path to that node (the top-level term first), or undefined.
 */
export function crossing(tree: { readonly children: readonly LookupNode[] }, limit: number, measure: (n: LookupNode) => number): readonly LookupNode[] | undefined {
  let total = 0;
  for (const path of treeNodes(tree.children)) {
    total += measure(path[path.length - 1]);
    if (total > limit) return path;
  }
  return undefined;
}

/** The path to the 11th counted lookup, when there is one. */
export function lookupCrossing(tree: SpfTree): readonly LookupNode[] | undefined {
  return crossing(tree, LOOKUP_LIMIT, (n) => (n.counted ? 1 : 0));
}

/** The path to the 3rd void lookup, when there is one. */
export function voidCrossing(tree: SpfTree): readonly LookupNode[] | undefined {
  return crossing(tree, VOID_LIMIT, (n) => (n.void ? 1 : 0));
}
