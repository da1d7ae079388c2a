import { parsedRecord, recordModuleFor } from '../analysis/analyze';
import type { Analysis } from '../service';
import { DIRECTIVE_DOCS } from '../zone/directives';
import { CLASSES, rrClass, rrType } from '../zone/rrtypes';
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

function ttlHover(raw: string, span: { start: number; end: number }): HoverResult | undefined {
  const ttl = parseTtl(raw);
  if ('error' in ttl) return undefined;
  return { span, markdown: `**TTL ${ttl.value}** — ${ttlInWords(ttl.value)}. Resolvers may cache the answer this long, so a change takes up to this long to reach everyone.` };
}

function describeType(analysis: Analysis, record: import('../zone/ast').ResourceRecord): string {
  const kind = analysis.view.kindOf(record);
  return kind ? `${record.type} (${KIND_NAMES[kind]})` : record.type;
}

const KIND_NAMES: Record<string, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', mtasts: 'MTA-STS', tlsrpt: 'TLS-RPT', bimi: 'BIMI' };
