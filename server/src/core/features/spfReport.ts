/**
 * SPF in words for the editor: the lookup count shown above each SPF record
 * (a code lens), the lookup tree as text ("Show SPF lookup tree"), and a
 * check_host() result with the term that decided it ("Test SPF for an
 * IP…"). The numbers come from the same tree the spf-lookup-limit rule
 * reads and from the same evaluator the CLI runs.
 */
import { parsedRecord } from '../analysis/analyze';
import type { CheckHostResult, SpfResult } from '../records/spf/evaluate';
import type { SpfRecord } from '../records/spf/parse';
import { shouldCheck, treeOf } from '../records/spf/rules/common';
import { LOOKUP_LIMIT, VOID_LIMIT, treeNodes, type LookupNode, type SpfTree } from '../records/spf/tree';
import type { Analysis } from '../service';
import type { Span } from '../text/span';
import type { ResourceRecord } from '../zone/ast';
import { documentRecords, recordAt } from './locate';

export interface LookupLens {
  readonly record: ResourceRecord;
  /** Where the lens sits: the record's first line. */
  readonly span: Span;
  readonly title: string;
  readonly count: number;
  readonly voids: number;
  /** Names the tree could not follow (outside the zone without live DNS, or a failed lookup): the count is a minimum. */
  readonly unresolved: number;
}

/** The document's own SPF records that receivers read (a type-99 twin of a TXT record is not one). */
export function documentSpfRecords(analysis: Analysis): ResourceRecord[] {
  return documentRecords(analysis.zone).filter((r) => {
    if (!r.txt || analysis.view.kindOf(r) !== 'spf') return false;
    return shouldCheck({ record: r, txt: r.txt, parsed: spfOf(analysis, r), zone: analysis.view });
  });
}

function spfOf(analysis: Analysis, record: ResourceRecord): SpfRecord {
  return parsedRecord<SpfRecord>(analysis.view, 'spf', record)!;
}

/** The record's lookup tree over the zone's own names (cached on the view, shared with the rules). */
export function zoneTree(analysis: Analysis, record: ResourceRecord): SpfTree {
  return treeOf({ record, txt: record.txt!, parsed: spfOf(analysis, record), zone: analysis.view });
}

/** Nodes whose subtree the walk could not see: a name nobody answered, or a lookup that failed. */
function unresolvedCount(tree: SpfTree): number {
  let n = 0;
  for (const path of treeNodes(tree.children)) {
    const node = path[path.length - 1];
    if ((node.result === 'unresolved' && node.target && !node.macro && node.term.name !== 'ptr') || (node.result === 'error' && node.target)) n++;
  }
  return n;
}

/** `3/10 DNS lookups · 0/2 void`, with "at least" when part of the tree is unknown. */
export function lensTitle(tree: SpfTree): string {
  const unresolved = unresolvedCount(tree);
  const over = tree.count > LOOKUP_LIMIT || tree.voids > VOID_LIMIT ? ' — over the limit: receivers return permerror' : '';
  const head = `${unresolved ? 'at least ' : ''}${tree.count}/${LOOKUP_LIMIT} DNS lookups · ${tree.voids}/${VOID_LIMIT} void`;
  const tail = unresolved ? ` (${unresolved} name${unresolved === 1 ? '' : 's'} not followed)` : '';
  return `${head}${tail}${over}`;
}

/**
 * One lens per SPF record of the document. `trees` holds fuller trees when
 * the caller has them (a pass with live DNS); otherwise the zone's own.
 */
export function lookupLenses(analysis: Analysis, trees?: ReadonlyMap<ResourceRecord, SpfTree>): LookupLens[] {
  return documentSpfRecords(analysis).map((record) => {
    const tree = trees?.get(record) ?? zoneTree(analysis, record);
    const span = record.ownerSpan ?? record.typeSpan;
    return { record, span, title: lensTitle(tree), count: tree.count, voids: tree.voids, unresolved: unresolvedCount(tree) };
  });
}

/** The SPF record under `offset`, else the first one of the document. */
export function spfRecordAt(analysis: Analysis, offset?: number): ResourceRecord | undefined {
  const all = documentSpfRecords(analysis);
  if (offset !== undefined) {
    const here = recordAt(all, offset);
    if (here) return here;
  }
  return all[0];
}

function bare(name: string): string {
  return name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
}

/** What became of a term's query, in a few words. */
function outcome(node: LookupNode): string {
  switch (node.result) {
    case 'record':
      if (node.record) return `"${node.record.text}"`;
      if (node.mxHosts !== undefined) return `${node.mxHosts} MX host${node.mxHosts === 1 ? '' : 's'}`;
      return 'found';
    case 'void':
      return `void lookup: ${node.message ?? 'no answer'}`;
    case 'none':
      return `no SPF record: ${node.message ?? ''} (permerror)`;
    case 'loop':
      return node.message ?? 'loop';
    case 'ignored':
      return `not counted: ${node.message ?? 'never evaluated'}`;
    case 'error':
    case 'unresolved':
      return node.message ?? node.result;
  }
}

/**
 * The tree as indented text, each counted term numbered in evaluation
 * order, so the 11th lookup — where receivers stop with permerror — can be
 * read off.
 */
