import { formatIPv6, parseIPv4, parseIPv6 } from '../addr/ip';
import type { Span } from '../text/span';
import { TextMap } from '../text/textMap';
import type { CharString, Token, TxtValue } from './ast';
import { absoluteName } from './names';
import type { Field, RRType } from './rrtypes';
import { quoteString, unescapeToken } from './strings';
import { parseTtl } from './ttl';

export interface RdataResult {
  readonly presentation: string;
  readonly txt?: TxtValue;
  readonly targets?: string[];
  readonly fields?: Record<string, number | string>;
}

export type ProblemSink = (span: Span, message: string) => void;

const UINT_MAX: Record<string, number> = { u8: 255, u16: 65535, u32: 4294967295 };

/** Joins character-strings into the value SPF, DKIM and DMARC read: no separator (RFC 7208 §3.3). */
export function joinStrings(strings: readonly CharString[]): TxtValue {
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
  if (tokens.length > 0 && tokens[0].raw === '\\#' && !tokens[0].quoted) return readGeneric(tokens, problem, typeSpan);
  if (!type?.fields) {
    if (tokens.length === 0) problem(typeSpan, `${typeName} has no rdata; RFC 3597 form is '\\# 0' for empty rdata`);
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }

  const parts: string[] = [];
  const targets: string[] = [];
  const fields: Record<string, number | string> = {};
  let txt: TxtValue | undefined;
  let i = 0;
  const expected = (): string => type.fields!.map((fl) => fl.name).join(' ');
  const fixed = type.fields.filter((fl) => !['strings', 'hex', 'base64', 'rest'].includes(fl.kind)).length;
  const required = fixed + (type.fields.length > fixed ? 1 : 0);
  if (tokens.length < required) {
    // Too few fields: reading them in order would blame the wrong one, so say what is missing instead.
    problem(tokens.length ? spanOf(tokens) : typeSpan, `${typeName} needs ${required} field${required === 1 ? '' : 's'} (${expected()}); found ${tokens.length}`);
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }

  for (const field of type.fields) {
    if (field.kind === 'strings' || field.kind === 'hex' || field.kind === 'base64' || field.kind === 'rest') {
      const rest = tokens.slice(i);
      i = tokens.length;
      if (rest.length === 0) {
        problem(typeSpan, `${typeName} needs ${field.kind === 'strings' ? 'at least one string' : `its ${field.name}`} (${expected()})`);
        continue;
      }
      if (field.kind === 'strings') {
        const strings = rest.map((t) => readString(t, problem));
        txt = joinStrings(strings);
        parts.push(strings.map((s) => quoteString(s.value)).join(' '));
      } else if (field.kind === 'hex') {
        const joined = rest.map((t) => t.raw).join('');
        if (!/^(?:[0-9a-fA-F]{2})+$/.test(joined) && !(joined === '-' && typeName === 'NSEC3')) problem(spanOf(rest), `${typeName} ${field.name} must be hexadecimal digits in pairs`);
        parts.push(joined.toUpperCase());
      } else if (field.kind === 'base64') {
        const joined = rest.map((t) => t.raw).join('');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined) || joined.length % 4 !== 0) problem(spanOf(rest), `${typeName} ${field.name} is not valid base64`);
        parts.push(joined);
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
    const value = readField(field, token, typeName, origin, problem);
    if (value === undefined) continue;
    parts.push(value.text);
    if (value.number !== undefined) fields[field.name] = value.number;
    if (field.kind === 'name') {
      fields[field.name] = value.text;
      targets.push(value.text);
    }
  }
  if (i < tokens.length) problem(spanOf(tokens.slice(i)), `extra data after ${typeName} rdata (${expected()})`);
  return { presentation: parts.join(' '), txt, targets: targets.length ? targets : undefined, fields };
}

function readField(field: Field, token: Token, typeName: string, origin: string | undefined, problem: ProblemSink): { text: string; number?: number } | undefined {
  const raw = token.raw;
  switch (field.kind) {
    case 'name': {
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
    case 'ttl': {
      const r = parseTtl(raw);
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
      return { text: formatIPv6(groups) };
    }
    case 'string': {
      const s = readString(token, problem);
      return { text: quoteString(s.value) };
    }
    case 'word':
      return { text: raw };
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

/** RFC 3597 §5: `\# <length> <hex>`. */
function readGeneric(tokens: readonly Token[], problem: ProblemSink, typeSpan: Span): RdataResult {
  const lengthToken = tokens[1];
  if (!lengthToken || !/^\d+$/.test(lengthToken.raw)) {
    problem(lengthToken?.span ?? tokens[0].span, "RFC 3597 rdata needs a length after '\\#'");
    return { presentation: tokens.map((t) => t.raw).join(' ') };
  }
  const hex = tokens.slice(2).map((t) => t.raw).join('');
  const length = Number(lengthToken.raw);
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) problem(spanOf(tokens.slice(2)), 'RFC 3597 rdata must be hexadecimal digits in pairs');
  else if (hex.length / 2 !== length) problem(spanOf(tokens.slice(1)) ?? typeSpan, `RFC 3597 rdata says ${length} octets but has ${hex.length / 2}`);
  return { presentation: `\\# ${length}${hex ? ` ${hex.toUpperCase()}` : ''}` };
}

function spanOf(tokens: readonly Token[]): Span {
  return { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
}
