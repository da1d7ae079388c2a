import type { MailKind } from '../model/classify';
import { ZoneView, type AnalysisOptions, type Reads } from '../model/zoneView';
import type { RecordModule, RecordTarget } from '../rules/recordModule';
import type { Finding, Report, Rule, RuleMeta, SeveritySetting } from '../rules/rule';
import { isSelected as selects, selected, type ZoneRule } from '../rules/zoneRule';
import type { StopSignal } from '../stop';
import type { ResourceRecord, Zone } from '../zone/ast';
import type { RecordEdit } from '../zone/parser';
import { recordModules, zoneRules } from './registry';

export interface AnalyzeSettings extends AnalysisOptions {
  /** Per-rule severity overrides from `mailzone.rules.<id>`. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Asked before each rule pass and each record a rule checks: a host stops an analysis past its budget (see stop.ts). */
  readonly stop?: StopSignal;
}

const modulesByKind = new Map<MailKind, RecordModule<unknown>>(recordModules.map((m) => [m.kind, m]));

/** Every rule Mailzone has, in a stable order: zone rules first, then each record kind's. */
export const allRules: readonly RuleMeta[] = [
  ...zoneRules,
  ...recordModules.flatMap((m) => [...m.rules, ...(m.zoneRules ?? [])]),
];

export function findRule(id: string): RuleMeta | undefined {
  return allRules.find((r) => r.id === id);
}

export function recordModuleFor(kind: MailKind): RecordModule<unknown> | undefined {
  return modulesByKind.get(kind);
}

/** The parsed form of a record, computed once per record. */
export function parsedRecord<P>(view: ZoneView, kind: MailKind, target: ResourceRecord): P | undefined {
  const module = modulesByKind.get(kind);
  if (!module || !target.txt) return undefined;
  const txt = target.txt;
  return view.cached(target, kind, () => module.parse(txt, target)) as P;
}

/**
 * The analysis in passes: each zone rule that looks at the zone whole, each
 * rule that looks at one record at a time, and each record kind's module
 * (its rules over one record of the kind). A pass over records is made of
 * units, one per record, which the incremental analysis keeps and runs
 * again one by one.
 */
type Pass =
  | { readonly whole: ZoneRule }
  | { readonly each: ZoneRule & Required<Pick<ZoneRule, 'each' | 'checkRecord'>> }
  | { readonly module: RecordModule<unknown> };

const passes: readonly Pass[] = [
  ...zoneRules.map(passOf),
  ...recordModules.flatMap((module): Pass[] => [{ module }, ...(module.zoneRules ?? []).map(passOf)]),
];

function passOf(rule: ZoneRule): Pass {
  return rule.each && rule.checkRecord ? { each: rule as ZoneRule & Required<Pick<ZoneRule, 'each' | 'checkRecord'>> } : { whole: rule };
}

/**
 * A pass over records as it runs in one analysis: a per-record zone rule
 * (`each`) when it is on, or a record module with its rules that are on, each
 * with its reporter at the same position.
 */
interface PreparedUnit {
  readonly each?: ZoneRule & Required<Pick<ZoneRule, 'each' | 'checkRecord'>>;
  readonly module?: RecordModule<unknown>;
  readonly rules: readonly Rule<RecordTarget<unknown>>[];
  readonly reports: readonly Report[];
}

/** What one unit found and what it read: kept when either is non-empty. */
interface UnitResult {
  readonly findings: readonly Finding[];
  readonly reads?: Reads;
}

/**
 * An analysis kept for the next edit of its document: each whole-zone rule's
 * findings, and per pass over records, by record index, the units that
 * found something or read other owners. A unit not kept found nothing and
 * read nothing beyond its own owner.
 */
export interface AnalysisMemo {
  readonly view: ZoneView;
  readonly settings: string;
  readonly passes: readonly (readonly Finding[] | ReadonlyMap<number, UnitResult>)[];
}

