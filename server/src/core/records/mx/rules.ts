/**
 * MX hygiene: the records every mail transport check starts from. A sender
 * looks up the MX records of the recipient's domain, then the addresses of
 * each exchange (RFC 5321 §5.1); these rules find the exchanges that lookup
 * cannot reach, and null MX records (RFC 7505) that say two things at once.
 *
 * Like the SRV rules, they speak about a target only when this zone holds
 * its authoritative data: a record they cannot see is not a missing record.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import type { Fix } from '../../rules/rule';
import type { ZoneRule } from '../../rules/zoneRule';
import { perView } from '../../rules/perView';
import { organizationalDomain } from '../mail/orgDomain';
import { absolute, addressState, isAuthoritativeFor, recordsFor, shown, zoneNames } from '../mail/zoneNames';
import { doubledOrigin } from '../../zone/rules/originDoubled';

/** An MX record with its preference and exchange read; records the parser could not read are left out. */
interface Mx {
  readonly record: ResourceRecord;
  readonly preference: number;
  /** Absolute, lower case; `.` for a null MX. */
  readonly exchange: string;
}

/** The MX records read, once per view for the five MX rules that walk them. */
const mxRecords = perView((view): readonly Mx[] => readMxRecords(view));

function readMxRecords(view: ZoneView): Mx[] {
  const out: Mx[] = [];
  for (const record of view.ofType('MX')) {
    const preference = record.fields?.preference;
    const exchange = record.fields?.exchange;
    if (typeof preference !== 'number' || typeof exchange !== 'string') continue;
    out.push({ record, preference, exchange: exchange === '.' ? '.' : absolute(exchange) });
  }
  return out;
}

/** The MX records grouped by owner, in file order. */
function byOwner(list: readonly Mx[]): Map<string, Mx[]> {
  const owners = new Map<string, Mx[]>();
  for (const mx of list) {
    let group = owners.get(mx.record.owner);
    if (!group) owners.set(mx.record.owner, (group = []));
    group.push(mx);
  }
  return owners;
}

const exchangeSpan = (record: ResourceRecord) => record.rdata[1]?.span ?? record.span;
const preferenceSpan = (record: ResourceRecord) => record.rdata[0]?.span ?? record.span;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}\.?$/;
const IPV6 = /^\[?[0-9a-f]*:[0-9a-f:.]*\]?\.?$/i;

/** The address an MX exchange was written as, when it was written as one (`10 192.0.2.25`). */
export function exchangeAddress(record: ResourceRecord): string | undefined {
  const raw = record.rdata[1]?.raw;
  if (raw === undefined) return undefined;
  if (IPV4.test(raw) || IPV6.test(raw)) return raw.replace(/\.$/, '').replace(/^\[|\]$/g, '');
  return undefined;
}

export const mxTargetIp: ZoneRule = {
  id: 'mx-target-ip',
  severity: 'error',
  summary: 'An MX record names an IP address instead of a host name.',
  rfc: 'RFC 1035 §3.3.9, RFC 5321 §5.1',
  reads: { types: ['MX', 'A', 'AAAA'] },
  check(view, report) {
    for (const { record } of mxRecords(view)) {
      const address = exchangeAddress(record);
      if (!address) continue;
      // The zone file reads the address as a (relative) name, so senders look up A records of "192.0.2.25.example.com".
      const fixes: Fix[] = [];
      const hosts = new Set<string>();
      for (const type of ['A', 'AAAA']) for (const r of view.ofType(type)) if (r.rdata[0]?.raw.toLowerCase() === address.toLowerCase() && !r.owner.startsWith('*')) hosts.add(r.owner);
      // Only one host with that address is an unambiguous replacement.
      if (hosts.size === 1) {
        const host = [...hosts][0];
        fixes.push({ title: `Point the MX at ${shown(host)}`, edits: [{ file: record.file, span: exchangeSpan(record), newText: host }], preferred: true });
      }
      report(exchangeSpan(record), `an MX record must name a host, not an address: ${address} is read as the name ${shown(String(record.fields?.exchange ?? address))}, which senders cannot resolve, so mail to ${shown(record.owner)} is not delivered. Name a host with an A or AAAA record ${address}`, {
        file: record.file,
        fixes,
      });
    }
  },
};

export const mxTargetCname: ZoneRule = {
  id: 'mx-target-cname',
  severity: 'error',
  summary: 'An MX record\'s exchange is an alias (CNAME), which RFC 2181 forbids.',
  rfc: 'RFC 2181 §10.3, RFC 5321 §5.1',
  reads: { types: ['MX', 'CNAME'] },
  check(view, report) {
    for (const { record, exchange } of mxRecords(view)) {
      if (exchange === '.' || exchangeAddress(record) || !isAuthoritativeFor(view, exchange)) continue;
      if (addressState(view, exchange) !== 'cname') continue;
      const cname = recordsFor(view, exchange).find((r) => r.type === 'CNAME');
      const canonical = typeof cname?.fields?.target === 'string' ? absolute(String(cname.fields.target)) : undefined;
      const fixes: Fix[] = [];
      // The alias's own target is a safe replacement only when this zone shows it has an address.
      if (canonical && isAuthoritativeFor(view, canonical) && addressState(view, canonical) === 'address') {
        fixes.push({ title: `Point the MX at ${shown(canonical)}`, edits: [{ file: record.file, span: exchangeSpan(record), newText: canonical }], preferred: true });
      }
      report(exchangeSpan(record), `the exchange ${shown(exchange)} is a CNAME${canonical ? ` (to ${shown(canonical)})` : ''}: RFC 2181 §10.3 forbids an alias here, and senders may refuse it or loop; name the canonical host`, {
        file: record.file,
        fixes,
      });
    }
  },
};

