/**
 * What the zone-level TXT rules share: the source text a record came from,
 * the mail kind of a TXT record even when its strings join into something
 * unrecognisable, and a small scanner for what lies between tokens.
 */
import { kindForOwner, kindForText, type MailKind } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import { lineEnd, lineStart } from '../../text/lines';
import type { ResourceRecord, TxtValue, Zone } from '../ast';

/** The text that `record`'s spans point into: the document, or the `$INCLUDE`d file it came from. */
export function sourceOf(zone: Zone, file: string | undefined): string {
  return file === undefined ? zone.text : zone.files.get(file) ?? '';
}

/** A TXT or SPF-type record with a text model (records from `$GENERATE` have none: their spans are the template's). */
export function textRecord(record: ResourceRecord): TxtValue | undefined {
  return record.type === 'TXT' || record.type === 'SPF' ? record.txt : undefined;
}

/**
 * The mail kind a TXT record was meant to be. Broken joins hide the version
 * tag from the classifier (`v=spf1` `mx` joins to `v=spf1mx`), so this also
 * asks the owner name and the first character-string on its own.
 */
export function intendedKind(view: ZoneView, record: ResourceRecord): MailKind | undefined {
  const txt = textRecord(record);
  if (!txt) return undefined;
  return view.kindOf(record) ?? kindForOwner(record.owner) ?? (txt.strings.length > 0 ? kindForText(txt.strings[0].value) : undefined);
}

/** Kinds whose text is a `;`-separated tag list (DKIM, DMARC, MTA-STS, TLS-RPT, BIMI). */
export const TAG_LIST_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['dkim', 'dmarc', 'mtasts', 'tlsrpt', 'bimi']);

export const KIND_NAMES: Readonly<Record<MailKind, string>> = {
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
  mtasts: 'MTA-STS',
  tlsrpt: 'TLS-RPT',
  bimi: 'BIMI',
};

export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * The indentation that lines a continuation up under `offset`: the line's
 * text before it with every character but tabs turned into spaces, so the
 * alignment holds whatever the tab width.
 */
export function alignTo(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), offset).replace(/[^\t]/g, ' ');
}

/**
 * How many parentheses are open at `offset`, scanning from `from` (the start
 * of the entry). Quoted strings, escapes and comments are skipped as the
 * lexer skips them.
 */
export function parenDepth(text: string, from: number, offset: number): number {
  let depth = 0;
  for (let i = from; i < offset; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') {
      for (i++; i < offset && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r'; i++) if (text[i] === '\\') i++;
    } else if (c === ';') i = lineEnd(text, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** The source characters between two quotes of a quoted token, or the whole of a bare one. */
export function innerRaw(token: { quoted: boolean; raw: string }): string {
  if (!token.quoted) return token.raw;
  return token.raw.endsWith('"') && token.raw.length >= 2 ? token.raw.slice(1, -1) : token.raw.slice(1);
}

/** Text made safe inside a quoted string: `"` and `\` escaped. */
export function escapeForQuotes(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}