/** Runs every enabled rule over the zone. Findings come back sorted by file and position. */
export function analyzeZone(zone: Zone, settings: AnalyzeSettings, view = new ZoneView(zone, settings)): Finding[] {
  const findings: Finding[] = [];
  const analyser = new Analyser(view, settings);
  for (const pass of passes) {
    if ('whole' in pass) analyser.runWhole(pass.whole, findings);
    else if (!analyser.idle(pass)) for (const record of recordsOf(view, pass)) analyser.runUnit(pass, record, findings);
  }
  return sorted(findings);
}

/** {@link analyzeZone}, keeping what each unit found and read for {@link analyzeAfterEdit}. */
export function analyzeKept(view: ZoneView, settings: AnalyzeSettings): { readonly findings: Finding[]; readonly memo: AnalysisMemo } {
  const analyser = new Analyser(view, settings);
  const kept = passes.map((pass): readonly Finding[] | ReadonlyMap<number, UnitResult> => {
    if ('whole' in pass) return analyser.runWhole(pass.whole, []);
    const units = new Map<number, UnitResult>();
    // A pass whose rules are all off finds nothing and reads nothing: it keeps no unit.
    if (!analyser.idle(pass)) for (const record of recordsOf(view, pass)) analyser.keepUnit(pass, record, units);
    return units;
  });
  const memo: AnalysisMemo = { view, settings: settingsKey(settings), passes: kept };
  return { findings: findingsOf(memo), memo };
}

/**
 * The analysis of `zone`, which `edit` made from the zone `previous`
 * analysed, running again only what the edit can have changed: the units
 * of the edited record and of the records at its owner, the units that read
 * that owner, its type or kind or a derived value that changed, and the
 * whole-zone rules that read content of its kind. The rest is the previous
 * findings, moved with the text. Undefined when the edit changed the zone's
 * shape (a record's owner, type or mail kind) or the settings differ: then
 * the caller analyses afresh. The result equals {@link analyzeZone}'s (a
 * test checks it against random edits).
 */
export function analyzeAfterEdit(previous: AnalysisMemo, zone: Zone, edit: RecordEdit, settings: AnalyzeSettings): { readonly findings: Finding[]; readonly memo: AnalysisMemo } | undefined {
  if (settingsKey(settings) !== previous.settings) return undefined;
  // The view says what the edit changed; the rules that read any of it run again, the rest keep their findings.
  const effect = previous.view.afterEdit(zone, edit, settings);
  if (!effect) return undefined;
  const { view, type, kind, again, touched } = effect;
  const moving = new Mover(edit);
  const analyser = new Analyser(view, settings);

  const kept = passes.map((pass, n): readonly Finding[] | ReadonlyMap<number, UnitResult> => {
    const before = previous.passes[n];
    if ('whole' in pass) {
      const rule = pass.whole;
      const reads = rule.reads;
      const unaffected = reads !== undefined && !reads.types?.includes(type) && !(kind !== undefined && reads.kinds?.includes(kind));
      const moved = unaffected ? moving.findings(before as readonly Finding[]) : undefined;
      return moved ?? analyser.runWhole(rule, []);
    }
    const units = new Map<number, UnitResult>();
    const rerun = new Set(again);
    for (const [index, result] of before as ReadonlyMap<number, UnitResult>) {
      if (rerun.has(index) || touched(result.reads)) {
        rerun.add(index);
        continue;
      }
      const findings = moving.findings(result.findings);
      if (findings) units.set(index, findings === result.findings ? result : { findings, reads: result.reads });
      else rerun.add(index);
    }
    for (const index of rerun) {
      const unit = zone.records[index];
      if (isSelected(view, pass, unit)) analyser.keepUnit(pass, unit, units);
    }
    return units;
  });
  const memo: AnalysisMemo = { view, settings: previous.settings, passes: kept };
  return { findings: findingsOf(memo), memo };
}

