import { isPrintableNotSemicolonOrEquals, type TagListSyntax } from '../tagList';
import type { TagInfo } from '../mail/tagInfo';

/**
 * RFC 8461 §3.1: `sts-field-delim = *WSP ";" *WSP`, names are
 * `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`, values are
 * printable ASCII without `=`, `;` or space, and never empty. White space
 * around `=` is not in the grammar; the rules check that from the spans.
 */
export const MTASTS_SYNTAX: TagListSyntax = {
  whitespace: 'wsp',
  name: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/,
  nameRule: "a letter or digit, then up to 31 letters, digits, '_', '-' or '.'",
  valueChar: isPrintableNotSemicolonOrEquals,
  innerWhitespace: false,
  emptyValue: false,
};

/** RFC 8461 §3.1: how the record must begin. Senders discard records that do not. */
export const MTASTS_VERSION = 'v=STSv1';

export const MTASTS_TAGS: readonly TagInfo[] = [
  {
    name: 'v',
    summary: 'Version: marks the TXT record as an MTA-STS record.',
    grammar: '%s"STSv1"',
    required: true,
    values: [{ value: 'STSv1', meaning: 'MTA-STS version 1. The record must begin with exactly `v=STSv1`; senders discard records that do not.' }],
    rfc: 'RFC 8461 §3.1',
  },
  {
    name: 'id',
    summary: 'Policy id: senders fetch the policy file again when it changes. Change it every time the policy file changes.',
    grammar: '1*32(ALPHA / DIGIT)',
    required: true,
    rfc: 'RFC 8461 §3.1',
  },
];
