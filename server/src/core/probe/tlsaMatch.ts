/**
 * TLSA records against a presented chain (RFC 6698 §2.1, RFC 7672 §3.1):
 * which records SMTP can use, and whether one of them matches.
 */
import { TLSA_MATCHING_TYPES, TLSA_SELECTORS } from '../records/dane/tlsa';
import { nameFor } from './certNames';
import type { ObservedCertificate, ObservedTls, ObservedTlsa } from './observation';

/** RFC 7672 §3.1.3: SMTP uses DANE-TA (2) and DANE-EE (3) with known selectors and matching types. */
export function isUsableForSmtp(record: ObservedTlsa): boolean {
  return (record.usage === 2 || record.usage === 3) && TLSA_SELECTORS.some((s) => s.value === record.selector) && TLSA_MATCHING_TYPES.some((m) => m.value === record.matchingType);
}

/** The value of `cert` that `record` compares with its data. */
function selected(record: ObservedTlsa, cert: ObservedCertificate): string | undefined {
  const byType: Record<number, [string, string]> = {
    0: [cert.certDer, cert.spkiDer],
    1: [cert.certSha256, cert.spkiSha256],
    2: [cert.certSha512, cert.spkiSha512],
  };
  return byType[record.matchingType]?.[record.selector];
}

export function tlsaMatchesCert(record: ObservedTlsa, cert: ObservedCertificate): boolean {
  return selected(record, cert) === record.data.toUpperCase();
}

export type DaneResult =
  | { readonly status: 'match'; readonly record: ObservedTlsa; readonly how: string }
  | { readonly status: 'mismatch'; readonly reason: string }
  | { readonly status: 'unusable' };

/**
 * Whether the chain satisfies the TLSA RRset. DANE-EE (3) matches the leaf,
 * whatever its names and dates (RFC 7672 §3.1.1). DANE-TA (2) matches a
 * certificate of the chain above the leaf (or the leaf's issuer when the
 * full TA is published), the chain must lead from it to the leaf, and the
 * leaf must name the host (RFC 7672 §3.1.2, §3.2.3).
 */
export function daneCheck(records: readonly ObservedTlsa[], tls: ObservedTls, host: string): DaneResult {
  const usable = records.filter(isUsableForSmtp);
  if (usable.length === 0) return { status: 'unusable' };
  const leaf = tls.chain[0];
  if (!leaf) return { status: 'mismatch', reason: 'the server sent no certificate' };
  for (const record of usable) {
    if (record.usage === 3 && tlsaMatchesCert(record, leaf)) return { status: 'match', record, how: 'DANE-EE: the server certificate matches' };
  }
  let taReason: string | undefined;
  for (const record of usable) {
    if (record.usage !== 2) continue;
    const anchor = tls.chain.slice(1).findIndex((c) => tlsaMatchesCert(record, c));
    if (anchor < 0) continue;
    if (!tls.chainLinked) taReason = 'a DANE-TA record matches a CA certificate of the chain, but the chain does not lead from it to the server certificate';
    else if (!nameFor(leaf, host)) taReason = `a DANE-TA record matches the issuing CA, but the server certificate does not name ${host.replace(/\.$/, '')}`;
    else return { status: 'match', record, how: `DANE-TA: the chain leads to a matching CA certificate (${tls.chain[anchor + 1].subjectCN ?? 'no CN'})` };
  }
  return { status: 'mismatch', reason: taReason ?? `none of the ${usable.length} usable TLSA record${usable.length > 1 ? 's' : ''} matches the server's certificate chain` };
}
