import type { Analysis } from '../service';
import type { Span } from '../text/span';

export interface DocumentLink {
  readonly span: Span;
  /** A file path (for `$INCLUDE`) or a URI (`mailto:`, `https:`). */
  readonly target: string;
  readonly isFile: boolean;
}

/** Report URIs appear in these kinds' `rua`/`ruf` tags. */
const URI_KINDS = new Set(['dmarc', 'tlsrpt', 'bimi']);

/** Links for `$INCLUDE` files and for the report and logo URIs of DMARC, TLS-RPT and BIMI records. */
export function documentLinks(analysis: Analysis): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const d of analysis.zone.directives) {
    if (!d.file && d.name === '$INCLUDE' && d.target && d.args[0]) out.push({ span: d.args[0].span, target: d.target, isFile: true });
  }
  for (const record of analysis.zone.records) {
    const kind = analysis.view.kindOf(record);
    if (record.file || !record.txt || !kind || !URI_KINDS.has(kind)) continue;
    for (const m of record.txt.text.matchAll(/\b(?:mailto:[^\s,;!]+|https:\/\/[^\s,;!]+)/gi)) {
      out.push({ span: record.txt.map.toSourceSpan(m.index!, m.index! + m[0].length), target: m[0], isFile: false });
    }
  }
  return out;
}
