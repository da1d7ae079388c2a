/** The DMARC record module: `_dmarc.<domain>` TXT (RFC 7489, RFC 9989), and report authorizations at `_report._dmarc`. */
import type { ZoneView } from '../../model/zoneView';
import type { RecordModule } from '../../rules/recordModule';
import type { ResourceRecord } from '../../zone/ast';
import { dmarcComplete, dmarcHover } from './hover';
import { parseDmarc, type DmarcRecord } from './parse';
import { dmarcRecordRules } from './rules';
import { distinctRecords } from '../../model/rrset';
import type { ZoneRule } from '../../rules/zoneRule';

/**
 * RFC 7489 §6.6.3 step 5, RFC 9989 §4.10.1: records that do not start with
 * v=DMARC1 are discarded first; if more than one remains, the domain has no
 * DMARC policy at all.
 */
export const dmarcMultipleRecords: ZoneRule = {
  id: 'dmarc-multiple-records',
  severity: 'error',
  summary: 'More than one DMARC record at one _dmarc name: receivers then apply no DMARC at all.',
  rfc: 'RFC 7489 §6.6.3',
  reads: { kinds: ['dmarc'] },
  check(zone, report) {
    const byOwner = new Map<string, { record: ResourceRecord; parsed: DmarcRecord }[]>();
    for (const record of zone.ofKind('dmarc')) {
      const parsed = parsedDmarc(zone, record);
      if (parsed.role !== 'policy' || !parsed.versionValid) continue;
      const list = byOwner.get(record.owner) ?? [];
      list.push({ record, parsed });
      byOwner.set(record.owner, list);
    }
    for (const [owner, all] of byOwner) {
      // Identical records are one record in DNS (RFC 2181 §5).
      const distinct = new Set(distinctRecords(all.map((r) => r.record)));
      const records = all.filter((r) => distinct.has(r.record));
      if (records.length < 2) continue;
      for (const { record } of records) {
        const txt = record.txt!;
        report(txt.map.toSourceSpan(0, txt.text.length), `${records.length} DMARC records at ${owner.slice(0, -1)}: receivers discard them all and apply no DMARC policy`, {
          file: record.file,
        });
      }
    }
  },
};

/**
 * A record's parse from the view's cache, under the key the analyser uses
 * (the kind), so it is computed once. Read directly rather than through the
 * analyser's `parsedRecord`, which would make this module import the
 * analyser that imports it.
 */
export function parsedDmarc(zone: ZoneView, record: ResourceRecord): DmarcRecord {
  return zone.cached(record, 'dmarc', () => parseDmarc(record.txt!, record));
}

export const dmarcModule: RecordModule<DmarcRecord> = {
  kind: 'dmarc',
  parse: (txt, record) => parseDmarc(txt, record),
  rules: dmarcRecordRules,
  zoneRules: [dmarcMultipleRecords],
  hover: dmarcHover,
  complete: dmarcComplete,
};
