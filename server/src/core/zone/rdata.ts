import { parseIPv4, parseIPv6 } from '../addr/ip';
import type { Span } from '../text/span';
import { TextMap } from '../text/textMap';
import type { CharString, Token, TxtValue } from './ast';
import { chunked } from './blob';
import { readBase32Hex } from './base32hex';
import { readAplItems, readCertType, readSalt, readSigTime, readTypeBitmap, readTypeName } from './dnssecFields';
import type { FieldRead } from './fieldRead';
import { readLoc } from './loc';
import { absoluteName } from './names';
import { ALGORITHM_NAMES, DNSSEC_ALGORITHMS, DS_DIGEST_TYPES, DSYNC_SCHEME_NAMES, DSYNC_SCHEMES, type Field, type FieldKind, type RRType } from './rrtypes';
import { presentString, tokenOctets, unescapeToken } from './strings';
import { readSvcParams } from './svcb';
import { decodeRdata, formatIPv6Presentation, leastRdataOctets } from './wire';
import { parseTtl } from './ttl';

export interface RdataResult {
  readonly presentation: string;
  readonly txt?: TxtValue;
  readonly targets?: string[];
  readonly fields?: Record<string, number | string>;
}

export type ProblemSink = (span: Span, message: string) => void;

const UINT_MAX: Record<string, number> = { u8: 255, u16: 65535, u32: 4294967295 };
const SOA_TIMER_MAX = 4294967295;

/** The one-token DNSSEC field syntaxes (zone/dnssecFields.ts). */
const FIELD_READERS: Readonly<Record<'rrtype' | 'base32hex' | 'salt' | 'time' | 'certtype', (raw: string) => FieldRead>> = {
  rrtype: readTypeName,
  base32hex: readBase32Hex,
  salt: readSalt,
  time: readSigTime,
  certtype: readCertType,
};

/**
 * Octet fields BIND reads by number or mnemonic: the mnemonics, the names it
 * prints (where it prints one rather than the number), and an example for
 * the message.
 */
const OCTET_MNEMONICS: Readonly<Record<'algorithm' | 'algorithmname' | 'digesttype' | 'dsyncscheme', { names: Readonly<Record<string, number>>; printed?: ReadonlyMap<number, string>; example: string }>> = {
  algorithm: { names: DNSSEC_ALGORITHMS, example: 'RSASHA256' },
  algorithmname: { names: DNSSEC_ALGORITHMS, printed: ALGORITHM_NAMES, example: 'RSASHA256' },
  digesttype: { names: DS_DIGEST_TYPES, example: 'SHA-256' },
  dsyncscheme: { names: DSYNC_SCHEMES, printed: DSYNC_SCHEME_NAMES, example: 'NOTIFY' },
};

/** Field kinds that take the rest of the rdata. */
const TRAILING: ReadonlySet<FieldKind> = new Set<FieldKind>(['strings', 'hex', 'base64', 'rest', 'svcparams', 'types', 'apl', 'loc']);

/** Joins character-strings into the value SPF, DKIM and DMARC read: no separator (RFC 7208 §3.3). */
export function joinStrings(strings: readonly CharString[]): TxtValue {
  // Most TXT records are one string: its value and map are the record's.
  if (strings.length === 1) return { strings, text: strings[0].value, map: strings[0].map };
  const map = new TextMap();
  let text = '';
  for (const s of strings) {
    text += s.value;
    map.append(s.map);
  }
  return { strings, text, map };
}

/**
 * Reads rdata tokens by the type's field list. Problems go to `problem`;
 * the result is still as complete as the tokens allow, so later checks can
 * run on what was understood.
 */
