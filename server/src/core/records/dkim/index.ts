/** The DKIM key record module: `<selector>._domainkey.<domain>` TXT (RFC 6376 §3.6). */
import type { ZoneView } from '../../model/zoneView';
import type { RecordModule } from '../../rules/recordModule';
import type { Rule } from '../../rules/rule';
import { dkimComplete, dkimHover } from './hover';
import { parseDkim, type DkimRecord } from './parse';
import { dkimRecordRules } from './rules';
import { distinctRecords } from '../../model/rrset';

/** RFC 6376 §3.6.2.2: TXT records at a selector must be unique; with several, results are undefined. */
export const dkimMultipleRecords: Rule<ZoneView> = {
  id: 'dkim-multiple-records',
  severity: 'warning',
  summary: 'More than one TXT record at a DKIM selector: verifiers may use either.',
  rfc: 'RFC 6376 §3.6.2.2',
  check(zone, report) {
    const owners = new Set(zone.ofKind('dkim').map((r) => r.owner));
    for (const owner of owners) {
      if (owner.startsWith('_adsp._domainkey.')) continue;
      const txts = distinctRecords(zone.recordsAt(owner, 'TXT'));
      if (txts.length < 2) continue;
      for (const record of txts) {
        report(record.txt ? record.txt.map.toSourceSpan(0, record.txt.text.length) : record.span, `${txts.length} TXT records at ${owner}: a selector must have exactly one, or verification results are undefined`, {
          file: record.file,
        });
      }
    }
  },
};

export const dkimModule: RecordModule<DkimRecord> = {
  kind: 'dkim',
  parse: (txt) => parseDkim(txt),
  rules: dkimRecordRules,
  zoneRules: [dkimMultipleRecords],
  hover: dkimHover,
  complete: dkimComplete,
};
