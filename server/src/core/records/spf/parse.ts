/**
 * The SPF record parser: RFC 7208 §12 exactly. Offsets are into the text it
 * was given (for a TXT record, the joined value `txt.text`), so findings map
 * back to the source with `txt.map`. It never throws; every term is returned
 * whether or not it parsed, with errors that say what was expected.
 */
import { parseIPv4, parseIPv6, ipBytes } from '../../addr/ip';
import type { Span } from '../../text/span';
import { describeChar, parseDomainSpec, parseMacroString, type DomainSpec, type MacroString } from './macro';
import { clip, type SpfError } from './problem';
import { nearest } from './suggest';
import { MECHANISM_NAMES, termDef, type Qualifier, type TermDef } from './terms';
import { TextMemo } from '../textMemo';

export type { SpfError, SpfErrorKind } from './problem';

export interface SpfTerm {
  readonly kind: 'mechanism' | 'modifier';
  /** Lower-cased name as written (`include`, `redirect`, or an unknown name). */
  readonly name: string;
  /** The table entry; undefined for unknown mechanisms and unknown modifiers. */
  readonly def?: TermDef;
  /** `+` when none is written. Modifiers have none. */
  readonly qualifier: Qualifier;
  readonly qualifierExplicit: boolean;
  /** The term as written. */
  readonly raw: string;
  /** Value offsets of the whole term, qualifier included. */
  readonly start: number;
  readonly end: number;
  readonly nameSpan: Span;
  /** What follows `:` or `=` up to the end of the term (cidr included). */
  readonly argSpan?: Span;
  /** include, exists, a, mx, ptr (when given), redirect, exp. */
  readonly domainSpec?: DomainSpec;
  /** An unknown modifier's value. */
  readonly value?: MacroString;
  /** ip4/ip6: the address bytes (4 or 16). */
  readonly ip?: readonly number[];
  readonly ipSpan?: Span;
  /** ip4 prefix, or the IPv4 half of a/mx dual-cidr. Undefined when not written. */
  readonly cidr4?: number;
  readonly cidr4Span?: Span;
  /** ip6 prefix, or the IPv6 half of a/mx dual-cidr. Undefined when not written. */
  readonly cidr6?: number;
  readonly cidr6Span?: Span;
  /** True when the term has no error of any kind. */
  readonly valid: boolean;
}

export interface SpfRecord {
  readonly text: string;
  /** Span of `v=spf1` (empty at 0 when the text does not start with it). */
  readonly version: Span;
  readonly terms: readonly SpfTerm[];
  /** Everything that makes check_host() return permerror for this record, in text order. */
  readonly errors: readonly SpfError[];
}

const QUALIFIER_CHARS = '+-~?';
const MODIFIER_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const VERSION = /^v=spf1(?= |$)/i;

/** True when `text` is an SPF record by §4.5: exactly `v=spf1` then a space or the end, any case. */
export function isSpfText(text: string): boolean {
  return VERSION.test(text);
}

/**
 * {@link parseSpf}, once per distinct text (see TextMemo): a zone publishes
 * the same few SPF records at many names, and every lookup tree parses the
 * records its includes reach again (`include:_spf.example.com` under a
 * thousand names). Bound: 1024 texts of at most 1024 characters.
 */
const memo = new TextMemo<SpfRecord>((text) => parseSpf(text), 1024, 1024);

export function spfOfText(text: string): SpfRecord {
  return memo.get(text);
}

