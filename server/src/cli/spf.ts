/**
 * `mailzone spf tree` and `mailzone spf check`: the lookup tree of a
 * domain's SPF record, and the RFC 7208 check_host() result for a client
 * address, over the given zone files and (unless --no-live) live DNS.
 *
 * These are the only CLI commands that send DNS queries, and only when run
 * without --no-live: to the servers of --dns, or the system's resolvers.
 * `mailzone check` stays offline.
 *
 * Exit status: `spf tree` 0 when the record is within the limits and every
 * include and redirect resolves, 1 otherwise (or when there is no record);
 * `spf check` 0 for pass, 1 for any other result; 2 when the command could
 * not run (usage, an unreadable zone file).
 */
import * as path from 'node:path';
import { CachingResolver } from '../core/dns/cache';
import { nxdomainResolver, type AnswerSource, type Resolver } from '../core/dns/resolver';
import { ZoneResolver, type ZoneSource } from '../core/dns/zoneResolver';
import { parseClientIp } from '../core/records/spf/address';
import { treeForDomain, treeLookup } from '../core/records/spf/asyncTree';
import { checkHost, type CheckHostResult, type MatchedTerm } from '../core/records/spf/evaluate';
import { LOOKUP_LIMIT, VOID_LIMIT, type LookupNode, type SpfTree } from '../core/records/spf/tree';
import { LineIndex } from '../core/text/lineIndex';
import type { Zone } from '../core/zone/ast';
import { parseZone } from '../core/zone/parser';
import { DEFAULT_CHECK_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, DnsServerError, LiveResolver, checkSignal } from '../node/dnsResolver';
import { NodeFileReader, readZoneFile } from '../node/fileReader';
import { guessOrigin } from '../node/origin';
import { choice, DEBUG_OPTION, DNS_SERVER, optionHelp, parseOptions, UsageError, type OptionSpec } from './args';
import { didYouMean } from './suggest';

/** The options of `spf tree` and `spf check`: they drive the parsing, the help and the suggestions for a mistyped one. */
export const SPF_OPTIONS: readonly OptionSpec[] = [
  { name: 'zone', arg: 'FILE', help: 'answer from this zone file first (a zone, or a plain list of records with absolute owner names and no SOA); repeatable' },
  { name: 'dns', arg: 'HOST:PORT', help: "the DNS server for live lookups (default: the system's)" },
  { name: 'no-live', help: 'no DNS queries: names not in the --zone files are NXDOMAIN' },
  { name: 'timeout', arg: 'MS', help: `per-query timeout (default ${DEFAULT_QUERY_TIMEOUT_MS}); the whole run stops after ${DEFAULT_CHECK_TIMEOUT_MS / 1000} s` },
  { name: 'format', short: 'f', arg: 'FORMAT', help: 'text (default) or json' },
  { name: 'ip', arg: 'IP', help: "the connecting client's address (check)" },
  { name: 'sender', arg: 'ADDR', empty: true, help: "the MAIL FROM address; empty ('') checks the HELO identity (check)" },
  { name: 'helo', arg: 'NAME', help: 'the HELO/EHLO name (check)' },
  { name: 'help', short: 'h', help: 'show this help' },
];

/** The options only `spf check` reads: given to `spf tree` they are a mistake, not something to ignore. */
const CHECK_ONLY = new Set(['ip', 'sender', 'helo']);

export const SPF_HELP = `Usage:
  mailzone spf tree <domain> [--zone FILE]... [--dns HOST:PORT] [--no-live] [--format text|json]
  mailzone spf check --ip IP --sender ADDR [--helo NAME] <domain>
                     [--zone FILE]... [--dns HOST:PORT] [--no-live] [--format text|json]

  tree    The lookup tree of the domain's SPF record: every DNS-querying term,
          what it reached, the lookups in its subtree, and the total against
          RFC 7208's limits (10 lookups, 2 void lookups).
  check   RFC 7208 check_host(): the result (none, neutral, pass, fail,
          softfail, temperror, permerror) for a client address and sender,
          the term that decided it, and the path the evaluation took.

Options:
${optionHelp([...SPF_OPTIONS, DEBUG_OPTION])}
Exit status: tree 0 within the limits, 1 over them or broken; check 0 for
pass, 1 for other results; 2 usage or input error.
`;

export interface SpfOptions {
  readonly domain: string;
  readonly zones: readonly string[];
  readonly dns?: string;
  readonly live: boolean;
  readonly format: 'text' | 'json';
  readonly timeoutMs: number;
}

export type SpfCommand =
  | { readonly name: 'help' }
  | ({ readonly name: 'tree' } & SpfOptions)
  | ({ readonly name: 'check'; readonly ip: string; readonly sender: string; readonly helo?: string } & SpfOptions);

