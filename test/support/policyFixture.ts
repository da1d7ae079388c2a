/**
 * Fixtures for the `mta-sts-policy` language. A policy file has no comment
 * syntax, so a fixture is the policy text with annotation lines added that
 * the harness strips before analysing it:
 *
 *     mode: enforsed
 *     #     ^^^^^^^^ mtasts-policy-mode: not enforce [error]
 *
 * `#` stands for column 0 as `;` does in zone fixtures, and carets mark the
 * columns of the nearest policy line above. A header line
 * `# mailzone-test: zone=../zones/example.com.zone domain=example.com`
 * (paths relative to the fixture) gives the policy domain's zone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePolicy } from '../../server/src/core/mtaStsPolicy/analyze';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { diskReader, findingMark } from './fixture';

export interface PolicyFixture {
  /** The policy text with header and annotations removed. */
  readonly text: string;
  readonly expected: readonly { line: number; start: number; end: number; rule: string; message?: string; severity?: string }[];
  readonly findings: readonly Finding[];
}

export function loadPolicyFixture(file: string): PolicyFixture {
  const raw = fs.readFileSync(file, 'utf8');
  const kept: string[] = [];
  const expected: PolicyFixture['expected'][number][] = [];
  let zoneFile: string | undefined;
  let domain: string | undefined;
  for (const line of raw.split('\n')) {
    const header = /^# mailzone-test:(.*)$/.exec(line);
    if (header) {
      zoneFile = /(?:^|\s)zone=(\S+)/.exec(header[1])?.[1];
      domain = /(?:^|\s)domain=(\S+)/.exec(header[1])?.[1];
      continue;
    }
    if (/^#\s*\^/.test(line)) {
      const m = /^#(\s*)(\^+)\s+([a-z0-9-]+)(?:\s*\[(error|warning|info)\])?(?::\s*(.*))?$/.exec(line);
      if (!m) throw new Error(`bad annotation in ${file}: ${line}`);
      const start = m[1].length === 0 ? 0 : 1 + m[1].length;
      expected.push({ line: kept.length - 1, start, end: 1 + m[1].length + m[2].length, rule: m[3], severity: m[4], message: m[5]?.trim() });
      continue;
    }
    kept.push(line);
  }
  const text = kept.join('\n');
  let zoneView;
  if (zoneFile) {
    const zonePath = path.resolve(path.dirname(file), zoneFile);
    zoneView = analyzeDocument({ text: fs.readFileSync(zonePath, 'utf8'), file: zonePath, reader: diskReader }, { dmarcStandard: 'rfc9989' }).view;
  }
  return { text, expected, findings: analyzePolicy(text, { zoneView, domain }) };
}

/** Differences between a policy fixture's annotations and its findings, for the rules it names and `rules`. */
export function checkPolicyFixture(file: string, rules: readonly string[] = []): string[] {
  const { text, expected, findings } = loadPolicyFixture(file);
  const index = new LineIndex(text);
  const compared = new Set([...rules, ...expected.map((e) => e.rule)]);
  const key = (e: { line: number; start: number; end: number; rule: string }): string => `line ${e.line + 1} col ${e.start + 1}-${e.end + 1} ${e.rule}`;
  const remaining = [...expected];
  const problems: string[] = [];
  for (const f of findings.filter((x) => compared.has(x.rule))) {
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
