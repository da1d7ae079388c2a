/**
 * `mailzone probe DOMAIN`: connects to the domain's MX hosts on port 25 and
 * its submission hosts on 587 and 465, and reports STARTTLS, the TLS
 * version, the certificate, and whether MTA-STS and DANE senders would
 * accept the host. It never sends mail. The judging is the core's
 * (core/probe/); this file reads the options and prints the report.
 *
 * Exit status: 0 when no check fails, 1 when one does, 2 when the command
 * could not run (usage, an unreadable --ca-file).
 */
import * as fs from 'node:fs';
import { PROBE_CHECKS, type CheckStatus } from '../core/probe/checks';
import { formatProbeText, slimReport } from '../core/probe/render';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_HOSTS, runProbe, type ProbeReport } from '../core/probe/run';
import { DEFAULT_PROBE_TIMEOUT_MS, MAX_POLICY_BYTES, nodeProbeIo } from '../node/probeIo';
import { MAX_REPLY_BYTES } from '../node/smtpSession';
import { choice, DEBUG_OPTION, DNS_SERVER, optionHelp, parseOptions, UsageError, type OptionSpec } from './args';
import { sarifLog } from './report';

/** The options of `probe`: they drive its parsing, its help and the suggestions for a mistyped one. */
export const PROBE_OPTIONS: readonly OptionSpec[] = [
  { name: 'submission', arg: 'HOST', help: 'also probe HOST on 587 (STARTTLS) and 465 (implicit TLS); repeatable' },
  { name: 'format', short: 'f', arg: 'FORMAT', help: 'text (default), json or sarif' },
  { name: 'dns', arg: 'HOST:PORT', help: "the DNS server to ask (default: the system's); repeatable" },
  { name: 'ca-file', arg: 'PEM', help: 'also trust the CA certificates in this file' },
  { name: 'timeout', arg: 'MS', help: `per step: connect, each reply, handshake, DNS query (default ${DEFAULT_PROBE_TIMEOUT_MS})` },
  { name: 'smtp-port', arg: 'N', help: 'the MX hosts\' port instead of 25, for test servers' },
  { name: 'submission-port', arg: 'N', help: 'the STARTTLS submission port instead of 587, for test servers' },
  { name: 'submissions-port', arg: 'N', help: 'the implicit-TLS submission port instead of 465, for test servers' },
  { name: 'https-port', arg: 'N', help: 'the MTA-STS policy server\'s port instead of 443, for test servers' },
  { name: 'help', short: 'h', help: 'show this help' },
];

export const PROBE_HELP = `Usage: mailzone probe <domain> [options]

Connects to each MX host of the domain on port 25: greeting, EHLO, STARTTLS,
the TLS handshake, then QUIT. Reports the TLS version, the certificate chain
and names, and whether the host passes the domain's MTA-STS policy (fetched
from https://mta-sts.<domain>/.well-known/mta-sts.txt) and its TLSA records
(_25._tcp.<host>, DANE). Submission hosts from SRV _submission._tcp and
_submissions._tcp, and those given with --submission, are checked for
STARTTLS on 587 and implicit TLS on 465. No mail is sent.

Options:
${optionHelp([...PROBE_OPTIONS, DEBUG_OPTION])}
Bounds: at most ${DEFAULT_MAX_HOSTS} MX and ${DEFAULT_MAX_HOSTS} submission hosts, ${DEFAULT_CONCURRENCY} sessions at once; each
session stops after 4 timeouts; a reply may be ${MAX_REPLY_BYTES / 1024} KB, a policy ${MAX_POLICY_BYTES / 1024} KB.
DNS answers are not DNSSEC-validated: the probe shows whether the TLSA records
match, not whether a validating sender would see them.

Exit status: 0 no check failed, 1 a check failed, 2 usage or input error.
`;

export interface ProbeCommand {
  readonly domain: string;
  readonly format: 'text' | 'json' | 'sarif';
  readonly dns: readonly string[];
  readonly caFile?: string;
  readonly timeoutMs: number;
  readonly submissionHosts: readonly string[];
  readonly smtpPort?: number;
  readonly submissionPort?: number;
  readonly submissionsPort?: number;
  readonly httpsPort?: number;
}

const HOST = /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/;

const PORT_OPTIONS = ['smtp-port', 'submission-port', 'submissions-port', 'https-port'] as const;

