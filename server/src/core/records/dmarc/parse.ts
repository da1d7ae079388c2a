/**
 * Reads a DMARC record once, for every DMARC rule (and for other kinds'
 * rules that ask about a domain's policy, such as BIMI's): its role by
 * owner name, the tag list, tags by name, report URIs, and where a `;` was
 * left out.
 */
import type { ResourceRecord, TxtValue } from '../../zone/ast';
import type { Span } from '../../text/span';
import { parseTagList, repeatedTags, type Tag, type TagList } from '../tagList';
import { DMARC_TAG_SYNTAX, dmarcTag } from './tags';
import { parseUriList, type DmarcUri } from './uri';
import { TextMemo } from '../textMemo';

/**
 * - `policy`: at `_dmarc.<domain>`, a DMARC policy record (RFC 9989 §4.7).
 * - `authorization`: at `<domain>._report._dmarc.<host>`, a report
 *   destination's consent to receive reports for `<domain>` (RFC 7489 §7.1).
 * - `misplaced`: a `v=DMARC1` record anywhere else, which no receiver reads.
 * - `not-dmarc`: a TXT record at `_dmarc` that is not DMARC at all.
 */
export type DmarcRole = 'policy' | 'authorization' | 'misplaced' | 'not-dmarc';

/** A `;` left out: the white space or comma inside a value, before what reads as the next `tag=`. */
export interface MissingSeparator {
  readonly tag: Tag;
  /** The characters standing where the `;` belongs (` `, `, `). */
  readonly gap: Span;
  readonly next: string;
}

export interface DmarcRecord {
  readonly list: TagList;
  readonly role: DmarcRole;
  /**
   * `policy`: the domain the policy is for (`example.com.`). `authorization`:
   * the domain whose reports are authorized (`example.com.`, or `*.` for the wildcard).
   */
  readonly domain?: string;
  /** `authorization`: the report destination host (`thirdparty.example.net.`). */
  readonly destination?: string;
  /** The first occurrence of each tag, by lower-cased name (DMARC tag names are case-insensitive). */
  readonly tags: ReadonlyMap<string, Tag>;
  /** Tags whose name an earlier tag already used. */
  readonly repeated: readonly Tag[];
  readonly missingSeparators: readonly MissingSeparator[];
  /** The URIs of `rua` and `ruf`, when present. */
  readonly uris: ReadonlyMap<'rua' | 'ruf', readonly DmarcUri[]>;
  /** The record starts with `v=DMARC1` exactly: receivers read it (RFC 9989 §4.7). */
  readonly versionValid: boolean;
}

/** The part of a tag's value before a missing `;`, which is what the tag was meant to say. */
export function intendedValue(record: DmarcRecord, tag: Tag): { value: string; span: Span } {
  const gap = record.missingSeparators.find((m) => m.tag === tag);
  if (!gap) return { value: tag.value, span: tag.valueSpan };
  return { value: record.list.text.slice(tag.valueSpan.start, gap.gap.start), span: { start: tag.valueSpan.start, end: gap.gap.start } };
}

function findMissingSeparators(list: TagList): MissingSeparator[] {
  const out: MissingSeparator[] = [];
  for (const tag of list.tags) {
    const value = list.text.slice(tag.valueSpan.start, tag.valueSpan.end);
    // Only a known tag name counts, so a URI's query (`?subject=x`) never does.
    const m = /([ \t]*,[ \t]*|[ \t]+)([A-Za-z]+)[ \t]*=/.exec(value);
    if (m && dmarcTag(m[2])) {
      const start = tag.valueSpan.start + m.index;
      out.push({ tag, gap: { start, end: start + m[1].length }, next: m[2] });
    }
  }
  return out;
}

function roleOf(owner: string, list: TagList): { role: DmarcRole; domain?: string; destination?: string } {
  const labels = owner.split('.');
  if (labels[0] === '_dmarc') {
    const dmarcLike = list.tags.some((t) => dmarcTag(t.name));
    return { role: dmarcLike ? 'policy' : 'not-dmarc', domain: labels.slice(1).join('.') || '.' };
  }
  for (let i = 1; i + 1 < labels.length; i++) {
    if (labels[i] === '_report' && labels[i + 1] === '_dmarc') {
      return { role: 'authorization', domain: `${labels.slice(0, i).join('.')}.`, destination: labels.slice(i + 2).join('.') || '.' };
    }
  }
  return { role: 'misplaced' };
}

/** What a DMARC record's text says, whatever its owner. */
type DmarcContent = Omit<DmarcRecord, 'role' | 'domain' | 'destination'>;

/**
 * The content of a text, once per distinct text (see TextMemo); the role
 * comes from the owner and is added per record. Bound: 1024 texts of at
 * most 1024 characters.
 */
const memo = new TextMemo<DmarcContent>((text) => readDmarc(text), 1024, 1024);

export function parseDmarc(txt: TxtValue, record: ResourceRecord): DmarcRecord {
  const content = memo.get(txt.text);
  return { ...content, ...roleOf(record.owner, content.list) };
}

function readDmarc(text: string): DmarcContent {
  const list = parseTagList(text, DMARC_TAG_SYNTAX);
  const tags = new Map<string, Tag>();
  for (const tag of list.tags) {
    const key = tag.name.toLowerCase();
    if (!tags.has(key)) tags.set(key, tag);
  }
  const uris = new Map<'rua' | 'ruf', readonly DmarcUri[]>();
  const missingSeparators = findMissingSeparators(list);
  for (const name of ['rua', 'ruf'] as const) {
    const tag = tags.get(name);
    if (!tag) continue;
    const gap = missingSeparators.find((m) => m.tag === tag);
    // Read only up to a missing `;`: `rua=mailto:a@example.com ruf=…` has one URI, not a broken one.
    uris.set(name, parseUriList(gap ? { ...tag, value: tag.value.slice(0, gap.gap.start - tag.valueSpan.start), valueSpan: { start: tag.valueSpan.start, end: gap.gap.start } } : tag));
  }
  const first = list.tags[0];
  // RFC 9989 §4.7 (and RFC 7489 §6.4): the record starts with the version tag; white space before it is not in the
  // grammar, and receivers that test the record's start discard it.
  const versionValid = first !== undefined && first.name.toLowerCase() === 'v' && first.value === 'DMARC1' && !/^\s/.test(text);
  return { list, tags, repeated: repeatedTags(list, true), missingSeparators, uris, versionValid };
}

export type Policy = 'none' | 'quarantine' | 'reject';

const POLICIES: readonly Policy[] = ['none', 'quarantine', 'reject'];

/** A policy tag's value, when it is a valid one. */
export function policyOf(record: DmarcRecord, name: 'p' | 'sp' | 'np'): Policy | undefined {
  const tag = record.tags.get(name);
  if (!tag) return undefined;
  const value = intendedValue(record, tag).value.toLowerCase() as Policy;
  return POLICIES.includes(value) ? value : undefined;
}

/** How strong a policy is: none < quarantine < reject. */
export function policyStrength(policy: Policy): number {
  return POLICIES.indexOf(policy);
}