export function renderTree(tree: SpfTree): string {
  const lines = [`SPF lookup tree of ${bare(tree.domain)}`, `"${tree.record.text}"`, ''];
  let n = 0;
  let v = 0;
  const walk = (nodes: readonly LookupNode[], depth: number): void => {
    for (const node of nodes) {
      const number = node.counted ? `#${++n}` : '  -';
      if (node.void) v++;
      const marks = [n > LOOKUP_LIMIT && node.counted ? `over ${LOOKUP_LIMIT} lookups: permerror` : '', node.void && v > VOID_LIMIT ? `over ${VOID_LIMIT} void lookups: permerror` : '']
        .filter(Boolean)
        .map((m) => `  ← ${m}`)
        .join('');
      const target = node.target && !node.term.domainSpec ? ` (${bare(node.target)})` : '';
      lines.push(`${number.padStart(4)} ${'  '.repeat(depth)}${node.term.raw}${target} → ${outcome(node)}${marks}`);
      walk(node.children, depth + 1);
    }
  };
  walk(tree.children, 0);
  if (tree.children.length === 0) lines.push('     (no term needs a DNS lookup)');
  lines.push('', `Total: ${tree.count}/${LOOKUP_LIMIT} DNS lookups, ${tree.voids}/${VOID_LIMIT} void lookups${tree.truncated ? ' (the tree was too large to walk completely)' : ''}`);
  const unresolved = unresolvedCount(tree);
  if (unresolved) lines.push(`${unresolved} name${unresolved === 1 ? ' was' : 's were'} not followed, so the count is a minimum.`);
  return lines.join('\n');
}

const RESULT_WORDS: Readonly<Record<SpfResult, string>> = {
  pass: 'is authorized to send mail as',
  fail: 'is NOT authorized to send mail as',
  softfail: 'is probably not authorized to send mail as',
  neutral: 'gets no statement (neutral) for',
  none: 'cannot be checked: there is no SPF policy for',
  temperror: 'cannot be checked (temporary DNS error) for',
  permerror: 'cannot be checked: the SPF policy is broken for',
};

/** One sentence: `pass: 192.0.2.25 is authorized to send mail as user@example.com (matched mx in example.com)`. */
export function checkHeadline(ip: string, result: CheckHostResult): string {
  const matched = result.matched ? ` (matched '${result.matched.term}' in ${result.matched.domain})` : '';
  return `${result.result}: ${ip} ${RESULT_WORDS[result.result]} ${result.sender}${matched}`;
}

/** The result, why, the counts and the evaluation path as text. */
export function renderCheck(ip: string, result: CheckHostResult): string {
  const lines = [checkHeadline(ip, result), ''];
  if (result.matched) lines.push(`Matching term: ${result.matched.term}`, `  in the SPF record of ${result.matched.domain}: "${result.matched.record}"`);
  if (result.reason) lines.push(`Why: ${result.reason}`);
  if (result.explanation) lines.push(`Explanation (exp=): ${result.explanation}`);
  lines.push(`DNS lookups: ${result.lookups}/${LOOKUP_LIMIT}, void lookups: ${result.voids}/${VOID_LIMIT}`, '', 'Evaluation:');
  for (const step of result.trace) {
    const indent = '  '.repeat(step.depth + 1);
    if (step.kind === 'record') lines.push(`${indent}${step.domain}: "${step.text}"`);
    else if (step.kind === 'term') lines.push(`${indent}  ${step.text}: ${step.outcome}`);
    else lines.push(`${indent}  ${step.outcome}`);
  }
  return lines.join('\n');
}

/** One node of the lookup tree as an editor's tree view shows it. */
export interface OutlineNode {
  /** The term as written, with the name it queries when that is not written (`mx` → `mx (example.com)`). */
  readonly label: string;
  /** The lookup's place in evaluation order (1-based), for counted terms: the 11th is where receivers stop. */
  readonly lookup?: number;
  /** Lookups this node and its subtree cost, and void lookups among them. */
  readonly count: number;
  readonly voids: number;
  /** What became of the query, in a few words. */
  readonly outcome: string;
  /** How the node went: `over` once past a limit (receivers return permerror from there). */
  readonly status: 'ok' | 'void' | 'error' | 'unresolved' | 'ignored' | 'over';
  /** The name whose records answer the query, for a jump to them; absent for macros and addresses. */
  readonly target?: string;
  /** The record types the query asks for at `target`. */
  readonly types: readonly string[];
  readonly children: readonly OutlineNode[];
}

const OUTLINE_TYPES: Readonly<Record<string, readonly string[]>> = { include: ['TXT'], redirect: ['TXT'], a: ['A', 'AAAA'], mx: ['MX'], exists: ['A'], ptr: ['PTR'], exp: ['TXT'] };

/** The tree as nodes for a tree view, numbered like {@link renderTree}. The walk is bounded by the tree's own size. */
export function treeOutline(tree: SpfTree): OutlineNode[] {
  let n = 0;
  let v = 0;
  const build = (node: LookupNode): OutlineNode => {
    const lookup = node.counted ? ++n : undefined;
    if (node.void) v++;
    const over = (lookup !== undefined && lookup > LOOKUP_LIMIT) || (node.void && v > VOID_LIMIT);
    const status: OutlineNode['status'] = over
      ? 'over'
      : node.result === 'void'
        ? 'void'
        : node.result === 'none' || node.result === 'loop' || node.result === 'error'
          ? 'error'
          : node.result === 'unresolved'
            ? 'unresolved'
            : node.result === 'ignored'
              ? 'ignored'
              : 'ok';
    const target = node.target && !node.macro ? node.target : undefined;
    const children = node.children.map(build);
    return {
      label: `${node.term.raw}${node.target && !node.term.domainSpec ? ` (${bare(node.target)})` : ''}`,
      lookup,
      count: node.count,
      voids: node.voids,
      outcome: outcome(node),
      status,
      target,
      types: OUTLINE_TYPES[node.term.name] ?? [],
      children,
    };
  };
  return tree.children.map(build);
}
