import type { Analysis } from '../service';
import { LineIndex } from '../text/lineIndex';
import { documentRecords } from './locate';

export interface FoldingRange {
  readonly startLine: number;
  readonly endLine: number;
}

/** Folds each record written over several lines (an SOA, a DKIM key in parentheses). */
export function foldingRanges(analysis: Analysis, index = new LineIndex(analysis.text)): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const record of documentRecords(analysis.zone)) {
    const startLine = index.positionAt(record.span.start).line;
    const endLine = index.positionAt(record.span.end).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out;
}
