import type { RecordModule } from '../../rules/recordModule';
import { parseTlsRpt, type TlsRptRecord } from './parse';
import { tlsrptBadUri, tlsrptMissingRua, tlsrptMultipleRecords, tlsrptSyntax, tlsrptVersion } from './rules';

/** SMTP TLS Reporting policies at `_smtp._tls.<domain>` (RFC 8460 §3). */
export const tlsrptModule: RecordModule<TlsRptRecord> = {
  kind: 'tlsrpt',
  parse: (txt) => parseTlsRpt(txt),
  rules: [tlsrptVersion, tlsrptSyntax, tlsrptMissingRua, tlsrptBadUri],
  zoneRules: [tlsrptMultipleRecords],
};
