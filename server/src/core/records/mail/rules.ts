/**
 * Zone-level mail checks: what one record cannot tell, the zone can — a
 * name that receives mail but publishes no SPF, a domain with no DMARC
 * record, a null MX beside an SPF record that authorizes senders, MTA-STS
 * without TLS-RPT, TXT answers too large for the transport.
 *
 * Each rule speaks only about names this zone is authoritative for: a
 * fragment without an SOA, a name below a delegation, or a parent domain
 * in another zone may have the records it seems to lack.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { labelOctets, splitLabels } from '../../zone/names';
import type { SpfRecord } from '../spf/parse';
import { parsedSpf } from '../spf/rules/common';
import { isMtaStsVersionFirst } from '../mtasts/parse';
import { organizationalDomain } from './orgDomain';
import { hasNullMx, isAtOrBelow, isAuthoritativeFor, parentName, shown } from './zoneNames';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';
import type { Fix } from '../../rules/rule';
import { dmarcAt } from '../bimi/dmarcPolicy';
import { nearMiss } from '../spf/nearMiss';
import { mailHistoricRecord } from './historic';
import { mailMisplacedRecord, mailOwnerTypo } from './placement';

/** Names whose first label starts with `_` (`_spf`, `_dmarc`) hold records about mail, not mail addresses. */
const isServiceName = (name: string): boolean => name.startsWith('_') || name.includes('._');

const isSpf = (view: ZoneView, r: ResourceRecord): boolean => view.kindOf(r) === 'spf';

/** RFC 7505's null MX, as zoneNames.ts `hasNullMx` reads it. */
const isNullMx = (r: ResourceRecord): boolean => r.type === 'MX' && r.fields?.exchange === '.';

/** The owners with MX records, each with its MX records in file order. */
function mxOwners(view: ZoneView): Map<string, ResourceRecord[]> {
  const owners = new Map<string, ResourceRecord[]>();
  for (const record of view.ofType('MX')) {
    let list = owners.get(record.owner);
    if (!list) owners.set(record.owner, (list = []));
    list.push(record);
  }
  return owners;
}

/**
 * The names `mail-no-spf` asks about: the owners with MX records that are no
 * service names, publish no SPF record and are in this zone's authority,
 * each with the positions of its MX records in the zone, in file order. All
 * of that is the zone's shape (owners, types, mail kinds), which an edit of
 * one record's content leaves as it was, so it is worked out once and kept
 * by the views such edits make: the rule runs again after every edit of a
 * TXT record, and then reads the content of these few names only instead
 * of every name with MX. It holds positions, not records, since the records
 * of a view after an edit are not the earlier view's.
 */
function namesWithoutSpf(view: ZoneView): ReadonlyMap<string, readonly number[]> {
  return view.nameFact('mail-no-spf-names', () => {
    const spfOwners = new Set<string>();
    for (const record of view.ofKind('spf')) spfOwners.add(record.owner);
    const names = new Map<string, number[]>();
    for (const [owner, mx] of mxOwners(view)) {
      if (isServiceName(owner) || spfOwners.has(owner) || !isAuthoritativeFor(view, owner)) continue;
      names.set(owner, mx.map((record) => record.index!));
    }
    return names;
  });
}

/** A wildcard owner's mail comes from the names it stands for: `*.example.com.` → `example.com.`, for policy lookups. */
function unwildcarded(name: string): string {
  let n = name;
  // Bounded by the name's labels.
  while (n.startsWith('*.')) n = n.slice(2);
  return n;
}

/**
 * The DMARC policy receivers apply to mail from `name` (RFC 7489 §6.6.3: the
 * name, then its organizational domain; RFC 9989 §4.10: the tree walk),
 * when the zone holds it: `p` at the name itself, `sp` (else `p`) below.
 */
