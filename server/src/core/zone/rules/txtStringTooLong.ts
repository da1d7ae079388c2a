import type { MailKind } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import type { CharString, ResourceRecord } from '../ast';
import { isClosed } from '../strings';
import { alignTo, innerRaw, intendedKind, parenDepth, sourceOf, textRecord } from './common';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/** RFC 1035 §3.3: a <character-string> is a length octet followed by at most 255 octets. */
export const MAX_STRING_OCTETS = 255;

/** `txt-string-too-long`: a character-string over 255 octets, which BIND and NSD refuse to load. */
export const txtStringTooLong: ZoneRule = recordRule({
  id: 'txt-string-too-long',
  severity: 'error',
  summary: 'A character-string in a TXT record is longer than 255 octets: the zone does not load.',
  rfc: 'RFC 1035 §3.3',
  each: { types: ['TXT', 'SPF'] },
  checkRecord(view, record, report) {
    const txt = textRecord(record);
    if (!txt) return;
    for (const string of txt.strings) {
      if (string.octets <= MAX_STRING_OCTETS) continue;
      const fix = splitFix(view, record, string);
      report(
        string.token.span,
        `character-string is ${string.octets} octets; the limit is ${MAX_STRING_OCTETS} (RFC 1035 §3.3): split it into several quoted strings`,
        { file: record.file, fixes: fix ? [fix] : undefined },
      );
    }
  },
});

/** One source piece of a string that must stay whole: a character, an escape, a surrogate pair. */
interface Unit {
  readonly raw: string;
  readonly octets: number;
  /** The character it stands for, for choosing where to break. */
  readonly char: string;
}

function units(raw: string): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] === '\\') {
      const len = /^\d{3}$/.test(raw.slice(i + 1, i + 4)) ? 4 : Math.min(2, raw.length - i);
      const char = len === 4 ? String.fromCharCode(Number(raw.slice(i + 1, i + 4))) : raw[i + 1] ?? '\\';
      out.push({ raw: raw.slice(i, i + len), octets: 1, char });
      i += len;
      continue;
    }
    const code = raw.codePointAt(i)!;
    const len = code > 0xffff ? 2 : 1;
    const octets = code < 0x80 ? 1 : code < 0x800 ? 2 : code <= 0xffff ? 3 : 4;
    out.push({ raw: raw.slice(i, i + len), octets, char: raw.slice(i, i + len) });
    i += len;
  }
  return out;
}

/**
 * Cuts a string's source into pieces of at most 255 octets, never inside an
 * escape or a character. The joined value is unchanged, so a DKIM key's
 * base64 reads the same. Where the record's kind joins strings with no
 * separator and words matter (SPF, DMARC, TLS-RPT), a piece ends after a
 * space (or a `;` for the tag lists) when there is one, so that the new
 * boundary does not itself glue two terms together.
 */
export function splitRaw(raw: string, kind: MailKind | undefined): string[] {
  const all = units(raw);
  const pieces: string[] = [];
  const breakAfter = (u: Unit): boolean =>
    kind === 'spf' ? u.char === ' ' || u.char === '\t'
    : kind === 'dmarc' || kind === 'tlsrpt' ? u.char === ' ' || u.char === '\t' || u.char === ';'
    : false;
  let start = 0;
  // Bound: each piece takes at least one unit (a unit is one character or escape, at most 4 octets, so
  // one always fits; the guard below keeps that true by construction), and the walk back for a soft
  // break stays inside the piece: the work is at most twice the number of units.
  while (start < all.length) {
    let octets = 0;
    let end = start;
    while (end < all.length && octets + all[end].octets <= MAX_STRING_OCTETS) octets += all[end++].octets;
    if (end === start) end = start + 1;
    if (end < all.length) {
      let soft = end;
      while (soft > start + 1 && !breakAfter(all[soft - 1])) soft--;
      if (soft > start + 1) end = soft;
    }
    pieces.push(all.slice(start, end).map((u) => u.raw).join(''));
    start = end;
  }
  return pieces;
}

function splitFix(view: ZoneView, record: ResourceRecord, string: CharString): Fix | undefined {
  const token = string.token;
  // An unterminated string is the parser's finding; guessing where it ends would be wrong.
  if (token.quoted && !isClosed(token.raw)) return undefined;
  const source = sourceOf(view.zone, record.file);
  const pieces = splitRaw(innerRaw(token), intendedKind(view, record)).map((p) => `"${p}"`);
  const inParens = parenDepth(source, record.span.start, token.span.start) > 0;
  // Inside parentheses the pieces can simply go on their own lines; outside, parentheses make that legal.
  const indent = `\n${alignTo(source, token.span.start)}${inParens ? '' : '  '}`;
  const newText = inParens ? pieces.join(indent) : `( ${pieces.join(indent)} )`;
  return {
    title: `Split into ${pieces.length} strings of at most ${MAX_STRING_OCTETS} octets`,
    edits: [{ span: token.span, newText, file: record.file }],
    preferred: true,
  };
}
