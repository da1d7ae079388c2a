/**
 * `mailzone`: the same analysis as the editor, for CI and the shell.
 * Exit status: 0 no error-level findings, 1 some, 2 the command could not
 * run (usage, a missing or unreadable file); that case prints one line on
 * stderr, and a stack trace only with --debug.
 */
import * as path from 'node:path';
import { analyzeZone } from '../core/analysis/analyze';
import { analyzePolicy } from '../core/mtaStsPolicy/analyze';
import { isPolicyFile, policyDomainFromPath, zoneForPolicy } from '../core/mtaStsPolicy/files';
import type { WorkspaceZone } from '../core/model/workspace';
import { ZoneView } from '../core/model/zoneView';
import type { Finding } from '../core/rules/rule';
import { LineIndex } from '../core/text/lineIndex';
import { parseZone } from '../core/zone/parser';
import { printZone } from '../core/zone/print';
import { NodeFileReader, readZoneFile } from '../node/fileReader';
import { guessOrigin } from '../node/origin';
import { version } from '../version';
import { parseArgs, UsageError, type Command } from './args';
import { collectFiles } from './files';
import { formatJson, formatSarif, formatText, type LocatedFinding } from './report';
import { spfMain } from './spf';

const HELP = `Usage:
  mailzone check <file|dir>... [--format text|json|sarif] [--dmarc-standard rfc9989|rfc7489]
                               [--rule ID=off|info|warning|error]...
  mailzone zone print <file> [--origin NAME]
  mailzone spf tree|check ...   SPF lookup tree and check_host() (see mailzone spf --help)
  mailzone --help | --version

Checks SPF, DKIM, DMARC, MTA-STS, TLS-RPT and BIMI records in DNS zone files.

Commands:
  check        Report findings as file:line:col severity rule-id message (or JSON,
               or SARIF 2.1.0). Directories are searched for *.zone, *.zonefile
               and db.* files. Exit 1 when any finding is an error, else 0.
  zone print   Print the parsed zone, one record a line: owner, TTL, class, type,
               rdata (the shape of named-checkzone -D). Exit 1 on syntax errors.

Options:
  --format FORMAT          text (default), json or sarif
  --dmarc-standard STD     rfc9989 (default) or rfc7489, where the two differ
  --rule ID=LEVEL          set a rule's severity, or turn it off; repeatable
  --origin NAME            the zone's origin, when the file has no $ORIGIN
                           (default: guessed from db.NAME, NAME.zone, NAME.zonefile)
  --debug                  show stack traces for internal errors

Exit status: 0 clean, 1 error-level findings, 2 usage or input error.
`;

const ZONE_HELP = `Usage: mailzone zone print <file> [--origin NAME]

Prints every record of the zone (including $INCLUDEd files and $GENERATE
output) in canonical form, one per line, tab-separated:
  owner  ttl  class  type  rdata
with fully-qualified owner names, the same shape as
  named-checkzone -D -o - ORIGIN FILE
Syntax errors go to stderr as file:line:col lines; the exit status is then 1.
`;

/** An input the command cannot use: exit 2 with its message. */
class InputError extends Error {}

