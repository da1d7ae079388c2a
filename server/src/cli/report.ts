/**
 * The three shapes of `mailzone check` output. All of them are built from the
 * same located findings, with 1-based lines and columns (UTF-16 columns, the
 * unit SARIF uses by default and editors count in).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { everyRule } from '../core/analysis/rulesIndex';
import { docsUrl, type Severity } from '../core/rules/rule';
import { version } from '../version';

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

export function formatText(findings: readonly LocatedFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`).join('');
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
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mailzone',
            version,
            informationUri: 'https://github.com/mailzone/mailzone',
            rules: everyRule().map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrl(rule.id),
              defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
              properties: { rfc: rule.rfc },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd() + path.sep).href } },
        results: findings.map((f) => ({
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
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