export function parseSpf(text: string): SpfRecord {
  const errors: SpfError[] = [];
  const terms: SpfTerm[] = [];
  let pos = 0;
  let version: Span = { start: 0, end: 0 };
  if (VERSION.test(text)) {
    version = { start: 0, end: 6 };
    pos = 6;
  } else {
    const first = /^[^ ]*/.exec(text)![0];
    errors.push({ kind: 'syntax', start: 0, end: first.length, message: `expected 'v=spf1' followed by a space at the start; found '${clip(first)}'` });
    pos = first.length;
  }

  // §3.1: US-ASCII only. One error per run of non-ASCII characters; terms that contain them report nothing else.
  const nonAscii = /[^\x00-\x7e]+/g;
  for (let m; (m = nonAscii.exec(text)); ) {
    errors.push({ kind: 'non-ascii', start: m.index, end: m.index + m[0].length, message: `non-ASCII ${m[0].length === 1 ? 'character' : 'characters'} ${showChars(clip(m[0], 12))}: SPF records must be US-ASCII (RFC 7208 §3.1)` });
  }

  // Bound: every pass moves `pos` past a space, a control character or a term of at least one character.
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === ' ') {
      pos++;
      continue;
    }
    if (isControl(ch)) {
      // §12: terms are separated by SP only. Recover by treating it as a separator so later terms are still checked.
      errors.push({ kind: 'syntax', start: pos, end: pos + 1, message: `${describeChar(ch)} separates terms here: SPF allows only spaces between terms` });
      pos++;
      continue;
    }
    let end = pos;
    while (end < text.length && text[end] !== ' ' && !isControl(text[end])) end++;
    const termErrors: SpfError[] = [];
    const term = parseTerm(text, pos, end, termErrors);
    const hasNonAscii = /[^\x00-\x7e]/.test(term.raw);
    // A non-ASCII character already makes the term an error; do not also call its grammar wrong.
    if (!hasNonAscii) errors.push(...termErrors);
    terms.push({ ...term, valid: termErrors.length === 0 && !hasNonAscii });
    pos = end;
  }

  // §6: redirect and exp at most once each.
  const seen = new Set<string>();
  for (const term of terms) {
    if (term.kind !== 'modifier' || !term.def) continue;
    if (seen.has(term.name)) {
      errors.push({ kind: 'duplicate-modifier', start: term.start, end: term.end, message: `'${term.name}' appears more than once: a record may have at most one (RFC 7208 §6)` });
    }
    seen.add(term.name);
  }
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, version, terms, errors };
}

