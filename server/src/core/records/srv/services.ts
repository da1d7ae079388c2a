/**
 * The mail services clients find by SRV (RFC 6186 §3, RFC 8314 §5.1), as
 * data: the checks, hover and completion read this table.
 */
export interface MailService {
  /** The owner's leading labels: `_submission._tcp`. */
  readonly label: string;
  readonly port: number;
  /** How the connection is secured: implicit TLS from the first byte, or STARTTLS after a plaintext greeting. */
  readonly tls: 'implicit' | 'starttls';
  /** The other service of the pair (`_submissions._tcp` for `_submission._tcp`), where there is one. */
  readonly counterpart?: string;
  readonly description: string;
  readonly rfc: string;
}

export const MAIL_SERVICES: readonly MailService[] = [
  {
    label: '_submission._tcp',
    port: 587,
    tls: 'starttls',
    counterpart: '_submissions._tcp',
    description: 'Message submission (SMTP AUTH) on port 587, secured with STARTTLS after a plaintext greeting. RFC 8314 prefers implicit TLS (`_submissions._tcp`, port 465).',
    rfc: 'RFC 6186 §3.1',
  },
  {
    label: '_submissions._tcp',
    port: 465,
    tls: 'implicit',
    counterpart: '_submission._tcp',
    description: 'Message submission over implicit TLS on port 465: TLS from the first byte, no plaintext phase to strip. The form RFC 8314 recommends.',
    rfc: 'RFC 8314 §5.1',
  },
  {
    label: '_imap._tcp',
    port: 143,
    tls: 'starttls',
    counterpart: '_imaps._tcp',
    description: 'IMAP on port 143, secured with STARTTLS. RFC 8314 prefers implicit TLS (`_imaps._tcp`, port 993).',
    rfc: 'RFC 6186 §3.2',
  },
  {
    label: '_imaps._tcp',
    port: 993,
    tls: 'implicit',
    counterpart: '_imap._tcp',
    description: 'IMAP over implicit TLS on port 993.',
    rfc: 'RFC 6186 §3.2, RFC 8314 §5.1',
  },
  {
    label: '_pop3._tcp',
    port: 110,
    tls: 'starttls',
    counterpart: '_pop3s._tcp',
    description: 'POP3 on port 110, secured with STLS. RFC 8314 prefers implicit TLS (`_pop3s._tcp`, port 995).',
    rfc: 'RFC 6186 §3.3',
  },
  {
    label: '_pop3s._tcp',
    port: 995,
    tls: 'implicit',
    counterpart: '_pop3._tcp',
    description: 'POP3 over implicit TLS on port 995.',
    rfc: 'RFC 6186 §3.3, RFC 8314 §5.1',
  },
];

/** The mail service an SRV owner name publishes (`_imaps._tcp.example.com.`), if it is one. */
export function mailServiceOf(owner: string): MailService | undefined {
  const labels = owner.split('.');
  const label = `${labels[0]}.${labels[1]}`.toLowerCase();
  return MAIL_SERVICES.find((s) => s.label === label);
}
