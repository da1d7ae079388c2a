import { parsedRecord } from '../analysis/analyze';
import type { ZoneView } from '../model/zoneView';
import type { SpfRecord, SpfTerm } from '../records/spf/parse';
import type { Span } from '../text/span';
import type { Directive, ResourceRecord, Zone } from '../zone/ast';
import { rrType } from '../zone/rrtypes';
import { locate } from './locate';

/**
 * Names as something to navigate: the owner names a zone defines and the
 * places that point at them — MX, CNAME, NS, SRV and PTR targets, the
 * domains of SPF `include:`, `redirect=`, `a:`, `mx:`, `ptr:`, `exists:`
 * and `exp=` terms — and the files `$INCLUDE` reads. Definition, references
 * and document highlights all read these three functions; the shell only
 * turns the spans into locations.
 */

/** How a name occurs at a place: an owner defines it, everything else points at it. */
export type NameRole = 'owner' | 'target' | 'spf';

/** The SPF term names whose domain names a record to look up (RFC 7208 §5, §6). */
const SPF_NAME_TERMS = new Set(['include', 'redirect', 'a', 'mx', 'ptr', 'exists', 'exp']);

/** The record types an SPF term's lookup asks for, so a definition jumps to the records receivers read. */
const SPF_LOOKUP_TYPES: Readonly<Record<string, readonly string[]>> = {
  include: ['TXT'],
  redirect: ['TXT'],
  exp: ['TXT'],
  a: ['A', 'AAAA'],
  exists: ['A'],
  mx: ['MX'],
  ptr: ['PTR'],
};

/** Targets of mail exchangers, name servers and services are looked up for their addresses. */
const ADDRESS_TYPES = ['A', 'AAAA'];

export interface NameOccurrence {
  /** The included file the span is in; undefined for the zone's own text. */
  readonly file?: string;
  readonly span: Span;
  /** Absolute, lower-cased, with the trailing dot. */
  readonly name: string;
  readonly role: NameRole;
}

/** What sits under the cursor, as something with a definition and references. */
export type NameTarget =
  | {
      readonly kind: 'name';
      readonly name: string;
      readonly span: Span;
      readonly role: NameRole;
      /** The record types a definition prefers (the SPF term's lookup, the addresses of an MX target). */
      readonly prefer: readonly string[];
    }
  | { readonly kind: 'file'; readonly path: string; readonly span: Span };

/** A place in a zone: for a definition, the record; for a file, its start. */
export interface NameLocation {
  readonly file?: string;
  readonly span: Span;
}

const lower = (name: string): string => name.toLowerCase();

/** The SPF terms of a record that name a domain without macros, which are the only ones known before mail arrives. */
function spfNameTerms(view: ZoneView, record: ResourceRecord): SpfTerm[] {
  if (!record.txt || view.kindOf(record) !== 'spf') return [];
  const spf = parsedRecord<SpfRecord>(view, 'spf', record);
  if (!spf) return [];
  return spf.terms.filter((t) => SPF_NAME_TERMS.has(t.name) && t.domainSpec && !t.domainSpec.hasMacros && t.domainSpec.text !== '');
}

function spfName(term: SpfTerm): string {
  const text = lower(term.domainSpec!.text);
  return text.endsWith('.') ? text : `${text}.`;
}

/** The rdata tokens of a record that hold names, with the absolute name each holds. */
function targetTokens(record: ResourceRecord): { index: number; name: string }[] {
  const fields = rrType(record.type)?.type?.fields;
  if (!fields || !record.fields) return [];
  const out: { index: number; name: string }[] = [];
  // Name fields come before any trailing field, so a field's position is its token's position.
  for (let i = 0; i < fields.length && i < record.rdata.length; i++) {
    const value = record.fields[fields[i].name];
    if (fields[i].kind === 'name' && typeof value === 'string') out.push({ index: i, name: lower(value) });
  }
  return out;
}

