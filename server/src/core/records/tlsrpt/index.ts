import type { RecordModule } from '../../rules/recordModule';
import { tagComplete, tagHover } from '../mail/tagHover';
import { TLSRPT_TAGS } from './tags';
import { parseTlsRpt, type TlsRptRecord } from './parse';
import { tlsrptBadUri, tlsrptMissingRua, tlsrptMultipleRecords, tlsrptSyntax, tlsrptVersion } from './rules';

/** SMTP TLS Reporting policies at `_smtp._tls.<domain>` (RFC 8460 §3). */
export const tlsrptModule: RecordModule<TlsRptRecord> = {
  kind: 'tlsrpt',
  parse: (txt) => parseTlsRpt(txt),
  rules: [tlsrptVersion, tlsrptSyntax, tlsrptMissingRua, tlsrptBadUri],
  zoneRules: [tlsrptMultipleRecords],
  hover: (target, offset) => tagHover(TLSRPT_TAGS, target.parsed.list, offset),
  complete: (target, offset) => tagComplete(TLSRPT_TAGS, target.parsed.list, offset),
};
