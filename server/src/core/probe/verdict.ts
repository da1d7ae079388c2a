/**
 * The STARTTLS probe's judgement: from what was observed (observation.ts)
 * to pass, info, warn or fail per check. A check fails when senders that
 * enforce the mechanism it covers would not deliver (MTA-STS in enforce
 * mode, usable DANE records) or when a mail client would refuse the
 * submission server; it warns when mail still flows but unprotected.
 */
import { mxPatternMatches } from '../mtaStsPolicy/mxPattern';
import { parsePolicy } from '../mtaStsPolicy/parse';
import { certificateNames, nameFor } from './certNames';
import { EXPIRY_WARNING_DAYS, type CheckStatus } from './checks';
import type { ObservedMtaSts, ObservedSession, ObservedTls, ObservedTlsa } from './observation';
import { daneCheck, isUsableForSmtp } from './tlsaMatch';

export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
}

/** The MTA-STS policy as the probe uses it. */
export interface PolicyView {
  readonly mode?: 'enforce' | 'testing' | 'none';
  readonly mx: readonly string[];
  readonly maxAge?: number;
  /** Why the policy text is not a usable STSv1 policy, when it is not. */
  readonly invalid?: string;
}

/** Reads a fetched policy file (RFC 8461 §3.2): the first of each field counts. */
export function readPolicy(text: string): PolicyView {
  const { lines } = parsePolicy(text);
  const first = (key: string) => lines.find((l) => l.key === key)?.value;
  const modeValue = first('mode');
  const mode = modeValue === 'enforce' || modeValue === 'testing' || modeValue === 'none' ? modeValue : undefined;
  const mx = lines.filter((l) => l.key === 'mx').map((l) => l.value);
  const maxAge = first('max_age');
  let invalid: string | undefined;
  if (first('version') !== 'STSv1') invalid = "the policy has no 'version: STSv1' line";
  else if (!mode) invalid = `the policy's mode is ${modeValue === undefined ? 'missing' : `'${modeValue}'`}`;
  return { mode, mx, maxAge: maxAge !== undefined && /^\d{1,10}$/.test(maxAge) ? Number(maxAge) : undefined, invalid };
}

export interface DomainPolicy {
  readonly mtaSts: ObservedMtaSts;
  readonly policy?: PolicyView;
}

/** The domain-level MTA-STS facts, read once for all its MX hosts. */
export function domainPolicy(mtaSts: ObservedMtaSts): DomainPolicy {
  return { mtaSts, policy: mtaSts.policyText !== undefined ? readPolicy(mtaSts.policyText) : undefined };
}

const bare = (name: string): string => name.replace(/\.$/, '');

const DAY_MS = 86_400_000;

function tlsChecks(tls: ObservedTls, host: string, now: Date, strict: boolean, daneAuthenticated: boolean): CheckResult[] {
  const out: CheckResult[] = [];
  const version = tls.protocol ?? 'unknown';
  out.push(
    version === 'TLSv1.3' || version === 'TLSv1.2'
      ? { id: 'probe-tls-version', status: 'pass', message: `${version}${tls.cipher ? ` with ${tls.cipher}` : ''}` }
      : { id: 'probe-tls-version', status: 'warn', message: `${version}: TLS 1.0 and 1.1 are deprecated (RFC 8996); enable TLS 1.2 and 1.3` },
  );
  // Where PKIX does not decide (a DANE-authenticated MX host), a bad chain or name is information only.
  const badStatus: CheckStatus = daneAuthenticated ? 'info' : strict ? 'fail' : 'warn';
  const leaf = tls.chain[0];
  const consequence = strict ? 'mail clients refuse the connection' : daneAuthenticated ? 'DANE senders do not need it, but MTA-STS senders refuse it' : 'senders using opportunistic TLS deliver anyway, but MTA-STS cannot authenticate the host';
  if (tls.chainTrusted) out.push({ id: 'probe-cert-chain', status: 'pass', message: `the chain leads to a trusted root (${tls.chain.length} certificate${tls.chain.length === 1 ? '' : 's'} long)` });
  else out.push({ id: 'probe-cert-chain', status: badStatus, message: `the chain is not trusted: ${explainChainError(tls.chainError)}; ${consequence}` });
  if (leaf) {
    const name = nameFor(leaf, host);
    if (name) out.push({ id: 'probe-cert-name', status: 'pass', message: `the certificate names ${bare(host)}${name.startsWith('*') ? ` (as ${name})` : ''}` });
    else out.push({ id: 'probe-cert-name', status: badStatus, message: `the certificate names ${certificateNames(leaf).join(', ') || 'nothing'}, not ${bare(host)}; ${consequence}` });
    const left = Date.parse(leaf.validTo) - now.getTime();
    if (tls.chainTrusted && left >= 0 && left < EXPIRY_WARNING_DAYS * DAY_MS) {
      out.push({ id: 'probe-cert-dates', status: 'warn', message: `the certificate expires on ${leaf.validTo.slice(0, 10)}, in ${Math.ceil(left / DAY_MS)} day(s)` });
    }
  }
  return out;
}

