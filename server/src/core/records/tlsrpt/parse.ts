import type { Span } from '../../text/span';
import type { TxtValue } from '../../zone/ast';
import { findTag, parseTagList, type Tag, type TagList } from '../tagList';
import { TLSRPT_SYNTAX } from './tags';

export interface ReportUri {
  /** The URI as written, without the white space around it. */
  readonly text: string;
  /** Value offsets. Empty (start === end) for an empty list item. */
  readonly span: Span;
}

export interface TlsRptRecord {
  readonly list: TagList;
  /** True when the text begins with exactly `v=TLSRPTv1` then `;`, white space or the end (RFC 8460 §3). */
  readonly versionFirst: boolean;
  /** The record means to be TLS-RPT: it has a `v` or a `rua` tag, in any case. */
  readonly announced: boolean;
  readonly rua?: Tag;
  /** The items of the first `rua` tag, split at commas. */
  readonly uris: readonly ReportUri[];
}

const VERSION_FIRST = /^v=TLSRPTv1(?=[ \t;]|$)/;

/** Splits a `rua` value at its commas, keeping offsets (RFC 8460 §3: `*WSP "," *WSP`). */
export function splitUris(text: string, tag: Tag): ReportUri[] {
  const uris: ReportUri[] = [];
  let start = tag.valueSpan.start;
  const end = tag.valueSpan.end;
  for (let i = start; i <= end; i++) {
    if (i < end && text[i] !== ',') continue;
    let s = start;
    let e = i;
    while (s < e && /[ \t]/.test(text[s])) s++;
    while (e > s && /[ \t]/.test(text[e - 1])) e--;
    uris.push({ text: text.slice(s, e), span: { start: s, end: e } });
    start = i + 1;
  }
  return uris;
}

export function parseTlsRpt(txt: TxtValue | string): TlsRptRecord {
  const text = typeof txt === 'string' ? txt : txt.text;
  const list = parseTagList(text, TLSRPT_SYNTAX);
  const rua = findTag(list, 'rua');
  return {
    list,
    versionFirst: VERSION_FIRST.test(text),
    announced: findTag(list, 'v', true) !== undefined || findTag(list, 'rua', true) !== undefined,
    rua,
    uris: rua && rua.value !== '' ? splitUris(text, rua) : [],
  };
}
