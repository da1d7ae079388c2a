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
import { sarifLog } from './report';

export const PROBE_HELP = `Usage: mailzone probe <domain> [--submission HOST]... [--format text|json|sarif]
                       [--dns HOST:PORT] [--ca-file PEM] [--timeout MS]

Connects to each MX host of the domain on port 25: greeting, EHLO, STARTTLS,
the TLS handshake, then QUIT. Reports the TLS version, the certificate chain
and names, and whether the host passes the domain's MTA-STS policy (fetched
from https://mta-sts.<domain>/.well-known/mta-sts.txt) and its TLSA records
(_25._tcp.<host>, DANE). Submission hosts from SRV _submission._tcp and
_submissions._tcp, and those given with --submission, are checked for
STARTTLS on 587 and implicit TLS on 465. No mail is sent.

Options:
  --submission HOST   also probe HOST on 587 (STARTTLS) and 465 (implicit TLS); repeatable
  --format FORMAT     text (default), json or sarif
  --dns HOST:PORT     the DNS server to ask (default: the system's); repeatable
  --ca-file PEM       also trust the CA certificates in this file
  --timeout MS        per step: connect, each reply, handshake, DNS query (default ${DEFAULT_PROBE_TIMEOUT_MS})
  --smtp-port N, --submission-port N, --submissions-port N, --https-port N
                      other ports than 25, 587, 465 and 443, for test servers

Bounds: at most ${DEFAULT_MAX_HOSTS} MX and ${DEFAULT_MAX_HOSTS} submission hosts, ${DEFAULT_CONCURRENCY} sessions at once; each
session stops after 4 timeouts; a reply may be ${MAX_REPLY_BYTES / 1024} KB, a policy ${MAX_POLICY_BYTES / 1024} KB.
DNS answers are not DNSSEC-validated: the probe shows whether the TLSA records
match, not whether a validating sender would see them.

Exit status: 0 no check failed, 1 a check failed, 2 usage or input error.
`;

export class ProbeUsageError extends Error {}

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

export function parseProbeArgs(argv: readonly string[]): ProbeCommand | 'help' {
  const positionals: string[] = [];
  const dns: string[] = [];
  const submissionHosts: string[] = [];
  let format: ProbeCommand['format'] = 'text';
  let caFile: string | undefined;
  let timeoutMs = DEFAULT_PROBE_TIMEOUT_MS;
  const ports: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--debug') continue;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new ProbeUsageError(`${flag} needs a value`);
      return v;
    };
    const number = (min: number, max: number): number => {
      const v = value();
      if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) throw new ProbeUsageError(`${flag} takes a number from ${min} to ${max} (got '${v}')`);
      return Number(v);
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new ProbeUsageError(`--format must be one of text, json, sarif (got '${v}')`);
        format = v;
        break;
      }
      case '--dns': {
        const v = value();
        if (!/^(?:\[[0-9a-fA-F:.]+\]|[^\s:[\]]+)(?::\d{1,5})?$/.test(v)) throw new ProbeUsageError(`--dns takes HOST or HOST:PORT (got '${v}')`);
        dns.push(v);
        break;
      }
      case '--ca-file':
        caFile = value();
        break;
      case '--timeout':
        timeoutMs = number(100, 120_000);
        break;
      case '--submission': {
        const v = value();
        if (!HOST.test(v)) throw new ProbeUsageError(`--submission takes a host name (got '${v}')`);
        submissionHosts.push(v);
        break;
      }
      case '--smtp-port':
      case '--submission-port':
      case '--submissions-port':
      case '--https-port':
        ports[flag] = number(1, 65535);
        break;
      default:
        throw new ProbeUsageError(`unknown option '${flag}' (see mailzone probe --help)`);
    }
  }
  if (positionals.length !== 1) throw new ProbeUsageError(positionals.length === 0 ? 'probe needs a domain' : `probe takes one domain (got ${positionals.join(', ')})`);
  const domain = positionals[0];
  if (!HOST.test(domain)) throw new ProbeUsageError(`'${domain}' is not a domain name`);
  return {
    domain,
    format,
    dns,
    caFile,
    timeoutMs,
    submissionHosts,
    smtpPort: ports['--smtp-port'],
    submissionPort: ports['--submission-port'],
    submissionsPort: ports['--submissions-port'],
    httpsPort: ports['--https-port'],
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
    command = parseProbeArgs(argv);
    if (command !== 'help' && command.caFile) {
      try {
        caPem = fs.readFileSync(command.caFile, 'utf8');
      } catch {
        throw new ProbeUsageError(`--ca-file: cannot read ${command.caFile}`);
      }
      if (!caPem.includes('-----BEGIN CERTIFICATE-----')) throw new ProbeUsageError(`--ca-file: ${command.caFile} holds no PEM certificate`);
    }
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
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
