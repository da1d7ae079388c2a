import type { Fix, Rule } from '../rules/rule';
import type { Span } from '../text/span';
import { MAX_AGE_LIMIT, MAX_AGE_SHORT, MAX_AGE_SUGGESTED, POLICY_FIELDS, policyField } from './fields';
import { mxPatternError, mxPatternMatches } from './mxPattern';
import type { ParsedPolicy, PolicyLine } from './parse';
import { shown as bare } from '../records/mail/zoneNames';

/** What a policy rule sees: the parsed file and, when a zone is at hand, the policy domain's MX hosts. */
export interface PolicyTarget {
  readonly policy: ParsedPolicy;
  /** The policy domain (`example.com.`), when known. */
  readonly domain?: string;
  /**
   * The policy domain's MX hosts as the zone lists them (absolute, lower
   * case), or undefined when no zone is at hand or it has no MX for the domain.
   */
  readonly mxHosts?: readonly string[];
}

export type PolicyRule = Rule<PolicyTarget>;

const RFC = 'RFC 8461 §3.2';

/** The first line with `key` (a repeated field counts only the first time, §3.2). */
function first(policy: ParsedPolicy, key: string): PolicyLine | undefined {
  return policy.lines.find((l) => l.key === key);
}

/** The effective mode, when the file states a valid one. */
function modeOf(policy: ParsedPolicy): string | undefined {
  const mode = first(policy, 'mode')?.value;
  return mode === 'enforce' || mode === 'testing' || mode === 'none' ? mode : undefined;
}

/** Where a finding about a field that is absent goes: the first line, or the start of an empty file. */
function topSpan(policy: ParsedPolicy): Span {
  return policy.lines[0]?.span ?? policy.problems[0]?.span ?? { start: 0, end: 0 };
}

/** An edit that adds `line` at the end of the file, after a terminator if the last line lacks one. */
function appendLine(policy: ParsedPolicy, line: string): { span: Span; newText: string } {
  const end = policy.text.length;
  const needsBreak = end > 0 && !policy.text.endsWith('\n');
  return { span: { start: end, end }, newText: `${needsBreak ? policy.eol : ''}${line}${policy.eol}` };
}

/** An edit that adds `lines` right after `after` (keeping the file's terminators). */
function insertAfter(policy: ParsedPolicy, after: PolicyLine, lines: readonly string[]): { span: Span; newText: string } {
  const hasBreak = after.fullSpan.end > after.span.end;
  const at = after.fullSpan.end;
  const body = lines.join(policy.eol);
  return { span: { start: at, end: at }, newText: hasBreak ? `${body}${policy.eol}` : `${policy.eol}${body}` };
}

const removeLine = (line: PolicyLine, title: string): Fix => ({ title, edits: [{ span: line.fullSpan, newText: '' }], preferred: true });

export const policySyntax: PolicyRule = {
  id: 'mtasts-policy-syntax',
  severity: 'error',
  summary: "A line of the MTA-STS policy file is not a well-formed 'key: value' field.",
  rfc: RFC,
  check({ policy }, report) {
    for (const p of policy.problems) {
      const fixes = p.remove ? [{ title: p.span.start === 0 && p.span.end === 1 ? 'Remove the byte-order mark' : 'Remove the blank line', edits: [{ span: p.remove, newText: '' }], preferred: true }] : undefined;
      report(p.span, p.message, { severity: p.severity, fixes });
    }
  },
};

export const policyVersion: PolicyRule = {
  id: 'mtasts-policy-version',
  severity: 'error',
  summary: "The policy has no 'version: STSv1' line, or another version: senders discard it.",
  rfc: RFC,
  check({ policy }, report) {
    const line = first(policy, 'version');
    if (!line) {
      const at = policy.text.startsWith('\uFEFF') ? 1 : 0;
      report(topSpan(policy), "the policy has no 'version' field: add 'version: STSv1'", {
        fixes: [{ title: "Add 'version: STSv1'", edits: [{ span: { start: at, end: at }, newText: `version: STSv1${policy.eol}` }], preferred: true }],
      });
      return;
    }
    if (line.value === 'STSv1') return;
    const fixes = line.value.toLowerCase() === 'stsv1' ? [{ title: "Write 'STSv1'", edits: [{ span: line.valueSpan, newText: 'STSv1' }], preferred: true }] : undefined;
    report(line.valueSpan, `version '${line.value}' is not 'STSv1' (exact, case-sensitive): senders ignore this policy`, { fixes });
  },
};

export const policyMode: PolicyRule = {
  id: 'mtasts-policy-mode',
  severity: 'error',
  summary: "The policy's 'mode' is missing or not one of enforce, testing or none.",
  rfc: 'RFC 8461 §3.2, §5',
  check({ policy }, report) {
    const line = first(policy, 'mode');
    const values = policyField('mode')!.values!.map((v) => v.value);
    if (!line) {
      report(topSpan(policy), "the policy has no 'mode' field (enforce, testing or none)", {
        fixes: [{ title: "Add 'mode: testing'", edits: [appendLine(policy, 'mode: testing')] }],
      });
      return;
    }
    if (values.includes(line.value)) return;
    const lower = line.value.toLowerCase();
    const fixes = values.includes(lower) ? [{ title: `Write '${lower}'`, edits: [{ span: line.valueSpan, newText: lower }], preferred: true }] : undefined;
    report(line.valueSpan, `mode '${line.value}' is not enforce, testing or none (lower case): senders ignore this policy`, { fixes });
  },
};