export const mxTargetMissing: ZoneRule = {
  id: 'mx-target-missing',
  severity: 'error',
  summary: 'An MX record\'s exchange is in this zone but has no A or AAAA record.',
  rfc: 'RFC 5321 §5.1',
  reads: { types: ['MX'] },
  check(view, report) {
    for (const { record, exchange } of mxRecords(view)) {
      // An address written as the exchange is mx-target-ip's; names in other zones are answered elsewhere.
      if (exchange === '.' || exchangeAddress(record) || !isAuthoritativeFor(view, exchange)) continue;
      if (addressState(view, exchange) !== 'none') continue;
      // An exchange written without its trailing dot gets the origin twice: zone-origin-doubled says so, on the same characters.
      const apex = zoneNames(view).apex;
      if (apex && doubledOrigin(exchange, [apex])) continue;
      report(exchangeSpan(record), `the exchange ${shown(exchange)} has no A or AAAA record in this zone: senders cannot connect to it, and mail to ${shown(record.owner)} waits for the other MX hosts or bounces`, {
        file: record.file,
      });
    }
  },
};

export const mxNullMixed: ZoneRule = {
  id: 'mx-null-mixed',
  severity: 'warning',
  summary: 'A null MX (RFC 7505) is not the only MX record of its name, or its preference is not 0.',
  rfc: 'RFC 7505 §3',
  reads: { types: ['MX'] },
  check(view, report) {
    for (const [owner, list] of byOwner(mxRecords(view))) {
      const nulls = list.filter((m) => m.exchange === '.');
      if (nulls.length === 0) continue;
      const others = list.filter((m) => m.exchange !== '.');
      if (others.length > 0) {
        // One root cause, one finding: on the null MX, naming the records it contradicts.
        const hosts = [...new Set(others.map((m) => shown(m.exchange)))].join(', ');
        report(nulls[0].record.span, `${shown(owner)} has a null MX ("takes no mail") beside MX records for ${hosts}: RFC 7505 §3 says a null MX must be the only one, and senders treat the mix differently (some bounce at once, some try the hosts). Remove the null MX if the name receives mail, or the other MX records if it does not`, {
          file: nulls[0].record.file,
        });
        continue;
      }
      for (const { record, preference } of nulls) {
        if (preference === 0) continue;
        report(preferenceSpan(record), `a null MX must have preference 0 (RFC 7505 §3); with ${preference} some senders do not recognise it and retry for days instead of bouncing at once`, {
          file: record.file,
          fixes: [{ title: 'Set the preference to 0', edits: [{ file: record.file, span: preferenceSpan(record), newText: '0' }], preferred: true }],
        });
      }
    }
  },
};

/** Words that name a host as a fallback: such a host at the same preference as a primary gets half the mail. */
const BACKUP_LABEL = /(?:^|[-_])(?:backup|fallback|secondary|standby)\d*(?:$|[-_])|^(?:bak|bk)\d*$/i;

function isBackupName(host: string): boolean {
  return BACKUP_LABEL.test(host.split('.')[0]);
}

export const mxDuplicatePreference: ZoneRule = {
  id: 'mx-duplicate-preference',
  severity: 'info',
  summary: 'MX hosts that look unrelated (another operator, or a backup) share a preference, so mail is split between them at random.',
  rfc: 'RFC 5321 §5.1',
  reads: { types: ['MX'] },
  check(view, report) {
    for (const [owner, list] of byOwner(mxRecords(view))) {
      const byPreference = new Map<number, Mx[]>();
      for (const mx of list) {
        if (mx.exchange === '.' || exchangeAddress(mx.record)) continue;
        let group = byPreference.get(mx.preference);
        if (!group) byPreference.set(mx.preference, (group = []));
        if (!group.some((m) => m.exchange === mx.exchange)) group.push(mx);
      }
      for (const [preference, group] of byPreference) {
        if (group.length < 2) continue;
        // Equal preferences spread load on purpose (RFC 5321 §5.1): only hosts of different operators, or a
        // backup beside a primary, look like a migration or a fallback left at the wrong preference.
        const operators = new Set(group.map((m) => organizationalDomain(m.exchange)));
        const backups = group.filter((m) => isBackupName(m.exchange));
        const mixedBackup = backups.length > 0 && backups.length < group.length;
        if (operators.size < 2 && !mixedBackup) continue;
        const hosts = group.map((m) => shown(m.exchange)).join(', ');
        const why = operators.size >= 2
          ? `they belong to different operators (${[...operators].map(shown).join(', ')}), which usually means a move from one provider to another left half done`
          : `${backups.map((m) => shown(m.exchange)).join(', ')} looks like a backup, which should have a higher preference number than the primary`;
        const second = group[1].record;
        report(preferenceSpan(second), `${shown(owner)}: ${hosts} share preference ${preference}, so senders split mail between them at random; ${why}`, {
          file: second.file,
        });
      }
    }
  },
};

export const mxRules: readonly ZoneRule[] = [mxTargetIp, mxTargetCname, mxTargetMissing, mxNullMixed, mxDuplicatePreference];