/** Parses `mailzone probe` (argv without `probe` and `--debug`); throws UsageError for a mistake. */
export function parseProbeArgs(argv: readonly string[]): ProbeCommand | 'help' {
  const positionals: string[] = [];
  const dns: string[] = [];
  const submissionHosts: string[] = [];
  let format: ProbeCommand['format'] = 'text';
  let caFile: string | undefined;
  let timeoutMs = DEFAULT_PROBE_TIMEOUT_MS;
  const ports: Partial<Record<(typeof PORT_OPTIONS)[number], number>> = {};
  for (const token of parseOptions(argv, PROBE_OPTIONS, 'probe')) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const flag = token.rawName;
    const v = token.value ?? '';
    const number = (min: number, max: number): number => {
      if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${flag} takes a number from ${min} to ${max} (got '${v}')`);
      return Number(v);
    };
    switch (token.name) {
      case 'help':
        return 'help';
      case 'format':
        format = choice(flag, v, ['text', 'json', 'sarif'] as const);
        break;
      case 'dns':
        if (!DNS_SERVER.test(v)) throw new UsageError(`${flag} takes HOST or HOST:PORT (got '${v}')`);
        dns.push(v);
        break;
      case 'ca-file':
        caFile = v;
        break;
      case 'timeout':
        timeoutMs = number(100, 120_000);
        break;
      case 'submission':
        if (!HOST.test(v)) throw new UsageError(`${flag} takes a host name (got '${v}')`);
        submissionHosts.push(v);
        break;
      case 'smtp-port':
      case 'submission-port':
      case 'submissions-port':
      case 'https-port':
        ports[token.name] = number(1, 65535);
        break;
    }
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'probe needs a domain' : `probe takes one domain (got ${positionals.join(', ')})`);
  const domain = positionals[0];
  if (!HOST.test(domain)) throw new UsageError(`'${domain}' is not a domain name`);
  return {
    domain,
    format,
    dns,
    caFile,
    timeoutMs,
    submissionHosts,
    smtpPort: ports['smtp-port'],
    submissionPort: ports['submission-port'],
    submissionsPort: ports['submissions-port'],
    httpsPort: ports['https-port'],
  };
}

export function formatProbeJson(report: ProbeReport): string {
  return `${JSON.stringify(slimReport(report), null, 2)}\n`;
}

const SARIF_LEVEL: Record<CheckStatus, 'none' | 'note' | 'warning' | 'error'> = { pass: 'none', info: 'note', warn: 'warning', fail: 'error' };

/** SARIF 2.1.0 like `check`: one result per check that did not pass, located at the host it is about. */
export function formatProbeSarif(report: ProbeReport): string {
  const index = new Map(PROBE_CHECKS.map((c, i) => [c.id, i]));
  const results = [
    ...report.checks.map((c) => ({ c, where: report.domain })),
    ...report.hosts.flatMap((h) => h.checks.map((c) => ({ c, where: `${h.host}:${h.session?.port ?? ''}` }))),
  ]
    .filter(({ c }) => c.status !== 'pass')
    .map(({ c, where }) => ({
      ruleId: c.id,
      ruleIndex: index.get(c.id),
      level: SARIF_LEVEL[c.status],
      message: { text: c.message },
      locations: [{ logicalLocations: [{ name: where, kind: 'resource' }] }],
    }));
  const rules = PROBE_CHECKS.map((c) => ({
    id: c.id,
    shortDescription: { text: c.summary },
    helpUri: 'https://github.com/mailzone/mailzone/blob/main/docs/smtp-transport-security.md',
    properties: { rfc: c.rfc },
  }));
  return sarifLog(rules, results);
}

export async function probeMain(argv: readonly string[]): Promise<void> {
  let command: ProbeCommand | 'help';
  let caPem: string | undefined;
  try {
    command = parseProbeArgs(argv.filter((a) => a !== '--debug'));
    if (command !== 'help' && command.caFile) {
      try {
        caPem = fs.readFileSync(command.caFile, 'utf8');
      } catch {
        throw new UsageError(`--ca-file: cannot read ${command.caFile}`);
      }
      if (!caPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file: ${command.caFile} holds no PEM certificate`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mailzone: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (command === 'help') {
    process.stdout.write(PROBE_HELP);
    return;
  }
  const io = nodeProbeIo({ dns: command.dns, timeoutMs: command.timeoutMs, caPem, httpsPort: command.httpsPort });
  let report: ProbeReport;
  try {
    report = await runProbe(io, command.domain, {
      now: new Date(),
      smtpPort: command.smtpPort,
      submissionHosts: command.submissionHosts,
      submissionPort: command.submissionPort,
      submissionsPort: command.submissionsPort,
    });
  } catch (error) {
    // Network failures are findings; only a bug gets here.
    process.stderr.write(`mailzone: internal error: ${error instanceof Error ? (argv.includes('--debug') ? error.stack : error.message) : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const format = { text: formatProbeText, json: formatProbeJson, sarif: formatProbeSarif }[command.format];
  process.stdout.write(format(report));
  process.exitCode = report.status === 'fail' ? 1 : 0;
}
