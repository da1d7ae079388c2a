/**
 * The second, asynchronous SPF pass: the lookup trees again, this time with
 * names outside the document answered by a resolver (the workspace's other
 * zones, live DNS through the session cache). It runs after the synchronous
 * diagnostics are published, never before them, and its findings replace the
 * synchronous ones of the same tree rules: the lookup count, void lookups,
 * MX hosts, include/redirect to nothing and loops now see the whole tree,
 * and `spf-resolution-failed` says where DNS did not answer.
 *
 * The tree walk and the rules are the synchronous ones (tree.ts,
 * rules/lookups.ts): this pass only answers the walk's questions
 * differently, so both passes agree wherever both can see.
 */
import type { Resolver } from '../../dns/resolver';
import { ZoneResolver } from '../../dns/zoneResolver';
import type { ZoneView } from '../../model/zoneView';
import type { Finding, Report, Rule, SeveritySetting } from '../../rules/rule';
import type { ResourceRecord } from '../../zone/ast';
import { treeLookup } from './asyncTree';
import { spfResolutionFailed, withTreeAnswers } from './resolutionFailed';
import { parsedSpf, treeOf, withLiveTrees, type SpfTarget } from './rules/common';
import { spfIncludeLoop, spfIncludeNone, spfLookupLimit, spfMxLimit, spfRedirectNone, spfVoidLookupLimit } from './rules/lookups';
import { buildTreeAsync, treeNodes, type LookupType, type SpfTree, type SyncLookup } from './tree';
import { zoneApexes, zoneLookup } from './zoneLookup';

/** The rules the live pass re-runs on the fuller trees. */
const TREE_RULES: readonly Rule<SpfTarget>[] = [spfLookupLimit, spfVoidLookupLimit, spfMxLimit, spfIncludeNone, spfRedirectNone, spfIncludeLoop];

/** Rule ids whose synchronous findings the live pass supersedes. */
export const LIVE_RULE_IDS: ReadonlySet<string> = new Set([...TREE_RULES.map((r) => r.id), spfResolutionFailed.id]);

export interface LiveCheckOptions {
  /** Per-rule severities, as for the synchronous analysis. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** The most DNS questions the whole pass may ask (see dns/budget.ts). */
  readonly budget?: number;
}

export interface LiveResolution {
  /** Each SPF record's tree, as the rules saw it. */
  readonly trees: ReadonlyMap<ResourceRecord, SpfTree>;
  /** Findings of {@link LIVE_RULE_IDS}; replace the synchronous ones with {@link mergeLiveFindings}. */
  readonly findings: readonly Finding[];
  /** Questions the walks asked (answered by the document, another zone, the cache or DNS). */
  readonly queries: number;
  /** The signal fired before the pass finished: discard the result. */
  readonly cancelled: boolean;
}

/** True when some node of the synchronous tree waits for a name the document cannot answer. */
function needsResolver(tree: SpfTree): boolean {
  for (const path of treeNodes(tree.children)) {
    const node = path[path.length - 1];
    if (node.result === 'unresolved' && node.target && !node.macro && node.term.name !== 'ptr') return true;
  }
  return false;
}

/**
 * Whether any SPF record's lookup tree leaves the document: only then can
 * other zones or live DNS answer more than the synchronous pass did, and
 * {@link resolveSpfTrees} find anything it did not.
 */
export function spfLeavesDocument(view: ZoneView): boolean {
  for (const record of view.ofKind('spf')) {
    if (record.txt && needsResolver(treeOf({ record, txt: record.txt, parsed: parsedSpf(view, record), zone: view }))) return true;
  }
  return false;
}

/**
 * Builds every SPF record's lookup tree with `resolver` answering the names
 * the document does not hold, and runs the tree rules over those trees.
 * Records whose tree stays inside the document are not walked again.
 */