/** The name or `$INCLUDE` file at `offset` of the zone's own text. */
export function nameAt(view: ZoneView, offset: number): NameTarget | undefined {
  const at = locate(view.zone, offset);
  if (!at) return undefined;
  switch (at.kind) {
    case 'directive-arg':
      if (at.directive.name === '$INCLUDE' && at.index === 0 && at.directive.target) return { kind: 'file', path: at.directive.target, span: at.token.span };
      return undefined;
    case 'owner':
      return { kind: 'name', name: at.record.owner, span: at.span, role: 'owner', prefer: [] };
    case 'rdata': {
      const found = targetTokens(at.record).find((t) => t.index === at.index);
      if (!found) return undefined;
      const addresses = at.record.type === 'CNAME' || at.record.type === 'PTR' || at.record.type === 'DNAME' ? [] : ADDRESS_TYPES;
      return { kind: 'name', name: found.name, span: at.token.span, role: 'target', prefer: addresses };
    }
    case 'value': {
      const term = spfNameTerms(view, at.record).find((t) => at.valueOffset >= t.domainSpec!.start && at.valueOffset <= t.domainSpec!.end);
      if (!term) return undefined;
      const spec = term.domainSpec!;
      return { kind: 'name', name: spfName(term), span: at.record.txt!.map.toSourceSpan(spec.start, spec.end), role: 'spf', prefer: SPF_LOOKUP_TYPES[term.name] ?? [] };
    }
    default:
      return undefined;
  }
}

/**
 * Every place in the zone (its own text and its included files) where
 * `name` is written: owners written on their entry, rdata names and SPF
 * domains. `$GENERATE`d records are left out: their text is the directive's.
 */
export function nameOccurrences(view: ZoneView, name: string): NameOccurrence[] {
  const wanted = lower(name);
  const out: NameOccurrence[] = [];
  // One pass over the records, each looked at once: the bound is the zone's size.
  for (const record of view.zone.records) {
    if (record.generated) continue;
    if (record.ownerSpan && record.owner === wanted) out.push({ file: record.file, span: record.ownerSpan, name: wanted, role: 'owner' });
    for (const { index, name: target } of targetTokens(record)) {
      if (target === wanted) out.push({ file: record.file, span: record.rdata[index].span, name: wanted, role: 'target' });
    }
    for (const term of spfNameTerms(view, record)) {
      if (spfName(term) !== wanted) continue;
      const spec = term.domainSpec!;
      out.push({ file: record.file, span: record.txt!.map.toSourceSpan(spec.start, spec.end), name: wanted, role: 'spf' });
    }
  }
  return out;
}

/**
 * Where `name` is defined in the zone: its records, the types in `prefer`
 * when it has some (the TXT record an include reads, the addresses of a
 * mail exchanger), else all of them.
 */
export function nameDefinitions(view: ZoneView, name: string, prefer: readonly string[] = []): NameLocation[] {
  const records = view.recordsAt(lower(name)).filter((r) => !r.generated);
  const preferred = prefer.length > 0 ? records.filter((r) => prefer.includes(r.type)) : [];
  // An include's TXT records: the SPF one is what receivers read, so it goes first when there are several.
  const chosen = (preferred.length > 0 ? preferred : records).slice().sort((a, b) => spfFirst(view, a) - spfFirst(view, b));
  return chosen.map((r) => ({ file: r.file, span: r.span }));
}

function spfFirst(view: ZoneView, record: ResourceRecord): number {
  return view.kindOf(record) === 'spf' ? 0 : 1;
}

/** The `$INCLUDE` directives of the zone that read `path`, by their file argument. */
export function includeOccurrences(zone: Zone, path: string): NameLocation[] {
  return zone.directives
    .filter((d: Directive) => d.name === '$INCLUDE' && d.target === path && d.args[0])
    .map((d) => ({ file: d.file, span: d.args[0].span }));
}
