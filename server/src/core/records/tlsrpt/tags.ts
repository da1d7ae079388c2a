import { isPrintableNotSemicolon, type TagListSyntax } from '../tagList';
import { reportsGoTo } from '../mail/hoverText';
import type { TagInfo } from '../mail/tagInfo';

/**
 * RFC 8460 §3: `field-delim = *WSP ";" *WSP`, extension names as in MTA-STS,
 * extension values printable ASCII without `=`, `;` or space. The `rua`
 * value is a list of URIs, which may hold `=` (a query string) and white
 * space around the commas, so the parser admits both and the rules check
 * the other fields for them.
 */
export const TLSRPT_SYNTAX: TagListSyntax = {
  whitespace: 'wsp',
  name: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/,
  nameRule: "a letter or digit, then up to 31 letters, digits, '_', '-' or '.'",
  valueChar: isPrintableNotSemicolon,
  innerWhitespace: true,
  emptyValue: false,
};

/** RFC 8460 §3: how the record must begin. Senders discard records that do not. */
export const TLSRPT_VERSION = 'v=TLSRPTv1';

/** RFC 8460 §3: the two URI schemes reports can be sent to. */
export const TLSRPT_SCHEMES = ['mailto', 'https'] as const;

export const TLSRPT_TAGS: readonly TagInfo[] = [
  {
    name: 'v',
    summary: 'Version: marks the TXT record as a TLS-RPT policy.',
    grammar: '%s"TLSRPTv1"',
    required: true,
    values: [{ value: 'TLSRPTv1', meaning: 'SMTP TLS Reporting version 1. The record must begin with exactly `v=TLSRPTv1`.' }],
    rfc: 'RFC 8460 §3',
  },
  {
    name: 'rua',
    summary: 'Where senders send daily reports of TLS successes and failures: one or more URIs, comma-separated.',
    grammar: 'tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)',
    required: true,
    values: [
      { value: 'mailto:', meaning: 'Reports by mail to this address (RFC 6068); they are DKIM-signed by the reporter.' },
      { value: 'https:', meaning: 'Reports POSTed to this URL as application/tlsrpt+gzip.' },
    ],
    resolve: reportsGoTo('daily TLS reports'),
    rfc: 'RFC 8460 §3',
  },
];
