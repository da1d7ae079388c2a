/**
 * Record templates: a DMARC policy, a DKIM key record built from a PEM
 * public key, the MTA-STS and TLS-RPT pair, and a BIMI assertion record, as
 * the text of new zone entries and the edit that inserts them. What makes a
 * record well-formed is the record modules' business; these build records
 * that pass them (v= first, a key in the form verifiers read, strings of at
 * most 255 octets, report URIs with their scheme).
 */
import { decodeBase64, encodeBase64 } from '../records/dkim/base64';
import { wrapRsaKey } from '../records/dkim/fixes';
import { ED25519_SPKI_PREFIX, describeKey, readDkimKey } from '../records/dkim/key';
import { addressState, isAuthoritativeFor } from '../records/mail/zoneNames';
import type { MailKind } from '../model/classify';
import type { TextEdit } from '../rules/rule';
import type { Analysis } from '../service';
import type { ResourceRecord } from '../zone/ast';
import { absoluteName } from '../zone/names';
import { lineEnd, lineStart } from '../text/lines';
import { parenDepth } from '../zone/rules/common';
import { documentRecords, recordAt } from './locate';
import { stringsAsRdata, valuePieces } from './txtLayout';

export const DMARC_POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

/** What each policy asks of receivers, for pickers. */
export const DMARC_POLICY_NOTES: Readonly<Record<DmarcPolicy, string>> = {
  none: 'Monitor only: receivers deliver failing mail as usual and send reports. The first stage.',
  quarantine: 'Receivers treat failing mail as suspicious (spam folder). The second stage.',
  reject: 'Receivers refuse failing mail. The goal, once reports show only legitimate senders pass.',
};

export interface DmarcTemplate {
  readonly policy: DmarcPolicy;
  /** Aggregate report addresses: `name@host` or `mailto:`/`https:` URIs, comma-separated. */
  readonly rua?: string;
}

export type Built<T> = T | { readonly error: string };

/**
 * The DMARC value: `v=DMARC1; p=<policy>; rua=mailto:…`. A bare address
 * gets its `mailto:` (RFC 9989 §4.7 wants URIs; a bare address is the
 * commonest mistake).
 */
export function dmarcValue(template: DmarcTemplate): Built<string> {
  if (!DMARC_POLICIES.includes(template.policy)) return { error: `unknown policy '${template.policy}': use none, quarantine or reject` };
  const parts = ['v=DMARC1', `p=${template.policy}`];
  const uris = reportUris(template.rua ?? '');
  if ('error' in uris) return uris;
  if (uris.list.length) parts.push(`rua=${uris.list.join(',')}`);
  return parts.join('; ');
}

/**
 * Report addresses, comma-separated, as URIs: `mailto:` and `https:` as
 * given, a bare address with `mailto:` added. DMARC (RFC 9989 §4.7) and
 * TLS-RPT (RFC 8460 §3) both want URIs there.
 */
function reportUris(input: string): Built<{ readonly list: readonly string[] }> {
  const uris = input.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const uri of uris) {
    if (/[\s;!]/.test(uri)) return { error: `'${uri}' is not a report address: it may not contain spaces, ';' or '!'` };
    if (!/^(mailto|https):/i.test(uri) && !/^[^@]+@[^@]+\.[^@]+$/.test(uri)) return { error: `'${uri}' is neither an e-mail address nor a mailto: or https: URI` };
  }
  return { list: uris.map((u) => (/^(mailto|https):/i.test(u) ? u : `mailto:${u}`)) };
}

