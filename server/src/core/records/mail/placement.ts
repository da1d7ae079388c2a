/**
 * Where mail-auth records stand. Receivers look each kind up at one name:
 * SPF at the domain itself, DKIM at `<selector>._domainkey.<domain>`, DMARC
 * at `_dmarc.<domain>`, MTA-STS at `_mta-sts.<domain>`, TLS-RPT at
 * `_smtp._tls.<domain>`, BIMI at `<selector>._bimi.<domain>`. A record of
 * one kind at another kind's name, or under a misspelt reserved label, is
 * never read by anyone.
 */
import { kindForOwner, kindForText, misplacedKind, type MailKind } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import type { ResourceRecord } from '../../zone/ast';
import { splitLabels } from '../../zone/names';
import { KIND_NAMES } from '../../zone/rules/common';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';
import { shown } from './zoneNames';

/** The reserved labels, where each sits in the owner, and the kind receivers look up there. */
interface Reserved {
  readonly kind: MailKind;
  /** The label(s) as written in DNS. */
  readonly label: string;
  /** `first`: the owner starts with it (`_dmarc.<domain>`); `inner`: a label after the first (`<selector>._domainkey.<domain>`). */
  readonly at: 'first' | 'inner';
  /** Where receivers look, for messages. */
  readonly where: string;
}

const RESERVED: readonly Reserved[] = [
  { kind: 'dkim', label: '_domainkey', at: 'inner', where: '<selector>._domainkey.<domain>' },
  { kind: 'dmarc', label: '_dmarc', at: 'first', where: '_dmarc.<domain>' },
  { kind: 'mtasts', label: '_mta-sts', at: 'first', where: '_mta-sts.<domain>' },
  { kind: 'tlsrpt', label: '_smtp._tls', at: 'first', where: '_smtp._tls.<domain>' },
  { kind: 'bimi', label: '_bimi', at: 'inner', where: '<selector>._bimi.<domain>' },
];

const WHERE: Readonly<Record<MailKind, string>> = {
  spf: 'the domain name itself',
  dkim: '<selector>._domainkey.<domain>',
  dmarc: '_dmarc.<domain>',
  mtasts: '_mta-sts.<domain>',
  tlsrpt: '_smtp._tls.<domain>',
  bimi: '<selector>._bimi.<domain>',
};

/**
 * The kind a TXT record's text is, for placement: the version tag, or for
 * DKIM, whose `v=` is optional (RFC 6376 §3.6.1), a tag list with a `p=` key.
 */
export function textKind(text: string): MailKind | undefined {
  return kindForText(text) ?? (/^\s*(?:[ghknst]\s*=[^;]*;\s*)*p\s*=/i.test(text) ? 'dkim' : undefined);
}

/** Restricted Damerau-Levenshtein distance, stopping early above 1: all the owner check needs. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // After the first difference the rest must match under one substitution, insertion, deletion or swap.
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A misspelt reserved label in `owner`: the text written, and the reserved entry it was meant as. */
export function ownerTypo(owner: string): { readonly written: string; readonly reserved: Reserved } | undefined {
  if (kindForOwner(owner) !== undefined) return undefined;
  const labels = splitLabels(owner.slice(0, -1));
  // Labels are bounded by the name's 255 octets, and each comparison stops after one edit.
  for (const reserved of RESERVED) {
    if (reserved.at === 'first') {
      // `_smtp._tls` is two labels; `_smtp_tls` and `_smtp.tls` are one edit from it, written as one or two.
      const candidates = labels.length > 1 ? [labels[0], `${labels[0]}.${labels[1]}`] : [labels[0]];
      const hit = candidates.find((c) => withinOneEdit(c, reserved.label) && labels.length > c.split('.').length);
      if (hit) return { written: hit, reserved };
    } else {
      const hit = labels.slice(1, -1).find((l) => withinOneEdit(l, reserved.label));
      if (hit) return { written: hit, reserved };
    }
  }
  return undefined;
}

/** Names that a CNAME in the zone points to: a provider's zone holds its customers' DKIM keys and DMARC records there. */
function cnameTargets(view: ZoneView): ReadonlySet<string> {
  return view.derived('cname-targets', (v) => new Set(v.ofType('CNAME').flatMap((r) => r.targets ?? [])), sameSet);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((n) => b.has(n));
}

