import type { ZoneView } from '../../model/zoneView';
import type { Fix, TextEdit } from '../../rules/rule';
import type { ZoneRule } from '../../rules/zoneRule';
import type { Span } from '../../text/span';
import type { ResourceRecord } from '../ast';
import { absoluteName } from '../names';

/** Types whose rdata holds names that the parser makes absolute against the origin. */
const NAME_TYPES = ['MX', 'CNAME', 'NS', 'SRV', 'PTR', 'DNAME'];

/**
 * The origins a relative name in the zone may have been completed with: the
 * SOA owner, the origin the file starts with, and every absolute `$ORIGIN`.
 */
function origins(view: ZoneView): string[] {
  const out = new Set<string>();
  const soa = view.ofType('SOA')[0];
  if (soa) out.add(soa.owner);
  if (view.zone.origin) out.add(view.zone.origin);
  for (const d of view.zone.directives) {
    const arg = d.args[0]?.raw;
    if (d.name !== '$ORIGIN' || !arg?.endsWith('.')) continue;
    const r = absoluteName(arg, undefined);
    if ('name' in r) out.add(r.name);
  }
  out.delete('.');
  return [...out];
}

/** The origin `name` ends with twice (`_dmarc.example.com.example.com.` under `example.com.`), if any. */
export function doubledOrigin(name: string, candidates: readonly string[]): string | undefined {
  return candidates.find((origin) => {
    const twice = `${origin.slice(0, -1)}.${origin}`;
    return name === twice || name.endsWith(`.${twice}`);
  });
}

/**
 * The positions in `candidates` of the origins `name` ends with twice, in
 * ascending order. A zone that switches `$ORIGIN` per block has thousands
 * of candidates, so each name is looked up at its label boundaries (a
 * bounded number of suffixes) in a table of the doubled origins, instead of
 * being compared with every candidate.
 */
function doubledOrigins(twice: ReadonlyMap<string, number>): (name: string) => number[] {
  return (name) => {
    if (!repeatsLastLabel(name)) return NONE;
    const found: number[] = [];
    // The suffixes after each dot, and the whole name: exactly the strings `name === twice || name.endsWith('.' + twice)` matches.
    for (let at = 0; at >= 0 && at <= name.length; at = name.indexOf('.', at) + 1 || -1) {
      const index = twice.get(name.slice(at));
      if (index !== undefined) found.push(index);
    }
    return found.sort((a, b) => a - b);
  };
}

const NONE: number[] = [];

/**
 * False when the name's last label (`com.`) appears in it only at its end.
 * A name that ends with an origin twice has that label twice, so the table
 * lookups, one string per label, are made only for the few names that might
 * match: every name of the zone passes here.
 */
function repeatsLastLabel(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.', name.length - 2) + 1);
  return name.indexOf(last) + last.length !== name.length;
}

/** A fix that ends the written name with a dot, making it absolute as it was meant. */
function addDot(record: ResourceRecord, span: Span): Fix {
  const edit: TextEdit = { file: record.file, span: { start: span.end, end: span.end }, newText: '.' };
  return { title: "Add the trailing dot: the name was written absolute but read as relative", edits: [edit], preferred: true };
}

/**
 * `zone-origin-doubled`: a name written with its domain but without the
 * trailing dot (`_dmarc.example.com` inside `example.com.`) is relative, so
 * the origin is appended once more (`_dmarc.example.com.example.com.`).
 * Nobody queries that name: the record, or the MX, CNAME, NS or SRV target,
 * is not where it was meant to be.
 */
export const zoneOriginDoubled: ZoneRule = {
  id: 'zone-origin-doubled',
  severity: 'error',
  summary: 'A name ends with the origin twice (a domain written without its trailing dot): the record or target is not where it was meant.',
  rfc: 'RFC 1035 §5.1',
  // Owners are the zone's shape; of content, only the names in these types' rdata.
  reads: { types: NAME_TYPES },
  check(view, report) {
    const candidates = origins(view);
    if (candidates.length === 0) return;
    const doubled = doubledOrigins(new Map(candidates.map((origin, i) => [`${origin.slice(0, -1)}.${origin}`, i])));
    for (const record of view.zone.records) {
      if (record.generated) continue;
      // The owner is checked where it is written; an inherited owner was reported on the record that wrote it.
      const ownerOrigin = record.ownerSpan ? candidates[doubled(record.owner)[0]] : undefined;
      if (ownerOrigin && record.ownerSpan) {
        report(record.ownerSpan, `${record.owner} ends with ${ownerOrigin} twice: the owner was written without its trailing dot, so the origin was appended again; add the dot`, {
          file: record.file,
          fixes: [addDot(record, record.ownerSpan)],
        });
      }
      if (!NAME_TYPES.includes(record.type) || !record.targets?.length) continue;
      // Only the origins some target ends with twice can pass the test below, tried in the candidates' order.
      const possible = [...new Set(record.targets.flatMap(doubled))].sort((a, b) => a - b).map((i) => candidates[i]);
      if (possible.length === 0) continue;
      for (const token of record.rdata) {
        if (token.quoted || token.raw.endsWith('.') || !/[a-z]/i.test(token.raw)) continue;
        // The token as the parser completed it: relative names take the origin the record was read under.
        for (const origin of possible) {
          const full = absoluteName(token.raw, origin);
          if (!('name' in full) || !(record.targets ?? []).includes(full.name) || doubledOrigin(full.name, [origin]) === undefined) continue;
          report(token.span, `the ${record.type} target ${full.name} ends with ${origin} twice: it was written without its trailing dot, so the origin was appended again; add the dot`, {
            file: record.file,
            fixes: [addDot(record, token.span)],
          });
          break;
        }
      }
    }
  },
};