function effectivePolicy(view: ZoneView, name: string): string | undefined {
  const rfc9989 = view.options.dmarcStandard === 'rfc9989';
  const concrete = unwildcarded(name);
  const org = organizationalDomain(concrete);
  for (const at of dmarcLookups(concrete, org, rfc9989)) {
    const dmarc = dmarcAt(view, at);
    if (!dmarc) continue;
    if (!dmarc.pValid || (rfc9989 && dmarc.testing)) return 'none';
    return at === name ? dmarc.p : dmarc.sp ?? dmarc.p;
  }
  return undefined;
}

/** True when something in the zone says the name sends mail: a DKIM selector below it. */
function sendsMail(view: ZoneView, name: string): boolean {
  return dkimSigners(view).has(name);
}

/**
 * The names with a DKIM selector below them (`example.com.` for
 * `s1._domainkey.example.com.`), found once per zone: asking every owner
 * for every name that receives mail is quadratic, minutes on a zone of a
 * hundred thousand names.
 */
function dkimSigners(view: ZoneView): ReadonlySet<string> {
  return view.nameFact('dkim-signers', () => {
    const names = new Set<string>();
    const marker = '._domainkey.';
    for (const owner of view.ownerNames()) {
      // Every `._domainkey.` in the owner ends a selector of the name after it; bounded by the owner's length.
      for (let at = owner.indexOf(marker); at >= 0; at = owner.indexOf(marker, at + 1)) names.add(owner.slice(at + marker.length));
    }
    return names;
  });
}

/** The line that publishes `spf` at `owner`, absolute so `$ORIGIN` and inherited owners cannot change its meaning. */
function spfLine(owner: string, spf: string): string {
  return `${owner} IN TXT "${spf}"\n`;
}

/**
 * `mail-no-spf`: names that receive mail (MX) but publish no SPF. One
 * finding per zone on the first such name, listing them all, each one
 * reachable as related information. Quiet about a name whose only would-be
 * SPF record is a near miss (`spf-near-miss` says it), and about a name an
 * enforcing DMARC policy covers when nothing in the zone sends as it:
 * receivers already reject or quarantine mail forged in its name, since it
 * can pass neither SPF nor DKIM.
 */
export const mailNoSpf: ZoneRule = {
  id: 'mail-no-spf',
  severity: 'warning',
  summary: 'Names that receive mail (MX) publish no SPF record (one finding per zone, listing them).',
  rfc: 'RFC 7208 §2.1, §10.1',
  // Which names have MX, SPF and DKIM records is the zone's shape; of content, whether an MX is null, the TXT
  // records that nearly are SPF, and the DMARC policies.
  reads: { types: ['MX', 'TXT'], kinds: ['dmarc'] },
  check(view, report) {
    const missing: { owner: string; mx: ResourceRecord }[] = [];
    const records = view.zone.records;
    for (const [owner, indices] of namesWithoutSpf(view)) {
      const mx = indices.map((index) => records[index]);
      // A null MX says the name takes no mail (RFC 7505); mail-null-mx-spf speaks about its SPF. The name has MX
      // records, so these are all its MX records (no wildcard stands in for it).
      if (mx.some(isNullMx)) continue;
      if (view.recordsAt(owner).some((r) => r.type === 'TXT' && r.txt && nearMiss(r.txt.text) !== undefined)) continue;
      const policy = effectivePolicy(view, owner);
      if ((policy === 'reject' || policy === 'quarantine') && !sendsMail(view, owner)) continue;
      missing.push({ owner, mx: mx[0] });
    }
    if (missing.length === 0) return;
    const [first, ...rest] = missing;
    const what = rest.length === 0 ? `${shown(first.owner)} receives mail (MX) but has no SPF record` : `${missing.length} names receive mail (MX) but have no SPF record: ${missing.slice(0, 5).map((m) => shown(m.owner)).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`;
    // The fixes add a record above an entry of each name that writes its owner, an MX if one does (an inherited owner
    // cannot take a line above it, and the SOA stays first).
    const places = missing
      .map(({ owner }) => {
        const written = view.recordsAt(owner).filter((r) => r.ownerSpan !== undefined && !r.generated && r.type !== 'SOA');
        return { owner, at: written.find((r) => r.type === 'MX') ?? written[0] };
      })
      .filter((p): p is { owner: string; at: ResourceRecord } => p.at !== undefined);
    const fixFor = (spf: string, title: string): Fix | undefined =>
      places.length === 0
        ? undefined
        : { title, edits: places.map(({ owner, at }) => ({ file: at.file, span: { start: at.span.start, end: at.span.start }, newText: spfLine(owner, spf) })) };
    const each = rest.length === 0 ? '' : ' at each name';
    report(first.mx.span, `${what}: receivers cannot tell mail forged in ${rest.length === 0 ? 'its name' : 'their names'}; publish "v=spf1 mx -all" (or the senders used), or "v=spf1 -all" for a name that sends no mail`, {
      file: first.mx.file,
      fixes: [fixFor('v=spf1 -all', `Add "v=spf1 -all"${each} (sends no mail)`), fixFor('v=spf1 mx -all', `Add "v=spf1 mx -all"${each} (its MX hosts send)`)].filter((f): f is Fix => f !== undefined),
      related: rest.map(({ owner, mx }) => ({ file: mx.file, span: mx.span, message: `${shown(owner)} receives mail but has no SPF record` })),
    });
  },
};