/** The TLS library's reason for an untrusted chain, in words. */
export function explainChainError(code: string | undefined): string {
  const known: Record<string, string> = {
    CERT_HAS_EXPIRED: 'the certificate has expired',
    CERT_NOT_YET_VALID: 'the certificate is not valid yet',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed root that is not trusted',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is not a trusted CA (or the server does not send the intermediate certificate)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer is not a trusted CA (or the server does not send the intermediate certificate)',
  };
  return code ? `${known[code] ?? 'it does not verify'} (${code})` : 'it does not verify';
}

function sessionFailure(session: ObservedSession, strict: boolean): CheckResult | undefined {
  const error = session.error;
  if (!error) return undefined;
  const where = `${bare(session.host)}${session.address ? ` [${session.address}]` : ''}:${session.port}`;
  if (error.step === 'handshake' || error.step === 'starttls') {
    return { id: 'probe-starttls', status: 'fail', message: `${error.step === 'starttls' ? 'STARTTLS was refused' : 'the TLS handshake failed'} at ${where}: ${error.message}${strict ? '' : '; senders fall back to plaintext'}` };
  }
  return { id: 'probe-connect', status: 'fail', message: `${error.step === 'resolve' ? 'cannot resolve' : 'cannot talk to'} ${where} (${error.step}): ${error.message}` };
}

/**
 * Judges one MX host: STARTTLS, the TLS it negotiated, its certificate, the
 * domain's MTA-STS policy and the host's TLSA records. `tlsa` is undefined
 * when the lookup failed (`tlsaError` says why).
 */