export const policyMaxAge: PolicyRule = {
  id: 'mtasts-policy-max-age',
  severity: 'error',
  summary: "The policy's 'max_age' is missing, not a number of seconds, above one year, or under a day.",
  rfc: 'RFC 8461 §3.2',
  check({ policy }, report) {
    const line = first(policy, 'max_age');
    if (!line) {
      report(topSpan(policy), `the policy has no 'max_age' field (seconds, at most ${MAX_AGE_LIMIT})`, {
        fixes: [{ title: `Add 'max_age: ${MAX_AGE_SUGGESTED}' (one week)`, edits: [appendLine(policy, `max_age: ${MAX_AGE_SUGGESTED}`)], preferred: true }],
      });
      return;
    }
    const setTo = (n: number, title: string, preferred = true): Fix => ({ title, edits: [{ span: line.valueSpan, newText: String(n) }], preferred });
    if (!/^\d{1,10}$/.test(line.value)) {
      report(line.valueSpan, `max_age '${line.value}' is not a number of seconds (1 to 10 digits, no unit)`);
      return;
    }
    const seconds = Number(line.value);
    if (seconds > MAX_AGE_LIMIT) {
      report(line.valueSpan, `max_age ${seconds} is above the limit of ${MAX_AGE_LIMIT} seconds (one year)`, { fixes: [setTo(MAX_AGE_LIMIT, `Set max_age to ${MAX_AGE_LIMIT}`)] });
      return;
    }
    // A short max_age is the recommended way out of MTA-STS (§8.3: mode none, about a day), so only an active policy is warned.
    if (seconds < MAX_AGE_SHORT && modeOf(policy) !== 'none') {
      report(line.valueSpan, `max_age ${seconds} is under a day: the policy lapses between senders' daily refreshes, and an attacker who blocks the refresh waits it out`, {
        severity: 'warning',
        fixes: [setTo(MAX_AGE_SUGGESTED, `Set max_age to ${MAX_AGE_SUGGESTED} (one week)`, false)],
      });
    }
  },
};

export const policyMxMissing: PolicyRule = {
  id: 'mtasts-policy-mx-missing',
  severity: 'error',
  summary: "A policy in mode enforce or testing has no 'mx' line: no MX host can validate.",
  rfc: RFC,
  check({ policy, mxHosts }, report) {
    const mode = modeOf(policy);
    if (mode !== 'enforce' && mode !== 'testing') return;
    if (policy.lines.some((l) => l.key === 'mx')) return;
    const modeLine = first(policy, 'mode')!;
    const fixes = mxHosts && mxHosts.length > 0
      ? [{ title: `Add 'mx' lines for ${mxHosts.map(bare).join(', ')}`, edits: [insertAfter(policy, policy.lines[policy.lines.length - 1], mxHosts.map((h) => `mx: ${bare(h)}`))], preferred: true }]
      : undefined;
    report(modeLine.span, `mode ${mode} needs at least one 'mx' line: with none, every MX fails validation`, { fixes });
  },
};


export const policyMxInvalid: PolicyRule = {
  id: 'mtasts-policy-mx-invalid',
  severity: 'error',
  summary: "An 'mx' value is not a host name or a '*.' wildcard pattern.",
  rfc: 'RFC 8461 §3.2, §4.1',
  check({ policy }, report) {
    for (const line of policy.lines) {
      if (line.key !== 'mx') continue;
      const error = mxPatternError(line.value);
      if (!error) continue;
      const fixes: Fix[] = [];
      const parts = line.value.split(/[\s,;]+/).filter(Boolean);
      if (parts.length > 1 && parts.every((p) => !mxPatternError(p))) {
        fixes.push({ title: 'Put each pattern on its own mx line', edits: [{ span: line.span, newText: parts.map((p) => `mx: ${p}`).join(policy.eol) }], preferred: true });
      } else if (line.value.endsWith('.') && !mxPatternError(line.value.slice(0, -1))) {
        fixes.push({ title: 'Remove the trailing dot', edits: [{ span: { start: line.valueSpan.end - 1, end: line.valueSpan.end }, newText: '' }], preferred: true });
      }
      report(line.valueSpan, `mx '${line.value}': ${error}`, { fixes });
    }
  },
};

export const policyDuplicate: PolicyRule = {
  id: 'mtasts-policy-duplicate',
  severity: 'warning',
  summary: "A field other than 'mx' appears more than once: senders use the first and ignore the rest.",
  rfc: RFC,
  check({ policy }, report) {
    const seen = new Map<string, PolicyLine>();
    for (const line of policy.lines) {
      if (line.key === 'mx') continue;
      const earlier = seen.get(line.key);
      if (!earlier) {
        seen.set(line.key, line);
        continue;
      }
      const same = earlier.value === line.value;
      report(line.span, `'${line.key}' appears again: senders use the first one ('${earlier.value}')${same ? '' : ` and ignore '${line.value}'`}`, {
        fixes: [removeLine(line, 'Remove the repeated line')],
      });
    }
  },
};

