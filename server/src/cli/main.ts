/**
 * `mailzone`: the same analysis as the editor, for CI and the shell.
 * Exit status of check: 0 when no finding reaches --fail-on (error by
 * default) and the warnings are within --max-warnings, 1 otherwise, 2 when
 * the command could not run (usage, a missing or unreadable file); that case
 * prints one line on stderr, and a stack trace only with --debug.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeZone } from '../core/analysis/analyze';
import { analyzePolicy } from '../core/mtaStsPolicy/analyze';
import { isPolicyFile, policyDomainFromPath, zoneForPolicy } from '../core/mtaStsPolicy/files';
import type { WorkspaceZone } from '../core/model/workspace';
import { ZoneView } from '../core/model/zoneView';
import type { Finding, Severity } from '../core/rules/rule';
import { LineIndex } from '../core/text/lineIndex';
import { parseZone } from '../core/zone/parser';
import { printZone } from '../core/zone/print';
import { DEFAULT_MAX_BYTES, NodeFileReader, readZoneFile } from '../node/fileReader';
import { guessOrigin } from '../node/origin';
import { version } from '../version';
import { CHECK_OPTIONS, DEBUG_OPTION, optionHelp, parseArgs, STDIN, UsageError, ZONE_PRINT_OPTIONS, type CheckCommand } from './args';
import { unifiedDiff } from './diff';
import { collectFiles } from './files';
import { applyEdits, chooseFixes, MAX_FIX_PASSES } from './fix';
import { formatCompact, formatJson, formatSarif, formatText, summaryLine, type LocatedFinding } from './report';
import { painter, type Paint } from './style';

/**
 * `spf` and `probe` bring Node's DNS, TLS, HTTPS and UDP modules, which cost
 * a `check` of a five-line zone about 30 ms of its start-up, so the CLI
 * requires them when one of those commands (or the full help) runs.
 */
function probeCommand(): typeof import('./probe') {
  return require('./probe') as typeof import('./probe');
}
function spfCommand(): typeof import('./spf') {
  return require('./spf') as typeof import('./spf');
}

const CHECK_EXIT = `Exit status of check: 0 when no finding reaches --fail-on (error by default)
and the warnings are within --max-warnings; 1 otherwise; 2 usage or input
error. A warning alone, such as 'v=spf1 +all', exits 0: receivers accept and
apply that record, so it is a risk to review, not a broken record; use
--fail-on warning or --max-warnings 0 to fail on it.
`;

function help(): string {
  return `Usage:
  mailzone check <file|dir|->... [options]     check zone files (and MTA-STS policy files)
  mailzone zone print <file> [--origin NAME]   print the parsed zone in canonical form
  mailzone spf tree <domain> [options]         the SPF lookup tree of a domain
  mailzone spf check --ip IP --sender ADDR <domain> [options]
                                               RFC 7208 check_host() for a client address
  mailzone probe <domain> [options]            STARTTLS, certificates, MTA-STS and DANE of the
                                               MX and submission hosts (see mailzone probe --help)
  mailzone help [command] | --help | --version

Checks SPF, DKIM, DMARC, MTA-STS, TLS-RPT and BIMI records in DNS zone files.

Commands:
  check        Report findings as file:line:col severity rule-id message (or
               compact, JSON or SARIF 2.1.0), then a summary line on standard
               error. Directories are searched for *.zone, *.zonefile and db.*
               files; '-' reads one zone from standard input.
  zone print   Print the parsed zone, one record a line: owner, TTL, class, type,
               rdata (the shape of named-checkzone -D). Exit 1 on syntax errors.
  spf tree     Every DNS-querying term of a domain's SPF record and its lookup
  spf check    cost; or the check_host() result for an address (see mailzone spf --help).
               These two are the only commands that query DNS (unless --no-live).

Options of check:
${optionHelp([...CHECK_OPTIONS, DEBUG_OPTION])}
Options of zone print:
${optionHelp(ZONE_PRINT_OPTIONS)}
Options of spf tree and spf check:
${optionHelp(spfCommand().SPF_OPTIONS)}
Options of probe:
${optionHelp(probeCommand().PROBE_OPTIONS)}
${CHECK_EXIT}`;
}

function checkHelp(): string {
  return `Usage: mailzone check <file|dir|->... [options]

Options:
${optionHelp([...CHECK_OPTIONS, DEBUG_OPTION])}
${CHECK_EXIT}`;
}

const ZONE_HELP = `Usage: mailzone zone print <file> [--origin NAME]

Prints every record of the zone (including $INCLUDEd files and $GENERATE
output) in canonical form, one per line, tab-separated:
  owner  ttl  class  type  rdata
with fully-qualified owner names, the same shape as
  named-checkzone -D -o - ORIGIN FILE
Syntax errors go to stderr as file:line:col lines; the exit status is then 1.

Options:
${optionHelp(ZONE_PRINT_OPTIONS)}`;

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

