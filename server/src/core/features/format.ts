import type { TextEdit } from '../rules/rule';
import type { Analysis } from '../service';
import { lineStart } from '../text/lines';
import type { Span } from '../text/span';
import { parenDepth } from '../zone/rules/common';
import { documentRecords } from './locate';

/** Columns wider than this are not padded further: one long owner should not push every record right. */
const MAX_COLUMN = 32;

/**
 * Aligns owner, TTL, class and type into columns. Only the white space
 * before the rdata changes, never the rdata, comments or the order of
 * fields, and an owner-less line stays owner-less (it starts with a blank).
 */
export function formatZone(analysis: Analysis): TextEdit[] {
  const text = analysis.text;
  const records = documentRecords(analysis.zone);
  const rows = records.map((r) => {
    const start = lineStart(text, r.span.start);
    const parts: Span[] = [];
    if (r.ownerSpan) parts.push(r.ownerSpan);
    // TTL and class in the order written.
    const middle = [r.ttlSpan, r.classSpan].filter((s): s is Span => !!s).sort((a, b) => a.start - b.start);
    return { r, lineStart: start, owner: r.ownerSpan, middle, type: r.typeSpan, rdataStart: r.rdata[0]?.span.start };
  });
  const width = (pick: (row: (typeof rows)[number]) => Span | undefined): number =>
    Math.min(MAX_COLUMN, Math.max(0, ...rows.map((row) => { const s = pick(row); return s ? s.end - s.start : 0; })));
  const ownerWidth = Math.max(1, width((row) => row.owner));
  const middleWidth = Math.max(0, ...rows.map((row) => row.middle.reduce((n, s) => n + s.end - s.start + 1, 0) - 1));
  const typeWidth = width((row) => row.type);

  const edits: TextEdit[] = [];
  let previousEnd = 0;
  for (const row of rows) {
    // Only records whose owner, TTL, class and type sit on the entry's first line. A stray ')' there is a
    // syntax error the line is rebuilt without, so such lines are left alone too (found by the fuzzer).
    const end = row.rdataStart ?? row.type.end;
    const after = previousEnd;
    previousEnd = row.r.span.end;
    if (/[\r\n;()]/.test(text.slice(row.lineStart, end))) continue;
    // A record that begins inside a '(' left open before it: where such an entry ends depends on which of
    // its lines start at column 0 (the lexer's recovery), so moving its first token could change the records.
    if (parenDepth(text, after, row.r.span.start) > 0) continue;
    const owner = row.owner ? text.slice(row.owner.start, row.owner.end) : '';
    const middle = row.middle.map((s) => text.slice(s.start, s.end)).join(' ');
    const type = text.slice(row.type.start, row.type.end);
    let line = `${owner.padEnd(ownerWidth)} ${middle.padEnd(middleWidth)}${middleWidth ? ' ' : ''}`;
    line += row.rdataStart === undefined ? type : `${type.padEnd(typeWidth)} `;
    if (!row.owner && !/^[ \t]/.test(line)) line = ` ${line}`;
    const current = text.slice(row.lineStart, end);
    if (current !== line) edits.push({ span: { start: row.lineStart, end }, newText: line });
  }
  return edits;
}
