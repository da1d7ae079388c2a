/**
 * Checks shared by the records whose grammar is stricter than the tag-list
 * parser (MTA-STS, RFC 8461 §3.1; TLS-RPT, RFC 8460 §3): they must begin
 * with an exact version field, allow no white space around `=`, and, when
 * a `;` is forgotten, the next field hides inside the previous value.
 */
import type { MailKind } from '../../model/classify';
import type { ZoneView } from '../../model/zoneView';
import type { TextEdit } from '../../rules/rule';
import type { Span } from '../../text/span';
import type { ResourceRecord, TxtValue } from '../../zone/ast';
import { replaceInTxt } from '../txtEdits';
import { findTag, tagRemovalRange, type Tag, type TagList } from '../tagList';

/** A place where a `;` is missing: white space inside a value, then `name=`. */
export interface MissingSeparator {
  readonly tag: Tag;
  /** The white space where the `;` belongs. */
  readonly gap: Span;
  /** The name that follows it. */
  readonly next: string;
}

/** Finds `v=STSv1 id=1`: white space inside a value followed by what looks like the next field. */
export function missingSeparators(list: TagList): MissingSeparator[] {
  const out: MissingSeparator[] = [];
  for (const tag of list.tags) {
    const value = list.text.slice(tag.valueSpan.start, tag.valueSpan.end);
    for (const m of value.matchAll(/([ \t]+)([A-Za-z0-9][A-Za-z0-9_.-]{0,31})=/g)) {
      const start = tag.valueSpan.start + m.index!;
      out.push({ tag, gap: { start, end: start + m[1].length }, next: m[2] });
    }
  }
  return out;
}

/** The white space on either side of a tag's `=`, which these grammars do not allow. */
export function spaceAroundEquals(tag: Tag): Span[] {
  const spans: Span[] = [];
  if (tag.nameSpan.end < tag.equals) spans.push({ start: tag.nameSpan.end, end: tag.equals });
  if (tag.valueSpan.start > tag.equals + 1 && tag.valueSpan.end > tag.valueSpan.start) spans.push({ start: tag.equals + 1, end: tag.valueSpan.start });
  return spans;
}

/** The end of the text without trailing white space, and whether a `;` ends it: where a new field is appended. */
export function appendPoint(text: string): { at: number; endsWithSeparator: boolean } {
  const trimmed = text.replace(/[ \t\r\n]+$/, '');
  return { at: trimmed.length, endsWithSeparator: trimmed.endsWith(';') };
}

/** What the version check needs to know about one kind of record. */
export interface VersionFirstSpec {
  /** The exact text the record must begin with: `v=STSv1`. */
  readonly version: string;
  /** The kind's name in messages: `MTA-STS`. */
  readonly label: string;
  /** Its indefinite article: an MTA-STS, a TLS-RPT. */
  readonly article: 'a' | 'an';
  /** Who reads the record: sending MTAs for MTA-STS and TLS-RPT, mail receivers for BIMI. */
  readonly readers: string;
}

/** The parse facts the version check reads. */
export interface VersionFirstFacts {
  readonly list: TagList;
  /** The text begins with exactly the version, then `;`, white space or the end. */
  readonly versionFirst: boolean;
  /** The record means to be of this kind (it has the kind's own tags). */
  readonly announced: boolean;
}

export interface VersionFirstProblem {
  readonly span: Span;
  readonly message: string;
  /** The value edit that repairs it: replace [start, end) of the value with `text` (several for a move). */
  readonly edits?: readonly { readonly span: Span; readonly text: string }[];
  readonly title?: string;
}

/**
 * RFC 8461 §3.1 and RFC 8460 §3: senders keep only the TXT records that
 * begin with the exact version and discard the rest. Says what is wrong with
 * a record that does not, and how to repair it, in value offsets.
 * `othersValid` tells whether a valid record of the kind sits beside this one,
 * which makes an unrelated TXT record there harmless.
 */
export function versionFirstProblem(facts: VersionFirstFacts, spec: VersionFirstSpec, owner: string, othersValid: boolean): VersionFirstProblem | undefined {
  if (facts.versionFirst) return undefined;
  const { list } = facts;
  const text = list.text;
  const first = list.tags[0];
  const v = findTag(list, 'v', true);
  if (first && first === v) {
    // `v=stsv1`, `v = STSv1`, ` v=STSv1`: everything up to the end of the tag is rewritten.
    const written = text.slice(0, first.span.end);
    return {
      span: { start: 0, end: first.span.end },
      message: `'${written}' is not '${spec.version}' (exact, case-sensitive, at the very start): ${spec.readers} discard the record`,
      edits: [{ span: { start: 0, end: first.span.end }, text: spec.version }],
      title: `Write '${spec.version}'`,
    };
  }
  if (v) {
    return {
      span: v.span,
      message: `the version must be the first field: ${spec.readers} discard records that do not begin with '${spec.version}'`,
      edits: [
        { span: { start: 0, end: 0 }, text: `${spec.version}; ` },
        { span: tagRemovalRange(list, v), text: '' },
      ],
      title: `Move '${spec.version}' to the start`,
    };
  }
  if (facts.announced) {
    return {
      span: { start: 0, end: text.length },
      message: `the record must begin with '${spec.version}': ${spec.readers} discard it`,
      edits: [{ span: { start: 0, end: 0 }, text: `${spec.version}; ` }],
      title: `Insert '${spec.version};'`,
    };
  }
  // Someone else's TXT record (a site verification, say) beside a valid record is skipped by senders: harmless.
  if (othersValid) return undefined;
  return {
    span: { start: 0, end: text.length },
    message: `not ${spec.article} ${spec.label} record (it does not begin with '${spec.version}'), and the only TXT record at ${owner}: ${spec.readers} find no ${spec.label} record`,
  };
}

/** Value edits (offsets into the joined text) as source edits, or undefined when any cannot be made. */
export function valueEdits(txt: TxtValue, edits: readonly { readonly span: Span; readonly text: string }[], file?: string): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const source = replaceInTxt(txt, e.span, e.text, file);
    if (!source) return undefined;
    out.push(...source);
  }
  return out;
}

/**
 * The records of `kind` that senders would count, by owner: those that begin
 * with the exact version (RFC 8461 §3.1, RFC 8460 §3). Parses go through the
 * view's cache under the kind's key, shared with the record rules.
 */
export function versionFirstByOwner(view: ZoneView, kind: MailKind, parse: (txt: TxtValue) => { readonly versionFirst: boolean }): Map<string, ResourceRecord[]> {
  const owners = new Map<string, ResourceRecord[]>();
  for (const record of view.ofKind(kind)) {
    if (!view.cached(record, kind, () => parse(record.txt!)).versionFirst) continue;
    let list = owners.get(record.owner);
    if (!list) owners.set(record.owner, (list = []));
    list.push(record);
  }
  return owners;
}

/** True when another record of `kind` at the record's owner begins with the exact version. */
export function validSibling(view: ZoneView, record: ResourceRecord, kind: MailKind, parse: (txt: TxtValue) => { readonly versionFirst: boolean }): boolean {
  return view.recordsAt(record.owner).some((r) => r !== record && r.txt && view.kindOf(r) === kind && view.cached(r, kind, () => parse(r.txt!)).versionFirst);
}
