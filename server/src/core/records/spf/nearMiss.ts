/**
 * `spf-near-miss`: TXT records written as SPF that receivers do not take as
 * SPF. RFC 7208 §4.5 keeps only records that begin with exactly `v=spf1`
 * followed by a space or the end, so a leading space, a version glued to
 * its first term, `v=spf10` or a missing `v=` each leave the name with no
 * SPF record at all. Only text that goes on like an SPF record (an `all`,
 * `include:`, `ip4:`… term) is reported, so site verifications and free
 * text never are.
 */
import { kindForOwner } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import type { ResourceRecord } from '../../zone/ast';
import { replaceInTxt } from '../txtEdits';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';
import { spfTxtAt } from './rules/common';

/** One SPF term (RFC 7208 §12), loosely: a mechanism with its qualifier, or a modifier. */
const SPF_TERM = /^[-+~?]?(?:all|include:\S+|exists:\S+|ip4:[\d./]+|ip6:[\da-f:./]+|(?:a|mx)(?::\S+)?(?:\/\d+){0,2}|ptr(?::\S+)?|redirect=\S+|exp=\S+)$/i;

/** Text that goes on like an SPF record: one or more words, every one of them an SPF term. Free text never does. */
function spfLike(rest: string): boolean {
  const words = rest.trim().split(/\s+/);
  // Bounded by the record's length; one regular-expression test per word.
  return words[0] !== '' && words.every((w) => SPF_TERM.test(w));
}

/** One way of missing: the pattern (its first group is the text to replace), what to write instead, and why. */
interface Miss {
  readonly pattern: RegExp;
  readonly replacement: string;
  readonly why: string;
}

const MISSES: readonly Miss[] = [
  { pattern: /^(\s+)v=spf1(?= |$)/di, replacement: '', why: 'it starts with white space, and a record must start with "v=spf1"' },
  { pattern: /^v=spf1([\t\r\n\f\v]+)/di, replacement: ' ', why: 'the version is followed by a tab or line break, and only a space ends it' },
  { pattern: /^v=spf1([:,;]+ *)/di, replacement: ' ', why: 'the version is glued to its first term, so the record starts with another word' },
  { pattern: /^v=spf1()(?=[a-z+~?-])/di, replacement: ' ', why: 'the version is glued to its first term, so the record starts with another word' },
  { pattern: /^(v=spf(?!1(?:\s|$|[^0-9]))\d+)(?= |$)/di, replacement: 'v=spf1', why: 'the version is not "spf1"' },
  { pattern: /^(v\s*[=:-]?\s*spf\s*1|spf1|=spf1)(?= |$)/di, replacement: 'v=spf1', why: 'the version is not written "v=spf1"' },
];

/** How `text` misses being SPF, with the span to replace; undefined for SPF records and for text not meant as SPF. */
export function nearMiss(text: string): { readonly miss: Miss; readonly start: number; readonly end: number } | undefined {
  if (/^v=spf1(?: |$)/i.test(text)) return undefined;
  for (const miss of MISSES) {
    const m = miss.pattern.exec(text);
    if (!m) continue;
    // Every pattern has the `d` flag: the group's own offsets, also for the empty group of a missing space.
    const [start, end] = m.indices![1];
    if (!spfLike(text.slice(miss.replacement === 'v=spf1' ? end : m.index + m[0].length))) return undefined;
    return { miss, start, end };
  }
  return undefined;
}

export const spfNearMiss: ZoneRule = recordRule({
  id: 'spf-near-miss',
  severity: 'error',
  summary: 'A TXT record written as SPF that receivers do not take as SPF (leading space, v=spf10, spf1 …, v=spf1:include:…).',
  rfc: 'RFC 7208 §4.5',
  each: { types: ['TXT'] },
  checkRecord(view: ZoneView, record: ResourceRecord, report) {
    const txt = record.txt;
    if (!txt || kindForOwner(record.owner) !== undefined) return;
    const found = nearMiss(txt.text);
    if (!found) return;
    const shown = txt.text.length > 30 ? `${txt.text.slice(0, 30)}…` : txt.text;
    const others = spfTxtAt(view, record.owner).length > 0;
    const name = record.owner.length > 1 ? record.owner.slice(0, -1) : record.owner;
    const effect = others ? 'receivers ignore it and use the SPF record beside it' : `${name} has no SPF record for receivers`;
    const edits = others ? undefined : replaceInTxt(txt, { start: found.start, end: found.end }, found.miss.replacement, record.file);
    const fix: Fix | undefined = edits && { title: 'Write the record as SPF ("v=spf1 …")', edits, preferred: true };
    const span = txt.map.toSourceSpan(found.start, Math.max(found.end, found.start + 1));
    report(span, `'${shown}' is not an SPF record: ${found.miss.why} (RFC 7208 §4.5), so ${effect}`, { file: record.file, fixes: fix ? [fix] : undefined });
  },
});
