/**
 * `spf-multiple-records`: two or more `v=spf1` TXT records at one owner.
 * Receivers cannot choose and return permerror (RFC 7208 §3.2, §4.5), so the
 * domain has no working SPF at all. The fix merges them into the first.
 */
import type { ZoneView } from '../../../model/zoneView';
import type { Fix, TextEdit } from '../../../rules/rule';
import type { ResourceRecord } from '../../../zone/ast';
import { deleteRecord, quoteValue, replaceRdata } from '../edits';
import type { SpfRecord, SpfTerm } from '../parse';
import { parsedSpf, spfTxtAt } from './common';
import { recordRule, type ZoneRule } from '../../../rules/zoneRule';

/**
 * One record with the terms of all: mechanisms in order without repeats,
 * then the first `all` (a redirect only when no record has `all`, since it
 * would be ignored beside one), then `exp` and other modifiers.
 */
export function mergeSpf(records: readonly SpfRecord[]): string {
  const mechanisms: SpfTerm[] = [];
  const modifiers: SpfTerm[] = [];
  let all: SpfTerm | undefined;
  let redirect: SpfTerm | undefined;
  let exp: SpfTerm | undefined;
  const seen = new Set<string>();
  for (const record of records) {
    for (const term of record.terms) {
      if (term.kind === 'mechanism' && term.name === 'all') all ??= term;
      else if (term.kind === 'modifier' && term.name === 'redirect') redirect ??= term;
      else if (term.kind === 'modifier' && term.name === 'exp') exp ??= term;
      else {
        const key = term.raw.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        (term.kind === 'mechanism' ? mechanisms : modifiers).push(term);
      }
    }
  }
  const ending = all ? [all] : redirect ? [redirect] : [];
  return ['v=spf1', ...[...mechanisms, ...ending, ...(exp ? [exp] : []), ...modifiers].map((t) => t.raw)].join(' ');
}

function mergeFix(view: ZoneView, records: readonly ResourceRecord[]): Fix | undefined {
  // Edits in several files cannot be previewed as one change; keep the fix to one file.
  if (records.some((r) => r.file !== records[0].file)) return undefined;
  // A file $INCLUDEd twice gives records at one source position: no set of edits can merge them (found by the fuzzer).
  if (new Set(records.map((r) => r.span.start)).size !== records.length) return undefined;
  const merged = mergeSpf(records.map((r) => parsedSpf(view, r)));
  const replace = replaceRdata(records[0], quoteValue(merged));
  if (!replace) return undefined;
  const edits: TextEdit[] = [replace];
  for (const record of records.slice(1)) {
    const removal = deleteRecord(view.zone, record);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  // Deleting a record can rewrite the owner onto the next line, which may be deleted too: edits that
  // overlap cannot be applied as one change, so no fix is offered then (found by the fuzzer).
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  if (sorted.some((e, i) => i > 0 && e.span.start < sorted[i - 1].span.end)) return undefined;
  return { title: `Merge the ${records.length} SPF records into one`, edits, preferred: true };
}

export const spfMultipleRecords: ZoneRule = recordRule({
  id: 'spf-multiple-records',
  severity: 'error',
  summary: 'An owner has more than one v=spf1 TXT record: receivers return permerror, so the domain has no working SPF.',
  rfc: 'RFC 7208 §4.5',
  each: { kind: 'spf' },
  checkRecord(view, record, report) {
    const owner = record.owner;
    // Spoken once per owner, when checking its first SPF TXT record (found before the others are compared: an owner may have many).
    if (view.recordsAt(owner).find((r) => r.type === 'TXT' && view.kindOf(r) === 'spf') !== record) return;
    const records = spfTxtAt(view, owner);
    if (records.length < 2) return;
    const fix = mergeFix(view, records);
    for (const each of records) {
      const txt = each.txt!;
      report(
        txt.map.toSourceSpan(0, txt.text.length),
        `${records.length} SPF records at ${owner.slice(0, -1)}: receivers return permerror for all of them (RFC 7208 §4.5); publish one record`,
        { file: each.file, fixes: fix ? [fix] : undefined },
      );
    }
  },
});
