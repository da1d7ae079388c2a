import { parsedRecord, recordModuleFor } from '../analysis/analyze';
import { kindForOwner } from '../model/classify';
import type { Analysis } from '../service';
import { DIRECTIVE_DOCS } from '../zone/directives';
import { CLASSES, RR_TYPES, rrClass } from '../zone/rrtypes';
import { isTtlLike } from '../zone/ttl';
import { locate } from './locate';
import { rfcLink, type CompletionItem } from '../text/answers';
import type { CompletionResult } from './types';

/** Types a mail administrator writes most, offered first. */
const COMMON_TYPES = ['TXT', 'MX', 'A', 'AAAA', 'CNAME', 'SRV', 'NS', 'CAA', 'TLSA', 'PTR', 'SOA'];

/** The version tag each kind's record must start with, offered in an empty TXT string. */
const VERSION_STARTS: Record<string, { text: string; detail: string }> = {
  spf: { text: 'v=spf1 ', detail: 'SPF record (RFC 7208)' },
  dmarc: { text: 'v=DMARC1; ', detail: 'DMARC record (RFC 9989)' },
  dkim: { text: 'v=DKIM1; ', detail: 'DKIM key record (RFC 6376)' },
  mtasts: { text: 'v=STSv1; ', detail: 'MTA-STS record (RFC 8461)' },
  tlsrpt: { text: 'v=TLSRPTv1; ', detail: 'TLS-RPT record (RFC 8460)' },
  bimi: { text: 'v=BIMI1; ', detail: 'BIMI record' },
};

/**
 * Whole-record templates for an empty TXT string at a reserved name, as
 * snippets: tab stops at what the user must decide, choices where the
 * standard allows only a few values. `domain` is the name the record speaks
 * for (the owner without its `_dmarc.`, `._domainkey.` … part).
 */
const RECORD_SNIPPETS: Record<string, { label: string; detail: string; body: (domain: string) => string }> = {
  dmarc: {
    label: 'DMARC record',
    detail: 'v=DMARC1; p=…; rua=mailto:…',
    body: (d) => `v=DMARC1; p=\${1|none,quarantine,reject|}; rua=mailto:\${2:dmarc-reports@${d}}`,
  },
  dkim: { label: 'DKIM key record', detail: 'v=DKIM1; k=…; p=…', body: () => 'v=DKIM1; k=\${1|rsa,ed25519|}; p=\${2:base64 public key}' },
  mtasts: { label: 'MTA-STS record', detail: 'v=STSv1; id=…;', body: () => 'v=STSv1; id=\${1:YYYYMMDDhhmmssZ};' },
  tlsrpt: { label: 'TLS-RPT record', detail: 'v=TLSRPTv1; rua=mailto:…', body: (d) => `v=TLSRPTv1; rua=mailto:\${1:tls-reports@${d}}` },
  bimi: { label: 'BIMI record', detail: 'v=BIMI1; l=https://…svg', body: (d) => `v=BIMI1; l=https://\${1:${d}}/\${2:logo.svg}; a=\${3}` },
};

/** The domain a record at a reserved name speaks for: `_dmarc.example.com.` → `example.com`. */
function speaksFor(owner: string): string {
  const labels = owner.replace(/\.$/, '').split('.');
  const at = labels.findIndex((l) => l === '_dmarc' || l === '_mta-sts' || l === '_tls' || l === '_domainkey' || l === '_bimi');
  return labels.slice(at + 1).join('.') || owner;
}

/**
 * Completion: what may stand at the cursor. Inside a mail record's text the
 * record kind's module answers; elsewhere the entry's shape decides —
 * directives at the start of a line, then TTL, class and type.
 */
export function complete(analysis: Analysis, offset: number): CompletionItem[] {
  return completeList(analysis, offset).items;
}

/** {@link complete}, saying also whether the list is a bounded selection (a zone's names) to ask for again. */
export function completeList(analysis: Analysis, offset: number): CompletionResult {
  const at = locate(analysis.zone, offset);
  let incomplete = false;
  let items: CompletionItem[];
  if (at?.kind === 'value') {
    const value = completeValue(analysis, at.record, at.valueOffset);
    incomplete = value.incomplete;
    // Where strings meet (inside an empty "" before another string, or the cursor just outside a quote) the
    // value offset maps to characters of another string; LSP requires an item's edit range to contain the
    // cursor, so items that would edit away from it are dropped rather than sent (found by the fuzzer).
    items = value.items.filter((item) => !item.replace || (item.replace.start <= offset && offset <= item.replace.end));
  } else {
    items = completeEntry(analysis, offset);
  }
  // Stable order by relevance, so every editor shows the same list.
  const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => (a.item.sortText ?? '').localeCompare(b.item.sortText ?? '') || a.i - b.i).map((x) => x.item);
  return { items: sorted, incomplete };
}

