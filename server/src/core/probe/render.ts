/**
 * The probe's report as text, one line per check under each host, for the
 * CLI and the editor's report view; and as plain data without the
 * certificates' DER, for JSON.
 */
import type { CheckStatus } from './checks';
import type { ProbeReport } from './run';

const MARK: Record<CheckStatus, string> = { pass: 'pass', info: 'info', warn: 'warn', fail: 'FAIL' };

export function formatProbeText(report: ProbeReport): string {
  const out: string[] = [];
  const policy = report.policy;
  const sts = report.mtaSts.record
    ? policy
      ? `MTA-STS ${policy.invalid ? 'invalid' : `mode ${policy.mode}`}, mx ${policy.mx.join(' ') || '(none)'}`
      : `MTA-STS record, policy not fetched: ${report.mtaSts.fetchError}`
    : 'no MTA-STS';
  out.push(`probe ${report.domain}: ${sts}`);
  for (const c of report.checks) out.push(`  ${MARK[c.status]}  ${c.id}  ${c.message}`);
  for (const h of report.hosts) {
    const s = h.session;
    const where = `${h.host}${s?.address ? ` [${s.address}]` : ''}:${s?.port ?? '?'}`;
    const role = h.role === 'mx' ? `MX ${h.preference}` : h.role === 'submission' ? 'submission (STARTTLS)' : 'submissions (implicit TLS)';
    out.push('', `${role} ${where}${s?.tls?.protocol ? `  ${s.tls.protocol} ${s.tls.cipher ?? ''}`.trimEnd() : ''}`);
    const leaf = s?.tls?.chain[0];
    if (leaf) {
      const names = leaf.dnsNames.length ? leaf.dnsNames.join(', ') : `CN ${leaf.subjectCN ?? '(none)'}`;
      out.push(`  certificate: ${names}; issuer ${leaf.issuerCN ?? '(none)'}; valid ${leaf.validFrom.slice(0, 10)} to ${leaf.validTo.slice(0, 10)}; SPKI SHA-256 ${leaf.spkiSha256.slice(0, 16).toLowerCase()}…`);
    }
    for (const c of h.checks) out.push(`  ${MARK[c.status]}  ${c.id}  ${c.message}`);
  }
  const all = [...report.checks, ...report.hosts.flatMap((h) => h.checks)];
  const count = (s: CheckStatus) => all.filter((c) => c.status === s).length;
  out.push('', `${report.hosts.length} host${report.hosts.length === 1 ? '' : 's'} probed: ${count('fail')} failed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('pass')} passed`);
  return `${out.join('\n')}\n`;
}

/** The report without the certificates' DER, which only TLSA matching needs. */
export function slimReport(report: ProbeReport): unknown {
  return JSON.parse(JSON.stringify(report, (key, value) => (key === 'certDer' || key === 'spkiDer' ? undefined : value)));
}

