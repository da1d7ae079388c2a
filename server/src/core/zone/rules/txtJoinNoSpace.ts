import type { MailKind } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import type { ResourceRecord } from '../ast';
import { isClosed } from '../strings';
import { intendedKind, isBlank, KIND_NAMES, textRecord } from './common';
import { isUnquotedMailRecord } from './txtUnquoted';
import { truncatingComment } from './txtUnquotedSemicolon';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/** Kinds whose values are words that a missing space glues together. */
const WORDED: ReadonlySet<MailKind> = new Set<MailKind>(['spf', 'dmarc', 'tlsrpt']);

/** `txt-join-no-space`: two strings of an SPF, DMARC or TLS-RPT record meet with no whitespace on either side. */
export const txtJoinNoSpace: ZoneRule = recordRule({
  id: 'txt-join-no-space',
  severity: 'warning',
  summary: 'Two strings of an SPF, DMARC or TLS-RPT record meet with no space: they join into one word.',
  rfc: 'RFC 7208 §3.3',
  each: { types: ['TXT', 'SPF'] },
  checkRecord(view, record, report) {
    const txt = textRecord(record);
    if (!txt || txt.strings.length < 2) return;
    const kind = intendedKind(view, record);
    if (!kind || !WORDED.has(kind)) return;
    // Bare words and truncating comments are the other rules' findings, with a fix that covers this too.
    if (isUnquotedMailRecord(view, record) || truncatingComment(view, record)) return;
    let offset = 0;
    let previous = -1;
    txt.strings.forEach((string, k) => {
      if (string.value.length === 0) return;
      if (previous >= 0 && gluesWords(txt.text[offset - 1], txt.text[offset], kind)) {
        const fix = spaceFix(record, previous);
        report(
          txt.map.toSourceSpan(offset - 1, offset + 1),
          `strings meet with no space: '${around(txt.text, offset, kind)}' reads as one word, because ${KIND_NAMES[kind]} joins strings with nothing between them (${joinRule(kind, view)}); end the first string with a space if two terms were meant`,
          { file: record.file, fixes: fix ? [fix] : undefined },
        );
      }
      offset += string.value.length;
      previous = k;
    });
  },
});

/** Characters that separate items in DMARC and TLS-RPT records on their own (RFC 9989 §4.7, RFC 8460 §3). */
const SEPARATORS = ';,';

function gluesWords(before: string, after: string, kind: MailKind): boolean {
  if (isBlank(before) || isBlank(after)) return false;
  // In a tag list `;` separates tags and `,` the URIs of a list, whatever the spacing:
  // `"p=none;" "rua=…"` and `"rua=mailto:a@example.com," "mailto:b@example.com"` are fine.
  if (kind !== 'spf' && (SEPARATORS.includes(before) || SEPARATORS.includes(after))) return false;
  return true;
}

/** Where each kind's specification says its strings are joined with nothing between them. */
function joinRule(kind: MailKind, view: ZoneView): string {
  if (kind === 'dmarc') return view.options.dmarcStandard === 'rfc7489' ? 'RFC 7489 §6.1' : 'RFC 9989 §4.5';
  if (kind === 'tlsrpt') return 'RFC 8460 §3';
  return 'RFC 7208 §3.3';
}

/** How far the quoted word reaches on each side of the boundary before it is cut with an ellipsis. */
const CONTEXT = 24;

/** The word the boundary sits in, cut to a readable length on both sides. */
function around(text: string, offset: number, kind: MailKind): string {
  const stop = (c: string): boolean => isBlank(c) || (kind !== 'spf' && SEPARATORS.includes(c));
  let start = offset;
  while (start > 0 && !stop(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !stop(text[end])) end++;
  const left = offset - start > CONTEXT ? `…${text.slice(offset - CONTEXT, offset)}` : text.slice(start, offset);
  const right = end - offset > CONTEXT ? `${text.slice(offset, offset + CONTEXT)}…` : text.slice(offset, end);
  return left + right;
}

/** The missing space, inside the first string before its closing quote. */
function spaceFix(record: ResourceRecord, index: number): Fix | undefined {
  const token = record.txt!.strings[index].token;
  if (!token.quoted || !isClosed(token.raw)) return undefined;
  const at = token.span.end - 1;
  return {
    title: 'Add a space at the end of the first string',
    edits: [{ span: { start: at, end: at }, newText: ' ', file: record.file }],
  };
}
