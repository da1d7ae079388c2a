/**
 * The value grammar of each DMARC tag kind (RFC 7489 §6.4, RFC 9989 §4.8),
 * driven by the tag table: one check per `DmarcValueKind`.
 */
import type { DmarcStandard } from '../../model/zoneView';
import type { Span } from '../../text/span';
import { closest } from '../suggest';
import type { DmarcTagInfo } from './tags';

export interface ValueProblem {
  /** `dmarc-fo-conflict` for `fo=0:1` under RFC 9989; `dmarc-invalid-value` otherwise. */
  readonly rule: 'dmarc-invalid-value' | 'dmarc-fo-conflict';
  readonly message: string;
  /** Value offsets. */
  readonly span: Span;
  /** A value that is probably what was meant (`reject` for `rejct`). */
  readonly suggestion?: string;
}

const MAX_UINT32 = 4294967295;
/** RFC 5321 §4.1.2 Keyword, the grammar of `rf=` formats. */
const KEYWORD = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

function keywords(info: DmarcTagInfo): string[] {
  return (info.values ?? []).map((v) => v.value);
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Items of a colon list with their value offsets; white space around the colons is allowed (RFC 7489 §6.4). */
function colonItems(value: string, start: number): { text: string; span: Span }[] {
  const items: { text: string; span: Span }[] = [];
  let from = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value[i] !== ':') continue;
    let s = from;
    let e = i;
    while (s < e && /[ \t]/.test(value[s])) s++;
    while (e > s && /[ \t]/.test(value[e - 1])) e--;
    items.push({ text: value.slice(s, e), span: { start: start + s, end: start + e } });
    from = i + 1;
  }
  return items;
}

/**
 * Checks the value `value` (at value offsets `span`) of a tag described by
 * `info`. Versions and URI lists have rules of their own and are not
 * checked here.
 */
export function checkValue(info: DmarcTagInfo, value: string, span: Span, standard: DmarcStandard): ValueProblem[] {
  const name = info.name;
  const invalid = (message: string, at: Span = span, suggestion?: string): ValueProblem[] => [{ rule: 'dmarc-invalid-value', message, span: at, suggestion }];
  if (value.length === 0 && info.kind !== 'version' && info.kind !== 'uri-list') return invalid(`${name}= is empty: ${info.grammar} expected`, span);

  switch (info.kind) {
    case 'policy':
    case 'alignment':
    case 'yes-no':
    case 'psd': {
      const words = keywords(info);
      // Keyword values are ABNF literals, which match regardless of case (RFC 5234 §2.3).
      if (words.includes(value.toLowerCase())) return [];
      const suggestion = closest(value, words);
      const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
      return invalid(`${name}=${value} is not valid: ${listWords(words)} expected${hint}`, span, suggestion);
    }
    case 'failure-options': {
      const problems: ValueProblem[] = [];
      const seen = new Set<string>();
      for (const item of colonItems(value, span.start)) {
        const option = item.text.toLowerCase();
        if (!['0', '1', 'd', 's'].includes(option)) {
          problems.push(...invalid(item.text === '' ? 'fo= has an empty option (a stray colon?)' : `fo option '${item.text}' is not valid: 0, 1, d or s expected`, item.text === '' ? span : item.span));
        } else if (seen.has(option) && standard === 'rfc9989') {
          problems.push(...invalid(`fo option '${item.text}' appears twice (RFC 9989 allows each at most once)`, item.span));
        }
        seen.add(option);
      }
      if (standard === 'rfc9989' && seen.has('0') && seen.has('1')) {
        problems.push({ rule: 'dmarc-fo-conflict', message: 'fo=0 and fo=1 exclude each other (RFC 9989): 1 asks for a report on any failure, 0 only when all fail', span });
      }
      return problems;
    }
    case 'percent':
      if (!/^\d{1,3}$/.test(value) || Number(value) > 100) return invalid(`pct=${value} is not a percentage: a whole number from 0 to 100 expected`);
      return [];
    case 'interval':
      // As for rf=: RFC 9989 receivers ignore ri=, whatever its value.
      if (standard === 'rfc9989') return [];
      if (!/^\d+$/.test(value) || Number(value) > MAX_UINT32) return invalid(`ri=${value} is not a number of seconds (0 to 4294967295)`);
      return [];
    case 'report-format': {
      // RFC 9989 receivers ignore rf= altogether (dmarc-historic-tag says so): its value no longer matters.
      if (standard === 'rfc9989') return [];
      const problems: ValueProblem[] = [];
      for (const item of colonItems(value, span.start)) {
        if (!KEYWORD.test(item.text)) problems.push(...invalid(`rf format '${item.text}' is not a format name`, item.text === '' ? span : item.span));
        else if (item.text.toLowerCase() !== 'afrf') {
          problems.push(...invalid(`rf=${item.text} is not a registered report format (only afrf is): receivers may ignore the whole record`, item.span));
        }
      }
      return problems;
    }
    case 'version':
    case 'uri-list':
      return [];
  }
}