/** Does `_dmarc.<name>` hold a DMARC record, or delegate one by CNAME (to a reporting provider, say)? */
function hasDmarcAt(view: ZoneView, name: string): boolean {
  return view.recordsAt(`_dmarc.${name}`).some((r) => r.type === 'CNAME' || view.kindOf(r) === 'dmarc');
}

/**
 * The names whose `_dmarc` record applies to mail from `name`. RFC 7489
 * §6.6.3: the name itself, then its organizational domain. RFC 9989 §4.10
 * walks up the tree instead, so every ancestor up to the organizational
 * domain counts.
 */
function dmarcLookups(name: string, org: string, rfc9989: boolean): string[] {
  if (!rfc9989 || !isAtOrBelow(name, org)) return name === org ? [name] : [name, org];
  const out: string[] = [];
  for (let n: string | undefined = name; n; n = parentName(n)) {
    out.push(n);
    if (n === org) break;
  }
  return out;
}

export const mailNoDmarc: ZoneRule = {
  id: 'mail-no-dmarc',
  severity: 'warning',
  summary: 'An organizational domain with mail (MX or SPF) in the zone has no DMARC record.',
  rfc: 'RFC 7489 §6.6.3, RFC 9989 §4.10',
  // Only which names have MX, SPF, DMARC and CNAME records: the zone's shape.
  reads: {},
  check(view, report) {
    const rfc9989 = view.options.dmarcStandard === 'rfc9989';
    // Per organizational domain: the mail names it leaves uncovered, in file order.
    const uncovered = new Map<string, { names: Set<string>; first: ResourceRecord }>();
    for (const record of view.zone.records) {
      const mail = record.type === 'MX' || isSpf(view, record);
      if (!mail || isServiceName(record.owner) || !isAuthoritativeFor(view, record.owner)) continue;
      // A wildcard stands for names below its parent: receivers look those up, falling back to the organizational domain.
      const name = unwildcarded(record.owner);
      const org = organizationalDomain(name);
      if (dmarcLookups(name, org, rfc9989).some((n) => hasDmarcAt(view, n))) continue;
      // The organizational domain's _dmarc is in another zone (this is a subdomain's zone): it may well be there.
      if (!isAuthoritativeFor(view, `_dmarc.${org}`)) continue;
      const entry = uncovered.get(org);
      if (!entry) uncovered.set(org, { names: new Set([name]), first: record });
      else entry.names.add(name);
    }
    for (const [org, { names, first }] of uncovered) {
      // Put the finding on the organizational domain's own mail record when it has one.
      const at = view.recordsAt(org).find((r) => r.type === 'MX' || isSpf(view, r)) ?? first;
      const others = [...names].filter((n) => n !== org);
      const which = names.has(org) ? shown(org) + (others.length ? ` and ${others.length} other name${others.length > 1 ? 's' : ''} with mail below it` : '') : [...names].map(shown).join(', ');
      report(at.span, `no DMARC record at _dmarc.${shown(org)}: mail from ${which} has no DMARC policy, so receivers apply none to forgeries and send no reports`, {
        file: at.file,
      });
    }
  },
};