function completeValue(analysis: Analysis, record: import('../zone/ast').ResourceRecord, valueOffset: number): CompletionResult {
  const done = (items: CompletionItem[]): CompletionResult => ({ items, incomplete: false });
  const txt = record.txt!;
  const kind = analysis.view.kindOf(record);
  const module = kind && recordModuleFor(kind);
  const template = txt.text.trim() === '' && kind ? RECORD_SNIPPETS[kind] : undefined;
  const templateItem: CompletionItem[] = template
    ? [{ label: template.label, kind: 'snippet', detail: template.detail, insertText: template.body(speaksFor(record.owner)), snippet: true, replace: txt.map.toSourceSpan(0, txt.text.length), sortText: '!' }]
    : [];
  if (kind && module?.complete) {
    const result = module.complete({ record, txt, parsed: parsedRecord(analysis.view, kind, record), zone: analysis.view }, valueOffset);
    if (result) {
      const replace = txt.map.toSourceSpan(result.start, result.end);
      return { items: [...templateItem, ...result.items.map((item) => ({ ...item, replace }))], incomplete: result.incomplete === true };
    }
  }
  // An empty or unrecognised text: offer the version tag that fits the owner name, SPF first elsewhere.
  if (txt.text.slice(0, valueOffset).includes('=')) return done([]);
  const start = txt.map.toSourceSpan(0, valueOffset);
  const byOwner = kindForOwner(record.owner);
  const kinds = byOwner ? [byOwner] : ['spf'];
  return done([...templateItem, ...kinds.map((k, i) => ({
    label: VERSION_STARTS[k].text.trim(),
    kind: 'keyword' as const,
    detail: VERSION_STARTS[k].detail,
    insertText: VERSION_STARTS[k].text,
    replace: start,
    sortText: String(i),
  }))]);
}

function completeEntry(analysis: Analysis, offset: number): CompletionItem[] {
  const text = analysis.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const prefix = text.slice(lineStart, offset);
  if (prefix.includes(';') || prefix.includes('"') || prefix.includes('(')) return [];
  const words = prefix.split(/[ \t]+/);
  const partial = words.pop() ?? '';
  const replace = { start: offset - partial.length, end: offset };
  const blankStart = /^[ \t]/.test(prefix);
  if (!blankStart && words.length === 0) {
    // Column 1: a directive, or an owner name (free text, nothing to offer).
    return partial.startsWith('$') || partial === '' ? directiveItems(replace) : [];
  }
  // Tokens after the owner (or after the leading blank of an owner-less line).
  const done = words.slice(1).filter((w) => w !== '');
  if (done.length > 2 || done.some((w) => !isTtlLike(w) && !rrClass(w))) return [];
  const hasClass = done.some((w) => rrClass(w));
  return [...typeItems(replace), ...(hasClass ? [] : classItems(replace))];
}

function directiveItems(replace: { start: number; end: number }): CompletionItem[] {
  return DIRECTIVE_DOCS.map((d, i) => ({
    label: d.name,
    kind: 'keyword' as const,
    detail: d.usage,
    documentation: `${d.summary}\n\n${rfcLink(d.rfc)}`,
    replace,
    sortText: `0${i}`,
  }));
}

function typeItems(replace: { start: number; end: number }): CompletionItem[] {
  return RR_TYPES.filter((t) => t.name !== 'SPF').map((t) => {
    const rank = COMMON_TYPES.indexOf(t.name);
    return {
      label: t.name,
      kind: 'keyword' as const,
      detail: t.fields?.map((f) => f.name).join(' '),
      documentation: `${t.summary}\n\n${rfcLink(t.rfc)}`,
      replace,
      sortText: rank >= 0 ? `1${String(rank).padStart(2, '0')}` : `2${t.name}`,
    };
  });
}

function classItems(replace: { start: number; end: number }): CompletionItem[] {
  return Object.entries(CLASSES).map(([name, doc], i) => ({ label: name, kind: 'constant' as const, documentation: doc, replace, sortText: `3${i}` }));
}
