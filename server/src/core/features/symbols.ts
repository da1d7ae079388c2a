import type { Analysis } from '../service';
import type { Span } from '../text/span';
import type { ResourceRecord } from '../zone/ast';
import { documentRecords } from './locate';

export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'owner' | 'record' | 'directive';
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children?: readonly DocumentSymbol[];
}

const KIND_LABEL: Record<string, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', mtasts: 'MTA-STS', tlsrpt: 'TLS-RPT', bimi: 'BIMI' };

/**
 * The outline: one symbol per run of records at the same owner, with its
 * records as children labelled by type and mail kind (`TXT · DMARC`), so the
 * breadcrumbs show where in the zone the cursor is.
 */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let run: ResourceRecord[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const first = run[0];
    const span = { start: first.span.start, end: run[run.length - 1].span.end };
    out.push({
      name: first.owner,
      detail: [...new Set(run.map((r) => label(analysis, r)))].join(', '),
      kind: 'owner',
      span,
      selectionSpan: first.ownerSpan ?? first.typeSpan,
      // The rdata as written, which is what the line shows; the canonical form would be rebuilt for every record.
      children: run.map((r) => ({ name: label(analysis, r), detail: shorten(r.rdata.map((t) => t.raw).join(' ')), kind: 'record' as const, span: r.span, selectionSpan: r.typeSpan })),
    });
    run = [];
  };
  const directives = analysis.zone.directives.filter((d) => !d.file);
  // A directive between two records of one owner ends the run: an owner symbol never spans a `$INCLUDE` or `$ORIGIN`.
  let next = 0;
  for (const record of documentRecords(analysis.zone)) {
    let crossed = false;
    while (next < directives.length && directives[next].span.start < record.span.start) {
      crossed = true;
      next++;
    }
    if (run.length && (crossed || run[0].owner !== record.owner)) flush();
    run.push(record);
  }
  flush();
  for (const d of directives) {
    out.push({ name: d.name, detail: d.args.map((a) => a.raw).join(' '), kind: 'directive', span: d.span, selectionSpan: d.nameSpan });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function label(analysis: Analysis, record: ResourceRecord): string {
  const kind = analysis.view.kindOf(record);
  return kind ? `${record.type} · ${KIND_LABEL[kind]}` : record.type;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
