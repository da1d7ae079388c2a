/**
 * Hover and completion inside the small tag=value records (MTA-STS, TLS-RPT,
 * BIMI), read from each kind's tag table: what a tag is, what its value
 * means, which tags may still be added and which values a tag takes.
 */
import { rfcLink, type CompletionItem, type ValueCompletion, type ValueHover } from '../../text/answers';
import type { TagList } from '../tagList';
import type { TagInfo } from './tagInfo';

/** The table's Markdown for a tag: name, summary, grammar, default or requirement, source. */
export function tagDoc(info: TagInfo): string {
  const lines = [`**${info.name}=** — ${info.summary}`, '', `\`${info.grammar}\``];
  if (info.required) lines.push('', 'Required.');
  else if (info.default !== undefined) lines.push('', `Default: ${info.default === '' ? 'empty' : info.default}.`);
  if (info.values?.length) lines.push('', ...info.values.map((v) => `- \`${v.value}\` — ${v.meaning}`));
  lines.push('', rfcLink(info.rfc));
  return lines.join('\n');
}

/** Hover at value offset `offset`: the tag under the cursor, and the meaning of its value when the table has it. */
export function tagHover(table: readonly TagInfo[], list: TagList, offset: number): ValueHover | undefined {
  const tag = list.tags.find((t) => offset >= t.span.start && offset <= t.span.end);
  if (!tag) return undefined;
  const info = table.find((t) => t.name === tag.name);
  if (!info) return { start: tag.nameSpan.start, end: tag.nameSpan.end, markdown: `**${tag.name}=** — not a tag this record defines; readers ignore it.` };
  if (offset <= tag.equals) return { start: tag.nameSpan.start, end: tag.nameSpan.end, markdown: tagDoc(info) };
  const value = info.values?.find((v) => v.value === tag.value) ?? info.values?.find((v) => v.value.endsWith(':') && tag.value.toLowerCase().startsWith(v.value));
  if (!value) return { start: tag.valueSpan.start, end: tag.valueSpan.end, markdown: tagDoc(info) };
  return { start: tag.valueSpan.start, end: tag.valueSpan.end, markdown: `**${tag.name}=${value.value}** — ${value.meaning}\n\n${rfcLink(info.rfc)}` };
}

type Item = Omit<CompletionItem, 'replace'>;

/**
 * Completion at value offset `offset`: where a tag name is being written,
 * the table's tags the record does not have yet (the version first); after
 * `name=`, the values the table lists for that tag.
 */
export function tagComplete(table: readonly TagInfo[], list: TagList, offset: number): ValueCompletion | undefined {
  const text = list.text;
  const segmentStart = Math.max(0, ...list.separators.filter((s) => s < offset).map((s) => s + 1));
  const segment = text.slice(segmentStart, offset);
  const eq = segment.indexOf('=');
  if (eq < 0) {
    const lead = segment.length - segment.trimStart().length;
    const start = segmentStart + lead;
    if (!/^[A-Za-z0-9_.-]*$/.test(text.slice(start, offset))) return undefined;
    const present = new Set(list.tags.filter((t) => t.nameSpan.start !== start).map((t) => t.name));
    const items: Item[] = table
      .filter((info) => !present.has(info.name))
      .map((info, i) => {
        const only = info.values?.length === 1 && !info.values[0].value.endsWith(':') ? info.values[0].value : undefined;
        return {
          label: only ? `${info.name}=${only}` : `${info.name}=`,
          kind: 'property',
          detail: info.summary,
          documentation: tagDoc(info),
          insertText: only ? `${info.name}=${only}` : `${info.name}=`,
          sortText: String(i).padStart(2, '0'),
        };
      });
    return { start, end: offset, items };
  }
  const name = segment.slice(0, eq).trim();
  const info = table.find((t) => t.name === name);
  if (!info?.values) return undefined;
  let start = segmentStart + eq + 1;
  while (start < offset && /[ \t]/.test(text[start])) start++;
  // After a comma in a list value (rua=a,b), the next item starts there.
  const comma = text.lastIndexOf(',', offset - 1);
  if (comma >= start) start = comma + 1;
  while (start < offset && /[ \t]/.test(text[start])) start++;
  const items: Item[] = info.values.map((v, i) => ({
    label: v.value,
    kind: 'value',
    detail: v.meaning,
    documentation: `${v.meaning}\n\n${rfcLink(info.rfc)}`,
    sortText: String(i).padStart(2, '0'),
  }));
  return { start, end: offset, items };
}