export interface SpfOutput {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

/** Parses `mailzone spf …` (argv without `spf` and `--debug`); throws UsageError for a mistake. */
export function parseSpfArgs(argv: readonly string[]): SpfCommand {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return { name: 'help' };
  if (sub !== 'tree' && sub !== 'check') {
    if (sub.startsWith('-')) throw new UsageError(`spf needs a command before options: spf tree or spf check (got '${sub}'); see mailzone spf --help`);
    throw new UsageError(`unknown command 'spf ${sub}'${didYouMean(sub, ['tree', 'check'])}; the spf command has: tree, check`);
  }
  const positionals: string[] = [];
  const zones: string[] = [];
  let dns: string | undefined;
  let live = true;
  let format: 'text' | 'json' = 'text';
  let timeoutMs = DEFAULT_QUERY_TIMEOUT_MS;
  let ip: string | undefined;
  let sender: string | undefined;
  let helo: string | undefined;
  for (const token of parseOptions(rest, SPF_OPTIONS, `spf ${sub}`)) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const flag = token.rawName;
    const v = token.value ?? '';
    if (sub === 'tree' && CHECK_ONLY.has(token.name)) throw new UsageError(`${flag} belongs to spf check, not spf tree`);
    switch (token.name) {
      case 'help':
        return { name: 'help' };
      case 'zone':
        zones.push(v);
        break;
      case 'dns':
        if (!DNS_SERVER.test(v)) throw new UsageError(`${flag} takes HOST or HOST:PORT (got '${v}')`);
        dns = v;
        break;
      case 'no-live':
        live = false;
        break;
      case 'format':
        format = choice(flag, v, ['text', 'json'] as const);
        break;
      case 'timeout':
        if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new UsageError(`${flag} takes milliseconds, 1 or more (got '${v}')`);
        timeoutMs = Number(v);
        break;
      case 'ip':
        ip = v;
        break;
      case 'sender':
        sender = v;
        break;
      case 'helo':
        helo = v;
        break;
    }
  }
  if (positionals.length !== 1) throw new UsageError(`spf ${sub} takes exactly one domain (got ${positionals.length})`);
  const domain = positionals[0].replace(/\.$/, '');
  const options: SpfOptions = { domain, zones, dns, live, format, timeoutMs };
  if (sub === 'tree') return { name: 'tree', ...options };
  if (ip === undefined) throw new UsageError('spf check needs --ip');
  if (!parseClientIp(ip)) throw new UsageError(`--ip: '${ip}' is not an IPv4 or IPv6 address`);
  if (sender === undefined) throw new UsageError("spf check needs --sender (use --sender '' for a bounce)");
  return { name: 'check', ip, sender, helo, ...options };
}

interface LoadedZones {
  readonly sources: ZoneSource[];
  /** Texts by path, for turning record offsets into lines. */
  readonly texts: Map<string, string>;
  readonly warnings: string[];
}

/**
 * Reads the --zone files. A zone file's origin is its `$ORIGIN` or guessed
 * from its name; a list of absolute names needs neither. Syntax problems are
 * warnings: the records that parsed still answer.
 */
function loadZones(files: readonly string[]): LoadedZones {
  const reader = new NodeFileReader();
  const sources: ZoneSource[] = [];
  const texts = new Map<string, string>();
  const warnings: string[] = [];
  for (const file of files) {
    const read = readZoneFile(file);
    if ('error' in read) throw new UsageError(read.error);
    const zone: Zone = parseZone(read.text, { file, origin: guessOrigin(file), reader });
    texts.set(file, read.text);
    for (const [included, text] of zone.files) texts.set(included, text);
    for (const problem of zone.problems) {
      const at = new LineIndex(problem.file ? (zone.files.get(problem.file) ?? '') : read.text).positionAt(problem.span.start);
      warnings.push(`mailzone: warning: ${problem.file ?? file}:${at.line + 1}:${at.character + 1}: ${problem.message}\n`);
    }
    sources.push({ zone, file });
  }
  return { sources, texts, warnings };
}

function resolverFor(options: SpfOptions, zones: LoadedZones): Resolver {
  let fallback: Resolver = nxdomainResolver;
  if (options.live) {
    try {
      fallback = new CachingResolver(new LiveResolver({ servers: options.dns ? [options.dns] : [], timeoutMs: options.timeoutMs }));
    } catch (error) {
      if (error instanceof DnsServerError) throw new UsageError(`--dns: ${error.message}`);
      throw error;
    }
  }
  return new ZoneResolver(zones.sources, fallback);
}

function bare(name: string): string {
  return name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
}