/** Printable characters as themselves; C1 controls and other invisible ones (bytes from `\DDD` escapes) as code points. */
function showChars(chars: string): string {
  if (/^[\u00a1-\uffff]+$/.test(chars) && !/[\u00ad\u200b-\u200f\ufeff]/.test(chars)) return `'${chars}'`;
  return [...chars].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

type MutableTerm = { -readonly [K in keyof SpfTerm]: SpfTerm[K] };

function parseTerm(text: string, start: number, end: number, errors: SpfError[]): SpfTerm {
  let i = start;
  let qualifier: Qualifier = '+';
  let qualifierExplicit = false;
  if (QUALIFIER_CHARS.includes(text[i])) {
    qualifier = text[i] as Qualifier;
    qualifierExplicit = true;
    i++;
  }
  const rest = text.slice(i, end);
  const head = /^[^:/=]*/.exec(rest)![0];
  const delim = rest[head.length] as ':' | '/' | '=' | undefined;
  const name = head.toLowerCase();
  const nameSpan = { start: i, end: i + head.length };
  const term: MutableTerm = {
    kind: 'mechanism',
    name,
    qualifier,
    qualifierExplicit,
    raw: text.slice(start, end),
    start,
    end,
    nameSpan,
    valid: false,
  };
  const error = (s: number, e: number, message: string): void => {
    errors.push({ kind: 'syntax', start: s, end: e, message });
  };

  if (delim === '=') {
    // §12: a term whose name is followed directly by '=' is a modifier.
    term.kind = 'modifier';
    const valueStart = nameSpan.end + 1;
    term.argSpan = { start: valueStart, end };
    if (!MODIFIER_NAME.test(head)) {
      error(start, nameSpan.end, head === '' ? `expected a modifier name before '='` : `'${clip(head)}' is not a modifier name: expected a letter, then letters, digits, '-', '_' or '.'`);
    }
    if (qualifierExplicit) error(start, start + 1, `a modifier takes no qualifier; remove '${qualifier}'`);
    const def = termDef(name, 'modifier');
    if (def) {
      term.def = def;
      term.domainSpec = collect(parseDomainSpec(text, valueStart, end, `${name}=`), errors);
    } else {
      // An unknown modifier's value is a macro-string (§6); its macros are never expanded, so no letter is out of place.
      const value = parseMacroString(text, valueStart, end, 'domain');
      errors.push(...value.errors.filter((e) => e.kind !== 'macro-context'));
      term.value = value;
    }
    return term;
  }

  const def = termDef(name, 'mechanism');
  if (!def) {
    if (head === '') error(start, end, qualifierExplicit ? `expected a mechanism after '${qualifier}'` : `expected a mechanism or a modifier; found '${clip(rest)}'`);
    else if (termDef(name, 'modifier')) error(start, end, `'${head}' is a modifier: write '${name}=<domain>'`);
    else {
      const near = nearest(name, MECHANISM_NAMES);
      error(start, end, `unknown mechanism '${clip(head)}'${near ? ` (did you mean '${near}'?)` : ''}: expected one of ${MECHANISM_NAMES.join(', ')}, or a modifier name=value`);
    }
    return term;
  }
  term.def = def;
  const after = nameSpan.end;
  const tail = text.slice(after, end);

  switch (def.argument) {
    case 'none':
      if (tail) error(after, end, `'${def.name}' takes no argument; found '${clip(tail)}'`);
      break;
    case 'domain':
      if (delim !== ':') {
        error(start, end, tail ? `expected ':' and a domain after '${def.name}'; found '${clip(tail)}'` : `'${def.name}' needs ':' and a domain (${def.name}:example.com)`);
        break;
      }
      term.argSpan = { start: after + 1, end };
      term.domainSpec = collect(parseDomainSpec(text, after + 1, end, `${def.name}:`), errors);
      break;
    case 'optional-domain':
      if (!tail) break;
      if (delim !== ':') {
        error(after, end, `expected ':' and a domain, or nothing, after '${def.name}'; found '${clip(tail)}'`);
        break;
      }
      term.argSpan = { start: after + 1, end };
      term.domainSpec = collect(parseDomainSpec(text, after + 1, end, `${def.name}:`), errors);
      break;
    case 'optional-domain-cidr': {
      if (!tail) break;
      let cidrStart = after;
      if (delim === ':') {
        term.argSpan = { start: after + 1, end };
        // The dual-cidr-length is the longest suffix of that form; the rest is the domain-spec (which may contain '/').
        const suffix = /(?:\/[0-9]+)?(?:\/\/[0-9]+)?$/.exec(tail)!;
        cidrStart = after + suffix.index;
        term.domainSpec = collect(parseDomainSpec(text, after + 1, cidrStart, `${def.name}:`), errors);
      } else if (!/^(?:\/[0-9]+)?(?:\/\/[0-9]+)?$/.test(tail)) {
        error(after, end, `expected ':' and a domain, '/' and an IPv4 prefix, or '//' and an IPv6 prefix after '${def.name}'; found '${clip(tail)}'`);
        break;
      }
      readDualCidr(text, cidrStart, end, term, errors);
      break;
    }
    case 'ip4':
    case 'ip6': {
      const v6 = def.argument === 'ip6';
      if (delim !== ':') {
        error(start, end, `'${def.name}' needs ':' and an ${v6 ? 'IPv6' : 'IPv4'} network (${v6 ? 'ip6:2001:db8::/32' : 'ip4:192.0.2.0/24'})`);
        break;
      }
      const argStart = after + 1;
      term.argSpan = { start: argStart, end };
      const arg = text.slice(argStart, end);
      const slash = arg.indexOf('/');
      const addr = slash < 0 ? arg : arg.slice(0, slash);
      const addrEnd = argStart + addr.length;
      const groups = v6 ? parseIPv6(addr) : parseIPv4(addr);
      if (!groups) error(argStart, addrEnd, addressProblem(addr, v6));
      else {
        term.ip = ipBytes(groups);
        term.ipSpan = { start: argStart, end: addrEnd };
      }
      if (slash >= 0) {
        const prefixText = arg.slice(slash + 1);
        const p = readPrefix(prefixText, v6 ? 128 : 32);
        const span = { start: addrEnd, end };
        if (p === undefined) {
          error(addrEnd, end, `expected a prefix length '/0'-'/${v6 ? 128 : 32}' without leading zeros after the ${v6 ? 'IPv6' : 'IPv4'} address; found '/${clip(prefixText)}'`);
        } else if (v6) {
          term.cidr6 = p;
          term.cidr6Span = span;
        } else {
          term.cidr4 = p;
          term.cidr4Span = span;
        }
      }
      break;
    }
  }
  return term;
}

function collect(spec: DomainSpec, errors: SpfError[]): DomainSpec {
  errors.push(...spec.errors);
  return spec;
}

/** `[/n][//m]` at text[start, end), already known to have that shape. */
function readDualCidr(text: string, start: number, end: number, term: MutableTerm, errors: SpfError[]): void {
  const s = text.slice(start, end);
  const m = /^(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(s)!;
  const v4Len = m[1] === undefined ? 0 : m[1].length + 1;
  if (m[1] !== undefined) {
    const p = readPrefix(m[1], 32);
    const span = { start, end: start + v4Len };
    if (p === undefined) errors.push({ kind: 'syntax', start: span.start, end: span.end, message: `expected an IPv4 prefix length '/0'-'/32' without leading zeros; found '/${m[1]}'${Number(m[1]) <= 128 && Number(m[1]) > 32 ? ` (an IPv6 prefix is written '//${m[1]}')` : ''}` });
    else {
      term.cidr4 = p;
      term.cidr4Span = span;
    }
  }
  if (m[2] !== undefined) {
    const span = { start: start + v4Len, end };
    const p = readPrefix(m[2], 128);
    if (p === undefined) errors.push({ kind: 'syntax', start: span.start, end: span.end, message: `expected an IPv6 prefix length '//0'-'//128' without leading zeros; found '//${m[2]}'` });
    else {
      term.cidr6 = p;
      term.cidr6Span = span;
    }
  }
}

/** §12 ip4-cidr-length / ip6-cidr-length: "0" or no leading zero, within range. */
function readPrefix(digits: string, max: number): number | undefined {
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= max ? n : undefined;
}

function addressProblem(written: string, v6: boolean): string {
  const addr = clip(written);
  if (written === '') return `expected an ${v6 ? 'IPv6' : 'IPv4'} address after '${v6 ? 'ip6' : 'ip4'}:'`;
  if (v6) {
    if (parseIPv4(written)) return `'${addr}' is an IPv4 address: use ip4:${addr}`;
    return `'${addr}' is not an IPv6 address (RFC 4291 §2.2 forms: 2001:db8::1, ::ffff:192.0.2.1)`;
  }
  if (parseIPv6(written)) return `'${addr}' is an IPv6 address: use ip6:${addr}`;
  if (/^[0-9]+(?:\.[0-9]+){0,2}$/.test(written)) return `'${addr}' has omitted parts: an ip4 network needs all four parts (RFC 7208 §5.6)`;
  if (/^[0-9]+(?:\.[0-9]+){3}$/.test(written)) {
    return written.split('.').some((p) => p.length > 1 && p.startsWith('0')) ? `'${addr}' has a leading zero: write each part in plain decimal` : `'${addr}' has a part over 255`;
  }
  return `'${addr}' is not an IPv4 address: expected four decimal parts 0-255 (192.0.2.0)`;
}

/** The first mechanism `all` of a record, if any. */
export function allTerm(record: SpfRecord): SpfTerm | undefined {
  return record.terms.find((t) => t.kind === 'mechanism' && t.name === 'all');
}

/** The known modifier `name` (`redirect`, `exp`): its first occurrence. */
export function modifier(record: SpfRecord, name: 'redirect' | 'exp'): SpfTerm | undefined {
  return record.terms.find((t) => t.kind === 'modifier' && t.name === name);
}
