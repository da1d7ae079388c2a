/**
 * Command-line parsing for `mailzone`. Node's `util.parseArgs` splits the
 * words into options and positionals; the tables below say which options
 * each command takes, and they drive the parsing, the help text and the
 * "did you mean" suggestions alike. Every mistake gets one plain sentence
 * that names the option and what it accepts.
 */
import { parseArgs as tokenize } from 'node:util';
import { findAnyRule } from '../core/analysis/rulesIndex';
import type { DmarcStandard } from '../core/model/zoneView';
import type { Severity, SeveritySetting } from '../core/rules/rule';
import { DMARC_STANDARDS, SEVERITY_SETTINGS } from '../settings';
import { didYouMean } from './suggest';

export const FORMATS = ['text', 'compact', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
export const FAIL_LEVELS = ['error', 'warning', 'info'] as const;

/** The path that stands for standard input. */
export const STDIN = '-';

/** A DNS server as `--dns` takes it: `HOST` or `HOST:PORT`, an IPv6 address in brackets. */
export const DNS_SERVER = /^(?:\[[0-9a-fA-F:.]+\]|[^\s:[\]]+)(?::\d{1,5})?$/;

/** A mistake in how the command was called: exit 2 with this message. */
export class UsageError extends Error {}

export interface CheckCommand {
  readonly name: 'check';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly color: ColorMode;
  readonly dmarcStandard: DmarcStandard;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** The lowest severity that makes the exit status 1. */
  readonly failOn: Severity;
  /** More warnings than this make the exit status 1. */
  readonly maxWarnings?: number;
  /** The name standard input is reported under, and its origin guessed from. */
  readonly stdinFilename?: string;
  readonly origin?: string;
  /**
   * `write` applies the preferred fixes to the files (standard input's fixed text goes to standard output);
   * `diff` prints them as a unified diff, or as data with --format json.
   */
  readonly fix?: 'write' | 'diff';
}

export type Command =
  | { readonly name: 'help'; readonly topic?: 'check' | 'zone' }
  | { readonly name: 'version' }
  | CheckCommand
  | { readonly name: 'zone-print'; readonly file: string; readonly origin?: string };

export interface Invocation {
  readonly command: Command;
  readonly debug: boolean;
}

/** One option of a command: how it is spelled, whether it takes a value, and its line in the help. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  /** The value's placeholder in the help; absent for a flag that takes none. */
  readonly arg?: string;
  /** The value may be empty (`--sender ''` names the null sender); other options need one. */
  readonly empty?: boolean;
  readonly help: string;
}

export const CHECK_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', arg: 'FORMAT', help: 'text (default), compact, json or sarif' },
  { name: 'color', arg: 'WHEN', help: 'auto (default: on a terminal unless NO_COLOR is set), always, never' },
  { name: 'fail-on', arg: 'LEVEL', help: 'exit 1 on findings this severe or worse: error (default), warning, info' },
  { name: 'max-warnings', arg: 'N', help: 'also exit 1 when there are more than N warnings' },
  { name: 'fix', help: "apply each finding's preferred fix (the editor's) to the files; with '-', print the fixed zone" },
  { name: 'fix-dry-run', help: 'print those fixes as a unified diff (or as JSON with --format json); write nothing' },
  { name: 'origin', short: 'o', arg: 'NAME', help: 'the origin of zones without $ORIGIN (default: from the file name)' },
  { name: 'stdin-filename', arg: 'NAME', help: "with '-': the name to report standard input under" },
  { name: 'dmarc-standard', arg: 'STD', help: 'rfc9989 (default) or rfc7489, where the two differ' },
  { name: 'rule', arg: 'ID=LEVEL', help: "a rule's severity: off, info, warning or error; repeatable" },
  { name: 'help', short: 'h', help: 'show this help' },
];

/** Accepted by every command (parseArgs takes it out first); listed in the help with the others. */
export const DEBUG_OPTION: OptionSpec = { name: 'debug', help: 'show stack traces for internal errors' };

export const ZONE_PRINT_OPTIONS: readonly OptionSpec[] = [
  { name: 'origin', short: 'o', arg: 'NAME', help: 'the zone\'s origin, when the file has no $ORIGIN (default: guessed from the file name)' },
  { name: 'help', short: 'h', help: 'show this help' },
];

/** Every top-level command, for the help and for suggestions. */
export const COMMAND_NAMES = ['check', 'zone', 'spf', 'probe', 'help'] as const;

/** The help's lines for a table of options, aligned. */
export function optionHelp(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.arg ? ` ${s.arg}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}${s.help}\n`).join('');
}

export type Token = { kind: 'option'; name: string; rawName: string; value?: string } | { kind: 'positional'; value: string };

/**
 * Splits the words with `util.parseArgs`, then checks each option against
 * the table: an unknown one is refused with the nearest known name, one that
 * takes a value must have one, one that takes none must not. `where` is the
 * command as typed (`spf tree`); its first word names the help to see.
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[], where: string): Token[] {
  const options = Object.fromEntries(specs.map((s) => [s.name, { type: s.arg ? ('string' as const) : ('boolean' as const), ...(s.short ? { short: s.short } : {}) }]));
  const parsed = tokenize({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const result: Token[] = [];
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'positional') result.push({ kind: 'positional', value: token.value });
    if (token.kind !== 'option') continue;
    const spec = specs.find((s) => s.name === token.name);
    if (!spec) {
      const names = specs.map((s) => `--${s.name}`);
      throw new UsageError(`unknown option '${token.rawName}' for ${where}${didYouMean(token.rawName, names)}; see mailzone ${where.split(' ')[0]} --help`);
    }
    if (spec.arg && (token.value === undefined || (token.value === '' && !spec.empty))) throw new UsageError(`${token.rawName} needs a value (${spec.arg})`);
    // parseArgs gives a string option the next word whatever it is, so `--zone --fix` would check a zone named
    // `--fix` and drop the option; a word that names one of this command's options is taken as that option.
    if (spec.arg && !token.inlineValue && token.value !== undefined && isOptionWord(token.value, specs)) {
      throw new UsageError(`${token.rawName} needs a value (${spec.arg}), not the option '${token.value}'; write --${spec.name}=${token.value} if that is the value`);
    }
    if (!spec.arg && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value (got '${token.value}')`);
    result.push({ kind: 'option', name: token.name, rawName: token.rawName, value: token.value });
  }
  return result;
}

/** True when `word` is written as one of the options in `specs` (`--name`, `--name=…` or `-s`), or as `--help`. */
function isOptionWord(word: string, specs: readonly OptionSpec[]): boolean {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0];
    return name === 'help' || specs.some((s) => s.name === name);
  }
  return word.length === 2 && word[0] === '-' && specs.some((s) => s.short === word[1]);
}