/** Where a record's term is in a zone file, when the record came from one. */
function locate(source: AnswerSource | undefined, start: number, end: number, texts: ReadonlyMap<string, string>): { file: string; line: number; column: number } | undefined {
  if (source?.kind !== 'zone' || !source.records[0]?.txt) return undefined;
  const record = source.records[0];
  const file = record.file ?? source.file;
  const text = file === undefined ? undefined : texts.get(file);
  if (file === undefined || text === undefined) return undefined;
  const span = record.txt!.map.toSourceSpan(start, end);
  const at = new LineIndex(text).positionAt(span.start);
  return { file: displayPath(file), line: at.line + 1, column: at.character + 1 };
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

// ---- spf tree ----

interface JsonNode {
  readonly term: string;
  readonly domain: string;
  readonly start: number;
  readonly end: number;
  readonly target?: string;
  readonly result: string;
  readonly message?: string;
  readonly counted: boolean;
  readonly void: boolean;
  readonly macro: boolean;
  /** Lookups in this subtree, this term included. */
  readonly lookups: number;
  readonly voids: number;
  readonly mxHosts?: number;
  readonly record?: string;
  readonly children: readonly JsonNode[];
}

function jsonNode(node: LookupNode): JsonNode {
  return {
    term: node.term.raw,
    domain: bare(node.domain),
    start: node.term.start,
    end: node.term.end,
    ...(node.target ? { target: bare(node.target) } : {}),
    result: node.result,
    ...(node.message ? { message: node.message } : {}),
    counted: node.counted,
    void: node.void,
    macro: node.macro,
    lookups: node.count,
    voids: node.voids,
    ...(node.mxHosts !== undefined ? { mxHosts: node.mxHosts } : {}),
    ...(node.record ? { record: node.record.text } : {}),
    children: node.children.map(jsonNode),
  };
}

/** What is wrong with a tree in RFC terms, one line each; empty when receivers would evaluate it fully. */
function treeProblems(tree: SpfTree): string[] {
  const problems: string[] = [];
  if (tree.count > LOOKUP_LIMIT) problems.push(`${tree.count} DNS lookups: more than ${LOOKUP_LIMIT}, receivers return permerror`);
  if (tree.voids > VOID_LIMIT) problems.push(`${tree.voids} void lookups: more than ${VOID_LIMIT}, receivers return permerror`);
  const walk = (nodes: readonly LookupNode[]): void => {
    for (const node of nodes) {
      if (node.result === 'none' || node.result === 'loop' || (node.result === 'error' && node.target)) problems.push(`${node.term.raw} (in ${bare(node.domain)}): ${node.message}`);
      if (node.mxHosts !== undefined && node.mxHosts > 10) problems.push(`${node.term.raw} (in ${bare(node.domain)}): ${node.mxHosts} MX hosts, more than 10: permerror`);
      walk(node.children);
    }
  };
  walk(tree.children);
  return problems;
}

function textTree(domain: string, text: string, tree: SpfTree): string {
  const lines = [`${domain}: "${text}"`];
  const walk = (nodes: readonly LookupNode[], indent: string): void => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      const count = node.counted ? `[${node.count}]` : '[not counted]';
      let what: string = node.result;
      if (node.result === 'record' && node.record) what = `record "${node.record.text}"`;
      else if (node.result === 'record' && node.mxHosts !== undefined) what = `${node.mxHosts} MX host${node.mxHosts === 1 ? '' : 's'}`;
      else if (node.message) what = `${node.result}: ${node.message}`;
      lines.push(`${indent}${last ? '└─ ' : '├─ '}${node.term.raw}  ${count}  ${what}`);
      walk(node.children, `${indent}${last ? '   ' : '│  '}`);
    });
  };
  walk(tree.children, '');
  lines.push(`total: ${tree.truncated ? 'at least ' : ''}${tree.count}/${LOOKUP_LIMIT} DNS lookups, voids ${tree.voids}/${VOID_LIMIT}`);
  return `${lines.join('\n')}\n`;
}

async function spfTree(command: Extract<SpfCommand, { name: 'tree' }>, zones: LoadedZones, signal: AbortSignal): Promise<SpfOutput> {
  const resolver = resolverFor(command, zones);
  const found = await treeForDomain(command.domain, treeLookup(resolver, signal));
  if (found.kind !== 'tree') {
    const stdout = command.format === 'json' ? `${JSON.stringify({ domain: command.domain, result: found.kind, message: found.message }, null, 2)}\n` : `${command.domain}: ${found.message}\n`;
    return { stdout, exitCode: 1 };
  }
  const { tree, text } = found;
  const problems = treeProblems(tree);
  const source = found.source?.status === 'answer' ? found.source.source : undefined;
  const at = locate(source, 0, text.length, zones.texts);
  if (command.format === 'json') {
    const json = {
      domain: command.domain,
      record: text,
      ...(at ? { location: at } : {}),
      lookups: tree.count,
      lookupLimit: LOOKUP_LIMIT,
      voids: tree.voids,
      voidLimit: VOID_LIMIT,
      truncated: tree.truncated,
      problems,
      children: tree.children.map(jsonNode),
    };
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, exitCode: problems.length ? 1 : 0 };
  }
  return { stdout: textTree(command.domain, text, tree) + problems.map((p) => `problem: ${p}\n`).join(''), exitCode: problems.length ? 1 : 0 };
}

