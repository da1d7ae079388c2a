/**
 * DANE for SMTP (RFC 7672): TLSA records at `_25._tcp.<mx host>` let a
 * sender authenticate the MX host's certificate from DNSSEC-signed DNS, and
 * make STARTTLS mandatory for it. These rules check that the records can be
 * used (parameters, owner names), that SMTP clients will use them (DANE-TA
 * and DANE-EE only), and that every MX host of a domain is covered, since an
 * uncovered one is a downgrade path.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import type { Fix } from '../../rules/rule';
import type { ZoneRule } from '../../rules/zoneRule';
import { perView } from '../../rules/perView';
import { isMtaStsVersionFirst } from '../mtasts/parse';
import { absolute, addressState, hasNullMx, isAuthoritativeFor, shown } from '../mail/zoneNames';
import { exchangeAddress } from '../mx/rules';
import { readTlsaOwner, smtpTlsaHost, tlsaFields, TLSA_MATCHING_TYPES, TLSA_SELECTORS, TLSA_USAGES } from './tlsa';

const fieldSpan = (record: ResourceRecord, index: number) => record.rdata[index]?.span ?? record.span;

/** The span of the association data: its first token to its last. */
function dataSpan(record: ResourceRecord) {
  const tokens = record.rdata.slice(3);
  return tokens.length ? { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end } : record.span;
}

export const daneTlsaUsage: ZoneRule = {
  id: 'dane-tlsa-usage',
  severity: 'warning',
  summary: 'A TLSA record for SMTP uses a PKIX usage (0 or 1), which SMTP clients ignore.',
  rfc: 'RFC 7672 §3.1.3',
  reads: { types: ['TLSA'] },
  check(view, report) {
    for (const record of view.ofType('TLSA')) {
      const fields = tlsaFields(record);
      if (!fields || (fields.usage !== 0 && fields.usage !== 1) || !smtpTlsaHost(record.owner)) continue;
      // The association data stays right when only the usage changes: PKIX-EE and DANE-EE both name the server's
      // certificate, PKIX-TA and DANE-TA both a CA in its chain.
      const to = fields.usage === 1 ? 3 : 2;
      const fix: Fix = { title: `Use usage ${to} (${TLSA_USAGES[to].name}) with the same data`, edits: [{ file: record.file, span: fieldSpan(record, 0), newText: String(to) }], preferred: fields.usage === 1 };
      const name = TLSA_USAGES[fields.usage].name;
      report(fieldSpan(record, 0), `usage ${fields.usage} (${name}) is not used for SMTP: RFC 7672 §3.1.3 tells senders to treat it as unusable, so this record protects nothing. Publish ${to} ${fields.selector} ${fields.matchingType} with the same data${to === 3 && fields.selector === 1 && fields.matchingType === 1 ? '' : ', or the usual "3 1 1" (the SHA-256 of the server\'s public key)'}`, {
        file: record.file,
        fixes: [fix],
      });
    }
  },
};

export const daneTlsaParams: ZoneRule = {
  id: 'dane-tlsa-params',
  severity: 'error',
  summary: 'A TLSA record has an unknown usage, selector or matching type, or a digest of the wrong length.',
  rfc: 'RFC 6698 §2.1, RFC 7672 §3.1',
  reads: { types: ['TLSA'] },
  check(view, report) {
    for (const record of view.ofType('TLSA')) {
      const fields = tlsaFields(record);
      if (!fields) continue;
      const options = { file: record.file };
      const unknown = (index: number, what: string, value: number, known: readonly { value: number; name: string }[]) =>
        report(fieldSpan(record, index), `${what} ${value} is not defined (${known.map((k) => `${k.value} ${k.name}`).join(', ')}): senders treat the record as unusable, and a host with no usable TLSA record gets no DANE authentication`, options);
      if (!TLSA_USAGES.some((u) => u.value === fields.usage)) unknown(0, 'usage', fields.usage, TLSA_USAGES);
      else if (!TLSA_SELECTORS.some((s) => s.value === fields.selector)) unknown(1, 'selector', fields.selector, TLSA_SELECTORS);
      else if (!TLSA_MATCHING_TYPES.some((m) => m.value === fields.matchingType)) unknown(2, 'matching type', fields.matchingType, TLSA_MATCHING_TYPES);
      else {
        const type = TLSA_MATCHING_TYPES[fields.matchingType];
        const octets = fields.data.length / 2;
        if (type.octets === undefined || octets === type.octets) continue;
        const fits = TLSA_MATCHING_TYPES.find((m) => m.octets === octets);
        const fixes: Fix[] = fits ? [{ title: `Use matching type ${fits.value} (${fits.name}), which a ${octets}-octet digest fits`, edits: [{ file: record.file, span: fieldSpan(record, 2), newText: String(fits.value) }] }] : [];
        report(dataSpan(record), `matching type ${fields.matchingType} (${type.name}) takes a ${type.octets}-octet digest, but this one has ${octets} octets: it can never match, so senders find no usable record${fits ? ` (a ${octets}-octet value is a ${fits.name} digest: is the matching type wrong?)` : ''}`, {
          ...options,
          fixes,
        });
      }
    }
  },
};