/** Levenshtein distance, for "did you mean" on misspelt keys. Keys are short, so the plain table is cheap. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The known key `key` is most likely a misspelling of, if any. */
export function nearestKey(key: string): string | undefined {
  const lower = key.toLowerCase().replace(/-/g, '_');
  for (const f of POLICY_FIELDS) if (f.name === lower) return f.name;
  let best: { name: string; d: number } | undefined;
  for (const f of POLICY_FIELDS) {
    const d = distance(lower, f.name);
    if (d <= (f.name.length <= 4 ? 1 : 2) && (!best || d < best.d)) best = { name: f.name, d };
  }
  return best?.name;
}

export const policyUnknownKey: PolicyRule = {
  id: 'mtasts-policy-unknown-key',
  severity: 'info',
  summary: 'A field the policy format does not define: senders ignore it, which matters when it is a misspelt known field.',
  rfc: RFC,
  check({ policy }, report) {
    for (const line of policy.lines) {
      if (policyField(line.key)) continue;
      const near = nearestKey(line.key);
      if (!near) {
        report(line.keySpan, `'${line.key}' is not an MTA-STS policy field; senders ignore it`);
        continue;
      }
      // Renaming would create a second field when the real one is present too; then the line only needs to go.
      const present = policy.lines.some((l) => l.key === near);
      const fix: Fix = present
        ? removeLine(line, `Remove '${line.key}' ('${near}' is already set)`)
        : { title: `Rename to '${near}'`, edits: [{ span: line.keySpan, newText: near }], preferred: true };
      report(line.keySpan, `'${line.key}' is not an MTA-STS policy field (names are case-sensitive): did you mean '${near}'? Senders ignore it`, { severity: 'warning', fixes: [fix] });
    }
  },
};

export const policyMxUnmatched: PolicyRule = {
  id: 'mtasts-policy-mx-unmatched',
  severity: 'warning',
  summary: "An 'mx' pattern matches none of the policy domain's MX hosts in its zone.",
  rfc: 'RFC 8461 §4.1',
  check({ policy, domain, mxHosts }, report) {
    if (!mxHosts || mxHosts.length === 0 || !domain) return;
    for (const line of policy.lines) {
      if (line.key !== 'mx' || mxPatternError(line.value)) continue;
      if (mxHosts.some((h) => mxPatternMatches(line.value, h))) continue;
      report(line.valueSpan, `mx '${line.value}' matches none of ${bare(domain)}'s MX hosts (${mxHosts.map(bare).join(', ')}): a stale entry, or a typo`, {
        // Not preferred: the pattern may be meant for an MX still to be added to the zone.
        fixes: [{ ...removeLine(line, `Remove 'mx: ${line.value}'`), preferred: false }],
      });
    }
  },
};

export const policyMxUncovered: PolicyRule = {
  id: 'mtasts-policy-mx-uncovered',
  severity: 'error',
  summary: "An MX host of the policy domain matches no 'mx' pattern: in enforce mode, senders will not deliver to it.",
  rfc: 'RFC 8461 §4.1, §5',
  check({ policy, domain, mxHosts }, report) {
    const mode = modeOf(policy);
    if (!mxHosts || !domain || (mode !== 'enforce' && mode !== 'testing')) return;
    const mxLines = policy.lines.filter((l) => l.key === 'mx');
    // With no mx line at all, mtasts-policy-mx-missing speaks (and its fix adds them all).
    if (mxLines.length === 0) return;
    const uncovered = mxHosts.filter((h) => !mxLines.some((l) => mxPatternMatches(l.value, h)));
    if (uncovered.length === 0) return;
    const last = mxLines[mxLines.length - 1];
    const names = uncovered.map(bare);
    const them = names.length > 1 ? 'them' : 'it';
    const consequence = mode === 'enforce' ? `senders that honour MTA-STS will not deliver to ${them}` : `senders report every delivery to ${them} as a failure`;
    report(first(policy, 'mode')!.span, `MX host${names.length > 1 ? 's' : ''} ${names.join(', ')} of ${bare(domain)} match${names.length > 1 ? '' : 'es'} no 'mx' pattern: ${consequence}`, {
      severity: mode === 'enforce' ? 'error' : 'warning',
      fixes: [{ title: `Add ${names.map((n) => `'mx: ${n}'`).join(', ')}`, edits: [insertAfter(policy, last, names.map((n) => `mx: ${n}`))], preferred: true }],
    });
  },
};

export const policyRules: readonly PolicyRule[] = [
  policySyntax,
  policyVersion,
  policyMode,
  policyMaxAge,
  policyMxMissing,
  policyMxInvalid,
  policyDuplicate,
  policyUnknownKey,
  policyMxUnmatched,
  policyMxUncovered,
];
