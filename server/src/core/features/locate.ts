import type { Directive, ResourceRecord, Token, Zone } from '../zone/ast';
import type { Span } from '../text/span';

/** What sits at an offset of the document: the piece of an entry the cursor is on. */
export type Located =
  | { readonly kind: 'directive'; readonly directive: Directive; readonly span: Span }
  | { readonly kind: 'directive-arg'; readonly directive: Directive; readonly token: Token; readonly index: number }
  | { readonly kind: 'owner'; readonly record: ResourceRecord; readonly span: Span }
  | { readonly kind: 'ttl'; readonly record: ResourceRecord; readonly span: Span }
  | { readonly kind: 'class'; readonly record: ResourceRecord; readonly span: Span }
  | { readonly kind: 'type'; readonly record: ResourceRecord; readonly span: Span }
  /** Inside a TXT value: `valueOffset` is the offset in `record.txt.text`. */
  | { readonly kind: 'value'; readonly record: ResourceRecord; readonly token: Token; readonly valueOffset: number }
  | { readonly kind: 'rdata'; readonly record: ResourceRecord; readonly token: Token; readonly index: number };

const within = (s: Span | undefined, offset: number): s is Span => !!s && offset >= s.start && offset <= s.end;

/** The last item whose span starts at or before `offset` (items are in source order). */
function lastStartingBefore<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.start <= offset) {
      found = items[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const recordsByZone = new WeakMap<Zone, ResourceRecord[]>();
const directivesByZone = new WeakMap<Zone, Directive[]>();

/**
 * Records of the document itself (not of included files), in source order.
 * Computed once per parse: every hover and completion asks for it.
 */
export function documentRecords(zone: Zone): ResourceRecord[] {
  let records = recordsByZone.get(zone);
  if (!records) recordsByZone.set(zone, (records = zone.records.filter((r) => !r.file && !r.generated)));
  return records;
}

function documentDirectives(zone: Zone): Directive[] {
  let directives = directivesByZone.get(zone);
  if (!directives) directivesByZone.set(zone, (directives = zone.directives.filter((d) => !d.file)));
  return directives;
}

export function recordAt(records: readonly ResourceRecord[], offset: number): ResourceRecord | undefined {
  const record = lastStartingBefore(records, offset);
  return record && offset <= record.span.end ? record : undefined;
}

export function locate(zone: Zone, offset: number, records: readonly ResourceRecord[] = documentRecords(zone)): Located | undefined {
  const directive = lastStartingBefore(documentDirectives(zone), offset);
  if (directive && offset <= directive.span.end) {
    if (within(directive.nameSpan, offset)) return { kind: 'directive', directive, span: directive.nameSpan };
    const index = directive.args.findIndex((t) => within(t.span, offset));
    if (index >= 0) return { kind: 'directive-arg', directive, token: directive.args[index], index };
  }
  const record = recordAt(records, offset);
  if (!record) return undefined;
  if (within(record.ownerSpan, offset)) return { kind: 'owner', record, span: record.ownerSpan };
  if (within(record.ttlSpan, offset)) return { kind: 'ttl', record, span: record.ttlSpan };
  if (within(record.classSpan, offset)) return { kind: 'class', record, span: record.classSpan };
  if (within(record.typeSpan, offset)) return { kind: 'type', record, span: record.typeSpan };
  const index = record.rdata.findIndex((t) => within(t.span, offset));
  if (index < 0) return undefined;
  const token = record.rdata[index];
  if (record.txt) {
    // Inside the quotes: the cursor sits between value characters; at the closing quote it is at the string's end.
    const closed = token.quoted && token.raw.length > 1 && token.raw.endsWith('"');
    const inner = token.quoted ? Math.min(Math.max(offset, token.span.start + 1), token.span.end - (closed ? 1 : 0)) : offset;
    const valueOffset = record.txt.map.fromSource(inner);
    return { kind: 'value', record, token, valueOffset };
  }
  return { kind: 'rdata', record, token, index };
}
