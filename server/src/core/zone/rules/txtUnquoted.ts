import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import type { ResourceRecord } from '../ast';
import { escapeForQuotes, innerRaw, intendedKind, isBlank, KIND_NAMES, sourceOf, TAG_LIST_KINDS, textRecord } from './common';
import { truncatingComment } from './txtUnquotedSemicolon';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/**
 * A mail-auth record written as more than one token with at least one of
 * them bare. Each bare word is its own character-string, and SPF, DKIM,
 * DMARC and the rest join strings with nothing between them, so
 * `v=spf1 mx -all` reads `v=spf1mx-all`. A record cut short by a `;`
 * comment is `txt-unquoted-semicolon`'s, which says more.
 */
export function isUnquotedMailRecord(view: ZoneView, record: ResourceRecord): boolean {
  const txt = textRecord(record);
  if (!txt || txt.strings.length < 2 || txt.strings.every((s) => s.token.quoted)) return false;
  return intendedKind(view, record) !== undefined && !truncatingComment(view, record);
}

/** `txt-unquoted`: a mail-auth record written as unquoted words, which join without spaces. */
export const txtUnquoted: ZoneRule = recordRule({
  id: 'txt-unquoted',
  severity: 'error',
  summary: 'A mail-auth TXT record is written without quotes: its words become separate strings that join with no space.',
  rfc: 'RFC 7208 §3.3',
  each: { types: ['TXT', 'SPF'] },
  checkRecord(view, record, report) {
    if (!isUnquotedMailRecord(view, record)) return;
    const txt = record.txt!;
    const first = txt.strings[0].token;
    const last = txt.strings[txt.strings.length - 1].token;
    const kind = KIND_NAMES[intendedKind(view, record)!];
    const bare = txt.strings.filter((s) => !s.token.quoted).length;
    report(
      { start: first.span.start, end: last.span.end },
      `${kind} record written without quotes: its ${txt.strings.length} strings (${bare} unquoted) join with no space into '${shorten(txt.text)}'; put the whole value in double quotes`,
      { file: record.file, fixes: [quoteFix(view, record)] },
    );
  },
});

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * Joins the tokens into one quoted string with a space between words, which
 * is what the author meant. Escapes are copied as written, so they keep their
 * meaning inside the quotes. The edit runs from the first token to the last;
 * parentheses between them are kept around the new string so the entry
 * stays balanced. In a tag list a bare `;` right after a word was meant as
 * a separator, so that comment's text goes into the string; other comments
 * (and any in SPF, which has no `;`) are dropped, and the title says so.
 */
function quoteFix(view: ZoneView, record: ResourceRecord): Fix {
  const source = sourceOf(view.zone, record.file);
  const tagList = TAG_LIST_KINDS.has(intendedKind(view, record)!);
  const tokens = record.txt!.strings.map((s) => s.token);
  let text = '';
  let opens = 0;
  let closes = 0;
  let dropped = false;
  const add = (word: string): void => {
    const glued = text === '' || word === '' || isBlank(text[text.length - 1]) || isBlank(word[0]);
    text += (glued ? '' : ' ') + word;
  };
  tokens.forEach((token, k) => {
    if (k > 0) {
      // What the lexer skipped between two tokens: blanks, line ends, parentheses and comments.
      const gap = source.slice(tokens[k - 1].span.end, token.span.start);
      // A comment right after a word, on its line, is where a bare `;` cut the value; one on a line of its own is a comment.
      const code = gap.replace(/;[^\r\n]*/g, (comment, at: number) => {
        if (tagList && !/[\r\n]/.test(gap.slice(0, at))) text += escapeForQuotes(comment.trimEnd());
        else dropped = true;
        return '';
      });
      opens += (code.match(/\(/g) ?? []).length;
      closes += (code.match(/\)/g) ?? []).length;
    }
    add(innerRaw(token));
  });
  const span = { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
  const newText = `${'( '.repeat(opens)}"${text}"${' )'.repeat(closes)}`;
  const title = dropped ? 'Quote as one string (drops the comments between the words)' : 'Quote as one string';
  return { title, edits: [{ span, newText, file: record.file }], preferred: true };
}