export function readRdata(type: RRType | undefined, typeName: string, tokens: readonly Token[], origin: string | undefined, problem: ProblemSink, typeSpan: Span): RdataResult {
  if (tokens.length > 0 && tokens[0].raw === '\\#' && !tokens[0].quoted) return readGeneric(type, typeName, tokens, problem, typeSpan);
  if (!type?.fields) {
    // RFC 3597 §5: a type the reader has no text form for is written as `\\# length hex`; BIND refuses anything else ("unknown class/type").
    if (tokens.length === 0) problem(typeSpan, `${typeName} has no rdata; RFC 3597 form is '\\# 0' for empty rdata`);
    else problem(spanOf(tokens), `${typeName} has no text form Mailzone or BIND reads: write its rdata as '\\# length hex' (RFC 3597 §5)`);
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }

  const parts: string[] = [];
  const targets: string[] = [];
  const fields: Record<string, number | string> = {};
  let txt: TxtValue | undefined;
  let i = 0;
  // Problems are counted so the checks across fields run only on rdata whose fields all read.
  let problemCount = 0;
  const sink = problem;
  problem = (span, message) => {
    problemCount++;
    sink(span, message);
  };
  const expected = (): string => type.fields!.map((fl) => fl.name).join(' ');
  const fixed = type.fields.filter((fl) => !TRAILING.has(fl.kind)).length;
  // A trailing field needs at least one token, unless the type table marks it optional (zone/rrtypes.ts).
  const required = fixed + (type.fields.some((fl) => TRAILING.has(fl.kind) && !fl.optional) ? 1 : 0);
  if (tokens.length < required) {
    // Too few fields: reading them in order would blame the wrong one, so say what is missing instead.
    problem(tokens.length ? spanOf(tokens) : typeSpan, `${typeName} needs ${required} field${required === 1 ? '' : 's'} (${expected()}); found ${tokens.length}`);
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }

  for (const field of type.fields) {
    if (field.kind === 'svcparams') {
      const params = readSvcParams(tokens.slice(i), typeName, problem);
      i = tokens.length;
      if (params) parts.push(params);
      continue;
    }
    if (field.kind === 'types' || field.kind === 'apl' || field.kind === 'loc') {
      const rest = tokens.slice(i);
      i = tokens.length;
      const read = { types: readTypeBitmap, apl: readAplItems, loc: readLoc }[field.kind](rest.map((t) => t.raw));
      if ('error' in read) problem(spanOf(rest), `${typeName} ${field.name}: ${read.error}`);
      else if (read.text) parts.push(read.text);
      continue;
    }
    if (TRAILING.has(field.kind)) {
      const rest = tokens.slice(i);
      i = tokens.length;
      if (rest.length === 0) {
        if (field.optional) continue;
        problem(typeSpan, `${typeName} needs ${field.kind === 'strings' ? 'at least one string' : `its ${field.name}`} (${expected()})`);
        continue;
      }
      if (field.kind === 'strings') {
        const strings = rest.map((t) => readString(t, problem));
        txt = joinStrings(strings);
        parts.push(rest.map(presentString).join(' '));
      } else if (field.kind === 'hex') {
        const joined = rest.map((t) => t.raw).join('');
        if (!/^(?:[0-9a-fA-F]{2})+$/.test(joined) && !(joined === '-' && typeName === 'NSEC3')) problem(spanOf(rest), `${typeName} ${field.name} must be hexadecimal digits in pairs`);
        parts.push(chunked(joined.toUpperCase()));
        if (type.check) fields[field.name] = joined.toUpperCase();
      } else if (field.kind === 'base64') {
        const joined = rest.map((t) => t.raw).join('');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined) || joined.length % 4 !== 0) problem(spanOf(rest), `${typeName} ${field.name} is not valid base64`);
        parts.push(chunked(joined));
      } else {
        parts.push(rest.map((t) => t.raw).join(' '));
      }
      continue;
    }
    const token = tokens[i++];
    if (!token) {
      problem(typeSpan, `${typeName} needs ${type.fields.length} fields (${expected()}); '${field.name}' is missing`);
      break;
    }
    const value = readField(field, token, typeName, origin, problem, fields);
    if (value === undefined) continue;
    parts.push(value.text);
    if (value.number !== undefined) fields[field.name] = value.number;
    else if (type.check) fields[field.name] = value.text;
    if (field.kind === 'name') {
      fields[field.name] = value.text;
      targets.push(value.text);
    }
  }
  if (i < tokens.length) problem(spanOf(tokens.slice(i)), `extra data after ${typeName} rdata (${expected()})`);
  else if (type.check && problemCount === 0) {
    const wrong = type.check(fields);
    if (wrong) problem(spanOf(tokens), wrong);
  }
  return { presentation: parts.join(' '), txt, targets: targets.length ? targets : undefined, fields };
}