/** Runs rules with the user's severities, collecting what they report. */
class Analyser {
  private readonly severities: Readonly<Record<string, SeveritySetting>>;
  /** Where reports go while a rule runs: one reporter per rule serves every record it checks. */
  private sink: Finding[] = [];
  private readonly reporters = new Map<RuleMeta, Report>();
  // Most units find nothing and read nothing beyond their owner: for them keepUnit allocates nothing.
  private readonly scratch: Finding[] = [];
  private reads: Reads = {};
  private readonly stop?: StopSignal;
  /** Per pass over records, its rules that are on and their reporters (bound: one entry per pass). */
  private readonly units = new Map<Pass, PreparedUnit>();

  constructor(
    private readonly view: ZoneView,
    settings: AnalyzeSettings,
  ) {
    this.severities = settings.severities ?? {};
    this.stop = settings.stop;
  }

  runWhole(rule: ZoneRule, findings: Finding[]): Finding[] {
    this.stop?.check();
    this.sink = findings;
    this.run(rule, this.view);
    return findings;
  }

  runUnit(pass: Pass, record: ResourceRecord, findings: Finding[]): void {
    this.stop?.check();
    this.sink = findings;
    const unit = this.unitOf(pass);
    if (unit.each) unit.each.checkRecord(this.view, record, unit.reports[0]);
    else if (unit.module) {
      const parsed = parsedRecord(this.view, unit.module.kind, record);
      const target: RecordTarget<unknown> = { record, txt: record.txt!, parsed, zone: this.view };
      const { rules, reports } = unit;
      for (let i = 0; i < rules.length; i++) rules[i].check(target, reports[i]);
    }
  }

  /** True when every rule of a pass over records is off, so the pass need not visit its records. */
  idle(pass: Pass): boolean {
    const unit = this.unitOf(pass);
    return unit.each === undefined && unit.rules.length === 0;
  }

  /** What a pass runs per record with this analysis's severities, worked out once per pass rather than per record. */
  private unitOf(pass: Pass): PreparedUnit {
    let unit = this.units.get(pass);
    if (unit) return unit;
    if ('each' in pass) {
      const on = this.severities[pass.each.id] !== 'off';
      unit = { each: on ? pass.each : undefined, rules: [], reports: on ? [this.reporter(pass.each)] : [] };
    } else if ('module' in pass) {
      const rules = pass.module.rules.filter((rule) => this.severities[rule.id] !== 'off');
      unit = { module: rules.length > 0 ? pass.module : undefined, rules, reports: rules.map((rule) => this.reporter(rule)) };
    } else unit = { rules: [], reports: [] };
    this.units.set(pass, unit);
    return unit;
  }

  /** Runs one unit noting what it reads, and keeps its result when there is something to keep. */
  keepUnit(pass: Pass, record: ResourceRecord, units: Map<number, UnitResult>): void {
    const findings = this.scratch;
    const reads = this.reads;
    this.view.beginTracking(record, reads);
    try {
      this.runUnit(pass, record, findings);
    } finally {
      this.view.endTracking();
    }
    const read = reads.owners !== undefined || reads.types !== undefined || reads.kinds !== undefined || reads.derived !== undefined;
    if (findings.length === 0 && !read) return;
    units.set(record.index!, read ? { findings: findings.splice(0), reads } : { findings: findings.splice(0) });
    if (read) this.reads = {};
  }

  private run<T>(rule: Rule<T>, target: T): void {
    if (this.severities[rule.id] === 'off') return;
    rule.check(target, this.reporter(rule));
  }

