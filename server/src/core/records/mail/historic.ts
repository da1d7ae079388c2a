/**
 * Records of mail-authentication schemes that were retired: receivers no
 * longer look them up, so they protect nothing. Reporting them tells the
 * owner what replaced each one.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { deleteRecord } from '../spf/edits';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';
import { shown } from './zoneNames';

/** One retired scheme: how its record is recognised, and what to say about it. */
interface Historic {
  readonly matches: (record: ResourceRecord, text: string) => boolean;
  readonly what: string;
  readonly instead: string;
}

const HISTORIC: readonly Historic[] = [
  {
    // RFC 4406/4408: `spf2.0/pra`, `spf2.0/mfrom,pra`; Sender ID was moved to Historic by RFC 6686.
    matches: (_record, text) => /^spf2\.0\/[a-z,]*(?: |$)/i.test(text),
    what: 'a Sender ID record (spf2.0, RFC 4406), an experiment moved to Historic in 2012 (RFC 6686)',
    instead: 'SPF ("v=spf1 …" at the same name) and DMARC',
  },
  {
    // RFC 5617 §4.2.1: the ADSP record at `_adsp._domainkey.<domain>`; RFC 5617 was moved to Historic in 2013.
    matches: (record) => record.owner.startsWith('_adsp._domainkey.'),
    what: 'an ADSP record (RFC 5617), moved to Historic in 2013',
    instead: 'a DMARC record at _dmarc.<domain>',
  },
  {
    // RFC 4870 §3.6: the DomainKeys sending policy at `_domainkey.<domain>`, tags `o=`, `n=`, `r=`, `t=`.
    matches: (record, text) => record.owner.startsWith('_domainkey.') && /(?:^|;)\s*o\s*=\s*[~-]/.test(text),
    what: 'a DomainKeys policy record (o=, RFC 4870), obsoleted by DKIM in 2007 and Historic since',
    instead: 'a DMARC record at _dmarc.<domain>',
  },
];

/** The retired scheme a TXT record belongs to, if any. */
export function historicScheme(record: ResourceRecord): Historic | undefined {
  const text = record.txt?.text;
  if (text === undefined) return undefined;
  return HISTORIC.find((h) => h.matches(record, text));
}

/** `mail-historic-record`: a Sender ID, ADSP or DomainKeys policy record, which receivers ignore. */
export const mailHistoricRecord: ZoneRule = recordRule({
  id: 'mail-historic-record',
  severity: 'info',
  summary: 'A record of a retired scheme (Sender ID, DomainKeys policy, ADSP): receivers ignore it.',
  rfc: 'RFC 6686, RFC 4870, RFC 5617',
  each: { types: ['TXT'] },
  checkRecord(view: ZoneView, record, report) {
    const scheme = historicScheme(record);
    if (!scheme) return;
    const edits = deleteRecord(view.zone, record);
    report(record.span, `${shown(record.owner)} holds ${scheme.what}: receivers no longer look it up, so it changes nothing; ${scheme.instead} took its place`, {
      file: record.file,
      fixes: edits ? [{ title: 'Remove the record', edits }] : undefined,
    });
  },
});
