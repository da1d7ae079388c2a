/**
 * What the SPF rules share: mapping value offsets to source spans, the
 * record's lookup tree (built once per record), and which records to check.
 */
import { staticText } from '../macro';
import { ViewAttachment } from '../../../model/attachment';
import type { ZoneView } from '../../../model/zoneView';
import type { RecordTarget } from '../../../rules/recordModule';
import type { Fix, ReportOptions } from '../../../rules/rule';
import type { Span } from '../../../text/span';
import type { ResourceRecord } from '../../../zone/ast';
import { spfOfText, type SpfRecord, type SpfTerm } from '../parse';
import { clip } from '../problem';
import { buildTree, canonical, treeNodes, type SpfTree } from '../tree';
import { zoneLookup } from '../zoneLookup';
import { distinctRecords } from '../../../model/rrset';

export type SpfTarget = RecordTarget<SpfRecord>;

/** A term as quoted in messages. */
export function quote(term: SpfTerm): string {
  return `'${clip(term.raw)}'`;
}

/** The source span of value characters [start, end) of the target's record. */
export function at(target: SpfTarget, start: number, end: number): Span {
  const span = target.txt.map.toSourceSpan(start, Math.max(end, start + 1));
  // One past the value is the closing quote; a string left unterminated at the end of the file has none,
  // so the span stops at the record's end rather than past the end of the file (found by the fuzzer).
  const limit = target.record.span.end;
  return span.end > limit ? { start: Math.min(span.start, limit), end: limit } : span;
}

export function options(target: SpfTarget, fixes?: readonly (Fix | undefined)[], severity?: ReportOptions['severity']): ReportOptions {
  const list = fixes?.filter((f): f is Fix => f !== undefined);
  return { file: target.record.file, ...(list?.length ? { fixes: list } : {}), ...(severity ? { severity } : {}) };
}

/**
 * A type-99 copy of a TXT record is never read by receivers (RFC 7208 §3.1):
 * `spf-type99` speaks about it, and the content rules speak only about the
 * TXT twin, so each problem is reported once.
 */
export function shouldCheck(target: SpfTarget): boolean {
  const { record, zone } = target;
  if (record.type !== 'SPF') return true;
  return !zone.recordsAt(record.owner, 'TXT').some((r) => r.txt?.text === record.txt?.text);
}

/** The live pass's trees of a view, while it runs the tree rules on them (see {@link withLiveTrees}). */
const liveTrees = new ViewAttachment<ReadonlyMap<ResourceRecord, SpfTree>>();

/**
 * Runs `run` with `trees` (the live pass's, by record) in place of the
 * view's own, and only then: the synchronous analysis, hover and anything
 * else that reads the view later see the trees of the zone's own names.
 */
export function withLiveTrees<T>(view: ZoneView, trees: ReadonlyMap<ResourceRecord, SpfTree>, run: () => T): T {
  return liveTrees.during(view, trees, run);
}

/**
 * The record's lookup tree over the zone's own names; the live pass's while
 * it runs the rules. A tree depends on the owner and the text alone, so the
 * records with the same owner and text (a TXT record and its type-99 copy, a
 * file included twice) share the tree of the first of them, built once per
 * view and kept across edits that do not touch what it read.
 */
export function treeOf(target: SpfTarget): SpfTree {
  const live = liveTrees.get(target.zone)?.get(target.record);
  if (live) return live;
  const { record, zone } = target;
  const text = target.txt.text;
  const first = zone.recordsAt(record.owner).find((r) => r.txt?.text === text) ?? record;
  return zone.cachedInView(first, 'spf-tree', () => sharedTree(zone, first, target.parsed) ?? buildTree(record.owner, target.parsed, zoneLookup(zone)));
}

/** A tree built once for records at other owners, with the names it queried. */
interface SharedTree {
  readonly tree: SpfTree;
  readonly targets: ReadonlySet<string>;
}

/**
 * Per view, by text, the record whose owner the shared tree of that text is
 * built at. Bound: one map per live view, gone with it, holding at most one
 * record per distinct SPF text of the zone.
 */
const sharers = new WeakMap<ZoneView, Map<string, ResourceRecord>>();

