import { isPrintableNotSemicolon, type TagListSyntax } from '../tagList';
import { inlineCode } from '../mail/hoverText';
import type { TagInfo } from '../mail/tagInfo';

/**
 * BIMI assertion records use the DKIM tag-list syntax (RFC 6376 §3.2): names
 * are a letter then letters, digits or `_`; white space may surround `=`
 * and `;`; values may be empty (`l=` declines to publish).
 */
export const BIMI_SYNTAX: TagListSyntax = {
  whitespace: 'fws',
  name: /^[A-Za-z][A-Za-z0-9_]*$/,
  nameRule: "a letter, then letters, digits or '_'",
  valueChar: isPrintableNotSemicolon,
  innerWhitespace: true,
  emptyValue: true,
};

export const BIMI_VERSION = 'v=BIMI1';

/** File formats the `l=` URI may point to (the BIMI-formats registry: SVG and SVGZ, RFC 6170 §5.2). */
export const BIMI_IMAGE_EXTENSIONS = ['svg', 'svgz'] as const;

export const BIMI_TAGS: readonly TagInfo[] = [
  {
    name: 'v',
    summary: 'Version: marks the TXT record as a BIMI assertion record. Must be the first tag.',
    grammar: '"v" *WSP "=" *WSP "BIMI1"',
    required: true,
    values: [{ value: 'BIMI1', meaning: 'BIMI version 1. The value must match exactly; `bimi1` makes receivers ignore the record.' }],
    rfc: 'BIMI draft §5.3',
  },
  {
    name: 'l',
    summary: 'Location of the brand indicator: one HTTPS URI of an SVG (Tiny PS profile) logo. Empty declines to publish.',
    grammar: '[FWS] URI [FWS] (https only), or empty',
    required: true,
    resolve: (value) => `receivers fetch the logo from ${inlineCode(value)}.`,
    rfc: 'BIMI draft §5.3, §5.3.2',
  },
  {
    name: 'a',
    summary: 'Authority evidence: one HTTPS URI of a Verified or Common Mark Certificate (PEM). Empty or absent: no evidence.',
    grammar: '[FWS] URI [FWS] (https only), or empty',
    default: 'empty',
    resolve: (value) => `receivers fetch the mark certificate from ${inlineCode(value)} and check the logo against it.`,
    rfc: 'BIMI draft §5.3',
  },
  {
    name: 'lps',
    summary: 'Local-part selectors: prefixes of the sender address local-part that select a per-sender BIMI record.',
    grammar: 'local-part-prefix *(*WSP "," *WSP local-part-prefix); prefix = 1*63(ALPHA / DIGIT / "-")',
    rfc: 'BIMI draft §5.3, §5.5',
  },
  {
    name: 'avp',
    summary: 'Avatar preference: whether receivers that also show personal avatars should prefer the brand logo or the avatar.',
    grammar: '"personal" / "brand"',
    default: 'brand',
    values: [
      { value: 'brand', meaning: 'Show the BIMI logo even when the sender has a personal avatar.' },
      { value: 'personal', meaning: "Show the sender's personal avatar when there is one, the BIMI logo otherwise." },
    ],
    rfc: 'BIMI draft §5.3',
  },
];