  private reporter(rule: RuleMeta): Report {
    let report = this.reporters.get(rule);
    if (report) return report;
    const chosen = this.severities[rule.id];
    const setting = chosen === 'off' ? undefined : chosen;
    const zone = this.view.zone;
    report = (span, message, options) => {
      // Rules mark "one past the value" to point at its closing quote; a string left unterminated at the end of
      // a file has none, so a span never reaches past the end of its file (found by the fuzzer).
      const length = (options?.file === undefined ? zone.text : zone.files.get(options.file))?.length;
      if (length !== undefined && span.end > length) span = { start: Math.min(span.start, length), end: length };
      this.sink.push({
        rule: rule.id,
        severity: setting ?? options?.severity ?? rule.severity,
        message,
        span,
        file: options?.file,
        fixes: options?.fixes,
        ...(options?.related?.length ? { related: options.related } : {}),
      });
    };
    this.reporters.set(rule, report);
    return report;
  }
}

function recordsOf(view: ZoneView, pass: Pass): readonly ResourceRecord[] {
  if ('each' in pass) return selected(view, pass.each.each);
  if ('module' in pass) return view.ofKind(pass.module.kind);
  return [];
}

function isSelected(view: ZoneView, pass: Pass, record: ResourceRecord): boolean {
  if ('module' in pass) return view.kindOf(record) === pass.module.kind;
  return 'each' in pass && selects(view, pass.each.each, record);
}

/**
 * Moves kept findings with an edit of the document's text: offsets after
 * the edited record move by the edit's length change. A finding that points
 * into the edited record is not moved but computed again (undefined), since
 * where it lands inside the new text is not a matter of arithmetic.
 */
class Mover {
  private readonly start: number;
  private readonly end: number;
  private readonly delta: number;

  constructor(edit: RecordEdit) {
    const span = edit.previous.span;
    this.start = span.start;
    this.end = span.end;
    this.delta = edit.delta;
  }

  /** The findings moved; the same array when none moves; undefined when one points into the edited record. */
  findings(list: readonly Finding[]): readonly Finding[] | undefined {
    let out: Finding[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const finding = list[i];
      const moved = this.finding(finding);
      if (!moved) return undefined;
      if (moved !== finding && !out) out = list.slice(0, i);
      out?.push(moved);
    }
    return out ?? list;
  }

  private finding(finding: Finding): Finding | undefined {
    const span = finding.file === undefined ? this.span(finding.span) : finding.span;
    if (!span) return undefined;
    let fixes = finding.fixes;
    if (fixes) {
      let fixMoved = false;
      const next = [];
      for (const fix of fixes) {
        const edits = [];
        for (const edit of fix.edits) {
          const at = edit.file === undefined ? this.span(edit.span) : edit.span;
          if (!at) return undefined;
          if (at !== edit.span) fixMoved = true;
          edits.push(at === edit.span ? edit : { ...edit, span: at });
        }
        next.push({ ...fix, edits });
      }
      if (fixMoved) fixes = next;
    }
    let related = finding.related;
    if (related) {
      const next = [];
      for (const place of related) {
        const at = place.file === undefined ? this.span(place.span) : place.span;
        if (!at) return undefined;
        next.push(at === place.span ? place : { ...place, span: at });
      }
      if (next.some((place, i) => place !== related![i])) related = next;
    }
    return span === finding.span && fixes === finding.fixes && related === finding.related ? finding : { ...finding, span, fixes, ...(related ? { related } : {}) };
  }

  private span(span: { readonly start: number; readonly end: number }): { readonly start: number; readonly end: number } | undefined {
    // Touching the edited record: its text changed under the span.
    if (span.end >= this.start && span.start <= this.end) return undefined;
    if (span.start > this.end && this.delta !== 0) return { start: span.start + this.delta, end: span.end + this.delta };
    return span;
  }
}

function findingsOf(memo: AnalysisMemo): Finding[] {
  const all: Finding[] = [];
  for (const kept of memo.passes) {
    if (Array.isArray(kept)) all.push(...kept);
    else for (const unit of (kept as ReadonlyMap<number, UnitResult>).values()) all.push(...unit.findings);
  }
  return sorted(all);
}

function sorted(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      a.rule.localeCompare(b.rule) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

function settingsKey(settings: AnalyzeSettings): string {
  return JSON.stringify([settings.dmarcStandard, settings.severities ?? {}]);
}