/** The terms of an SPF record that can let a host pass: `+` mechanisms (the qualifier written or implied) and `redirect`. */
function authorizingTerms(spf: SpfRecord): string[] {
  return spf.terms
    .filter((t) => (t.kind === 'mechanism' && t.qualifier === '+') || (t.kind === 'modifier' && t.name === 'redirect'))
    .map((t) => t.raw);
}

export const mailNullMxSpf: ZoneRule = recordRule({
  id: 'mail-null-mx-spf',
  severity: 'warning',
  summary: 'A name with a null MX (it takes no mail) has an SPF record that authorizes senders.',
  rfc: 'RFC 7505 §4.2',
  each: { types: ['MX'] },
  checkRecord(view, mx, report) {
    const owner = mx.owner;
    const records = view.recordsAt(owner);
    // Spoken once per owner, when checking its first MX record.
    if (records.find((r) => r.type === 'MX') !== mx || !hasNullMx(view, owner)) return;
    for (const record of records) {
      if (!isSpf(view, record) || !record.txt) continue;
      const terms = authorizingTerms(parsedSpf(view, record));
      if (terms.length === 0) continue;
      report(record.span, `${shown(owner)} has a null MX (it accepts no mail, so bounces cannot return) but its SPF record authorizes senders (${terms.join(' ')}): receivers may reject its mail. If it sends no mail, publish "v=spf1 -all"; if it does, give it a real MX`, {
        file: record.file,
      });
    }
  },
});

export const mailMtastsNoTlsrpt: ZoneRule = {
  id: 'mail-mtasts-no-tlsrpt',
  severity: 'info',
  summary: 'A domain publishes MTA-STS but no TLS-RPT record, so it never hears about delivery failures the policy causes.',
  rfc: 'RFC 8460 §3, RFC 8461 §6',
  reads: { kinds: ['mtasts'] },
  check(view, report) {
    const seen = new Set<string>();
    for (const record of view.ofKind('mtasts')) {
      if (!record.owner.startsWith('_mta-sts.') || seen.has(record.owner) || !isMtaStsVersionFirst(record.txt!.text)) continue;
      seen.add(record.owner);
      const domain = parentName(record.owner)!;
      const tlsrpt = `_smtp._tls.${domain}`;
      if (!isAuthoritativeFor(view, tlsrpt)) continue;
      if (view.recordsAt(tlsrpt).some((r) => r.type === 'CNAME' || view.kindOf(r) === 'tlsrpt')) continue;
      const line = `${tlsrpt} IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@${shown(domain)}"`;
      report(record.span, `${shown(domain)} has MTA-STS but no TLS-RPT record at ${shown(tlsrpt)}: senders cannot tell you when the policy makes delivery fail (RFC 8461 §6)`, {
        file: record.file,
        // Added above the MTA-STS record with an absolute owner, so $ORIGIN and inherited owners cannot change its meaning.
        fixes: record.ownerSpan
          ? [{ title: `Add a TLS-RPT record (reports to tlsrpt@${shown(domain)})`, edits: [{ span: { start: record.span.start, end: record.span.start }, newText: `${line}\n`, file: record.file }] }]
          : undefined,
      });
    }
  },
};

/** Octets of a name on the wire: a length octet per label, the label, and the root's zero octet. */
function wireNameOctets(name: string): number {
  if (name === '.') return 1;
  return splitLabels(name.slice(0, -1)).reduce((n, label) => n + 1 + labelOctets(label), 1);
}

