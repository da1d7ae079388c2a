/**
 * The tags of a DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4.2), as data:
 * the parser, the rules, hover and completion all read this one table.
 */
import { isPrintableNotSemicolon, type TagListSyntax } from '../tagList';

export interface TagValueInfo {
  readonly value: string;
  /** What the value means, one sentence. */
  readonly meaning: string;
}

export interface DkimTagInfo {
  readonly name: string;
  /** One line: what the tag is. */
  readonly summary: string;
  /** The value grammar as a reader would write it. */
  readonly grammar: string;
  /** A colon-separated list of values (`h=`, `s=`, `t=`). */
  readonly list?: boolean;
  /** The values the standards define, with their meaning. Others are ignored by verifiers. */
  readonly values?: readonly TagValueInfo[];
  /** What an absent tag means. */
  readonly default?: string;
  readonly required?: boolean;
  /** Where the tag is defined. */
  readonly rfc: string;
  /** The standards that define or change it. */
  readonly standards: readonly string[];
  /** Set for tags no longer in the standard: why, and what to do. */
  readonly historic?: string;
}

export const DKIM_TAGS: readonly DkimTagInfo[] = [
  {
    name: 'v',
    summary: 'Version of the key record.',
    grammar: 'DKIM1',
    values: [{ value: 'DKIM1', meaning: 'The only version. If present it must be the first tag; any other value makes verifiers discard the record.' }],
    default: 'DKIM1',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376'],
  },
  {
    name: 'h',
    summary: 'Hash algorithms this key may be used with.',
    grammar: 'sha1 / sha256, colon-separated',
    list: true,
    values: [
      { value: 'sha256', meaning: 'SHA-256: the hash every signer must use (RFC 8301 §3.1).' },
      { value: 'sha1', meaning: 'SHA-1: signers must not use it and verifiers must not accept it (RFC 8301 §3.1).' },
    ],
    default: 'all algorithms',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376', 'RFC 8301'],
  },
  {
    name: 'k',
    summary: 'Key type: the algorithm of the key in p=.',
    grammar: 'rsa / ed25519',
    values: [
      { value: 'rsa', meaning: 'RSA: p= holds an RSA public key (RFC 6376 §3.3.1).' },
      { value: 'ed25519', meaning: 'Ed25519: p= holds the raw 32-byte public key (RFC 8463 §4.2).' },
    ],
    default: 'rsa',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376', 'RFC 8463'],
  },
  {
    name: 'n',
    summary: 'Notes for humans; no program reads them.',
    grammar: 'qp-section',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376'],
  },
  {
    name: 'p',
    summary: 'The public key, base64; empty means the key is revoked.',
    grammar: 'base64 (white space allowed between characters)',
    required: true,
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376', 'RFC 8463'],
  },
  {
    name: 's',
    summary: 'Service types this key may be used for.',
    grammar: 'email / * / tlsrpt, colon-separated',
    list: true,
    values: [
      { value: '*', meaning: 'Any service.' },
      { value: 'email', meaning: 'Electronic mail.' },
      { value: 'tlsrpt', meaning: 'Signing SMTP TLS reports only (RFC 8460 §3).' },
    ],
    default: '*',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376', 'RFC 8460'],
  },
  {
    name: 't',
    summary: 'Flags, colon-separated.',
    grammar: 'y / s, colon-separated',
    list: true,
    values: [
      { value: 'y', meaning: 'Testing: verifiers must treat signed mail as if it were unsigned.' },
      { value: 's', meaning: 'Strict: the i= domain of a signature must equal its d= domain, not be a subdomain of it.' },
    ],
    default: 'no flags',
    rfc: 'RFC 6376 §3.6.1',
    standards: ['RFC 6376'],
  },
  {
    name: 'g',
    summary: 'Granularity: the local-parts this key may sign for (removed from DKIM).',
    grammar: 'local-part pattern',
    rfc: 'RFC 6376 App. C.2',
    standards: ['RFC 4871'],
    historic:
      'RFC 6376 removed g= and verifiers must ignore it, but RFC 4871 verifiers still in use read it, and an empty g= there makes the key valid for no address.',
  },
];

export function dkimTag(name: string): DkimTagInfo | undefined {
  return DKIM_TAGS.find((t) => t.name === name);
}

/** RFC 6376 §3.2: FWS around tags, names are ALPHA *(ALPHA / DIGIT / "_"), values VALCHAR with white space between. */
export const DKIM_TAG_SYNTAX: TagListSyntax = {
  whitespace: 'fws',
  name: /^[A-Za-z][A-Za-z0-9_]*$/,
  nameRule: 'a letter, then letters, digits or "_"',
  valueChar: isPrintableNotSemicolon,
  innerWhitespace: true,
  emptyValue: true,
};
