/**
 * Reads a DKIM key record (RFC 6376 §3.6.1) once, for every DKIM rule: the
 * tag list, the tags by name, the colon lists, and the key in `p=` decoded.
 */
import type { Span } from '../../text/span';
import type { TxtValue } from '../../zone/ast';
import { parseTagList, repeatedTags, type Tag, type TagList } from '../tagList';
import { decodeBase64, type Base64Result } from './base64';
import { readDkimKey, type DkimKey } from './key';
import { DKIM_TAG_SYNTAX } from './tags';
import { TextMemo } from '../textMemo';

export interface ListItem {
  /** As written, case kept. */
  readonly value: string;
  readonly span: Span;
}

/** The base64 of `p=` with the white space RFC 6376 allows taken out, and where that white space was. */
export interface KeyText {
  readonly tag: Tag;
  readonly base64: string;
  /** Value offsets of each run of white space inside the key. */
  readonly whitespace: readonly Span[];
  /** Value offset of the character at `index` of `base64`, to point at a bad one. */
  offsetOf(index: number): number;
}

export type KeyDecoding =
  | { readonly status: 'absent' }
  | { readonly status: 'revoked'; readonly tag: Tag }
  /** The base64 does not decode; `span` is the character at fault (value offsets). */
  | { readonly status: 'bad-base64'; readonly text: KeyText; readonly message: string; readonly span: Span; readonly pem?: boolean }
  | { readonly status: 'decoded'; readonly text: KeyText; readonly bytes: Uint8Array; readonly key: DkimKey };

export interface DkimRecord {
  readonly list: TagList;
  /** The first occurrence of each tag by exact name (tag names are case-sensitive, §3.2). */
  readonly tags: ReadonlyMap<string, Tag>;
  /** Tags whose name an earlier tag already used: the whole list is invalid (§3.2). */
  readonly repeated: readonly Tag[];
  /** `k=` lower-cased, or `rsa` when absent (§3.6.1). */
  readonly keyType: string;
  readonly key: KeyDecoding;
}

const FWS = /[ \t\r\n]/;

/** Splits a colon list (`h=sha1:sha256`), FWS allowed around the colons (§3.6.1 ABNF). */
export function colonList(tag: Tag): ListItem[] {
  const items: ListItem[] = [];
  let start = tag.valueSpan.start;
  const { value } = tag;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value[i] !== ':') continue;
    let s = start - tag.valueSpan.start;
    let e = i;
    while (s < e && FWS.test(value[s])) s++;
    while (e > s && FWS.test(value[e - 1])) e--;
    items.push({ value: value.slice(s, e), span: { start: tag.valueSpan.start + s, end: tag.valueSpan.start + e } });
    start = tag.valueSpan.start + i + 1;
  }
  return items;
}

function keyText(tag: Tag): KeyText {
  const { value } = tag;
  const start = tag.valueSpan.start;
  // The usual key has no white space inside: its text is the value itself.
  if (!/[ \t\r\n]/.test(value)) return { tag, base64: value, whitespace: [], offsetOf: (index) => start + Math.max(0, Math.min(index, value.length - 1)) };
  const whitespace: Span[] = [];
  const offsets: number[] = [];
  let base64 = '';
  for (let i = 0; i < value.length; i++) {
    const at = start + i;
    if (FWS.test(value[i])) {
      const last = whitespace[whitespace.length - 1];
      if (last && last.end === at) whitespace[whitespace.length - 1] = { start: last.start, end: at + 1 };
      else whitespace.push({ start: at, end: at + 1 });
      continue;
    }
    base64 += value[i];
    offsets.push(at);
  }
  return { tag, base64, whitespace, offsetOf: (index) => offsets[Math.min(index, offsets.length - 1)] ?? start };
}

/**
 * Decoded keys by type and base64. Reading a key's DER is the costly part
 * of a DKIM record, the same key is often published under several
 * selectors and domains, and an editor re-analyses on every edit: a key is
 * read once while it stays in use. Bounded, so a stream of distinct keys
 * cannot grow it without limit.
 */
const decodedKeys = new Map<string, { readonly bytes: Uint8Array; readonly key: DkimKey }>();
const DECODED_KEYS_MAX = 4096;

function decodedKey(base64: string, keyType: string): { readonly bytes: Uint8Array; readonly key: DkimKey } | Extract<Base64Result, { error: string }> {
  const id = `${keyType}:${base64}`;
  const known = decodedKeys.get(id);
  if (known) return known;
  const decoded = decodeBase64(base64);
  if ('error' in decoded) return decoded;
  const result = { bytes: decoded.bytes, key: readDkimKey(decoded.bytes, keyType) };
  if (decodedKeys.size >= DECODED_KEYS_MAX) decodedKeys.clear();
  decodedKeys.set(id, result);
  return result;
}

function decodeKey(tag: Tag | undefined, keyType: string): KeyDecoding {
  if (!tag) return { status: 'absent' };
  if (tag.value.length === 0) return { status: 'revoked', tag };
  const text = keyText(tag);
  if (text.base64.startsWith('-----BEGIN')) {
    return {
      status: 'bad-base64',
      text,
      message: 'p= holds a PEM block: put only the base64 between the BEGIN and END lines in the record',
      span: tag.valueSpan,
      pem: true,
    };
  }
  const decoded = decodedKey(text.base64, keyType);
  if ('error' in decoded && decoded.kind === 'length') {
    // A key cut short rarely ends on a four-character boundary: read what is there, and
    // when its DER says more bytes should follow, say that, which is the real problem.
    const whole = decodeBase64(text.base64.slice(0, text.base64.length - (text.base64.length % 4)));
    const key = 'bytes' in whole ? readDkimKey(whole.bytes, keyType) : undefined;
    if (key?.type === 'invalid' && /cut short/.test(key.reason)) {
      return { status: 'bad-base64', text, message: `p= is cut short: ${key.reason}`, span: tag.valueSpan };
    }
  }
  if ('error' in decoded) {
    const at = text.offsetOf(decoded.offset);
    const span = decoded.length === 0 ? tag.valueSpan : { start: at, end: at + decoded.length };
    return { status: 'bad-base64', text, message: `p= is not valid base64: ${decoded.error}`, span };
  }
  return { status: 'decoded', text, bytes: decoded.bytes, key: decoded.key };
}

/**
 * Parses once per distinct text (see TextMemo): a provider's zone publishes
 * one key under many selectors, and decoding an RSA key is the dear part.
 * Bound: 1024 texts of at most 4096 characters (a 4096-bit RSA key's record
 * is about 800).
 */
const memo = new TextMemo<DkimRecord>((text) => readDkim(text), 1024, 4096);

export function parseDkim(txt: TxtValue): DkimRecord {
  return memo.get(txt.text);
}

function readDkim(text: string): DkimRecord {
  const list = parseTagList(text, DKIM_TAG_SYNTAX);
  const tags = new Map<string, Tag>();
  for (const tag of list.tags) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  const k = tags.get('k');
  // Key type names are ABNF literals, which match regardless of case (RFC 5234 §2.3).
  const keyType = k ? k.value.toLowerCase() : 'rsa';
  return { list, tags, repeated: repeatedTags(list), keyType, key: decodeKey(tags.get('p'), keyType) };
}
