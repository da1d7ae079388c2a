/**
 * The checks the STARTTLS probe reports, as data: a stable id (the SARIF
 * rule id and what scripts key on), what it checks and the section it rests
 * on. The verdicts (verdict.ts) name these ids.
 */
export type CheckStatus = 'pass' | 'info' | 'warn' | 'fail';

export interface ProbeCheckInfo {
  readonly id: string;
  readonly summary: string;
  readonly rfc: string;
}

export const PROBE_CHECKS: readonly ProbeCheckInfo[] = [
  { id: 'probe-mx', summary: 'The domain has MX records that name hosts (not a null MX, not nothing).', rfc: 'RFC 5321 §5.1, RFC 7505' },
  { id: 'probe-connect', summary: 'The host resolves, accepts a connection and greets with 220, and answers EHLO.', rfc: 'RFC 5321 §3.1, §4.1.1.1' },
  { id: 'probe-starttls', summary: 'The server offers STARTTLS (or speaks TLS at once on port 465) and the TLS handshake completes.', rfc: 'RFC 3207 §4, RFC 8314 §3' },
  { id: 'probe-tls-version', summary: 'The negotiated TLS version is 1.2 or later.', rfc: 'RFC 8996, RFC 8314 §4.1' },
  { id: 'probe-cert-chain', summary: 'The certificate chain leads to a trusted root and is within its validity dates.', rfc: 'RFC 8461 §4.2, RFC 8314 §4.1' },
  { id: 'probe-cert-name', summary: 'The certificate names the host that was connected to.', rfc: 'RFC 6125 §6.4, RFC 8461 §4.2' },
  { id: 'probe-cert-dates', summary: 'The certificate does not expire within 14 days.', rfc: 'RFC 5280 §4.1.2.5' },
  { id: 'probe-mta-sts', summary: "The MX host matches the MTA-STS policy's mx patterns, and its certificate passes the policy's checks.", rfc: 'RFC 8461 §4.1, §4.2' },
  { id: 'probe-dane', summary: "The host's _25._tcp TLSA records are usable for SMTP and match the certificate chain it sends.", rfc: 'RFC 7672 §3.1, §3.2' },
];

/** Days before expiry from which a trusted certificate draws a warning. */
export const EXPIRY_WARNING_DAYS = 14;
