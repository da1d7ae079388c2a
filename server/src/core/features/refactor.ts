/**
 * Refactorings: rewrites a user may want where nothing is wrong, offered for
 * the records a selection (or the cursor) touches. Each one keeps what
 * receivers read — the joined value of the TXT record — or, for sorting SPF
 * terms, keeps the result of every check_host() evaluation; where that
 * cannot be guaranteed the refactoring is not offered.
 */
import type { Fix } from '../rules/rule';
import type { Analysis } from '../service';
import type { Span } from '../text/span';
import type { ResourceRecord, Token } from '../zone/ast';
import { alignTo, innerRaw, intendedKind, parenDepth, textRecord } from '../zone/rules/common';
import { isClosed } from '../zone/strings';
import { MAX_STRING_OCTETS, splitRaw } from '../zone/rules/txtStringTooLong';
import { parseSpf, type SpfTerm } from '../records/spf/parse';
import { replaceRdata } from '../records/spf/edits';
import { documentRecords } from './locate';
import { stringsAsRdata, valuePieces } from './txtLayout';

export const SPLIT_TITLE = 'Split into 255-octet strings';
export const JOIN_TITLE = 'Join strings';
export const SORT_TITLE = 'Sort SPF terms (ip first, all last)';

/** The refactorings for the document's records that `span` touches (a cursor is an empty span). */
export function refactorings(analysis: Analysis, span: Span): Fix[] {
  const fixes: Fix[] = [];
  for (const record of documentRecords(analysis.zone)) {
    if (record.span.start > span.end || record.span.end < span.start) continue;
    const layout = rewritable(analysis, record);
    if (!layout) continue;
    for (const fix of [split(analysis, record, layout), join(analysis, record, layout), sortSpf(analysis, record, layout)]) {
      if (fix) fixes.push(fix);
    }
  }
  return fixes;
}

interface Layout {
  readonly tokens: readonly Token[];
  /** The source of the strings between their quotes, escapes as written. */
  readonly raws: readonly string[];
  readonly octets: number;
  /** Parentheses are open where the first string starts. */
  readonly inParens: boolean;
}

/**
 * A TXT record whose rdata can be rewritten without losing anything: every
 * string quoted and closed (an unquoted word is `txt-unquoted`'s business,
 * and its fix comes first), and no comment between the strings, which a
 * rewrite would drop.
 */
function rewritable(analysis: Analysis, record: ResourceRecord): Layout | undefined {
  const txt = textRecord(record);
  if (!txt || txt.strings.length === 0) return undefined;
  const tokens = txt.strings.map((s) => s.token);
  if (tokens.some((t) => !t.quoted || !isClosed(t.raw))) return undefined;
  const text = analysis.text;
  for (let i = 1; i < tokens.length; i++) {
    // A parenthesis between the strings would go too, and change where the entry ends (found by the fuzzer).
    if (/[;()]/.test(text.slice(tokens[i - 1].span.end, tokens[i].span.start))) return undefined;
  }
  return {
    tokens,
    raws: tokens.map(innerRaw),
    octets: txt.strings.reduce((n, s) => n + s.octets, 0),
    inParens: parenDepth(text, record.span.start, tokens[0].span.start) > 0,
  };
}

function rdataSpan(layout: Layout): Span {
  return { start: layout.tokens[0].span.start, end: layout.tokens[layout.tokens.length - 1].span.end };
}

/**
 * A value too long for one string, cut into the fewest strings of at most
 * 255 octets (at term boundaries where the kind has terms). Offered when
 * the strings are not already cut that way: a key pasted in 64-character
 * lines, or a string over the limit.
 */
function split(analysis: Analysis, record: ResourceRecord, layout: Layout): Fix | undefined {
  if (layout.octets <= MAX_STRING_OCTETS) return undefined;
  const pieces = splitRaw(layout.raws.join(''), intendedKind(analysis.view, record));
  if (pieces.length === layout.raws.length && pieces.every((p, i) => p === layout.raws[i])) return undefined;
  const newText = stringsAsRdata(pieces, alignTo(analysis.text, layout.tokens[0].span.start), layout.inParens);
  return { title: SPLIT_TITLE, edits: [{ span: rdataSpan(layout), newText }] };
}

/**
 * Several strings that fit in one become one. Parentheses that only held
 * them go too, so the record is back on one line.
 */
function join(analysis: Analysis, record: ResourceRecord, layout: Layout): Fix | undefined {
  if (layout.tokens.length < 2 || layout.octets > MAX_STRING_OCTETS) return undefined;
  const joined = `"${layout.raws.join('')}"`;
  const text = analysis.text;
  const { start, end } = rdataSpan(layout);
  const open = text.lastIndexOf('(', start);
  if (layout.inParens && open > record.typeSpan.end && /^\s*$/.test(text.slice(open + 1, start)) && /^[ \t]*$/.test(text.slice(record.typeSpan.end, open))) {
    const close = /^\s*\)/.exec(text.slice(end));
    if (close) return { title: JOIN_TITLE, edits: [{ span: { start: open, end: end + close[0].length }, newText: joined }] };
  }
  return { title: JOIN_TITLE, edits: [{ span: { start, end }, newText: joined }] };
}

/** Where a term goes: ip4, ip6, the other mechanisms in their order, all, then the modifiers. */
function rank(term: SpfTerm): number {
  if (term.kind === 'modifier') return 4;
  if (term.name === 'ip4') return 0;
  if (term.name === 'ip6') return 1;
  return term.name === 'all' ? 3 : 2;
}

/**
 * The first matching mechanism decides (RFC 7208 §4.6.2), so moving terms is
 * safe only when every mechanism gives the same result: all of them carry
 * one qualifier, and none stands after `all` (moving `all` last would bring
 * never-evaluated terms to life). Then putting the addresses first can only
 * save lookups; modifiers may stand anywhere (§6).
 */
function sortSpf(analysis: Analysis, record: ResourceRecord, layout: Layout): Fix | undefined {
  if (analysis.view.kindOf(record) !== 'spf' || !record.txt) return undefined;
  const spf = parseSpf(record.txt.text);
  if (spf.errors.length > 0 || spf.terms.length < 2) return undefined;
  const mechanisms = spf.terms.filter((t) => t.kind === 'mechanism');
  const all = mechanisms.findIndex((t) => t.name === 'all');
  if (all >= 0 && all !== mechanisms.length - 1) return undefined;
  const qualifiers = new Set(mechanisms.filter((t) => t.name !== 'all').map((t) => t.qualifier));
  if (qualifiers.size > 1) return undefined;
  const sorted = spf.terms.map((term, i) => ({ term, i })).sort((a, b) => rank(a.term) - rank(b.term) || a.i - b.i);
  if (sorted.every((s, i) => s.i === i)) return undefined;
  const value = `${spf.text.slice(spf.version.start, spf.version.end)} ${sorted.map((s) => s.term.raw).join(' ')}`;
  const pieces = valuePieces(value, 'spf');
  const edit = replaceRdata(record, stringsAsRdata(pieces, alignTo(analysis.text, layout.tokens[0].span.start), layout.inParens));
  return edit && { title: SORT_TITLE, edits: [edit] };
}
