/**
 * Quick fixes for DKIM key records. Each edits only the characters it must,
 * inside the record's strings (see `txtEdits.ts`).
 */
import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, TextEdit } from '../../rules/rule';
import { tagRemovalRange, type Tag } from '../tagList';
import { deleteInTxt, insertInTxt, replaceInTxt } from '../txtEdits';
import { encodeBase64 } from './base64';
import type { DkimRecord } from './parse';

type Target = RecordTarget<DkimRecord>;

function fix(title: string, edits: TextEdit[] | undefined, preferred = false): Fix[] {
  return edits && edits.length > 0 ? [{ title, edits, preferred }] : [];
}

/** Combines edit lists that touch different characters; undefined if any part cannot be made. */
function both(a: TextEdit[] | undefined, b: TextEdit[] | undefined): TextEdit[] | undefined {
  return a && b ? [...a, ...b].sort((x, y) => x.span.start - y.span.start) : undefined;
}

/** `v=DKIM1` as the first tag (RFC 6376 §3.6.1): removes it where it is and writes it in front. */
export function moveVersionFirst(t: Target, version: Tag): Fix[] {
  const { txt, record, parsed } = t;
  const first = parsed.list.tags[0];
  const removal = tagRemovalRange(parsed.list, version);
  const insert = insertInTxt(txt, first.span.start, 'v=DKIM1; ', record.file);
  return fix('Move v=DKIM1 to the front', both(deleteInTxt(txt, removal, record.file), insert), true);
}

/**
 * Corrects the version. `v=DKIM1, k=rsa` (a comma or space where the `;`
 * belongs) keeps the swallowed tag by writing the separator; a value that is
 * some other spelling of a DKIM version becomes `DKIM1`. Anything else may
 * not be a DKIM record at all, so no fix is offered.
 */
export function setVersion(t: Target, version: Tag): Fix[] {
  const { txt, record } = t;
  const run = /^DKIM1[\s,]+/i.exec(version.value);
  if (run) {
    const span = { start: version.valueSpan.start, end: version.valueSpan.start + run[0].length };
    return fix("Separate v=DKIM1 with ';'", replaceInTxt(txt, span, 'DKIM1; ', record.file), true);
  }
  if (!/^dkim/i.test(version.value)) return [];
  return fix('Set v=DKIM1', replaceInTxt(txt, version.valueSpan, 'DKIM1', record.file), true);
}

/** Writes `k=<type>`: replaces the value of `k=`, or adds `k=<type>; ` before `p=`. */
export function setKeyType(t: Target, type: string): Fix[] {
  const { txt, record, parsed } = t;
  const k = parsed.tags.get('k');
  if (k) return fix(`Set k=${type}`, replaceInTxt(txt, k.valueSpan, type, record.file), true);
  const p = parsed.tags.get('p');
  if (p) return fix(`Add k=${type}`, insertInTxt(txt, p.span.start, `k=${type}; `, record.file), true);
  const last = parsed.list.tags[parsed.list.tags.length - 1];
  if (!last) return [];
  return fix(`Add k=${type}`, insertInTxt(txt, last.span.end, `; k=${type}`, record.file), true);
}

/** Removes the white space inside the base64 of `p=`. */
export function removeKeyWhitespace(t: Target): Fix[] {
  const { parsed, txt, record } = t;
  if (parsed.key.status !== 'decoded' && parsed.key.status !== 'bad-base64') return [];
  const edits: TextEdit[] = [];
  for (const run of parsed.key.text.whitespace) {
    const part = deleteInTxt(txt, run, record.file);
    if (!part) return [];
    edits.push(...part);
  }
  return fix('Remove the white space inside the key', edits, true);
}

/** Replaces the base64 of `p=` with `bytes`. */
export function replaceKey(t: Target, title: string, bytes: Uint8Array): Fix[] {
  const p = t.parsed.tags.get('p');
  if (!p) return [];
  return fix(title, replaceInTxt(t.txt, p.valueSpan, encodeBase64(bytes), t.record.file), true);
}

/** DER length octets (X.690 §8.1.3). */
function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

function derElement(tag: number, content: readonly number[] | Uint8Array): number[] {
  return [tag, ...derLength(content.length), ...content];
}

/** The rsaEncryption AlgorithmIdentifier: SEQUENCE { OID 1.2.840.113549.1.1.1 (`2a 86 48 86 f7 0d 01 01 01`), NULL } (RFC 8017 §A.1). */
const RSA_ALGORITHM = derElement(0x30, [...derElement(0x06, [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]), 0x05, 0x00]);

/** Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), the form RFC 6376 App. C shows. */
export function wrapRsaKey(pkcs1: Uint8Array): Uint8Array {
  return Uint8Array.from(derElement(0x30, [...RSA_ALGORITHM, ...derElement(0x03, [0x00, ...pkcs1])]));
}

/** `h=sha256`. */
export function setHashSha256(t: Target, h: Tag): Fix[] {
  return fix('Set h=sha256', replaceInTxt(t.txt, h.valueSpan, 'sha256', t.record.file), true);
}

/** Removes a tag and one separator beside it. */
export function removeTag(t: Target, tag: Tag): Fix[] {
  return fix(`Remove ${tag.name}=`, deleteInTxt(t.txt, tagRemovalRange(t.parsed.list, tag), t.record.file), true);
}