export function choice<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${v}')${didYouMean(v, allowed)}`);
}

export function parseArgs(argv: readonly string[]): Invocation {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: { name: 'help' }, debug };
  if (first === '--version' || first === '-V') return { command: { name: 'version' }, debug };
  if (first === 'check') return { command: parseCheck(rest), debug };
  if (first === 'zone') {
    const [sub, ...more] = rest;
    if (sub === undefined || sub === '--help' || sub === '-h') return { command: { name: 'help', topic: 'zone' }, debug };
    if (sub !== 'print') throw new UsageError(`unknown command 'zone ${sub}'${didYouMean(sub, ['print'])}; the zone command has: print`);
    return { command: parseZonePrint(more), debug };
  }
  const commands = 'commands are check, zone print, spf tree, spf check and probe (see mailzone --help)';
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'${didYouMean(first, ['--help', '--version'])}; ${commands}`);
  throw new UsageError(`unknown command '${first}'${didYouMean(first, COMMAND_NAMES)}; ${commands}`);
}

function parseCheck(argv: readonly string[]): Command {
  const paths: string[] = [];
  let format: Format = 'text';
  let color: ColorMode = 'auto';
  let dmarcStandard: DmarcStandard = 'rfc9989';
  let failOn: Severity = 'error';
  let maxWarnings: number | undefined;
  let stdinFilename: string | undefined;
  let origin: string | undefined;
  let fix: CheckCommand['fix'];
  const rules: Record<string, SeveritySetting> = {};
  for (const token of parseOptions(argv, CHECK_OPTIONS, 'check')) {
    if (token.kind === 'positional') {
      paths.push(token.value);
      continue;
    }
    const flag = token.rawName;
    const v = token.value ?? '';
    switch (token.name) {
      case 'help':
        return { name: 'help', topic: 'check' };
      case 'format':
        format = choice(flag, v, FORMATS);
        break;
      case 'color':
        color = choice(flag, v, COLOR_MODES);
        break;
      case 'fail-on':
        failOn = choice(flag, v, FAIL_LEVELS);
        break;
      case 'max-warnings':
        if (!/^\d{1,9}$/.test(v)) throw new UsageError(`${flag} takes a whole number of warnings, 0 or more (got '${v}')`);
        maxWarnings = Number(v);
        break;
      case 'fix':
      case 'fix-dry-run': {
        const wanted = token.name === 'fix' ? 'write' : 'diff';
        if (fix && fix !== wanted) throw new UsageError('--fix and --fix-dry-run cannot be used together');
        fix = wanted;
        break;
      }
      case 'origin':
        origin = v;
        break;
      case 'stdin-filename':
        stdinFilename = v;
        break;
      case 'dmarc-standard':
        dmarcStandard = choice(flag, v, DMARC_STANDARDS);
        break;
      case 'rule': {
        const m = /^([^=]+)=(.*)$/.exec(v);
        if (!m) throw new UsageError(`--rule takes ID=LEVEL, e.g. --rule spf-ptr=off (got '${v}')`);
        const id = m[1].trim();
        if (!findAnyRule(id)) throw new UsageError(`--rule: unknown rule '${id}'`);
        rules[id] = choice(`--rule ${id}`, m[2].trim(), SEVERITY_SETTINGS);
        break;
      }
    }
  }
  if (paths.length === 0) throw new UsageError("check needs at least one file or directory ('-' for standard input)");
  const stdinCount = paths.filter((p) => p === STDIN).length;
  if (stdinCount > 1) throw new UsageError("'-' (standard input) can be given only once");
  if (stdinFilename !== undefined && stdinCount === 0) throw new UsageError("--stdin-filename names standard input: give '-' as the file too");
  // The dry run prints a diff, or with --format json the fixes as data; a line format beside the diff on the same
  // stream would make neither usable, and SARIF has no place for a whole run's fixes in order.
  if (fix === 'diff' && format !== 'text' && format !== 'json') throw new UsageError(`--fix-dry-run prints a diff, or the fixes as JSON with --format json; it does not combine with --format ${format}`);
  return { name: 'check', paths, format, color, dmarcStandard, rules, failOn, maxWarnings, stdinFilename, origin, fix };
}

function parseZonePrint(argv: readonly string[]): Command {
  const files: string[] = [];
  let origin: string | undefined;
  for (const token of parseOptions(argv, ZONE_PRINT_OPTIONS, 'zone print')) {
    if (token.kind === 'positional') files.push(token.value);
    else if (token.name === 'help') return { name: 'help', topic: 'zone' };
    else if (token.name === 'origin') origin = token.value;
  }
  if (files.length !== 1) throw new UsageError(`zone print takes exactly one file (got ${files.length})`);
  return { name: 'zone-print', file: files[0], origin };
}