// ---- spf check ----

function matchedJson(matched: MatchedTerm, texts: ReadonlyMap<string, string>): Record<string, unknown> {
  const at = locate(matched.source, matched.start, matched.end, texts);
  return { term: matched.term, domain: matched.domain, start: matched.start, end: matched.end, record: matched.record, ...(at ? { location: at } : {}) };
}

function textCheck(r: CheckHostResult, texts: ReadonlyMap<string, string>): string {
  const lines = [`result: ${r.result}`];
  if (r.matched) {
    const at = locate(r.matched.source, r.matched.start, r.matched.end, texts);
    lines.push(`matched: ${r.matched.term} in ${r.matched.domain} (characters ${r.matched.start}-${r.matched.end} of its record${at ? `; ${at.file}:${at.line}:${at.column}` : ''})`);
  }
  if (r.reason) lines.push(`reason: ${r.reason}`);
  if (r.explanation !== undefined) lines.push(`explanation: ${r.explanation}`);
  lines.push(`lookups: ${r.lookups}/${LOOKUP_LIMIT}, voids: ${r.voids}/${VOID_LIMIT}`);
  if (r.trace.length) {
    lines.push('path:');
    for (const step of r.trace) {
      // A record's terms sit under it, and an included record under the term that includes it.
      const indent = ' '.repeat(2 + 4 * step.depth);
      if (step.kind === 'record') lines.push(`${indent}${step.domain}: "${step.text}"`);
      else if (step.kind === 'term') lines.push(`${indent}  ${step.text}: ${step.outcome}`);
      else lines.push(`${indent}  ${step.outcome}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function spfCheck(command: Extract<SpfCommand, { name: 'check' }>, zones: LoadedZones, signal: AbortSignal): Promise<SpfOutput> {
  const resolver = resolverFor(command, zones);
  const r = await checkHost({ ip: command.ip, sender: command.sender, helo: command.helo, domain: command.domain }, { resolver, signal });
  if (command.format === 'json') {
    const json = {
      result: r.result,
      domain: r.domain,
      sender: r.sender,
      ...(r.explanation !== undefined ? { explanation: r.explanation } : {}),
      ...(r.matched ? { matched: matchedJson(r.matched, zones.texts) } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      lookups: r.lookups,
      voids: r.voids,
      path: r.trace.map((s) => ({ depth: s.depth, domain: s.domain, kind: s.kind, text: s.text, outcome: s.outcome, ...(s.start !== undefined ? { start: s.start, end: s.end } : {}) })),
    };
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, exitCode: r.result === 'pass' ? 0 : 1 };
  }
  return { stdout: textCheck(r, zones.texts), exitCode: r.result === 'pass' ? 0 : 1 };
}

/** Runs `mailzone spf …` (argv without `spf`) and returns what to print. */
export async function runSpf(argv: readonly string[], signal: AbortSignal = checkSignal(undefined)): Promise<SpfOutput> {
  const command = parseSpfArgs(argv);
  if (command.name === 'help') return { stdout: SPF_HELP, exitCode: 0 };
  const zones = loadZones(command.zones);
  const output = command.name === 'tree' ? await spfTree(command, zones, signal) : await spfCheck(command, zones, signal);
  return zones.warnings.length ? { ...output, stderr: zones.warnings.join('') + (output.stderr ?? '') } : output;
}

/** The process entry for `mailzone spf`: prints, sets the exit status, and reports errors in one line as `mailzone` does. */
export async function spfMain(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  try {
    const output = await runSpf(argv.filter((a) => a !== '--debug'));
    process.stdout.write(output.stdout);
    if (output.stderr) process.stderr.write(output.stderr);
    process.exitCode = output.exitCode;
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`mailzone: ${error.message}\n`);
    else process.stderr.write(`mailzone: internal error: ${error instanceof Error ? (debug ? error.stack : error.message.split('\n')[0]) : String(error)}${debug ? '' : ' (run again with --debug for details)'}\n`);
    process.exitCode = 2;
  }
}
