/**
 * `mailzone probe DOMAIN`: which hosts to visit and in what order, with the
 * network reached through {@link ProbeIo}. The host (the CLI, the language
 * server) passes the Node implementation; tests may pass data. Never sends
 * mail: each session ends with QUIT after the TLS handshake.
 */
import type { ObservedMtaSts, ObservedSession, ObservedTlsa } from './observation';
import { domainPolicy, judgeMx, judgeSubmission, worst, type CheckResult, type PolicyView } from './verdict';
import type { CheckStatus } from './checks';

export interface ProbeIo {
  /** MX records of `domain`; an error message when the lookup failed. */
  mx(domain: string): Promise<{ readonly records: readonly { preference: number; exchange: string }[] } | { readonly error: string }>;
  /** TLSA records at `name`; an error message when the lookup failed (NXDOMAIN and no data are an empty list). */
  tlsa(name: string): Promise<{ readonly records: readonly ObservedTlsa[] } | { readonly error: string }>;
  /** SRV records at `name` (empty when none). */
  srv(name: string): Promise<readonly { priority: number; port: number; target: string }[]>;
  /** The `_mta-sts` TXT record and the policy fetched over HTTPS. */
  mtaSts(domain: string): Promise<ObservedMtaSts>;
  /** One SMTP session: resolve `host`, connect on `port`, greet, and STARTTLS (or implicit TLS), then QUIT. */
  session(host: string, port: number, mode: 'starttls' | 'implicit'): Promise<ObservedSession>;
}

export interface ProbeOptions {
  /** Port of the MX hosts; 25 except in tests. */
  readonly smtpPort?: number;
  /** Submission hosts given by hand (`--submission`); probed on both ports below. */
  readonly submissionHosts?: readonly string[];
  readonly submissionPort?: number;
  readonly submissionsPort?: number;
  /** How many sessions run at once. */
  readonly concurrency?: number;
  /** Upper bound on the MX and submission hosts probed, against a hostile zone with thousands. */
  readonly maxHosts?: number;
  readonly now: Date;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_HOSTS = 20;

export interface HostReport {
  /** `mx` (port 25), `submission` (STARTTLS, 587) or `submissions` (implicit TLS, 465). */
  readonly role: 'mx' | 'submission' | 'submissions';
  readonly host: string;
  readonly preference?: number;
  readonly session?: ObservedSession;
  readonly checks: readonly CheckResult[];
  readonly status: CheckStatus;
}

export interface ProbeReport {
  readonly domain: string;
  readonly mtaSts: ObservedMtaSts;
  readonly policy?: PolicyView;
  /** Domain-level results: no MX, a null MX. */
  readonly checks: readonly CheckResult[];
  readonly hosts: readonly HostReport[];
  readonly status: CheckStatus;
}

const bare = (name: string): string => name.replace(/\.$/, '').toLowerCase();

/** Runs `tasks` with at most `limit` at once, keeping their order in the result. */
async function limited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

export async function runProbe(io: ProbeIo, domainName: string, options: ProbeOptions): Promise<ProbeReport> {
  const domain = bare(domainName);
  const maxHosts = options.maxHosts ?? DEFAULT_MAX_HOSTS;
  const checks: CheckResult[] = [];
  const [mx, mtaSts, submissionSrv, submissionsSrv] = await Promise.all([
    io.mx(domain),
    io.mtaSts(domain),
    io.srv(`_submission._tcp.${domain}`),
    io.srv(`_submissions._tcp.${domain}`),
  ]);
  const policy = domainPolicy(mtaSts);
  let mxHosts: { preference: number; exchange: string }[] = [];
  if ('error' in mx) checks.push({ id: 'probe-mx', status: 'fail', message: `the MX lookup for ${domain} failed: ${mx.error}` });
  else if (mx.records.some((r) => bare(r.exchange) === '')) checks.push({ id: 'probe-mx', status: 'info', message: `${domain} has a null MX (RFC 7505): it accepts no mail, so there is no MX host to probe` });
  else if (mx.records.length === 0) checks.push({ id: 'probe-mx', status: 'warn', message: `${domain} has no MX records: senders fall back to its address records (RFC 5321 §5.1)` });
  else {
    mxHosts = [...mx.records].sort((a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange));
    const unique = new Map<string, { preference: number; exchange: string }>();
    for (const r of mxHosts) if (!unique.has(bare(r.exchange))) unique.set(bare(r.exchange), r);
    mxHosts = [...unique.values()];
    if (mxHosts.length > maxHosts) {
      checks.push({ id: 'probe-mx', status: 'info', message: `${domain} has ${mxHosts.length} MX hosts: the first ${maxHosts} by preference are probed` });
      mxHosts = mxHosts.slice(0, maxHosts);
    }
  }
  const submissions: { role: 'submission' | 'submissions'; host: string; port: number }[] = [];
  const addSubmission = (role: 'submission' | 'submissions', host: string, port: number) => {
    if (!submissions.some((s) => s.role === role && s.host === bare(host) && s.port === port)) submissions.push({ role, host: bare(host), port });
  };
  // RFC 2782: a target of "." says the service is not offered.
  for (const r of submissionSrv) if (bare(r.target) !== '') addSubmission('submission', r.target, r.port);
  for (const r of submissionsSrv) if (bare(r.target) !== '') addSubmission('submissions', r.target, r.port);
  for (const host of options.submissionHosts ?? []) {
    addSubmission('submission', host, options.submissionPort ?? 587);
    addSubmission('submissions', host, options.submissionsPort ?? 465);
  }
  submissions.splice(maxHosts);
  const smtpPort = options.smtpPort ?? 25;
  const tasks: (() => Promise<HostReport>)[] = [
    ...mxHosts.map((r) => async (): Promise<HostReport> => {
      const host = bare(r.exchange);
      const [session, tlsa] = await Promise.all([io.session(host, smtpPort, 'starttls'), io.tlsa(`_25._tcp.${host}`)]);
      const found = 'records' in tlsa ? tlsa.records : undefined;
      const hostChecks = judgeMx(session, found, 'error' in tlsa ? tlsa.error : undefined, policy, options.now);
      return { role: 'mx', host, preference: r.preference, session, checks: hostChecks, status: worst(hostChecks) };
    }),
    ...submissions.map((s) => async (): Promise<HostReport> => {
      const session = await io.session(s.host, s.port, s.role === 'submissions' ? 'implicit' : 'starttls');
      const hostChecks = judgeSubmission(session, options.now);
      return { role: s.role, host: s.host, session, checks: hostChecks, status: worst(hostChecks) };
    }),
  ];
  const hosts = await limited(tasks, options.concurrency ?? DEFAULT_CONCURRENCY);
  const status = worst([...checks, ...hosts.flatMap((h) => h.checks)]);
  return { domain, mtaSts, policy: policy.policy, checks, hosts, status };
}