export function judgeMx(session: ObservedSession, tlsa: readonly ObservedTlsa[] | undefined, tlsaError: string | undefined, domain: DomainPolicy, now: Date): CheckResult[] {
  const out: CheckResult[] = [];
  const host = session.host;
  const { policy, mtaSts } = domain;
  const enforced = policy && !policy.invalid && policy.mode === 'enforce';
  const usableTlsa = (tlsa ?? []).filter(isUsableForSmtp);
  const mustTls = Boolean(enforced) || usableTlsa.length > 0;
  const failure = sessionFailure(session, false);
  const dane = session.tls && tlsa && tlsa.length > 0 ? daneCheck(tlsa, session.tls, host) : undefined;
  if (failure) out.push(failure);
  else if (session.starttlsOffered === false) {
    out.push({
      id: 'probe-starttls',
      status: 'fail',
      message: `the server does not offer STARTTLS: mail to it travels in plaintext${mustTls ? `, and senders that enforce ${[enforced ? 'MTA-STS' : '', usableTlsa.length ? 'DANE' : ''].filter(Boolean).join(' and ')} do not deliver to it` : ''}`,
    });
  } else if (session.tls) {
    out.push({ id: 'probe-starttls', status: 'pass', message: 'STARTTLS offered; the TLS handshake completed' });
    out.push(...tlsChecks(session.tls, host, now, false, dane?.status === 'match'));
  }
  // MTA-STS: the pattern match needs no connection; the certificate part needs the handshake.
  if (!mtaSts.record) out.push({ id: 'probe-mta-sts', status: 'info', message: 'the domain publishes no MTA-STS record' });
  else if (!policy) out.push({ id: 'probe-mta-sts', status: 'warn', message: `the policy could not be fetched (${mtaSts.fetchError ?? 'no answer'}): senders without a cached policy deliver without MTA-STS` });
  else if (policy.invalid) out.push({ id: 'probe-mta-sts', status: 'warn', message: `${policy.invalid}: senders ignore the policy` });
  else if (policy.mode === 'none') out.push({ id: 'probe-mta-sts', status: 'info', message: "the policy's mode is 'none': senders do not apply it" });
  else {
    const pattern = policy.mx.find((p) => mxPatternMatches(p, host));
    const bad: CheckStatus = policy.mode === 'enforce' ? 'fail' : 'warn';
    const effect = policy.mode === 'enforce' ? 'senders that honour MTA-STS do not deliver to it' : 'senders report each delivery to it as a failure (testing mode)';
    if (!pattern) out.push({ id: 'probe-mta-sts', status: bad, message: `${bare(host)} matches none of the policy's mx patterns (${policy.mx.join(', ') || 'none'}): ${effect}` });
    else if (session.tls) {
      const leaf = session.tls.chain[0];
      const problems = [!session.tls.chainTrusted ? 'its chain is not trusted' : '', leaf && !nameFor(leaf, host) ? `it does not name ${bare(host)}` : ''].filter(Boolean);
      if (problems.length) out.push({ id: 'probe-mta-sts', status: bad, message: `${bare(host)} matches the pattern '${pattern}', but its certificate fails the policy's checks (${problems.join(', ')}): ${effect}` });
      else out.push({ id: 'probe-mta-sts', status: 'pass', message: `${bare(host)} matches the pattern '${pattern}' and its certificate passes (mode ${policy.mode})` });
    } else if (!failure || failure.id === 'probe-starttls') {
      out.push({ id: 'probe-mta-sts', status: bad, message: `${bare(host)} matches the pattern '${pattern}', but without TLS ${effect}` });
    }
  }
  // DANE (RFC 7672): no DNSSEC validation here; the records are taken as DNS returned them.
  if (tlsa === undefined) out.push({ id: 'probe-dane', status: 'warn', message: `the TLSA lookup for _25._tcp.${bare(host)} failed: ${tlsaError ?? 'no answer'}` });
  else if (tlsa.length === 0) out.push({ id: 'probe-dane', status: 'info', message: `no TLSA records at _25._tcp.${bare(host)}: DANE does not protect this host` });
  else if (usableTlsa.length === 0) out.push({ id: 'probe-dane', status: 'warn', message: `the TLSA records at _25._tcp.${bare(host)} are all unusable for SMTP (only usages 2 and 3 count, RFC 7672 §3.1.3): DANE senders use TLS without authentication` });
  else if (dane?.status === 'match') out.push({ id: 'probe-dane', status: 'pass', message: `${dane.how} (${dane.record.usage} ${dane.record.selector} ${dane.record.matchingType})` });
  else if (dane?.status === 'mismatch') out.push({ id: 'probe-dane', status: 'fail', message: `${dane.reason}: DANE senders defer mail to this host` });
  else out.push({ id: 'probe-dane', status: 'fail', message: `${usableTlsa.length} usable TLSA record${usableTlsa.length > 1 ? 's' : ''}, but no TLS session to match them against: DANE senders defer mail to this host` });
  return out;
}

/**
 * Judges a submission host (RFC 8314): STARTTLS on 587, implicit TLS on 465.
 * Mail clients send passwords here, so any TLS or certificate problem fails.
 */
export function judgeSubmission(session: ObservedSession, now: Date): CheckResult[] {
  const failure = sessionFailure(session, true);
  if (failure) return [failure];
  if (session.mode === 'starttls' && session.starttlsOffered === false) {
    return [{ id: 'probe-starttls', status: 'fail', message: 'the server does not offer STARTTLS: clients either refuse it or send passwords and mail in plaintext' }];
  }
  if (!session.tls) return [];
  const first: CheckResult = session.mode === 'implicit'
    ? { id: 'probe-starttls', status: 'pass', message: 'TLS from the first byte (implicit TLS); the handshake completed' }
    : { id: 'probe-starttls', status: 'pass', message: 'STARTTLS offered; the TLS handshake completed' };
  return [first, ...tlsChecks(session.tls, session.host, now, true, false)];
}

const ORDER: Record<CheckStatus, number> = { pass: 0, info: 1, warn: 2, fail: 3 };

/** The worst status among `checks` (pass for none). */
export function worst(checks: readonly CheckResult[]): CheckStatus {
  return checks.reduce<CheckStatus>((w, c) => (ORDER[c.status] > ORDER[w] ? c.status : w), 'pass');
}
