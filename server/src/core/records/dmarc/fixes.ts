/**
 * Quick fixes for DMARC records. Each edits only the characters it must,
 * inside the record's strings (see `txtEdits.ts`).
 */
import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, TextEdit } from '../../rules/rule';
import type { Span } from '../../text/span';
import { tagRemovalRange, type Tag } from '../tagList';
import { deleteInTxt, insertInTxt, replaceInTxt } from '../txtEdits';
import type { DmarcRecord, MissingSeparator } from './parse';

type Target = RecordTarget<DmarcRecord>;

function fix(title: string, edits: TextEdit[] | undefined, preferred = false): Fix[] {
  return edits && edits.length > 0 ? [{ title, edits, preferred }] : [];
}

/** Combines edit lists that touch different characters; undefined if any part cannot be made. */
function all(...parts: (TextEdit[] | undefined)[]): TextEdit[] | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.flatMap((p) => p!).sort((a, b) => a.span.start - b.span.start);
}

function replace(t: Target, span: Span, text: string): TextEdit[] | undefined {
  return replaceInTxt(t.txt, span, text, t.record.file);
}

export function removeTag(t: Target, tag: Tag, title = `Remove ${tag.name}=`): Fix[] {
  return fix(title, deleteInTxt(t.txt, tagRemovalRange(t.parsed.list, tag), t.record.file), true);
}

/** Puts `tag` at position `index` of the list: removes it where it is and writes it again before the tag now there. */
function moveTag(t: Target, tag: Tag, index: number, text: string, title: string): Fix[] {
  const before = t.parsed.list.tags[index];
  if (!before || before === tag) return [];
  const removal = tagRemovalRange(t.parsed.list, tag);
  return fix(title, all(deleteInTxt(t.txt, removal, t.record.file), insertInTxt(t.txt, before.span.start, `${text}; `, t.record.file)), true);
}

/** Writes `v=DMARC1; ` in front of the first tag. */
export function addVersion(t: Target): Fix[] {
  const first = t.parsed.list.tags[0];
  if (!first) return [];
  return fix('Add v=DMARC1 in front', insertInTxt(t.txt, first.span.start, 'v=DMARC1; ', t.record.file), true);
}

/** Writes `; <text>` right after `tag`, so it becomes the next tag. */
export function addAfter(t: Target, tag: Tag, text: string): Fix[] {
  return fix(`Add ${text} after ${t.txt.text.slice(tag.span.start, tag.span.end)}`, insertInTxt(t.txt, tag.span.end, `; ${text}`, t.record.file), true);
}

export function moveVersionFirst(t: Target, version: Tag): Fix[] {
  return moveTag(t, version, 0, 'v=DMARC1', 'Move v=DMARC1 to the front');
}

export function movePolicySecond(t: Target, policy: Tag): Fix[] {
  const text = t.txt.text.slice(policy.span.start, policy.span.end);
  return moveTag(t, policy, 1, text, `Move ${policy.name}= directly after v=DMARC1`);
}

export function setValue(t: Target, span: Span, name: string, value: string, preferred = true): Fix[] {
  return fix(`Set ${name}=${value}`, replace(t, span, value), preferred);
}

/** Writes the `;` that was left out. */
export function insertSeparator(t: Target, missing: MissingSeparator): Fix[] {
  return fix(`Insert ';' before ${missing.next}=`, replace(t, missing.gap, '; '), true);
}

/**
 * `pct=0` asks receivers to apply the policy to no mail. Under RFC 9989 the
 * same intent is `t=y` (App. A.6): the fix removes `pct` and sets `t=y`.
 * Under RFC 7489 the fix enforces the policy on all mail: `pct=100`.
 */
export function pctZeroFixes(t: Target, pct: Tag): Fix[] {
  if (t.zone.options.dmarcStandard === 'rfc7489') return setValue(t, pct.valueSpan, 'pct', '100');
  const testing = t.parsed.tags.get('t');
  if (!testing) return fix('Replace pct=0 with t=y', replace(t, pct.span, 't=y'), true);
  const removal = deleteInTxt(t.txt, tagRemovalRange(t.parsed.list, pct), t.record.file);
  const edits = testing.value === 'y' ? removal : all(removal, replace(t, testing.valueSpan, 'y'));
  return fix('Remove pct=0 and set t=y', edits, true);
}

/** Writes `mailto:` before a bare address in rua/ruf. */
export function addMailto(t: Target, at: number): Fix[] {
  return fix("Add 'mailto:'", insertInTxt(t.txt, at, 'mailto:', t.record.file), true);
}

export function removeSpan(t: Target, span: Span, title: string): Fix[] {
  return fix(title, deleteInTxt(t.txt, span, t.record.file), true);
}
