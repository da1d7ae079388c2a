/**
 * Fixtures as data. A fixture is a zone file whose expected findings are
 * written under their targets as comment lines, which keeps the fixture a
 * valid zone file:
 *
 *     @ TXT "v=spf1 +all"
 *     ;          ^^^^ spf-pass-all
 *
 * The carets mark columns of the nearest line above that is not an
 * annotation; a `;` directly followed by `^` stands for column 0. After the
 * rule id, `: text` requires the message to contain that text and `[warning]`
 * the severity. A header line `; mailzone-test: origin=example.com.
 * dmarc=rfc7489 rules=all` sets options; by default only the rules that the
 * fixture names (and the rule its folder is named for) are compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type Analysis } from '../../server/src/core/service';
import type { FileReader } from '../../server/src/core/io';
import type { Finding } from '../../server/src/core/rules/rule';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { DmarcStandard } from '../../server/src/core/model/zoneView';

export interface Expectation {
  line: number;
  start: number;
  end: number;
  rule: string;
  message?: string;
  severity?: string;
  file?: string;
}

export interface FixtureOptions {
  origin?: string;
  dmarcStandard: DmarcStandard;
  allRules: boolean;
}


export function isAnnotation(line: string): boolean {
  return /^;\s*\^/.test(line);
}

export function readOptions(text: string): FixtureOptions {
  const header = /^; mailzone-test:(.*)$/m.exec(text)?.[1] ?? '';
  const get = (key: string): string | undefined => new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(header)?.[1];
  return {
    origin: get('origin'),
    dmarcStandard: (get('dmarc') as DmarcStandard) ?? 'rfc9989',
    allRules: get('rules') === 'all',
  };
}

export function readExpectations(text: string, file?: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, n) => {
    if (!isAnnotation(line)) {
      target = n;
      return;
    }
    const m = /^;(\s*)(\^+)\s+([a-z0-9-]+)(?:\s*\[(error|warning|info)\])?(?::\s*(.*))?$/.exec(line);
    if (!m) throw new Error(`bad annotation at line ${n + 1}: ${line}`);
    // `;^^^` starts at column 0: the semicolon stands in for the first caret.
    const start = m[1].length === 0 ? 0 : 1 + m[1].length;
    const end = 1 + m[1].length + m[2].length;
    out.push({ line: target, start, end, rule: m[3], severity: m[4], message: m[5]?.trim(), file });
  });
  return out;
}

/** Reads `$INCLUDE` files from disk, relative to the including file. */
export const diskReader: FileReader = {
  resolve: (from, target) => (path.isAbsolute(target) ? target : path.resolve(path.dirname(from || '.'), target)),
  read: (p) => {
    try {
      if (fs.statSync(p).isDirectory()) return { error: `${p} is a directory` };
      return { text: fs.readFileSync(p, 'utf8') };
    } catch {
      return { error: `cannot read ${p}: no such file` };
    }
  },
};

export function analyzeFixture(file: string, text = fs.readFileSync(file, 'utf8')): { analysis: Analysis; options: FixtureOptions; text: string } {
  const options = readOptions(text);
  const analysis = analyzeDocument({ text, file, origin: options.origin, reader: diskReader }, { dmarcStandard: options.dmarcStandard });
  return { analysis, options, text };
}

/** Where a finding shows on its first line: that line and the columns it covers there. */
export function findingMark(finding: Finding, index: LineIndex): { line: number; start: number; end: number } {
  const start = index.positionAt(finding.span.start);
  const end = index.positionAt(finding.span.end);
  const endCol = end.line === start.line ? end.character : index.lineEnd(start.line) - index.lineStart(start.line);
  return { line: start.line, start: start.character, end: endCol };
}

function key(e: { line: number; start: number; end: number; rule: string }): string {
  return `line ${e.line + 1} col ${e.start + 1}-${e.end + 1} ${e.rule}`;
}

/**
 * Compares a fixture's findings with its annotations and returns the
 * differences as readable lines (empty when they agree). `rules` are
 * compared even when the fixture has no annotation for them.
 */
export function checkFixture(file: string, rules: readonly string[] = []): string[] {
  const { analysis, options, text } = analyzeFixture(file);
  const expected = readExpectations(text);
  const compared = new Set([...rules, ...expected.map((e) => e.rule)]);
  const index = new LineIndex(text);
  const actual = analysis.findings.filter((f) => !f.file && (options.allRules || compared.has(f.rule)));
  const problems: string[] = [];
  const remaining = [...expected];
  for (const f of actual) {
    const mark = { ...findingMark(f, index), rule: f.rule };
    const i = remaining.findIndex((e) => key(e) === key(mark));
    if (i < 0) {
      problems.push(`unexpected: ${key(mark)}: ${f.message}`);
      continue;
    }
    const e = remaining.splice(i, 1)[0];
    if (e.message && !f.message.includes(e.message)) problems.push(`message at ${key(mark)}: expected to contain "${e.message}", got "${f.message}"`);
    if (e.severity && f.severity !== e.severity) problems.push(`severity at ${key(mark)}: expected ${e.severity}, got ${f.severity}`);
  }
  for (const e of remaining) problems.push(`missing: ${key(e)}`);
  return problems;
}

/** Strips the `|` cursor marker and returns its offset. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('fixture has no | cursor');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}
