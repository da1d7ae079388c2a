/**
 * DMARC reporting URIs (`rua=`, `ruf=`): a comma-separated list of URIs
 * (RFC 3986), each optionally followed by `!size` (RFC 7489 §6.2; obsolete
 * in RFC 9989 §4.8). Commas and `!` inside a URI must be percent-encoded,
 * since they separate the list and start the size.
 */
import type { Span } from '../../text/span';
import type { Tag } from '../tagList';

export interface DmarcUri {
  /** The entry as written, size suffix included, white space around it excluded. */
  readonly text: string;
  /** Value offsets of the entry. */
  readonly span: Span;
  /** The URI without the size suffix. */
  readonly uri: string;
  readonly uriSpan: Span;
  /** The `!10m` suffix, when present. */
  readonly size?: { readonly text: string; readonly span: Span };
  /** Lower-cased scheme, when the URI has one. */
  readonly scheme?: string;
  /** The destination host, lower case, absolute (`example.com.`): the mailto domain or the authority's host. */
  readonly host?: string;
  /** What is wrong with it, if anything: the first problem found. */
  readonly problem?: UriProblem;
}

export interface UriProblem {
  readonly message: string;
  /** Value offsets the problem is about. */
  readonly span: Span;
  /** Set when the entry is a bare mail address: the fix writes `mailto:` before it. */
  readonly bareAddress?: boolean;
}

const WSP = /[ \t]/;
/** RFC 3986 §2: unreserved, sub-delims, gen-delims and `%`. (`,` and `!` are handled before this.) */
const URI_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]%]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const ADDRESS = /^[^\s@:,!]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\.?$/;
const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?$/;

function absolute(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Splits a `rua=`/`ruf=` value into its URIs and checks each. */
export function parseUriList(tag: Tag): DmarcUri[] {
  const out: DmarcUri[] = [];
  const { value } = tag;
  const base = tag.valueSpan.start;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value[i] !== ',') continue;
    let s = start;
    let e = i;
    while (s < e && WSP.test(value[s])) s++;
    while (e > s && WSP.test(value[e - 1])) e--;
    out.push(readUri(value.slice(s, e), base + s, base + start, base + i, out.length > 0));
    start = i + 1;
  }
  return out;
}

function readUri(text: string, at: number, segmentStart: number, segmentEnd: number, afterComma: boolean): DmarcUri {
  const span = { start: at, end: at + text.length };
  if (text.length === 0) {
    return {
      text,
      span,
      uri: '',
      uriSpan: span,
      problem: { message: 'an empty entry in the URI list (a stray comma?)', span: { start: segmentStart, end: Math.max(segmentEnd, segmentStart + 1) } },
    };
  }
  let uri = text;
  let size: DmarcUri['size'];
  const sizeMatch = /!(\d+)([kmgtKMGT])?$/.exec(text);
  if (sizeMatch) {
    uri = text.slice(0, sizeMatch.index);
    size = { text: sizeMatch[0], span: { start: at + sizeMatch.index, end: at + text.length } };
  }
  const uriSpan = { start: at, end: at + uri.length };
  const base = { text, span, uri, uriSpan, size };
  const problem = (message: string, start: number, end: number, bareAddress?: boolean): DmarcUri => ({
    ...base,
    problem: { message, span: { start: at + start, end: at + end }, bareAddress },
  });

  const bang = uri.indexOf('!');
  if (bang >= 0) {
    return problem(`'!' inside a URI must be written %21: an unencoded '!' starts a size limit, and '${text.slice(bang)}' is not one`, bang, text.length);
  }
  const scheme = SCHEME.exec(uri);
  if (!scheme) {
    if (ADDRESS.test(uri)) {
      const why = afterComma ? " (a ',' separates URIs, so each address needs its own mailto:)" : '';
      return problem(`'${uri}' has no scheme: write mailto:${uri}${why}`, 0, uri.length, true);
    }
    return problem(`'${uri}' is not a URI: it has no scheme such as mailto:`, 0, uri.length);
  }
  for (let i = 0; i < uri.length; i++) {
    const c = uri[i];
    if (c === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(uri.slice(i + 1, i + 3))) return problem("'%' must start a %XX escape", i, Math.min(uri.length, i + 3));
      continue;
    }
    if (!URI_CHAR.test(c)) {
      const shown = c === ' ' ? 'a space' : c === '\t' ? 'a tab' : `'${c}'`;
      return problem(`${shown} is not allowed in a URI: percent-encode it`, i, i + 1);
    }
  }
  const name = scheme[1].toLowerCase();
  const rest = uri.slice(scheme[0].length);
  if (name === 'mailto') {
    const address = rest.split('?')[0];
    const atSign = address.lastIndexOf('@');
    const domain = atSign > 0 ? address.slice(atSign + 1) : '';
    if (atSign <= 0 || !HOSTNAME.test(domain) || !domain.includes('.')) {
      return problem(`'${uri}' is not a mail address: mailto: needs name@domain`, rest.length > 0 ? scheme[0].length : 0, uri.length);
    }
    return { ...base, scheme: name, host: absolute(domain) };
  }
  const authority = /^\/\/([^/?#]*)/.exec(rest);
  if (authority) {
    const host = authority[1].replace(/^[^@]*@/, '').replace(/:\d*$/, '');
    if (HOSTNAME.test(host)) return { ...base, scheme: name, host: absolute(host) };
  }
  return { ...base, scheme: name };
}
