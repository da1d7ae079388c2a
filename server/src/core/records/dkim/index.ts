/** The DKIM key record module: `<selector>._domainkey.<domain>` TXT (RFC 6376 §3.6). */
import type { RecordModule } from '../../rules/recordModule';
import { dkimComplete, dkimHover } from './hover';
import { parseDkim, type DkimRecord } from './parse';
import { dkimRecordRules } from './rules';
import { distinctRecords } from '../../model/rrset';
import { kindForOwner } from '../../model/classify';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/** RFC 6376 §3.6.2.2: TXT records at a selector must be unique; with several, results are undefined. */
export const dkimMultipleRecords: ZoneRule = recordRule({
  id: 'dkim-multiple-records',
  severity: 'warning',
  summary: 'More than one TXT record at a DKIM selector: verifiers may use either.',
  rfc: 'RFC 6376 §3.6.2.2',
  each: { kind: 'dkim' },
  checkRecord(zone, record, report) {
    const owner = record.owner;
    // Spoken once per selector, when checking its first DKIM record.
    if (zone.recordsAt(owner).find((r) => zone.kindOf(r) === 'dkim') !== record) return;
    // At a selector name a verifier reads every TXT record; elsewhere (a provider's name that selectors alias) other
    // TXT records are for other purposes, and only DKIM keys compete.
    const all = distinctRecords(zone.recordsAt(owner, 'TXT'));
    const txts = kindForOwner(owner) === 'dkim' ? all : all.filter((r) => zone.kindOf(r) === 'dkim');
    if (txts.length < 2) return;
    for (const each of txts) {
      report(each.txt ? each.txt.map.toSourceSpan(0, each.txt.text.length) : each.span, `${txts.length} TXT records at ${owner}: a selector must have exactly one, or verification results are undefined`, {
        file: each.file,
      });
    }
  },
});

export const dkimModule: RecordModule<DkimRecord> = {
  kind: 'dkim',
  parse: (txt) => parseDkim(txt),
  rules: dkimRecordRules,
  zoneRules: [dkimMultipleRecords],
  hover: dkimHover,
  complete: dkimComplete,
};