export async function resolveSpfTrees(view: ZoneView, resolver: Resolver, signal?: AbortSignal, options: LiveCheckOptions = {}): Promise<LiveResolution> {
  // The document answers for its own names exactly as the synchronous pass assumed.
  const documentFirst = new ZoneResolver([{ zone: view.zone, apexes: zoneApexes(view) }], resolver);
  const walk = treeLookup(documentFirst, signal, options.budget);

  const targets: { target: SpfTarget; inZone: SpfTree; walked: boolean }[] = [];
  for (const record of view.ofKind('spf')) {
    if (!record.txt) continue;
    const target: SpfTarget = { record, txt: record.txt, parsed: parsedSpf(view, record), zone: view };
    const inZone = treeOf(target);
    targets.push({ target, inZone, walked: needsResolver(inZone) });
  }
  // Every record's text is known now: the questions of all the trees go out together, and each tree then
  // costs one round trip per level, not one per lookup (asyncTree.ts).
  for (const { target, walked } of targets) if (walked) walk.prefetch(target.record.owner, target.parsed);

  const trees = new Map<ResourceRecord, SpfTree>();
  const pause = pauser();
  for (const { target, inZone, walked } of targets) {
    const record = target.record;
    const tree = walked ? await buildTreeAsync(record.owner, target.parsed, walk.lookup) : inZone;
    // Answers from loaded zones come without I/O: let an edit that arrived meanwhile in, and stop if it cancelled the pass.
    await pause();
    if (signal?.aborted) return { trees, findings: [], queries: walk.used(), cancelled: true };
    trees.set(record, tree);
  }

  // The unchanged rules run on the analysis's own view with the fuller trees and their answers attached while
  // they run: no second view of the zone is built (on a large zone that took longer than the round trips).
  const inZone = zoneLookup(view);
  const answers = ((name: string, type: LookupType) => walk.answered(name, type) ?? inZone(name, type)) as SyncLookup;
  const findings = withLiveTrees(view, trees, () => withTreeAnswers(view, answers, () => runRules(view, options.severities ?? {})));
  return { trees, findings, queries: walk.used(), cancelled: false };
}

/** How long the pass works before it lets other work (a new edit) run. */
const SLICE_MS = 4;

/**
 * A function to await between pieces of work: it gives the event loop a
 * turn once the work since the last turn has taken {@link SLICE_MS}. A pass
 * whose answers all come from loaded zones never waits on I/O, and would
 * otherwise hold back the edit that is to cancel it.
 */
function pauser(): () => Promise<void> {
  let since = Date.now();
  return async () => {
    if (Date.now() - since < SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    since = Date.now();
  };
}

/** The tree rules and spf-resolution-failed over the view (the live trees attached), with the user's severities (as analyzeZone applies them). */
function runRules(view: ZoneView, severities: Readonly<Record<string, SeveritySetting>>): Finding[] {
  const findings: Finding[] = [];
  const reporter = (rule: Rule<unknown>): Report | undefined => {
    const setting = severities[rule.id];
    if (setting === 'off') return undefined;
    return (span, message, options) =>
      findings.push({ rule: rule.id, severity: setting ?? options?.severity ?? rule.severity, message, span, file: options?.file, fixes: options?.fixes });
  };
  for (const record of view.ofKind('spf')) {
    if (!record.txt) continue;
    const target: SpfTarget = { record, txt: record.txt, parsed: parsedSpf(view, record), zone: view };
    for (const rule of TREE_RULES) {
      const report = reporter(rule as Rule<unknown>);
      if (report) rule.check(target, report);
    }
  }
  const report = reporter(spfResolutionFailed as Rule<unknown>);
  if (report) spfResolutionFailed.check(view, report);
  return sortFindings(findings);
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
}

/** The synchronous findings with the live pass's findings in place of those of the same tree rules. */
export function mergeLiveFindings(sync: readonly Finding[], live: readonly Finding[]): Finding[] {
  return sortFindings([...sync.filter((f) => !LIVE_RULE_IDS.has(f.rule)), ...live]);
}

/** True when two finding lists say the same things: a live pass that changes nothing need not be published again. */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  const same = (f: Finding, g: Finding): boolean =>
    f.rule === g.rule && f.severity === g.severity && (f.file ?? '') === (g.file ?? '') && f.span.start === g.span.start && f.span.end === g.span.end && f.message === g.message;
  return a.length === b.length && a.every((f, i) => same(f, b[i]));
}