/** One input of a check run: the name it is reported under, the path it is parsed as, and its current text. */
interface Input {
  readonly name: string;
  /** The path `$INCLUDE`s resolve against and the origin is guessed from; undefined for unnamed standard input. */
  readonly path: string | undefined;
  /** The file to write fixes back to; undefined for standard input. */
  readonly file: string | undefined;
  readonly original: string;
  /** Standard input began with a byte order mark (dropped for the analysis; kept when the fixed text is printed). */
  readonly bom?: boolean;
  text: string;
}

/** Standard input, read whole with the same limits as a file. */
function readStdin(name: string): { text: string; bom: boolean } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(0);
  } catch (error) {
    throw new InputError(`${name}: cannot read standard input (${(error as Error).message})`);
  }
  if (bytes.length > DEFAULT_MAX_BYTES) throw new InputError(`${name}: too large (${bytes.length} bytes; the limit is ${DEFAULT_MAX_BYTES})`);
  if (bytes.includes(0)) throw new InputError(`${name}: binary input (contains NUL bytes), not a zone file`);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

function readInputs(command: CheckCommand): Input[] {
  // Read everything first, so an unreadable input stops the run before any output.
  return collectFiles(command.paths).map((file) => {
    if (file !== STDIN) {
      const text = read(file);
      return { name: file, path: file, file, original: text, text };
    }
    const { text, bom } = readStdin(command.stdinFilename ?? '<stdin>');
    return { name: command.stdinFilename ?? '<stdin>', path: command.stdinFilename, file: undefined, original: text, bom, text };
  });
}

/** The findings of every input, by input, in their own text's offsets; and each zone's parsed file texts for locating them. */
function analyseAll(inputs: readonly Input[], command: CheckCommand): { findings: Finding[][]; files: ReadonlyMap<string, string>[] } {
  const reader = new NodeFileReader();
  const settings = { dmarcStandard: command.dmarcStandard, severities: command.rules };
  const findings: Finding[][] = inputs.map(() => []);
  const files: ReadonlyMap<string, string>[] = inputs.map(() => new Map());
  const isPolicy = (input: Input): boolean => input.path !== undefined && isPolicyFile(input.path);
  // Every zone is parsed before any is analysed: a DMARC report destination's authorization lives in the
  // destination's zone, which may be another file of the same run (the core's `workspace`).
  const parsed = inputs.flatMap((input, i) => {
    if (isPolicy(input)) return [];
    const zone = parseZone(input.text, { file: input.path, origin: command.origin ?? (input.path && guessOrigin(input.path)), reader });
    if (command.origin !== undefined && zone.origin === undefined) throw new UsageError(`--origin: '${command.origin}' is not a domain name`);
    return [{ i, path: input.path ?? input.name, zone }];
  });
  const workspace: WorkspaceZone[] = parsed.map(({ path: file, zone }) => ({ file, view: new ZoneView(zone, settings) }));
  const zones: ZoneView[] = [];
  for (const [j, { i, zone }] of parsed.entries()) {
    const options = { ...settings, workspace: workspace.filter((_, k) => k !== j) };
    const view = new ZoneView(zone, options);
    findings[i] = analyzeZone(zone, options, view);
    files[i] = zone.files;
    zones.push(view);
  }
  // MTA-STS policy files after the zones, so their mx lines can be compared with a zone given beside them.
  for (const [i, input] of inputs.entries()) {
    if (!isPolicy(input) || input.path === undefined) continue;
    findings[i] = analyzePolicy(input.text, { zoneView: zoneForPolicy(input.path, zones), domain: policyDomainFromPath(input.path), severities: command.rules });
  }
  return { findings, files };
}

/** One applied fix as data (the JSON of `--fix-dry-run --format json`), 1-based lines and columns like the findings. */
interface AppliedFix {
  readonly file: string;
  /**
   * The round it was applied in (1 first). A fix of a later round was found
   * in the text the earlier rounds left, and its ranges are in that text.
   */
  readonly pass: number;
  readonly rule: string;
  readonly title: string;
  /** Where the finding it fixes starts. */
  readonly line: number;
  readonly column: number;
  /** The edits, each range end exclusive; `oldText` is what the range held before. */
  readonly edits: readonly { readonly range: { readonly start: Position; readonly end: Position }; readonly oldText: string; readonly newText: string }[];
}

interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Applies the preferred fixes round by round until none is left (at most
 * MAX_FIX_PASSES rounds), changing the inputs' texts; returns each applied
 * fix, located in the text it was applied to.
 */
