/**
 * What the STARTTLS probe saw, as plain data. The host (server/src/node/)
 * makes the connections and fills these in; the core judges them
 * (verdict.ts) without touching a socket, so the judging is tested with
 * data alone.
 */

/** One certificate of the server's chain, leaf first. */
export interface ObservedCertificate {
  readonly subjectCN?: string;
  /** Subject alternative names of type dNSName, as written (`*.example.net` included). */
  readonly dnsNames: readonly string[];
  readonly issuerCN?: string;
  /** ISO 8601 instants. */
  readonly validFrom: string;
  readonly validTo: string;
  /** Upper-case hex digests of the whole certificate (DER) and of its SubjectPublicKeyInfo (DER), for TLSA matching. */
  readonly certSha256: string;
  readonly certSha512: string;
  readonly spkiSha256: string;
  readonly spkiSha512: string;
  /** The DER itself in upper-case hex, for TLSA matching type 0. */
  readonly certDer: string;
  readonly spkiDer: string;
}

export interface ObservedTls {
  /** `TLSv1.3`, `TLSv1.2`, … as the TLS library names it. */
  readonly protocol?: string;
  readonly cipher?: string;
  /**
   * The chain, leaf first (at most 10 certificates are kept): as the server
   * sent it, completed from the trusted roots when the TLS library verified
   * it, so a DANE-TA record for a root the server leaves out still matches.
   */
  readonly chain: readonly ObservedCertificate[];
  /** True when the chain leads to a trusted root; the host name is judged separately. */
  readonly chainTrusted: boolean;
  /** Why the chain is not trusted, in the TLS library's words (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  readonly chainError?: string;
  /** True when each certificate of the chain is signed by the next one (the DANE-TA path check). */
  readonly chainLinked: boolean;
}

/** One connection to one host and port. */
export interface ObservedSession {
  readonly host: string;
  readonly address?: string;
  readonly port: number;
  /** `starttls`: plaintext greeting, EHLO, then STARTTLS. `implicit`: TLS from the first byte (port 465). */
  readonly mode: 'starttls' | 'implicit';
  /** Why the session ended early, when it did: the step and what happened. */
  readonly error?: { readonly step: 'resolve' | 'connect' | 'banner' | 'ehlo' | 'starttls' | 'handshake'; readonly message: string };
  readonly banner?: string;
  /** The EHLO keywords the server listed (`PIPELINING`, `STARTTLS`, …), upper case. */
  readonly ehloKeywords?: readonly string[];
  readonly starttlsOffered?: boolean;
  readonly tls?: ObservedTls;
}

/** A TLSA record as DNS returned it. */
export interface ObservedTlsa {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  /** Upper-case hex. */
  readonly data: string;
}

/** The domain's MTA-STS state: the `_mta-sts` record and the policy fetched over HTTPS. */
export interface ObservedMtaSts {
  /** The TXT record at `_mta-sts.<domain>`, when there is one. */
  readonly record?: string;
  /** The policy file's text, when it was fetched. */
  readonly policyText?: string;
  /** Why the policy could not be fetched. */
  readonly fetchError?: string;
}
