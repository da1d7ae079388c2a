/**
 * The tags of a DMARC record under both standards, as data: RFC 7489 §6.3
 * (with `np` from RFC 9091) and RFC 9989 §4.7 (DMARCbis, which adds `np`,
 * `psd` and `t` and makes `pct`, `rf` and `ri` historic). The parser, the
 * rules, hover and completion all read this one table; where the standards
 * differ, `zone.options.dmarcStandard` picks the column.
 */
import type { DmarcStandard } from '../../model/zoneView';
import { isPrintableNotSemicolon, type TagListSyntax } from '../tagList';

export interface TagValueInfo {
  readonly value: string;
  /** What the value asks of receivers, one sentence. */
  readonly meaning: string;
}

/** How a tag's value is read and checked (see `values.ts`). */
export type DmarcValueKind =
  | 'version'
  | 'policy'
  | 'alignment'
  | 'failure-options'
  | 'uri-list'
  | 'percent'
  | 'interval'
  | 'report-format'
  | 'yes-no'
  | 'psd';

/** A tag's standing in one standard. */
export type TagStatus = 'defined' | 'historic' | 'absent';

export interface DmarcTagInfo {
  readonly name: string;
  /** One line: what the tag is. */
  readonly summary: string;
  /** The value grammar as a reader would write it. */
  readonly grammar: string;
  readonly kind: DmarcValueKind;
  /** The keyword values with their meaning (policy, alignment, flags). */
  readonly values?: readonly TagValueInfo[];
  /** What an absent tag means, per standard when they differ. */
  readonly default?: string | Readonly<Partial<Record<DmarcStandard, string>>>;
  readonly status: Readonly<Record<DmarcStandard, TagStatus>>;
  /** Where each standard defines it. */
  readonly rfc: Readonly<Partial<Record<DmarcStandard, string>>>;
  /** For historic tags: what receivers do with them now, completing "<tag>= is historic in RFC 9989: …". */
  readonly historic?: string;
}

const POLICY_VALUES: readonly TagValueInfo[] = [
  { value: 'none', meaning: 'No specific action: receivers handle failing mail as they would without DMARC (monitoring only).' },
  { value: 'quarantine', meaning: 'Receivers should treat failing mail as suspicious: typically the spam folder.' },
  { value: 'reject', meaning: 'Receivers should reject failing mail, during the SMTP transaction.' },
];

const ALIGNMENT_VALUES: readonly TagValueInfo[] = [
  { value: 'r', meaning: 'Relaxed: the authenticated domain may be any name in the same organizational domain.' },
  { value: 's', meaning: 'Strict: the authenticated domain must equal the From domain exactly.' },
];