function fixAll(inputs: readonly Input[], command: CheckCommand): AppliedFix[] {
  const applied: AppliedFix[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings } = analyseAll(inputs, command);
    let count = 0;
    for (const [i, input] of inputs.entries()) {
      const chosen = chooseFixes(findings[i]);
      if (chosen.length === 0) continue;
      const lines = new LineIndex(input.text);
      const at = (offset: number): Position => {
        const p = lines.positionAt(offset);
        return { line: p.line + 1, column: p.character + 1 };
      };
      for (const { finding, fix } of chosen) {
        const start = at(finding.span.start);
        applied.push({
          file: input.name,
          pass: pass + 1,
          rule: finding.rule,
          title: fix.title,
          line: start.line,
          column: start.column,
          edits: fix.edits.map((e) => ({ range: { start: at(e.span.start), end: at(e.span.end) }, oldText: input.text.slice(e.span.start, e.span.end), newText: e.newText })),
        });
      }
      input.text = applyEdits(input.text, chosen.flatMap((c) => c.fix.edits));
      count += chosen.length;
    }
    if (count === 0) break;
  }
  return applied;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function check(command: CheckCommand, paint: { out: Paint; err: Paint }): Output {
  const inputs = readInputs(command);
  const fixes = command.fix ? fixAll(inputs, command) : [];
  let stdout = '';
  // The fixed text of standard input is the output (as a formatter's stdin mode): the findings move to stderr.
  const zoneOnStdout = command.fix === 'write' && inputs.some((input) => input.file === undefined);
  if (command.fix === 'write') {
    for (const input of inputs) {
      if (input.file === undefined) {
        stdout += (input.bom ? '\ufeff' : '') + input.text;
        continue;
      }
      if (input.text === input.original) continue;
      // A byte order mark is dropped on reading (editors hide it); put it back.
      const bom = fs.readFileSync(input.file).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
      fs.writeFileSync(input.file, bom + input.text);
    }
  } else if (command.fix === 'diff' && command.format === 'text') {
    for (const input of inputs) stdout += unifiedDiff(input.original, input.text, input.name);
  }
  const { findings, files } = analyseAll(inputs, command);
  const located = inputs.flatMap((input, i) => locate(findings[i], input.name, input.text, files[i]));
  const format = { text: (f: readonly LocatedFinding[]) => formatText(f, zoneOnStdout ? paint.err : paint.out), compact: formatCompact, json: formatJson, sarif: formatSarif }[command.format];
  let stderr = '';
  if (command.fix === 'diff' && command.format === 'json') {
    // The dry run as data: what each fix would change, then the findings the fixed text would still have.
    stdout += `${JSON.stringify({ fixes, findings: located }, null, 2)}\n`;
  } else {
    const verb = command.fix === 'write' ? 'fixed' : 'would fix';
    stderr += fixes.map((f) => `${verb} ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.title}\n`).join('');
    if (command.fix !== 'diff') {
      if (zoneOnStdout) stderr += format(located);
      else stdout += format(located);
    }
  }
  // The summary is for people: it goes beside the findings of the line formats, never into JSON or SARIF.
  if (located.length > 0 && (command.format === 'text' || command.format === 'compact')) stderr += summaryLine(located, paint.err);
  const warnings = located.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = command.maxWarnings !== undefined && warnings > command.maxWarnings;
  if (tooManyWarnings) stderr += `mailzone: ${warnings} warnings, more than --max-warnings ${command.maxWarnings}\n`;
  const failing = located.some((f) => RANK[f.severity] >= RANK[command.failOn]);
  return { stdout, stderr, exitCode: failing || tooManyWarnings ? 1 : 0 };
}

function zonePrint(command: { readonly file: string; readonly origin?: string }): Output {
  const text = read(command.file);
  const zone = parseZone(text, { file: command.file, origin: command.origin ?? guessOrigin(command.file), reader: new NodeFileReader() });
  if (command.origin !== undefined && zone.origin === undefined) throw new UsageError(`--origin: '${command.origin}' is not a domain name`);
  // Only an explicit --origin names the zone for certain: records outside it are left out, as BIND ignores them.
  // RRSIG times print as BIND prints them, relative to the clock.
  const printed = printZone(zone, { zone: command.origin, now: Math.floor(Date.now() / 1000) });
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
      return { stdout: command.topic === 'zone' ? ZONE_HELP : command.topic === 'check' ? checkHelp() : help(), exitCode: 0 };
    case 'version':
      return { stdout: `${version}\n`, exitCode: 0 };
    case 'check':
      return check(command, { out: painter(command.color, process.stdout), err: painter(command.color, process.stderr) });
    case 'zone-print':
      return zonePrint(command);
  }
}

function main(given: readonly string[]): void {
  // `mailzone help COMMAND` is `mailzone COMMAND --help`, as in git and npm.
  const argv = given[0] === 'help' && given.length > 1 ? [given[1], '--help'] : given;
  // `mailzone check … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  if (argv[0] === 'spf') return void spfCommand().spfMain(argv.slice(1));
  if (argv[0] === 'probe') return void probeCommand().probeMain(argv.slice(1));
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
