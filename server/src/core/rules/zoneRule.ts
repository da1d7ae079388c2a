import type { MailKind } from '../model/classify';
import type { ZoneView } from '../model/zoneView';
import type { ResourceRecord } from '../zone/ast';
import type { Report, Rule, RuleMeta } from './rule';

/** The records a per-record rule looks at: all of some types, or all of one mail kind. */
export type RecordSelection = { readonly types: readonly string[] } | { readonly kind: MailKind };

/**
 * A rule over the whole zone. After an edit of one record's content the
 * incremental analysis decides from this rule's shape what to run again:
 *
 * - A rule with `each` checks records one at a time (`checkRecord`), reading
 *   others only through the view. It runs again for the edited record, for
 *   the records at its owner, and for those whose check read what the edit
 *   changed (the view notes what each check reads).
 * - Any other rule runs again whole, unless `reads` says it reads no content
 *   of records like the edited one.
 */
export interface ZoneRule extends Rule<ZoneView> {
  readonly each?: RecordSelection;
  checkRecord?(view: ZoneView, record: ResourceRecord, report: Report): void;
  /**
   * The types and mail kinds whose records' content (rdata, TTL) the rule
   * reads. Owners, types and kinds of every record it may always read: an
   * edit that changes those is analysed afresh. Omitted: it reads everything.
   */
  readonly reads?: { readonly types?: readonly string[]; readonly kinds?: readonly MailKind[] };
}

/** The records `each` selects, in file order. */
export function selected(view: ZoneView, each: RecordSelection): readonly ResourceRecord[] {
  if (!('types' in each)) return view.ofKind(each.kind);
  const lists = each.types.map((type) => view.ofType(type)).filter((list) => list.length > 0);
  return lists.length === 1 ? lists[0] : lists.flat();
}

/** True when `each` selects `record`. */
export function isSelected(view: ZoneView, each: RecordSelection, record: ResourceRecord): boolean {
  return 'types' in each ? each.types.includes(record.type) : view.kindOf(record) === each.kind;
}

/** A rule that checks each selected record on its own. */
export function recordRule(rule: RuleMeta & { readonly each: RecordSelection; checkRecord(view: ZoneView, record: ResourceRecord, report: Report): void }): ZoneRule {
  return {
    ...rule,
    check(view, report) {
      for (const record of selected(view, rule.each)) rule.checkRecord(view, record, report);
    },
  };
}

/**
 * True when `record` is the first of `records` (the ones at its owner that a
 * per-owner check speaks about): a check about an owner's records as a set
 * runs on its first record and stays silent on the others.
 */
export function isFirstOf(record: ResourceRecord, records: readonly ResourceRecord[]): boolean {
  return records[0] === record;
}