function readField(field: Field, token: Token, typeName: string, origin: string | undefined, problem: ProblemSink, before: Readonly<Record<string, number | string>>): { text: string; number?: number } | undefined {
  const raw = token.raw;
  switch (field.kind) {
    case 'gateway': {
      // RFC 4025 §2.3, §2.5: the gateway type says what the gateway is: none ('.'), IPv4, IPv6 or a domain name.
      const kind = ({ 0: 'none', 1: 'ipv4', 2: 'ipv6', 3: 'name' } as Record<number, 'none' | 'ipv4' | 'ipv6' | 'name'>)[Number(before.gatewaytype)];
      if (kind === undefined) {
        problem(token.span, `${typeName} gateway type ${before.gatewaytype} is not 0, 1, 2 or 3 (RFC 4025 §2.3)`);
        return undefined;
      }
      if (kind === 'none') {
        if (raw !== '.') problem(token.span, `${typeName} gateway type 0 has no gateway: write '.'`);
        return raw === '.' ? { text: '.' } : undefined;
      }
      return readField({ name: field.name, kind }, token, typeName, origin, problem, before);
    }
    case 'name': {
      // A quoted domain name in rdata is not one: BIND rejects it ("unexpected token").
      if (token.quoted) {
        problem(token.span, `${typeName} ${field.name}: a domain name is written without quotes`);
        return undefined;
      }
      const r = absoluteName(raw, origin);
      if ('error' in r) {
        problem(token.span, `${typeName} ${field.name}: ${r.error}`);
        return undefined;
      }
      return { text: r.name };
    }
    case 'u8':
    case 'u16':
    case 'u32': {
      if (!/^\d+$/.test(raw) || Number(raw) > UINT_MAX[field.kind]) {
        problem(token.span, `${typeName} ${field.name} must be a number from 0 to ${UINT_MAX[field.kind]}, not '${raw}'`);
        return undefined;
      }
      return { text: String(Number(raw)), number: Number(raw) };
    }
    case 'algorithm':
    case 'algorithmname':
    case 'digesttype':
    case 'dsyncscheme': {
      const { names, printed, example } = OCTET_MNEMONICS[field.kind];
      let code = token.quoted ? undefined : names[raw.toUpperCase()];
      if (code === undefined && /^\d+$/.test(raw) && Number(raw) <= 255) code = Number(raw);
      if (code === undefined) {
        problem(token.span, `${typeName} ${field.name} must be a number from 0 to 255 or a mnemonic such as ${example}, not '${raw}'`);
        return undefined;
      }
      return { text: printed?.get(code) ?? String(code), number: code };
    }
    case 'rrtype':
    case 'base32hex':
    case 'salt':
    case 'time':
    case 'certtype': {
      const read = FIELD_READERS[field.kind](raw);
      if ('error' in read || token.quoted) {
        problem(token.span, `${typeName} ${field.name}: ${'error' in read ? read.error : 'written without quotes'}`);
        return undefined;
      }
      return read;
    }
    case 'quoted': {
      if (!token.quoted) {
        problem(token.span, `${typeName} ${field.name} must be a quoted string`);
        return undefined;
      }
      readString(token, problem);
      return { text: presentString(token) };
    }
    case 'ttl': {
      // SOA timers are unsigned 32-bit fields: BIND takes them up to 2^32-1, above the 2^31-1 of a record's TTL.
      const r = parseTtl(raw, SOA_TIMER_MAX);
      if ('error' in r) {
        problem(token.span, `${typeName} ${field.name}: ${r.error}`);
        return undefined;
      }
      return { text: String(r.value), number: r.value };
    }
    case 'ipv4': {
      if (!parseIPv4(raw)) {
        problem(token.span, `'${raw}' is not an IPv4 address`);
        return undefined;
      }
      return { text: raw };
    }
    case 'ipv6': {
      const groups = parseIPv6(raw);
      if (!groups) {
        problem(token.span, `'${raw}' is not an IPv6 address`);
        return undefined;
      }
      return { text: formatIPv6Presentation(groups) };
    }
    case 'string':
    case 'text': {
      readString(token, problem);
      // One character-string holds at most 255 octets (RFC 1035 §3.3); BIND refuses a longer one. TXT's own strings are txt-string-too-long's.
      const octets = field.kind === 'string' ? tokenOctets(token).length : 0;
      if (octets > 255) problem(token.span, `${typeName} ${field.name} is ${octets} octets; a character-string holds at most 255 (RFC 1035 §3.3)`);
      return { text: presentString(token) };
    }
    case 'tag': {
      // RFC 8659 §4.1 limits a tag to 15 letters and digits; BIND 9.18 takes up to 255, and Mailzone follows BIND.
      if (!/^[A-Za-z0-9]{1,255}$/.test(raw) || token.quoted) {
        problem(token.span, `${typeName} ${field.name} '${raw}' must be letters and digits (RFC 8659 §4.1)`);
        return undefined;
      }
      return { text: raw };
    }
    case 'nsap': {
      // RFC 1706 §5: '0x', then the address in hex, dots allowed between digits for readability; BIND wants whole octets and at least one.
      const digits = raw.slice(2).replace(/\./g, '');
      if (!/^0x/i.test(raw) || !/^[0-9a-fA-F.]*$/.test(raw.slice(2)) || digits.length === 0 || digits.length % 2 !== 0 || token.quoted) {
        problem(token.span, `${typeName} ${field.name} must be '0x' then hex digits in pairs (dots allowed between them), not '${raw}' (RFC 1706 §5)`);
        return undefined;
      }
      return { text: `0x${digits.toLowerCase()}` };
    }
    case 'ilnp64': {
      // RFC 6742 §2.1.2, §2.3: four groups of hex digits joined by ':'; BIND prints them in lower case without leading zeros.
      if (!/^[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){3}$/.test(raw) || token.quoted) {
        problem(token.span, `${typeName} ${field.name} must be four groups of 1 to 4 hex digits joined by ':', not '${raw}'`);
        return undefined;
      }
      return { text: raw.split(':').map((g) => parseInt(g, 16).toString(16)).join(':') };
    }
    case 'eui': {
      // RFC 7043 §3.2, §4.2: six or eight hex pairs joined by hyphens.
      const pairs = typeName === 'EUI48' ? 6 : 8;
      if (!new RegExp(`^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){${pairs - 1}}$`).test(raw)) {
        problem(token.span, `${typeName} ${field.name} must be ${pairs} hex pairs joined by '-', not '${raw}'`);
        return undefined;
      }
      return { text: raw.toLowerCase() };
    }
    default:
      return { text: raw };
  }
}

