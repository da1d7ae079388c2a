/**
 * Certificate names against host names (RFC 6125 §6.4, as RFC 8461 §4.2 and
 * RFC 7672 §3.2.3 use it): a DNS-ID matches a host exactly, ignoring case and
 * a trailing dot, or with a `*` that stands for the whole leftmost label.
 * The subject CN counts only when the certificate has no DNS-ID.
 */
import type { ObservedCertificate } from './observation';

const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** Does the certificate name `pattern` (`mx.example.net`, `*.example.net`) cover `host`? */
export function certNameMatches(pattern: string, host: string): boolean {
  const p = bare(pattern);
  const h = bare(host);
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  // The wildcard covers one label, never a bare suffix or a public suffix of one label (`*.com`).
  return dot > 0 && p.slice(2).includes('.') && h.slice(dot + 1) === p.slice(2);
}

/** The names a certificate is valid for: its DNS-IDs, else its subject CN. */
export function certificateNames(cert: ObservedCertificate): readonly string[] {
  if (cert.dnsNames.length > 0) return cert.dnsNames;
  return cert.subjectCN ? [cert.subjectCN] : [];
}

/** The first of the certificate's names that covers `host`. */
export function nameFor(cert: ObservedCertificate, host: string): string | undefined {
  return certificateNames(cert).find((n) => certNameMatches(n, host));
}