export interface DkimKeyValue {
  /** `v=DKIM1; k=rsa; p=…` */
  readonly value: string;
  readonly keyType: 'rsa' | 'ed25519';
  /** `2048-bit RSA (SubjectPublicKeyInfo)`, for the confirmation message. */
  readonly description: string;
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * The DKIM value for a public key pasted as PEM (`openssl rsa -pubout`,
 * `openssl pkey -pubout`), a PKCS#1 `RSA PUBLIC KEY`, or bare base64. RSA
 * keys are published as SubjectPublicKeyInfo (RFC 6376 App. C); Ed25519
 * keys as the raw 32 bytes (RFC 8463 §4.2), not in their PEM wrapping.
 */
export function dkimValueFromPem(input: string): Built<DkimKeyValue> {
  const text = input.trim();
  if (text === '') return { error: 'no key: paste the public key (-----BEGIN PUBLIC KEY----- …)' };
  const pem = PEM.exec(text);
  const label = pem?.[1];
  if (label?.includes('PRIVATE')) return { error: 'this is a private key: never publish it. Paste the public key (openssl pkey -in key.pem -pubout)' };
  if (/^ssh-|^ecdsa-/.test(text)) return { error: 'this is an OpenSSH key; convert it first: ssh-keygen -e -m PKCS8 -f key.pub' };
  if (text.startsWith('-----') && !pem) return { error: 'the PEM block is incomplete: it needs its BEGIN and END lines' };
  if (label && label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') return { error: `a PEM "${label}" is not a public key DKIM can use` };
  const body = (pem ? pem[2] : text).split(/\r?\n/).filter((line) => !/^[A-Za-z-]+:/.test(line)).join('').replace(/\s+/g, '');
  const decoded = decodeBase64(body);
  if ('error' in decoded) return { error: `the key is not valid base64: ${decoded.error}` };
  let bytes = decoded.bytes;
  if (label === 'RSA PUBLIC KEY') bytes = wrapRsaKey(bytes);
  const key = readDkimKey(bytes, 'rsa');
  switch (key.type) {
    case 'rsa': {
      if (key.bits < 1024) return { error: `a ${key.bits}-bit RSA key is rejected by verifiers (RFC 8301 §3.2): generate one of 2048 bits` };
      const spki = key.form === 'pkcs1' ? wrapRsaKey(bytes) : bytes;
      return { value: `v=DKIM1; k=rsa; p=${encodeBase64(spki)}`, keyType: 'rsa', description: describeKey(readDkimKey(spki, 'rsa')) };
    }
    case 'ed25519': {
      const raw = key.form === 'raw' ? key.raw : bytes.slice(ED25519_SPKI_PREFIX.length);
      return { value: `v=DKIM1; k=ed25519; p=${encodeBase64(raw)}`, keyType: 'ed25519', description: 'Ed25519 (raw 32-byte key, RFC 8463)' };
    }
    case 'unsupported':
      return { error: `an ${key.algorithm} key cannot sign DKIM mail: use RSA (2048 bits) or Ed25519 (RFC 8463)` };
    case 'invalid':
      return { error: `not a public key: ${key.reason}` };
  }
}

/** The origin in force at `offset` of the document: the initial origin, then each `$ORIGIN` before it. */
export function originAt(analysis: Analysis, offset: number): string | undefined {
  let origin = analysis.zone.origin;
  for (const d of analysis.zone.directives) {
    if (d.file || d.name !== '$ORIGIN' || d.span.start >= offset || !d.args[0]) continue;
    const r = absoluteName(d.args[0].raw, origin);
    if ('name' in r) origin = r.name;
  }
  return origin;
}

/** `owner` as written under `origin`: `@`, a relative name, or the absolute name. */
export function relativeOwner(owner: string, origin: string | undefined): string {
  if (!origin) return owner;
  if (owner === origin) return '@';
  return owner.endsWith(`.${origin}`) ? owner.slice(0, -origin.length - 1) : owner;
}

/**
 * Where a new entry goes: after the entry the cursor is in (or the last one
 * before it), at the start of the next line; at the end without a cursor.
 * Entries that follow without an owner of their own inherit the one above,
 * so the new entry goes after them: put between, it would take them over.
 */
export function insertionPoint(analysis: Analysis, offset?: number): number {
  const text = analysis.text;
  if (offset === undefined) return text.length;
  const records = documentRecords(analysis.zone);
  const record = recordAt(records, offset) ?? [...records].reverse().find((r) => r.span.start <= offset);
  let at = record && record.span.end >= offset - 1 ? lineAfter(text, record) : lineAfterOffset(text, Math.min(offset, text.length));
  for (let next = records.find((r) => r.span.start >= at); next && !next.ownerSpan; next = records.find((r) => r.span.start >= at)) {
    at = lineAfter(text, next);
  }
  return at;
}

/** The start of the line after an entry: after its closing parenthesis when it spans lines. */
function lineAfter(text: string, record: ResourceRecord): number {
  let end = record.span.end;
  if (parenDepth(text, record.span.start, end) > 0) {
    const close = text.indexOf(')', end);
    if (close >= 0) end = close;
  }
  return lineAfterOffset(text, end);
}

function lineAfterOffset(text: string, offset: number): number {
  const eol = lineEnd(text, offset);
  if (eol >= text.length) return text.length;
  return text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
}

export interface NewRecord {
  /** Absolute owner. */
  readonly owner: string;
  readonly value: string;
  readonly kind: MailKind;
}

/** One line of a template: a TXT record, a record of another type with its rdata as written, or a comment. */
export type NewEntry = NewRecord | { readonly owner: string; readonly type: 'CNAME'; readonly rdata: string } | { readonly comment: string };

export interface Insertion {
  readonly edit: TextEdit;
  /** The entry as inserted, for messages. */
  readonly entry: string;
}

/**
 * The edit that inserts a TXT entry for `record` at `at`: the owner written
 * relative to the origin in force there, padded to the column the entry
 * before it uses, and the value in strings of at most 255 octets.
 */
export function insertTxtRecord(analysis: Analysis, record: NewRecord, at: number): Insertion {
  return insertEntries(analysis, [record], at);
}

/** Several entries inserted together at `at`, each laid out as {@link insertTxtRecord} lays out one. */
export function insertEntries(analysis: Analysis, entries: readonly NewEntry[], at: number): Insertion {
  const text = analysis.text;
  const origin = originAt(analysis, at);
  const before = [...documentRecords(analysis.zone)].reverse().find((r) => r.span.end <= at && r.ownerSpan);
  // The column where the entry before has its first field after the owner (TTL, class or type).
  const first = before && Math.min(...[before.ttlSpan, before.classSpan, before.typeSpan].filter((s) => s !== undefined).map((s) => s.start));
  const column = before && first !== undefined ? Math.min(first - lineStart(text, before.span.start), 40) : 0;
  const lines = entries.map((entry) => {
    if ('comment' in entry) return `; ${entry.comment}`;
    const owner = relativeOwner(entry.owner, origin);
    const type = 'type' in entry ? entry.type : 'TXT';
    const head = `${owner.padEnd(Math.max(owner.length + 1, column))}IN ${type} `;
    if ('type' in entry) return `${head}${entry.rdata}`;
    return `${head}${stringsAsRdata(valuePieces(entry.value, entry.kind), ' '.repeat(head.length), false)}`;
  });
  const needsBreak = at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r';
  const entry = lines.join('\n');
  return { edit: { span: { start: at, end: at }, newText: `${needsBreak ? '\n' : ''}${entry}\n` }, entry };
}

/** The domain a template is for: the one given, else the origin at the insertion point, else the zone's apex. */
export function templateDomain(analysis: Analysis, at: number, given?: string): Built<string> {
  if (given && given.trim()) {
    const r = absoluteName(given.trim(), originAt(analysis, at));
    return 'error' in r ? { error: `'${given}': ${r.error}` } : r.name;
  }
  const origin = originAt(analysis, at) ?? analysis.zone.records.find((r) => r.type === 'SOA')?.owner;
  return origin ?? { error: 'the zone has no $ORIGIN or SOA to say which domain this is for: give the domain' };
}

/** `_dmarc.<domain>` entry for the template, unless the domain already has a DMARC record. */
export function dmarcInsertion(analysis: Analysis, template: DmarcTemplate & { readonly domain?: string; readonly offset?: number }): Built<Insertion> {
  const at = insertionPoint(analysis, template.offset);
  const domain = templateDomain(analysis, at, template.domain);
  if (typeof domain !== 'string') return domain;
  const owner = `_dmarc.${domain}`;
  const existing = analysis.view.recordsAt(owner).find((r) => analysis.view.kindOf(r) === 'dmarc');
  if (existing) return { error: `${owner} already has a DMARC record: edit that one (a second record makes receivers ignore both)` };
  const value = dmarcValue(template);
  if (typeof value !== 'string') return value;
  return insertTxtRecord(analysis, { owner, value, kind: 'dmarc' }, at);
}

const SELECTOR = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `<selector>._domainkey.<domain>` entry for a pasted public key. */
export function dkimInsertion(
  analysis: Analysis,
  request: { readonly selector: string; readonly key: string; readonly domain?: string; readonly offset?: number },
): Built<Insertion & { readonly key: DkimKeyValue }> {
  const selector = request.selector.trim();
  if (!SELECTOR.test(selector)) return { error: `'${request.selector}' is not a selector: use letters, digits and hyphens (RFC 6376 §3.1)` };
  const key = dkimValueFromPem(request.key);
  if ('error' in key) return key;
  const at = insertionPoint(analysis, request.offset);
  const domain = templateDomain(analysis, at, request.domain);
  if (typeof domain !== 'string') return domain;
  const owner = `${selector.toLowerCase()}._domainkey.${domain}`;
  if (analysis.view.recordsAt(owner).some((r) => r.type === 'TXT')) return { error: `${owner} already has a TXT record: choose a new selector for a new key` };
  return { ...insertTxtRecord(analysis, { owner, value: key.value, kind: 'dkim' }, at), key };
}

/** `20260601093000Z`: the UTC time as an MTA-STS policy id (RFC 8461 §3.1: 1 to 32 letters and digits). */
export function mtaStsId(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

export interface MtaStsTemplate {
  readonly domain?: string;
  readonly offset?: number;
  /** Where TLS reports go: addresses or `mailto:`/`https:` URIs, comma-separated; `tlsrpt@<domain>` when absent. */
  readonly reports?: string;
  /**
   * The web host that serves the policy file, for a CNAME at
   * `mta-sts.<domain>` when the zone has no address there. Without it, a
   * comment says what is missing, and `mtasts-no-policy-host` keeps saying
   * so until the name has an address.
   */
  readonly policyHost?: string;
}

export interface MtaStsInsertion extends Insertion {
  /** The policy domain, without the final dot. */
  readonly domain: string;
  readonly id: string;
  /** What the zone does for `mta-sts.<domain>`: had an address, got a CNAME, got a comment, or holds no such name. */
  readonly policyHost: 'present' | 'cname' | 'comment' | 'elsewhere';
  /** The TLS-RPT record was left out: the domain has one. */
  readonly tlsRptKept: boolean;
}

/**
 * `_mta-sts.<domain>` with a fresh id, the policy host if the zone lacks it,
 * and `_smtp._tls.<domain>` for TLS reports (RFC 8461 §3.1, §3.2; RFC 8460
 * §3), unless the domain already has them.
 */
export function mtaStsInsertion(analysis: Analysis, template: MtaStsTemplate, now: Date): Built<MtaStsInsertion> {
  const at = insertionPoint(analysis, template.offset);
  const domain = templateDomain(analysis, at, template.domain);
  if (typeof domain !== 'string') return domain;
  const view = analysis.view;
  const owner = `_mta-sts.${domain}`;
  if (view.recordsAt(owner).some((r) => view.kindOf(r) === 'mtasts')) {
    return { error: `${owner} already has an MTA-STS record: edit that one, and give it a new id whenever the policy file changes` };
  }
  const bare = domain.slice(0, -1);
  const reports = reportUris(template.reports?.trim() || `tlsrpt@${bare}`);
  if ('error' in reports) return reports;
  const id = mtaStsId(now);
  const entries: NewEntry[] = [{ owner, value: `v=STSv1; id=${id}`, kind: 'mtasts' }];

  const host = `mta-sts.${domain}`;
  let policyHost: MtaStsInsertion['policyHost'] = 'elsewhere';
  if (isAuthoritativeFor(view, host)) {
    if (addressState(view, host) !== 'none') policyHost = 'present';
    else if (template.policyHost?.trim()) {
      const target = absoluteName(template.policyHost.trim().replace(/\.?$/, '.'), undefined);
      if ('error' in target) return { error: `'${template.policyHost}': ${target.error}` };
      entries.push({ owner: host, type: 'CNAME', rdata: target.name });
      policyHost = 'cname';
    } else {
      entries.push({ comment: `${host.slice(0, -1)} needs an A/AAAA record or a CNAME to the web host that serves https://${host.slice(0, -1)}/.well-known/mta-sts.txt` });
      policyHost = 'comment';
    }
  }

  const tlsOwner = `_smtp._tls.${domain}`;
  const tlsRptKept = view.recordsAt(tlsOwner).some((r) => view.kindOf(r) === 'tlsrpt');
  if (!tlsRptKept) entries.push({ owner: tlsOwner, value: `v=TLSRPTv1; rua=${reports.list.join(',')}`, kind: 'tlsrpt' });
  return { ...insertEntries(analysis, entries, at), domain: bare, id, policyHost, tlsRptKept };
}

export interface BimiTemplate {
  readonly domain?: string;
  readonly offset?: number;
  /** `default` unless mail carries a BIMI-Selector header. */
  readonly selector?: string;
  /** HTTPS URI of the SVG logo; `https://<domain>/bimi/logo.svg` when absent, to be replaced by the real one. */
  readonly logo?: string;
  /** HTTPS URI of the mark certificate (VMC or CMC); `a=` is written only with one. */
  readonly evidence?: string;
}

/** An https: URI with a host, as BIMI's l= and a= require. */
function httpsUri(value: string, what: string): Built<string> {
  const uri = value.trim();
  if (/[\s;,]/.test(uri)) return { error: `'${uri}' is not a URI for ${what}: it may not contain spaces, ';' or ','` };
  if (!/^https:\/\/[^/\s]+\.[^/\s]+\/\S*$/i.test(uri)) return { error: `'${uri}' is not an https:// URI with a host and a path: receivers fetch ${what} only over HTTPS` };
  return uri;
}

/**
 * `<selector>._bimi.<domain>` with the logo's URI and, when given, the mark
 * certificate's (BIMI draft §5.3). Receivers show the logo only while the
 * domain's DMARC policy is at enforcement; `bimi-dmarc-not-enforced` says so.
 */
export function bimiInsertion(analysis: Analysis, template: BimiTemplate): Built<Insertion> {
  const selector = (template.selector?.trim() || 'default').toLowerCase();
  if (!SELECTOR.test(selector)) return { error: `'${template.selector}' is not a selector: use letters, digits and hyphens` };
  const at = insertionPoint(analysis, template.offset);
  const domain = templateDomain(analysis, at, template.domain);
  if (typeof domain !== 'string') return domain;
  const owner = `${selector}._bimi.${domain}`;
  if (analysis.view.recordsAt(owner).some((r) => r.type === 'TXT')) return { error: `${owner} already has a TXT record: edit that one` };
  const logo = httpsUri(template.logo?.trim() || `https://${domain.slice(0, -1)}/bimi/logo.svg`, 'the logo');
  if (typeof logo !== 'string') return logo;
  if (!/\.svgz?$/i.test(logo.split(/[?#]/)[0])) return { error: `'${logo}' is not an SVG file: the logo must be SVG Tiny PS (.svg)` };
  let value = `v=BIMI1; l=${logo}`;
  if (template.evidence?.trim()) {
    const evidence = httpsUri(template.evidence, 'the mark certificate');
    if (typeof evidence !== 'string') return evidence;
    value += `; a=${evidence}`;
  }
  return insertTxtRecord(analysis, { owner, value, kind: 'bimi' }, at);
}
