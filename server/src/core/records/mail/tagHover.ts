/**
 * Hover and completion inside the small tag=value records (MTA-STS, TLS-RPT,
 * BIMI), read from each kind's tag table: what a tag is, what its value
 * means, which tags may still be added and which values a tag takes.
 */
import { rfcLink, type CompletionItem, type ValueCompletion, type ValueHover } from '../../text/answers';
import type { TagList } from '../tagList';
import { inlineCode, shortHoverMarkdown } from './hoverText';
import type { TagInfo, TagValueInfo } from './tagInfo';

/** The table's Markdown for a tag: name, summary, grammar, default or requirement, source. Completion shows it whole. */
export function tagDoc(info: TagInfo): string {
  return [`**${info.name}=** — ${info.summary}`, '', ...tagReference(info), '', rfcLink(info.rfc)].join('\n');
}

/** The reference part of a tag's entry: grammar, requirement or default, the values and their meaning. */
function tagReference(info: TagInfo): string[] {
  const lines = [`\`${info.grammar}\``];
  if (info.required) lines.push('', 'Required.');
  else if (info.default !== undefined) lines.push('', `Default: ${info.default === '' ? 'empty' : info.default}.`);
  if (info.values?.length) lines.push('', ...info.values.map((v) => `- \`${v.value}\` — ${v.meaning}`));
  return lines;
}

/** The table's entry for a value: an exact match, or a scheme prefix the table lists (`mailto:`). */
function valueInfo(info: TagInfo, value: string): TagValueInfo | undefined {
  return info.values?.find((v) => v.value === value) ?? info.values?.find((v) => v.value.endsWith(':') && value.toLowerCase().startsWith(v.value));
}

/** For a colon-separated list tag, each written item with its meaning; undefined when one is not in the table. */
function listMeanings(info: TagInfo, value: string): string | undefined {
  if (!info.list || !info.values) return undefined;
  const items = value.split(':').map((item) => item.trim());
  if (items.length < 2) return undefined;
  const known = items.map((item) => info.values!.find((v) => v.value === item));
  if (known.some((v) => !v)) return undefined;
  return `${known.map((v) => `${inlineCode(v!.value)} — ${lowerFirst(v!.meaning).replace(/\.$/, '')}`).join('; ')}.`;
}

const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

/**
 * Hover at value offset `offset`, short first: on a tag's name, what the tag
 * is and what its value here means; on the value, what that value asks of
 * receivers, or what it resolves to (where reports go). The tag's grammar,
 * default and other values follow below the rule.
 */
export function tagHover(table: readonly TagInfo[], list: TagList, offset: number): ValueHover | undefined {
  const tag = list.tags.find((t) => offset >= t.span.start && offset <= t.span.end);
  if (!tag) return undefined;
  const info = table.find((t) => t.name === tag.name);
  if (!info) return { start: tag.nameSpan.start, end: tag.nameSpan.end, markdown: shortHoverMarkdown({ title: `${tag.name}=`, meaning: 'not a tag this record defines; readers ignore it.' }) };
  const value = valueInfo(info, tag.value);
  const resolved = tag.value === '' ? undefined : (listMeanings(info, tag.value) ?? info.resolve?.(tag.value));
  const links = [rfcLink(info.rfc)];
  const details = tagReference(info).join('\n');
  if (offset <= tag.equals) {
    // What this value resolves to says more than the meaning of its scheme (`rua=mailto:…`), so it comes first.
    const here = resolved ? `Here: ${resolved}` : value ? `Here ${inlineCode(tag.value)}: ${lowerFirst(value.meaning)}` : undefined;
    const markdown = shortHoverMarkdown({ title: `${tag.name}=`, meaning: info.summary, resolved: [here], links, details: [details] });
    return { start: tag.nameSpan.start, end: tag.nameSpan.end, markdown };
  }
  const span = { start: tag.valueSpan.start, end: tag.valueSpan.end };
  if (value) {
    const markdown = shortHoverMarkdown({ title: `${tag.name}=${value.value}`, meaning: value.meaning, resolved: [resolved], links, details: [info.summary, details] });
    return { ...span, markdown };
  }
  const markdown = shortHoverMarkdown({ title: `${tag.name}=`, meaning: resolved ?? info.summary, links, details: resolved ? [info.summary, details] : [details] });
  return { ...span, markdown };
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