interface Output {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

function read(file: string): string {
  const result = readZoneFile(file);
  if ('error' in result) throw new InputError(result.error);
  return result.text;
}

/** The path a finding is reported under: the input as given, or an included file relative to the working directory. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function locate(findings: readonly Finding[], input: string, text: string, files: ReadonlyMap<string, string>): LocatedFinding[] {
  const indexes = new Map<string | undefined, LineIndex>([[undefined, new LineIndex(text)]]);
  const indexOf = (file: string | undefined): LineIndex => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex((file !== undefined && files.get(file)) || '')));
    return index;
  };
  return findings.map((f) => {
    const { start, end } = indexOf(f.file).rangeOf(f.span);
    return {
      file: f.file === undefined ? input : displayPath(f.file),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: f.severity,
      code: f.rule,
      message: f.message,
      ...(f.related?.length
        ? {
            related: f.related.map((place) => {
              const at = indexOf(place.file).rangeOf(place.span).start;
              return { file: place.file === undefined ? input : displayPath(place.file), line: at.line + 1, column: at.character + 1, message: place.message };
            }),
          }
        : {}),
    };
  });
}

function check(command: Extract<Command, { name: 'check' }>): Output {
  const files = collectFiles(command.paths);
  // Read everything first, so an unreadable input stops the run before any output.
  const inputs = files.map((file) => ({ file, text: read(file) }));
  const reader = new NodeFileReader();
  const located: LocatedFinding[] = [];
  const zones: ZoneView[] = [];
  const settings = { dmarcStandard: command.dmarcStandard, severities: command.rules };
  // Every zone is parsed before any is analysed: a DMARC report destination's authorization lives in the
  // destination's zone, which may be another file of the same run (the core's `workspace`).
  const parsed = inputs.filter(({ file }) => !isPolicyFile(file)).map(({ file, text }) => ({ file, text, zone: parseZone(text, { file, origin: guessOrigin(file), reader }) }));
  const workspace: WorkspaceZone[] = parsed.map(({ file, zone }) => ({ file, view: new ZoneView(zone, settings) }));
  for (const [i, { file, text, zone }] of parsed.entries()) {
    const options = { ...settings, workspace: workspace.filter((_, j) => j !== i) };
    const view = new ZoneView(zone, options);
    const findings = analyzeZone(zone, options, view);
    zones.push(view);
    located.push(...locate(findings, file, text, zone.files));
  }
  // MTA-STS policy files after the zones, so their mx lines can be compared with a zone given beside them.
  for (const { file, text } of inputs) {
    if (!isPolicyFile(file)) continue;
    const findings = analyzePolicy(text, { zoneView: zoneForPolicy(file, zones), domain: policyDomainFromPath(file), severities: command.rules });
    located.push(...locate(findings, file, text, new Map()));
  }
  const format = { text: formatText, json: formatJson, sarif: formatSarif }[command.format];
  return { stdout: format(located), exitCode: located.some((f) => f.severity === 'error') ? 1 : 0 };
}

function zonePrint(command: Extract<Command, { name: 'zone-print' }>): Output {
  const text = read(command.file);
  const zone = parseZone(text, { file: command.file, origin: command.origin ?? guessOrigin(command.file), reader: new NodeFileReader() });
  if (command.origin !== undefined && zone.origin === undefined) throw new UsageError(`--origin: '${command.origin}' is not a domain name`);
  // Only an explicit --origin names the zone for certain: records outside it are left out, as BIND ignores them.
  const printed = printZone(zone, { zone: command.origin });
  const problems = locate(
    zone.problems.map((p) => ({ rule: 'zone-syntax', severity: 'error', message: p.message, span: p.span, file: p.file })),
    command.file,
    text,
    zone.files,
  );
  return { stdout: printed, stderr: formatText(problems), exitCode: problems.length > 0 ? 1 : 0 };
}

function run(argv: readonly string[]): Output {
  const { command } = parseArgs(argv);
  switch (command.name) {
    case 'help':
      return { stdout: command.topic === 'zone' ? ZONE_HELP : HELP, exitCode: 0 };
    case 'version':
      return { stdout: `${version}\n`, exitCode: 0 };
    case 'check':
      return check(command);
    case 'zone-print':
      return zonePrint(command);
  }
}

function main(argv: readonly string[]): void {
  // `mailzone check … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  if (argv[0] === 'spf') return void spfMain(argv.slice(1));
  let output: Output;
  try {
    output = run(argv);
  } catch (error) {
    const debug = argv.includes('--debug');
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`mailzone: ${error.message}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    } else if (debug) {
      process.stderr.write(`mailzone: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`mailzone: internal error: ${message.split('\n')[0]} (run again with --debug for details)\n`);
    }
    process.exitCode = 2;
    return;
  }
  process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

main(process.argv.slice(2));