export const DMARC_TAGS: readonly DmarcTagInfo[] = [
  {
    name: 'v',
    summary: 'Version: identifies the record as DMARC. Must be the first tag.',
    grammar: 'DMARC1',
    kind: 'version',
    values: [{ value: 'DMARC1', meaning: 'The only version; compared case-sensitively.' }],
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'p',
    summary: 'Policy for mail from the domain that fails DMARC.',
    grammar: 'none / quarantine / reject',
    kind: 'policy',
    values: POLICY_VALUES,
    default: { rfc7489: 'none (required in policy records)', rfc9989: 'none' },
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'sp',
    summary: 'Policy for existing subdomains of the organizational domain.',
    grammar: 'none / quarantine / reject',
    kind: 'policy',
    values: POLICY_VALUES,
    default: 'the value of p',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'np',
    summary: 'Policy for non-existent subdomains of the organizational domain.',
    grammar: 'none / quarantine / reject',
    kind: 'policy',
    values: POLICY_VALUES,
    default: 'the value of sp, else of p',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 9091 §4.1', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'adkim',
    summary: 'DKIM identifier alignment: relaxed or strict.',
    grammar: 'r / s',
    kind: 'alignment',
    values: ALIGNMENT_VALUES,
    default: 'r',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'aspf',
    summary: 'SPF identifier alignment: relaxed or strict.',
    grammar: 'r / s',
    kind: 'alignment',
    values: ALIGNMENT_VALUES,
    default: 'r',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'fo',
    summary: 'When to send failure reports; ignored without ruf.',
    grammar: '0 / 1 / d / s, colon-separated',
    kind: 'failure-options',
    values: [
      { value: '0', meaning: 'Report when all mechanisms fail to produce an aligned pass.' },
      { value: '1', meaning: 'Report when any mechanism fails to produce an aligned pass.' },
      { value: 'd', meaning: 'Report every failed DKIM signature, aligned or not.' },
      { value: 's', meaning: 'Report every SPF failure, aligned or not.' },
    ],
    default: '0',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'rua',
    summary: 'Where to send aggregate reports: a comma-separated list of URIs (mailto:).',
    grammar: 'URI, comma-separated',
    kind: 'uri-list',
    default: 'no aggregate reports',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'ruf',
    summary: 'Where to send message-specific failure reports: a comma-separated list of URIs.',
    grammar: 'URI, comma-separated',
    kind: 'uri-list',
    default: 'no failure reports',
    status: { rfc7489: 'defined', rfc9989: 'defined' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'psd',
    summary: 'Whether the domain is a public suffix domain (RFC 9989).',
    grammar: 'y / n / u',
    kind: 'psd',
    values: [
      { value: 'y', meaning: 'The domain is a public suffix domain; only its operator publishes this.' },
      { value: 'n', meaning: 'Not a public suffix: the domain is the organizational domain for itself and its subdomains.' },
      { value: 'u', meaning: 'Unknown: the organizational domain is found by the DNS tree walk.' },
    ],
    default: 'u',
    status: { rfc7489: 'absent', rfc9989: 'defined' },
    rfc: { rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 't',
    summary: 'Test mode: y asks receivers to apply the policy one level lower (RFC 9989).',
    grammar: 'y / n',
    kind: 'yes-no',
    values: [
      { value: 'y', meaning: 'Testing: receivers apply one level less (reject as quarantine, quarantine as none).' },
      { value: 'n', meaning: 'Apply the policy as written.' },
    ],
    default: 'n',
    status: { rfc7489: 'absent', rfc9989: 'defined' },
    rfc: { rfc9989: 'RFC 9989 §4.7' },
  },
  {
    name: 'pct',
    summary: 'Percentage of failing mail the policy applies to (historic in RFC 9989).',
    grammar: '0-100',
    kind: 'percent',
    default: '100',
    status: { rfc7489: 'defined', rfc9989: 'historic' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 App. A.6' },
    historic: 'receivers ignore it and apply the policy to all failing mail; to test a policy, use t=y',
  },
  {
    name: 'rf',
    summary: 'Format of failure reports (historic in RFC 9989).',
    grammar: 'afrf, colon-separated',
    kind: 'report-format',
    values: [{ value: 'afrf', meaning: 'The Authentication Failure Reporting Format (RFC 6591), the only registered one.' }],
    default: 'afrf',
    status: { rfc7489: 'defined', rfc9989: 'historic' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 App. C.5.2' },
    historic: 'receivers ignore it, since failure reports have one format',
  },
  {
    name: 'ri',
    summary: 'Requested interval between aggregate reports, in seconds (historic in RFC 9989).',
    grammar: '32-bit unsigned integer',
    kind: 'interval',
    default: '86400',
    status: { rfc7489: 'defined', rfc9989: 'historic' },
    rfc: { rfc7489: 'RFC 7489 §6.3', rfc9989: 'RFC 9989 App. C.5.2' },
    historic: 'receivers ignore it and send aggregate reports daily',
  },
];

/** The tag by name, ignoring case: DMARC's ABNF writes tag names as literals, which match regardless of case. */
export function dmarcTag(name: string): DmarcTagInfo | undefined {
  const lower = name.toLowerCase();
  return DMARC_TAGS.find((t) => t.name === lower);
}

/** RFC 9989 §4.8: `*WSP ";" *WSP` separators, names 1*ALPHA, values printable ASCII and space without `;`. */
export const DMARC_TAG_SYNTAX: TagListSyntax = {
  whitespace: 'wsp',
  name: /^[A-Za-z]+$/,
  nameRule: 'letters only',
  valueChar: isPrintableNotSemicolon,
  innerWhitespace: true,
  emptyValue: false,
};
