/**
 * Command-line parsing for `mailzone`. Hand-written rather than
 * `util.parseArgs` so every mistake gets one plain sentence that names the
 * option and what it accepts.
 */
import { findAnyRule } from '../core/analysis/rulesIndex';
import type { DmarcStandard } from '../core/model/zoneView';
import type { SeveritySetting } from '../core/rules/rule';
import { DMARC_STANDARDS, SEVERITY_SETTINGS } from '../settings';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** A mistake in how the command was called: exit 2 with this message. */
export class UsageError extends Error {}

export type Command =
  | { readonly name: 'help'; readonly topic?: 'check' | 'zone' }
  | { readonly name: 'version' }
  | {
      readonly name: 'check';
      readonly paths: readonly string[];
      readonly format: Format;
      readonly dmarcStandard: DmarcStandard;
      readonly rules: Readonly<Record<string, SeveritySetting>>;
    }
  | { readonly name: 'zone-print'; readonly file: string; readonly origin?: string };

export interface Invocation {
  readonly command: Command;
  readonly debug: boolean;
}

/** Splits `--name=value` and `--name value` forms into one stream of options and positionals. */
function* options(argv: readonly string[]): Generator<{ flag?: string; inline?: string; positional?: string; rest: () => string | undefined }> {
  let i = 0;
  const rest = (): string | undefined => argv[i++];
  let positionalOnly = false;
  while (i < argv.length) {
    const arg = argv[i++];
    if (positionalOnly || !arg.startsWith('-') || arg === '-') {
      yield { positional: arg, rest };
    } else if (arg === '--') {
      positionalOnly = true;
    } else {
      const eq = arg.indexOf('=');
      yield eq > 0 ? { flag: arg.slice(0, eq), inline: arg.slice(eq + 1), rest } : { flag: arg, rest };
    }
  }
}

function value(flag: string, inline: string | undefined, rest: () => string | undefined): string {
  const v = inline ?? rest();
  if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
  return v;
}

function choice<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${v}')`);
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
    if (sub !== 'print') throw new UsageError(`unknown command 'zone ${sub}'; the zone command has: print`);
    return { command: parseZonePrint(more), debug };
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'; commands are check and zone print`);
  throw new UsageError(`unknown command '${first}'; commands are check and zone print`);
}

function parseCheck(argv: readonly string[]): Command {
  const paths: string[] = [];
  let format: Format = 'text';
  let dmarcStandard: DmarcStandard = 'rfc9989';
  const rules: Record<string, SeveritySetting> = {};
  for (const { flag, inline, positional, rest } of options(argv)) {
    if (positional !== undefined) {
      paths.push(positional);
      continue;
    }
    switch (flag) {
      case '--help':
      case '-h':
        return { name: 'help', topic: 'check' };
      case '--format':
      case '-f':
        format = choice(flag, value(flag, inline, rest), FORMATS);
        break;
      case '--dmarc-standard':
        dmarcStandard = choice(flag, value(flag, inline, rest), DMARC_STANDARDS);
        break;
      case '--rule': {
        const v = value(flag, inline, rest);
        const m = /^([^=]+)=(.*)$/.exec(v);
        if (!m) throw new UsageError(`--rule takes ID=LEVEL, e.g. --rule spf-ptr=off (got '${v}')`);
        const id = m[1].trim();
        if (!findAnyRule(id)) throw new UsageError(`--rule: unknown rule '${id}'`);
        rules[id] = choice(`--rule ${id}`, m[2].trim(), SEVERITY_SETTINGS);
        break;
      }
      default:
        throw new UsageError(`unknown option '${flag}' for check (see mailzone check --help)`);
    }
  }
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');
  return { name: 'check', paths, format, dmarcStandard, rules };
}

function parseZonePrint(argv: readonly string[]): Command {
  const files: string[] = [];
  let origin: string | undefined;
  for (const { flag, inline, positional, rest } of options(argv)) {
    if (positional !== undefined) {
      files.push(positional);
      continue;
    }
    switch (flag) {
      case '--help':
      case '-h':
        return { name: 'help', topic: 'zone' };
      case '--origin':
      case '-o':
        origin = value(flag, inline, rest);
        break;
      default:
        throw new UsageError(`unknown option '${flag}' for zone print (see mailzone zone --help)`);
    }
  }
  if (files.length !== 1) throw new UsageError(`zone print takes exactly one file (got ${files.length})`);
  return { name: 'zone-print', file: files[0], origin };
}
