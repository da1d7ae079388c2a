/**
 * The docs tables for the rdata fields of the mail-routing record types
 * (MX, SRV, TLSA): per field, what it is, where it is defined, and what the
 * value written in one record means among the zone's records. Hover reads
 * these tables for every type alike (core/features/hover.ts); each record
 * kind's module keeps its own table.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { addressState, isAuthoritativeFor, recordsFor, shown } from './zoneNames';

/** The field under the cursor: its record, the value as written, and the zone to read the rest from. */
export interface FieldAt {
  readonly record: ResourceRecord;
  readonly value: string;
  readonly view: ZoneView;
}

/** What a written value means here: the hover's first line, and the lines that follow it. */
export interface FieldMeaning {
  readonly meaning: string;
  readonly resolved?: readonly (string | undefined)[];
}

export interface FieldDoc {
  /** One sentence: what the field is, for any record of the type. */
  readonly summary: string;
  readonly rfc: string;
  /** What the value means in this record; undefined when the value cannot be read (the parser reports that). */
  readonly here?: (at: FieldAt) => FieldMeaning | undefined;
}

/** A type's fields by the names the RR type table gives them (`preference`, `exchange`). */
export type FieldDocs = Readonly<Record<string, FieldDoc>>;

/** How many addresses a host line names before it counts the rest. */
const MAX_ADDRESSES = 4;

/**
 * Where a host name leads in this zone, one line: its addresses, an alias
 * (which mail hosts must not be), nothing, or that the name lies outside
 * the zone and only live DNS can say.
 */
export function hostLine(view: ZoneView, name: string): string {
  if (!isAuthoritativeFor(view, name)) return `\`${shown(name)}\` is outside this zone: not resolved without live DNS.`;
  const state = addressState(view, name);
  if (state === 'cname') return `⚠ \`${shown(name)}\` is an alias (CNAME) in this zone; a mail host name must have its own A or AAAA records (RFC 2181 §10.3).`;
  if (state === 'none') return `⚠ \`${shown(name)}\` has no A or AAAA record in this zone: senders cannot connect to it.`;
  const addresses = recordsFor(view, name)
    .filter((r) => r.type === 'A' || r.type === 'AAAA')
    .map((r) => r.presentation);
  const listed = addresses.slice(0, MAX_ADDRESSES).join(', ');
  const more = addresses.length > MAX_ADDRESSES ? ` and ${addresses.length - MAX_ADDRESSES} more` : '';
  return `In this zone \`${shown(name)}\` has the address${addresses.length === 1 ? '' : 'es'} ${listed}${more}.`;
}

/** The records of the same type at the record's owner, itself included. */
export function siblings(at: FieldAt): ResourceRecord[] {
  return at.view.recordsAt(at.record.owner, at.record.type);
}