/** The quick fix that writes the reserved label in place of the misspelt one, where the owner spells it once. */
function renameFix(record: ResourceRecord, view: ZoneView, written: string, label: string): Fix | undefined {
  if (!record.ownerSpan) return undefined;
  const source = record.file === undefined ? view.zone.text : view.zone.files.get(record.file) ?? '';
  const text = source.slice(record.ownerSpan.start, record.ownerSpan.end);
  const lower = text.toLowerCase();
  const at = lower.indexOf(written);
  if (at < 0 || lower.indexOf(written, at + 1) >= 0) return undefined;
  const start = record.ownerSpan.start + at;
  return { title: `Rename '${text.slice(at, at + written.length)}' to '${label}'`, edits: [{ file: record.file, span: { start, end: start + written.length }, newText: label }], preferred: true };
}

/** `mail-owner-typo`: a record of a kind under a label one edit away from that kind's reserved label. */
export const mailOwnerTypo: ZoneRule = recordRule({
  id: 'mail-owner-typo',
  severity: 'error',
  summary: 'A mail-auth record under a misspelt reserved label (_domainkeys, _dmark, _mta_sts, _smtp_tls): receivers never look there.',
  rfc: 'RFC 6376 §3.6.2.1, RFC 7489 §6.1, RFC 8461 §3.1, RFC 8460 §3',
  each: { types: ['TXT'] },
  checkRecord(view, record, report) {
    if (!record.txt || !record.owner.includes('_') && !/dmarc|domainkey|mta-sts|bimi|tls/.test(record.owner)) return;
    const typo = ownerTypo(record.owner);
    if (!typo || textKind(record.txt.text) !== typo.reserved.kind) return;
    // A name that a CNAME points to (`dmarc.provider.example`, aliased from customers' `_dmarc`) is looked up that way.
    if (cnameTargets(view).has(record.owner)) return;
    const kind = KIND_NAMES[typo.reserved.kind];
    report(record.ownerSpan ?? record.span, `'${typo.written}' in ${shown(record.owner)} is not '${typo.reserved.label}': receivers look for ${kind} records at ${typo.reserved.where}, so this ${kind} record is never read`, {
      file: record.file,
      fixes: [renameFix(record, view, typo.written, typo.reserved.label)].filter((f): f is Fix => f !== undefined),
    });
  },
});

/**
 * `mail-misplaced-record`: a record of one kind at a name where receivers
 * look for another — SPF at `_dmarc`, a DKIM key at the apex. A `v=DMARC1`
 * record away from `_dmarc` is `dmarc-wrong-owner`'s, and a misspelt
 * reserved label is `mail-owner-typo`'s, so each cause has one finding.
 */
export const mailMisplacedRecord: ZoneRule = recordRule({
  id: 'mail-misplaced-record',
  severity: 'error',
  summary: 'A mail-auth record at a name where receivers look for another kind (SPF at _dmarc, DKIM at the apex): no receiver reads it.',
  rfc: 'RFC 7208 §4.4, RFC 6376 §3.6.2.1, RFC 7489 §6.1',
  each: { types: ['TXT'] },
  checkRecord(view, record, report) {
    const found = placement(view, record);
    if (!found) return;
    const name = shown(record.owner);
    const kind = KIND_NAMES[found.kind];
    const there = found.ownerKind ? `receivers look up ${KIND_NAMES[found.ownerKind]} here, and discard it as not ${KIND_NAMES[found.ownerKind]}` : 'receivers look up only SPF at a mail domain';
    report(record.span, `${/^[AEIOUFLMNRSX]/.test(kind) ? 'an' : 'a'} ${kind} record at ${name} is never read: ${there}, and look for ${kind} at ${WHERE[found.kind]}`, { file: record.file });
  },
});

/** The misplaced kind of a record and the kind its owner is reserved for (none at a mail domain). */
function placement(view: ZoneView, record: ResourceRecord): { kind: MailKind; ownerKind?: MailKind } | undefined {
  if (!record.txt) return undefined;
  const misplaced = misplacedKind(record);
  if (misplaced) return { kind: misplaced.found, ownerKind: misplaced.owner };
  // SPF at `_domainkey.<domain>` itself (the DomainKeys policy name): no reserved kind, and no receiver asks there.
  if (record.owner.startsWith('_domainkey.') && view.kindOf(record) === 'spf') return { kind: 'spf', ownerKind: 'dkim' };
  // A DKIM, MTA-STS, TLS-RPT or BIMI record at a name with mail (its MX, or the zone's apex) belongs below it.
  const kind = textKind(record.txt.text);
  if (!kind || kind === 'spf' || kind === 'dmarc' || kindForOwner(record.owner) !== undefined || ownerTypo(record.owner)) return undefined;
  const mailDomain = view.recordsAt(record.owner).some((r) => r.type === 'MX' || r.type === 'SOA');
  if (!mailDomain || cnameTargets(view).has(record.owner)) return undefined;
  return { kind };
}
