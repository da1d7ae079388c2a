/**
 * The four shapes of `mailzone check` output, and its summary line. All of
 * them are built from the same located findings, with 1-based lines and
 * columns (UTF-16 columns, the unit SARIF uses by default and editors count in).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { everyRule } from '../core/analysis/rulesIndex';
import { docsUrl, type Severity } from '../core/rules/rule';
import { version } from '../version';
import { plain, type Paint, type Style } from './style';

/** One finding as the CLI prints it; also the JSON output's element. */
export interface LocatedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The end is exclusive: the column just after the last character. */
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  /** The other places of a per-zone finding (each name it lists), in the JSON output. */
  readonly related?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

const SEVERITY_STYLES: Record<Severity, readonly Style[]> = { error: ['red', 'bold'], warning: ['yellow', 'bold'], info: ['cyan'] };

/** `file:line:col severity rule-id message`, the severity in its colour and the rule id dimmed when `paint` colours. */
export function formatText(findings: readonly LocatedFinding[], paint: Paint = plain): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${paint(SEVERITY_STYLES[f.severity], f.severity)} ${paint('dim', f.code)} ${f.message}\n`).join('');
}

/**
 * `file:line:col: severity: message [rule-id]`, the shape compilers print and
 * problem matchers parse (the extension's `$mailzone` matcher reads it). It
 * is never coloured: its readers are programs, and a VS Code task runs in a terminal.
 */
export function formatCompact(findings: readonly LocatedFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]\n`).join('');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;

/** "3 errors, 5 warnings in 2 files": the counts by severity and how many files have findings. */
export function summaryLine(findings: readonly LocatedFinding[], paint: Paint = plain): string {
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  const parts = (['error', 'warning', 'info'] as const).filter((s) => count(s) > 0).map((s) => paint(SEVERITY_STYLES[s], plural(count(s), s)));
  const files = new Set(findings.map((f) => f.file)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')}\n`;
}

export function formatJson(findings: readonly LocatedFinding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}

const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF artifact URI: relative paths stay relative (resolved against the run's base), others become file URLs. */
function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) read. */
export function formatSarif(findings: readonly LocatedFinding[]): string {
  const index = new Map(everyRule().map((rule, i) => [rule.id, i]));
  const rules = everyRule().map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.summary },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
    properties: { rfc: rule.rfc },
  }));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
    level: SARIF_LEVELS[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: path.isAbsolute(f.file) ? { uri: artifactUri(f.file) } : { uri: artifactUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    // A finding given once for several places (mail-no-spf's names) points at each of the others.
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((place, id) => ({
            id,
            message: { text: place.message },
            physicalLocation: {
              artifactLocation: path.isAbsolute(place.file) ? { uri: artifactUri(place.file) } : { uri: artifactUri(place.file), uriBaseId: '%SRCROOT%' },
              region: { startLine: place.line, startColumn: place.column },
            },
          })),
        }
      : {}),
  }));
  return sarifLog(rules, results);
}

/** One SARIF 2.1.0 run of mailzone, as `check` and `probe` both write it: the tool, its rules, the results. */
export function sarifLog(rules: readonly object[], results: readonly object[]): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mailzone', version, informationUri: 'https://github.com/mailzone/mailzone', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd() + path.sep).href } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
