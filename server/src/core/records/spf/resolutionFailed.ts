/**
 * `spf-resolution-failed`: a lookup in the record's tree timed out or the
 * server failed. That is a fact about DNS at this moment, not about the
 * record, so the rule is informational: it says that the counts and checks
 * below the term are incomplete. Inside the zone it finds CNAME loops (which
 * a server answers with SERVFAIL); with live DNS, timeouts and failures.
 */
import { ViewAttachment } from '../../model/attachment';
import type { ZoneView } from '../../model/zoneView';
import { at, options, parsedSpf, shouldCheck, treeOf, type SpfTarget } from './rules/common';
import { treeNodes, type LookupNode, type LookupType, type SyncLookup } from './tree';
import { zoneLookup } from './zoneLookup';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/**
 * The answers a view's trees were built from. The synchronous analysis asks
 * the zone; the live pass records what its resolver answered and registers
 * it here while it runs the rule on the view.
 */
const answered = new ViewAttachment<SyncLookup>();

/** Runs `run` with `lookup` as the answers of the view's trees, and only then. */
export function withTreeAnswers<T>(view: ZoneView, lookup: SyncLookup, run: () => T): T {
  return answered.during(view, lookup, run);
}

function answersOf(view: ZoneView): SyncLookup {
  return answered.get(view) ?? zoneLookup(view);
}

/** The questions a term's node asks (tree.ts walks the same). */
export function questionsOf(node: LookupNode): readonly LookupType[] {
  switch (node.term.name) {
    case 'include':
    case 'redirect':
      return ['TXT'];
    case 'a':
      return ['A', 'AAAA'];
    case 'mx':
      return ['MX'];
    case 'exists':
      return ['A'];
    default:
      return [];
  }
}

/** The failed lookups of a node: `slow.example.net TXT: no answer within 2000 ms`. */
function failures(node: LookupNode, lookup: SyncLookup): string[] {
  if (node.result !== 'error' || !node.target) return [];
  const out: string[] = [];
  for (const type of questionsOf(node)) {
    const response = lookup(node.target, type);
    if (response.status === 'timeout' || response.status === 'error') out.push(response.message);
  }
  return out;
}

/**
 * True when a node of the tree could not be evaluated: most trees have none,
 * and for them the walk that builds each node's path is skipped. Bounded by
 * the tree's size (at most 400 nodes, see tree.ts).
 */
function failed(nodes: readonly LookupNode[]): boolean {
  for (const node of nodes) if (node.result === 'error' || failed(node.children)) return true;
  return false;
}

export const spfResolutionFailed: ZoneRule = recordRule({
  id: 'spf-resolution-failed',
  severity: 'info',
  summary: 'A DNS lookup in the record\'s lookup tree timed out or failed, so its lookup count and the checks below that term are incomplete.',
  rfc: 'RFC 7208 §4.4',
  each: { kind: 'spf' },
  checkRecord(view, record, report) {
    if (!record.txt) return;
    const target: SpfTarget = { record, txt: record.txt, parsed: parsedSpf(view, record), zone: view };
    if (!shouldCheck(target)) return;
    const tree = treeOf(target);
    if (!failed(tree.children)) return;
    const lookup = answersOf(view);
    // One finding per term of the record, naming every failed lookup beneath it.
    const byTop = new Map<LookupNode, string[]>();
    for (const path of treeNodes(tree.children)) {
      const found = failures(path[path.length - 1], lookup);
      if (found.length) byTop.set(path[0], [...(byTop.get(path[0]) ?? []), ...found]);
    }
    for (const [top, found] of byTop) {
      report(
        at(target, top.term.start, top.term.end),
        `'${top.term.raw}': a DNS lookup failed (${found.join('; ')}); the lookup count and the checks below this term are incomplete (receivers would return temperror)`,
        options(target),
      );
    }
  },
});