/** The names MX records of this zone point at. */
function mxTargets(view: ZoneView): Set<string> {
  const targets = new Set<string>();
  for (const record of view.ofType('MX')) {
    const exchange = record.fields?.exchange;
    if (typeof exchange === 'string' && exchange !== '.') targets.add(absolute(exchange));
  }
  return targets;
}

export const daneTlsaOwner: ZoneRule = {
  id: 'dane-tlsa-owner',
  severity: 'warning',
  summary: "A TLSA record's owner is not _<port>._<proto>.<host> (a typo such as _tpc is an error), or is _25._tcp of a name no MX points at.",
  rfc: 'RFC 6698 §3, RFC 7672 §2.2.3',
  reads: { types: ['MX'] },
  check(view, report) {
    let targets: Set<string> | undefined;
    for (const record of view.ofType('TLSA')) {
      const span = record.ownerSpan ?? record.span;
      const owner = readTlsaOwner(record.owner);
      if (owner.kind === 'typo') {
        const text = record.file ? view.zone.files.get(record.file) : view.zone.text;
        const written = record.ownerSpan && text ? text.slice(record.ownerSpan.start, record.ownerSpan.end) : undefined;
        const fixes: Fix[] = written?.toLowerCase().startsWith(owner.wrongPrefix)
          ? [{ title: `Change '${owner.wrong}' to '${owner.right}'`, edits: [{ file: record.file, span: { start: span.start, end: span.start + owner.wrongPrefix.length }, newText: owner.rightPrefix }], preferred: true }]
          : [];
        report(span, `'${owner.wrong}' looks like a slip for '${owner.right}': senders look for ${shown(owner.corrected)} and never find this record, so the host has no DANE protection`, {
          severity: 'error',
          file: record.file,
          fixes,
        });
        continue;
      }
      if (owner.kind === 'other') {
        report(span, `a TLSA record belongs at _<port>._<protocol>.<host> (RFC 6698 §3), as in _25._tcp.mail.example.com for SMTP; no client looks it up at ${shown(record.owner)}`, { file: record.file });
        continue;
      }
      if (owner.port !== 25 || owner.protocol !== '_tcp') continue;
      targets ??= mxTargets(view);
      // A host with an address may be named by other zones' MX records (a provider's zone), so only a name
      // this zone says has no address, and no MX of the zone names, is certainly a name no sender visits.
      if (targets.has(owner.host) || !isAuthoritativeFor(view, owner.host) || addressState(view, owner.host) !== 'none') continue;
      report(span, `${shown(owner.host)} is no MX target of this zone and has no address: senders look up _25._tcp only for the MX hosts they connect to, so this record is never used. Is the host name misspelt?`, { file: record.file });
    }
  },
};

/**
 * The domains with MX records in this zone whose hosts this zone can speak
 * for and of which at least one host has TLSA records, each with its
 * distinct hosts: a domain none of whose hosts has TLSA records is neither
 * partly covered nor covered apart from its MTA-STS policy, which is all the
 * two rules reading this say.
 */
interface DaneCoverage {
  readonly domain: string;
  readonly mx: ResourceRecord;
  readonly covered: string[];
  readonly uncovered: string[];
  readonly mtaSts: boolean;
}

/** The coverage of a view, computed once for dane-partial and dane-mtasts-mismatch, which both read it. */
const coverage = perView((view): readonly DaneCoverage[] => computeCoverage(view));

