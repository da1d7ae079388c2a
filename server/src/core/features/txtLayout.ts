import type { MailKind } from '../model/classify';
import { escapeForQuotes } from '../zone/rules/common';
import { splitRaw } from '../zone/rules/txtStringTooLong';

/**
 * How Mailzone writes TXT rdata of several character-strings: one string
 * stays on its line; several go inside parentheses, one per line, lined up
 * under the first (`indent` is the text before the first string, as
 * `alignTo` gives it). Inside parentheses a record may span lines, which is
 * what makes a 2048-bit DKIM key readable (RFC 1035 §5.1).
 */
export function stringsAsRdata(pieces: readonly string[], indent: string, inParens: boolean): string {
  const quoted = pieces.map((p) => `"${p}"`);
  if (inParens) return quoted.join(`\n${indent}`);
  if (quoted.length === 1) return quoted[0];
  return `( ${quoted.join(`\n${indent}  `)} )`;
}

/**
 * A value (unescaped text) as the source of quoted strings of at most 255
 * octets each, cut where the record kind allows (after a space in SPF, so
 * that no term is split across strings; anywhere in a DKIM key's base64).
 */
export function valuePieces(value: string, kind: MailKind | undefined): string[] {
  return splitRaw(escapeForQuotes(value), kind);
}
