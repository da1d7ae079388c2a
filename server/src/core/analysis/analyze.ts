import type { MailKind } from '../model/classify';
import { ZoneView, type AnalysisOptions } from '../model/zoneView';
import type { RecordModule, RecordTarget } from '../rules/recordModule';
import type { Finding, Report, Rule, RuleMeta, SeveritySetting } from '../rules/rule';
import type { Zone } from '../zone/ast';
import { recordModules, zoneRules } from './registry';

export interface AnalyzeSettings extends AnalysisOptions {
  /** Per-rule severity overrides from `mailzone.rules.<id>`. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
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

/** The parsed form of a record, computed once per zone view. */
export function parsedRecord<P>(view: ZoneView, kind: MailKind, target: import('../zone/ast').ResourceRecord): P | undefined {
  const module = modulesByKind.get(kind);
  if (!module || !target.txt) return undefined;
  const txt = target.txt;
  return view.cached(target, kind, () => module.parse(txt, target)) as P;
}

/** Runs every enabled rule over the zone. Findings come back sorted by file and position. */
export function analyzeZone(zone: Zone, settings: AnalyzeSettings, view = new ZoneView(zone, settings)): Finding[] {
  const findings: Finding[] = [];
  const severities = settings.severities ?? {};

  const run = <T>(rule: Rule<T>, target: T): void => {
    const setting = severities[rule.id];
    if (setting === 'off') return;
    const report: Report = (span, message, options) => {
      // Rules mark "one past the value" to point at its closing quote; a string left unterminated at the end of
      // a file has none, so a span never reaches past the end of its file (found by the fuzzer).
      const length = (options?.file === undefined ? zone.text : zone.files.get(options.file))?.length;
      if (length !== undefined && span.end > length) span = { start: Math.min(span.start, length), end: length };
      findings.push({
        rule: rule.id,
        severity: setting ?? options?.severity ?? rule.severity,
        message,
        span,
        file: options?.file,
        fixes: options?.fixes,
      });
    };
    rule.check(target, report);
  };

  for (const rule of zoneRules) run(rule, view);
  for (const module of recordModules) {
    for (const record of view.ofKind(module.kind)) {
      const parsed = parsedRecord(view, module.kind, record);
      const target: RecordTarget<unknown> = { record, txt: record.txt!, parsed, zone: view };
      for (const rule of module.rules) run(rule, target);
    }
    for (const rule of module.zoneRules ?? []) run(rule, view);
  }

  findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return findings;
}
