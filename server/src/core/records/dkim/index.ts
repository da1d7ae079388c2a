/** The DKIM key record module: `<selector>._domainkey.<domain>` TXT (RFC 6376 §3.6). */
import type { RecordModule } from '../../rules/recordModule';
import type { ResourceRecord } from '../../zone/ast';
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

/** The three RSA size classes RFC 8301 §3.2 speaks of, each one finding per zone. */
const SIZE_CLASSES: ReadonlyArray<{ readonly test: (bits: number) => boolean; readonly severity: 'error' | 'warning'; readonly say: (bits: string) => string }> = [
  { test: (b) => b < 1024, severity: 'error', say: (bits) => `${bits} RSA key: verifiers must not accept keys under 1024 bits; use 2048` },
  { test: (b) => b >= 1024 && b < 2048, severity: 'warning', say: (bits) => `${bits} RSA key: signers should use at least 2048 bits` },
  { test: (b) => b > 4096, severity: 'warning', say: (bits) => `${bits} RSA key: verifiers need only support keys up to 4096 bits, and the record may not fit a DNS answer` },
];

/**
 * `dkim-key-size` (RFC 8301 §3.2): RSA keys under 1024 bits (rejected),
 * under 2048 (accepted, below what signers should use) or over 4096. One
 * finding per size class and zone, on the first such key, naming every
 * selector; the others are related places. A zone rotating many selectors
 * of one size has one cause to fix, not one per selector.
 */
export const dkimKeySize: ZoneRule = {
  id: 'dkim-key-size',
  severity: 'warning',
  summary: 'RSA keys under 2048 bits (under 1024: rejected) or over 4096 bits; one finding per size class and zone.',
  rfc: 'RFC 8301 §3.2',
  reads: { kinds: ['dkim'] },
  check(view, report) {
    const keys: { record: ResourceRecord; bits: number; span: { start: number; end: number } }[] = [];
    for (const record of view.ofKind('dkim')) {
      if (record.owner.startsWith('_adsp._domainkey.') || !record.txt) continue;
      const parsed = view.cached(record, 'dkim', () => parseDkim(record.txt!));
      if (parsed.key.status !== 'decoded' || parsed.key.key.type !== 'rsa') continue;
      const p = parsed.tags.get('p')!;
      keys.push({ record, bits: parsed.key.key.bits, span: record.txt.map.toSourceSpan(p.valueSpan.start, p.valueSpan.end) });
    }
    for (const size of SIZE_CLASSES) {
      const hits = keys.filter((k) => size.test(k.bits));
      if (hits.length === 0) continue;
      const [first, ...rest] = hits;
      const bits = [...new Set(hits.map((h) => h.bits))].sort((a, b) => a - b).map((b) => `${b}-bit`).join(' or ');
      const selectors = rest.length === 0 ? '' : ` (${hits.length} selectors: ${hits.slice(0, 5).map((h) => h.record.owner.slice(0, -1)).join(', ')}${hits.length > 5 ? ` and ${hits.length - 5} more` : ''})`;
      report(first.span, `${size.say(bits)}${selectors}`, {
        file: first.record.file,
        severity: size.severity,
        related: rest.map((h) => ({ file: h.record.file, span: h.span, message: `${h.record.owner.slice(0, -1)}: ${h.bits}-bit RSA key` })),
      });
    }
  },
};

export const dkimModule: RecordModule<DkimRecord> = {
  kind: 'dkim',
  parse: (txt) => parseDkim(txt),
  rules: dkimRecordRules,
  zoneRules: [dkimMultipleRecords, dkimKeySize],
  hover: dkimHover,
  complete: dkimComplete,
};