/** A character-string from a quoted or bare token. Its length limit is the `txt-string-too-long` rule's business. */
export function readString(token: Token, problem: ProblemSink): CharString {
  const { string, error } = unescapeToken(token);
  if (error) problem({ start: error.offset, end: error.offset + error.length }, error.message);
  return string;
}

/**
 * RFC 3597 §5: `\# <length> <hex>`. For a type whose fields are known the
 * octets are read by them, so the record prints in its usual form and its
 * fields are there, as BIND does; other types keep the `\#` form.
 */
function readGeneric(type: RRType | undefined, typeName: string, tokens: readonly Token[], problem: ProblemSink, typeSpan: Span): RdataResult {
  const lengthToken = tokens[1];
  if (!lengthToken || !/^\d+$/.test(lengthToken.raw)) {
    problem(lengthToken?.span ?? tokens[0].span, "RFC 3597 rdata needs a length after '\\#'");
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }
  const hex = tokens.slice(2).map((t) => t.raw).join('');
  const length = Number(lengthToken.raw);
  const generic = { presentation: `\\# ${length}${hex ? ` ${hex.toUpperCase()}` : ''}` };
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    problem(spanOf(tokens.slice(2)), 'RFC 3597 rdata must be hexadecimal digits in pairs');
    return generic;
  }
  if (hex.length / 2 !== length) {
    problem(spanOf(tokens.slice(1)) ?? typeSpan, `RFC 3597 rdata says ${length} octets but has ${hex.length / 2}`);
    return generic;
  }
  if (!type) return generic;
  const octets = Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  const decoded = decodeRdata(type, octets);
  if (!decoded) {
    // Rdata Mailzone keeps in RFC 3597 form is still held to the octets its fixed fields need: BIND decodes it and refuses less.
    const least = leastRdataOctets(type);
    if (octets.length < least) problem(spanOf(tokens), `${typeName}: RFC 3597 rdata has ${octets.length} octets; ${typeName} rdata has at least ${least}`);
    return generic;
  }
  if ('error' in decoded) {
    problem(spanOf(tokens), `${typeName}: ${decoded.error}`);
    return generic;
  }
  // The text the octets stand for is read as if written, so it is held to the same checks (BIND 9.18 does the same).
  const span = spanOf(tokens);
  const text = decoded.tokens.map((t) => t.raw).join(' ');
  let wrong = false;
  const read = readRdata(type, typeName, decoded.tokens.map((t) => ({ ...t, span })), undefined, (_, message) => {
    wrong = true;
    problem(span, `RFC 3597 rdata reads as ${typeName} '${text}': ${message}`);
  }, typeSpan);
  return wrong ? generic : read;
}

function spanOf(tokens: readonly Token[]): Span {
  return { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
}