function computeCoverage(view: ZoneView): DaneCoverage[] {
  const out: DaneCoverage[] = [];
  // Most domains of a zone have no TLSA records at any host: one pass over the TLSA records finds those that do,
  // and only their hosts are looked up one by one.
  const withTlsa = new Set<string>();
  for (const record of view.ofType('TLSA')) withTlsa.add(record.owner);
  if (withTlsa.size === 0) return out;
  const seen = new Set<string>();
  for (const record of view.ofType('MX')) {
    const domain = record.owner;
    if (seen.has(domain)) continue;
    seen.add(domain);
    if (!isAuthoritativeFor(view, domain) || hasNullMx(view, domain)) continue;
    const mxRecords = view.recordsAt(domain, 'MX').filter((r) => !exchangeAddress(r));
    const hosts = [...new Set(mxRecords.filter((r) => r.fields?.exchange !== '.').map((r) => absolute(String(r.fields?.exchange))))];
    if (!hosts.some((host) => withTlsa.has(`_25._tcp.${host}`))) continue;
    const covered: string[] = [];
    const uncovered: string[] = [];
    for (const host of hosts) {
      const tlsa = `_25._tcp.${host}`;
      // An exchange that is an alias, an address or a name without addresses is another rule's finding.
      if (view.recordsAt(tlsa, 'TLSA').length === 0 && (!isAuthoritativeFor(view, host) || addressState(view, host) !== 'address')) continue;
      if (view.recordsAt(tlsa, 'TLSA').length > 0) covered.push(host);
      // A host in another zone may well have TLSA records there: only this zone's hosts count as uncovered.
      else if (isAuthoritativeFor(view, tlsa)) uncovered.push(host);
    }
    const mtaSts = view.recordsAt(`_mta-sts.${domain}`).some((r) => view.kindOf(r) === 'mtasts' && r.txt !== undefined && isMtaStsVersionFirst(r.txt.text));
    const firstUncovered = mxRecords.find((r) => uncovered.includes(absolute(String(r.fields?.exchange)))) ?? record;
    out.push({ domain, mx: firstUncovered, covered, uncovered, mtaSts });
  }
  return out;
}

const list = (hosts: readonly string[]) => hosts.map(shown).join(', ');

export const danePartial: ZoneRule = {
  id: 'dane-partial',
  severity: 'warning',
  summary: 'Some MX hosts of a domain have TLSA records and others do not, which leaves a downgrade path.',
  rfc: 'RFC 7672 §2.2',
  reads: { types: ['MX'], kinds: ['mtasts'] },
  check(view, report) {
    for (const { domain, mx, covered, uncovered, mtaSts } of coverage(view)) {
      // With MTA-STS, the hosts without TLSA still have a policy: dane-mtasts-mismatch speaks instead.
      if (covered.length === 0 || uncovered.length === 0 || mtaSts) continue;
      report(fieldSpan(mx, 1), `${list(covered)} ha${covered.length > 1 ? 've' : 's'} TLSA records but ${list(uncovered)} of ${shown(domain)} ha${uncovered.length > 1 ? 've' : 's'} none: an attacker who blocks the protected hosts makes senders deliver to the unprotected one${uncovered.length > 1 ? 's' : ''} without authentication. Publish _25._tcp TLSA records for every MX host`, {
        file: mx.file,
      });
    }
  },
};

export const daneMtastsMismatch: ZoneRule = {
  id: 'dane-mtasts-mismatch',
  severity: 'info',
  summary: 'A domain with both MTA-STS and DANE protects some MX hosts with DANE and the others with MTA-STS alone.',
  rfc: 'RFC 8461 §2, RFC 7672 §2.2',
  reads: { types: ['MX'], kinds: ['mtasts'] },
  check(view, report) {
    for (const { domain, mx, covered, uncovered, mtaSts } of coverage(view)) {
      if (covered.length === 0 || uncovered.length === 0 || !mtaSts) continue;
      report(fieldSpan(mx, 1), `${shown(domain)} publishes MTA-STS and DANE, but only ${list(covered)} ha${covered.length > 1 ? 've' : 's'} TLSA records: ${list(uncovered)} ${uncovered.length > 1 ? 'are' : 'is'} protected by the MTA-STS policy alone, which senders cache and which is weaker in testing mode. Publish TLSA records for every MX host, or none, so both mechanisms cover the same hosts`, {
        file: mx.file,
      });
    }
  },
};

export const daneRules: readonly ZoneRule[] = [daneTlsaUsage, daneTlsaParams, daneTlsaOwner, danePartial, daneMtastsMismatch];
