import { parsedRecord, recordModuleFor } from '../analysis/analyze';
import type { Analysis } from '../service';
import { DIRECTIVE_DOCS } from '../zone/directives';
import { shortHoverMarkdown } from '../records/mail/hoverText';
import type { FieldDoc, FieldDocs } from '../records/mail/fieldHover';
import { TLSA_FIELDS } from '../records/dane/hover';
import { MX_FIELDS } from '../records/mx/hover';
import { SRV_FIELDS } from '../records/srv/hover';
import type { ResourceRecord } from '../zone/ast';
import { CLASSES, rrClass, rrType, type RRType } from '../zone/rrtypes';
import { parseTtl, ttlInWords } from '../zone/ttl';
import { locate } from './locate';
import { rfcLink, type HoverResult } from '../text/answers';

/**
 * Hover: explains whatever is under the cursor, from the same tables the
 * parser and rules read — directives, TTLs, classes, RR types and their
 * fields, and, inside a mail record's text, the tag or term there (the
 * record kind's module answers that part).
 */
export function hover(analysis: Analysis, offset: number): HoverResult | undefined {
  const at = locate(analysis.zone, offset);
  if (!at) return undefined;
  switch (at.kind) {
    case 'directive': {
      const doc = DIRECTIVE_DOCS.find((d) => d.name === at.directive.name);
      return doc && { span: at.span, markdown: `**${doc.name}** — \`${doc.usage}\`\n\n${doc.summary}\n\n${rfcLink(doc.rfc)}` };
    }
    case 'directive-arg': {
      const { directive, token } = at;
      if (directive.name === '$TTL') return ttlHover(token.raw, token.span);
      if (directive.name === '$INCLUDE' && at.index === 0 && directive.target) return { span: token.span, markdown: `Includes \`${directive.target}\`` };
      return undefined;
    }
    case 'owner': {
      const records = analysis.view.recordsAt(at.record.owner);
      const types = [...new Set(records.map((r) => describeType(analysis, r)))].join(', ');
      return { span: at.span, markdown: `**${at.record.owner}**\n\n${records.length} record${records.length === 1 ? '' : 's'} here: ${types}` };
    }
    case 'ttl':
      return ttlHover(analysis.text.slice(at.span.start, at.span.end), at.span);
    case 'class': {
      const name = rrClass(analysis.text.slice(at.span.start, at.span.end)) ?? at.record.rrClass;
      return { span: at.span, markdown: `**Class ${name}** — ${CLASSES[name] ?? 'A class given by number (RFC 3597).'}` };
    }
    case 'type': {
      const type = rrType(at.record.type)?.type;
      if (!type) return { span: at.span, markdown: `**${at.record.type}** — a type given by number (RFC 3597 §5): its rdata is written as \`\\# length hex\`.` };
      const fields = type.fields?.map((f) => `\`${f.name}\``).join(' ') ?? '';
      return { span: at.span, markdown: `**${type.name}** (type ${type.code}) — ${type.summary}\n\nRdata: ${fields}\n\n${rfcLink(type.rfc)}` };
    }
    case 'rdata': {
      const type = rrType(at.record.type)?.type;
      const field = type?.fields?.[Math.min(at.index, type.fields.length - 1)];
      if (!field) return undefined;
      const doc = FIELD_DOCS[type!.name]?.[field.name];
      if (doc) return { span: at.token.span, markdown: fieldHover(analysis, at.record, at.token.raw, type!, field.name, doc) };
      const extra = field.kind === 'ttl' ? ` — ${ttlInWords(Number(at.record.fields?.[field.name] ?? 0))}` : '';
      return { span: at.token.span, markdown: `**${type!.name} ${field.name}**${extra}` };
    }
    case 'value': {
      const kind = analysis.view.kindOf(at.record);
      const module = kind && recordModuleFor(kind);
      if (!kind || !module?.hover || !at.record.txt) return undefined;
      const parsed = parsedRecord(analysis.view, kind, at.record);
      const result = module.hover({ record: at.record, txt: at.record.txt, parsed, zone: analysis.view }, at.valueOffset);
      return result && { span: at.record.txt.map.toSourceSpan(result.start, result.end), markdown: result.markdown };
    }
  }
}

/** The docs tables of the mail-routing types' fields, by type: each record kind's module keeps its own. */
const FIELD_DOCS: Readonly<Record<string, FieldDocs>> = { MX: MX_FIELDS, SRV: SRV_FIELDS, TLSA: TLSA_FIELDS };

/** Values longer than this are left out of a field hover's title. */
const MAX_TITLE_VALUE = 32;

/** A field hover, short first: what the value means here and where it leads, the link, then the field's and the type's reference. */
function fieldHover(analysis: Analysis, record: ResourceRecord, written: string, type: RRType, field: string, doc: FieldDoc): string {
  const here = doc.here?.({ record, value: written, view: analysis.view });
  return shortHoverMarkdown({
    // Long values (a digest) would crowd the title; the first line says what they are.
    title: written.length <= MAX_TITLE_VALUE ? `${type.name} ${field} ${written}` : `${type.name} ${field}`,
    meaning: here?.meaning ?? doc.summary,
    resolved: here?.resolved,
    links: [rfcLink(doc.rfc)],
    details: [here ? doc.summary : '', `**${type.name}** — ${type.summary}`],
  });
}

function ttlHover(raw: string, span: { start: number; end: number }): HoverResult | undefined {
  const ttl = parseTtl(raw);
  if ('error' in ttl) return undefined;
  return { span, markdown: `**TTL ${ttl.value}** — ${ttlInWords(ttl.value)}. Resolvers may cache the answer this long, so a change takes up to this long to reach everyone.` };
}

function describeType(analysis: Analysis, record: ResourceRecord): string {
  const kind = analysis.view.kindOf(record);
  return kind ? `${record.type} (${KIND_NAMES[kind]})` : record.type;
}

const KIND_NAMES: Record<string, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', mtasts: 'MTA-STS', tlsrpt: 'TLS-RPT', bimi: 'BIMI' };