/**
 * The tree of `record` taken from the tree its text has at another owner,
 * or undefined when it must be built for its own owner. A record whose
 * querying terms all name their target (`include:_spf.example.com -all`,
 * not `a` or `mx` alone) asks the same questions at every owner, so under a
 * thousand names the tree is walked once per view: only the owner it hangs
 * from differs, which is the `domain` of the tree and of its top terms. The
 * walk also stops at a name already on its path, so a tree that reaches its
 * own owner or `record`'s is built afresh. The shared tree is a per-view
 * result of the record it was built at, so what it read counts as read by
 * every record that takes it (see ZoneView.cachedInView).
 */
function sharedTree(zone: ZoneView, record: ResourceRecord, parsed: SpfRecord): SpfTree | undefined {
  if (!namesEveryTarget(parsed)) return undefined;
  let byText = sharers.get(zone);
  if (!byText) sharers.set(zone, (byText = new Map()));
  const text = parsed.text;
  let builder = byText.get(text);
  if (!builder) byText.set(text, (builder = record));
  const at = builder;
  const shared = zone.cachedInView(at, 'spf-tree-shared', (): SharedTree => {
    const tree = buildTree(at.owner, parsed, zoneLookup(zone));
    return { tree, targets: targetsOf(tree) };
  });
  const root = canonical(record.owner);
  // The shared tree must come from this very parse (a text parsed again after the memo let it go is another
  // object), since hover finds a term's node by the term.
  if (shared.tree.record !== parsed || shared.targets.has(shared.tree.domain) || shared.targets.has(root)) return undefined;
  if (root === shared.tree.domain) return shared.tree;
  return { ...shared.tree, domain: root, children: shared.tree.children.map((node) => ({ ...node, domain: root })) };
}

/** True when every term that queries DNS names what it queries, so the owner is never asked about. */
function namesEveryTarget(parsed: SpfRecord): boolean {
  return parsed.terms.every((term) => !term.def?.dnsLookup || !term.valid || term.domainSpec !== undefined);
}

/** Every name a tree queried or stopped at (bounded by the tree's size, at most 400 nodes). */
function targetsOf(tree: SpfTree): Set<string> {
  const targets = new Set<string>();
  for (const path of treeNodes(tree.children)) {
    const target = path[path.length - 1].target;
    if (target !== undefined) targets.add(target);
  }
  return targets;
}

/** Names that some SPF record of the zone includes: records there are building blocks, not policies. */
export function includedNames(view: ZoneView): ReadonlySet<string> {
  return view.derived('spf-included', computeIncludedNames, sameSet);
}

function computeIncludedNames(view: ZoneView): ReadonlySet<string> {
  const names = new Set<string>();
  for (const record of view.ofKind('spf')) for (const name of includesOf(parsedSpf(view, record))) names.add(name);
  return names;
}

/**
 * The names a record's include mechanisms name, once per parse: the set of
 * included names is worked out again for every view an edit makes, over
 * every SPF record of the zone, and parses are shared by text (spfOfText).
 * Bound: one entry per parse still alive, dropped with it.
 */
const includesOfParse = new WeakMap<SpfRecord, readonly string[]>();

function includesOf(parsed: SpfRecord): readonly string[] {
  let names = includesOfParse.get(parsed);
  if (!names) {
    const found: string[] = [];
    for (const term of parsed.terms) {
      if (term.name === 'include' && term.kind === 'mechanism' && term.domainSpec && !term.domainSpec.hasMacros) found.push(canonical(staticText(term.domainSpec)));
    }
    includesOfParse.set(parsed, (names = found));
  }
  return names;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const name of a) if (!b.has(name)) return false;
  return true;
}

/**
 * Another record's parse, from the view's per-record cache under the kind's
 * key, which is where the analyser keeps it (analysis/analyze.ts
 * `parsedRecord`); read directly so this module does not import the analyser
 * that imports it.
 */
export function parsedSpf(view: ZoneView, record: ResourceRecord): SpfRecord {
  return view.cached(record, 'spf', () => spfOfText(record.txt?.text ?? ''));
}

/** The SPF-kind TXT records at an owner, in source order. */
export function spfTxtAt(view: ZoneView, owner: string): ResourceRecord[] {
  // Identical records are one record in DNS (RFC 2181 §5): a file included twice does not make two SPF records.
  return distinctRecords(view.recordsAt(owner, 'TXT').filter((r) => view.kindOf(r) === 'spf'));
}