/** Octets of a TXT record's rdata: each character-string's length octet and its octets. */
function txtRdataOctets(record: ResourceRecord): number {
  return (record.txt?.strings ?? []).reduce((n, s) => n + 1 + s.octets, 0);
}

/** RFC 7208 §3.4: name plus record text under 450 octets keeps the answer in a 512-octet UDP packet. */
export const UDP_TXT_BUDGET = 450;
/** DNS Flag Day 2020: the EDNS buffer size resolvers default to; larger answers fall back to TCP. */
export const EDNS_BUFFER = 1232;

/** The rdata octets of TXT records together: what an answer with all of them carries. */
function txtAnswerOctets(records: readonly ResourceRecord[]): number {
  return records.reduce((n, r) => n + txtRdataOctets(r), 0);
}

export const txtSizeUdp: ZoneRule = recordRule({
  id: 'txt-size-udp',
  severity: 'warning',
  summary: 'The name and TXT records at an SPF owner exceed 450 octets: the answer may not fit a 512-octet UDP packet.',
  rfc: 'RFC 7208 §3.4',
  each: { kind: 'spf' },
  checkRecord(view, record, report) {
    // Spoken once per owner, on its first SPF-kind TXT record (found before anything is counted: an owner may have many).
    const owner = record.owner;
    const spf = view.recordsAt(owner).find((r) => r.type === 'TXT' && isSpf(view, r));
    if (spf !== record) return;
    const txts = view.recordsAt(owner, 'TXT');
    const octets = txtAnswerOctets(txts);
    // A name is at most 255 octets: most answers are decided without counting theirs.
    if (255 + octets <= UDP_TXT_BUDGET) return;
    const size = wireNameOctets(owner) + octets;
    if (size <= UDP_TXT_BUDGET) return;
    report(spf.span, `the name and the ${txts.length} TXT record${txts.length > 1 ? 's' : ''} at ${shown(owner)} come to ${size} octets, over the ${UDP_TXT_BUDGET} RFC 7208 §3.4 advises: without EDNS the answer does not fit 512 octets, and SPF checks that cannot fall back to TCP fail`, {
      file: spf.file,
    });
  },
});

export const txtSizeEdns: ZoneRule = recordRule({
  id: 'txt-size-edns',
  severity: 'warning',
  summary: 'A TXT answer is larger than the 1232-octet EDNS buffer: resolvers must retry over TCP.',
  rfc: 'RFC 6891 §6.2.5',
  each: { types: ['TXT'] },
  checkRecord(view, record, report) {
    // Spoken once per owner, on its first TXT record (found before anything is counted: an owner may have many).
    const owner = record.owner;
    if (view.recordsAt(owner).find((r) => r.type === 'TXT') !== record) return;
    const txts = view.recordsAt(owner, 'TXT');
    // Header, question, one answer per record (compressed owner, type, class, TTL, length, rdata), and the OPT record.
    const rest = 12 + 4 + txts.length * (2 + 10) + txtAnswerOctets(txts) + 11;
    // A name is at most 255 octets: most answers are decided without counting theirs.
    if (rest + 255 <= EDNS_BUFFER) return;
    const size = wireNameOctets(owner) + rest;
    if (size <= EDNS_BUFFER) return;
    report(record.span, `a TXT query for ${shown(owner)} returns about ${size} octets, over the ${EDNS_BUFFER}-octet EDNS buffer resolvers use: every lookup falls back to TCP, and fails where TCP is blocked. Move records to other names or shorten them`, {
      file: record.file,
    });
  },
});

export const mailZoneRules: readonly ZoneRule[] = [
  mailNoSpf,
  mailNoDmarc,
  mailNullMxSpf,
  mailMtastsNoTlsrpt,
  mailMisplacedRecord,
  mailOwnerTypo,
  mailHistoricRecord,
  txtSizeUdp,
  txtSizeEdns,
];
