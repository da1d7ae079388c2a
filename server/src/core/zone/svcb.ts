/**
 * SVCB and HTTPS parameters (RFC 9460 §2.1, §7): each `key=value` is read
 * into its wire form and printed back canonically, sorted by key number, the
 * way BIND prints it: `alpn="h2,h3"`, `port=443`, `ipv6hint=2001:db8::1`,
 * unknown keys as `keyNNNNN="…"`.
 */
import { parseIPv4, parseIPv6 } from '../addr/ip';
import type { Span } from '../text/span';
import type { Token } from './ast';
import { quoteOctets, tokenOctets } from './strings';
import { formatIPv6Presentation, fromBase64, toBase64 } from './wire';

type ProblemSink = (span: Span, message: string) => void;

/**
 * Key numbers by name (RFC 9460 §14.3.2; `dohpath` RFC 9461). BIND 9.18
 * knows no other names: `ohttp` (RFC 9540) is refused there and written as
 * `key8`, so Mailzone takes it only as `key8` too.
 */
const KEY_NUMBERS: Readonly<Record<string, number>> = {
  mandatory: 0,
  alpn: 1,
  'no-default-alpn': 2,
  port: 3,
  ipv4hint: 4,
  ech: 5,
  ipv6hint: 6,
  dohpath: 7,
};
/** Names printed for keys; others print as `keyNNNNN`, which every reader accepts. */
const KEY_NAMES = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint'];

const keyName = (key: number): string => KEY_NAMES[key] ?? `key${key}`;

/** A key by name: lower case only, as BIND 9.18 reads them (it refuses `PORT`). */
function keyNumber(name: string): number | undefined {
  if (Object.hasOwn(KEY_NUMBERS, name)) return KEY_NUMBERS[name];
  const m = /^key(\d{1,5})$/.exec(name);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : undefined;
}

interface Param {
  readonly key: number;
  readonly span: Span;
  readonly wire: Uint8Array;
}

/**
 * Reads the parameter tokens. A quoted value is a separate token after
 * `key=` (the lexer splits at quotes), so the two are joined back when they
 * touch. Problems name the parameter; the presentation holds what was read.
 */
export function readSvcParams(tokens: readonly Token[], typeName: string, problem: ProblemSink): string {
  return readParams(tokens, typeName, problem).map(present).join(' ');
}

/**
 * The wire form of parameters in the printed form (`alpn="h2,h3"` is one
 * printed token: the value is split off so it reads as written), for the
 * canonical order of an RRset; undefined if they do not read.
 */
export function svcParamsWire(printed: readonly Token[]): number[] | undefined {
  const tokens: Token[] = [];
  for (const t of printed) {
    const eq = t.raw.indexOf('="');
    if (t.quoted || eq < 0) tokens.push(t);
    else {
      const cut = t.span.start + eq + 1;
      tokens.push({ quoted: false, raw: t.raw.slice(0, eq + 1), span: { start: t.span.start, end: cut } });
      tokens.push({ quoted: true, raw: t.raw.slice(eq + 1), span: { start: cut, end: t.span.end } });
    }
  }
  let wrong = false;
  const params = readParams(tokens, 'SVCB', () => (wrong = true));
  if (wrong) return undefined;
  return params.flatMap((p) => [...u16(p.key), ...u16(p.wire.length), ...p.wire]);
}

function readParams(tokens: readonly Token[], typeName: string, problem: ProblemSink): Param[] {
  const params: Param[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.quoted) {
      problem(token.span, `${typeName} parameter: a quoted value must follow 'key=' with no space`);
      continue;
    }
    const eq = token.raw.indexOf('=');
    const name = eq < 0 ? token.raw : token.raw.slice(0, eq);
    let valueToken: Token | undefined;
    let span = token.span;
    if (eq >= 0) {
      const next = tokens[k + 1];
      if (eq === token.raw.length - 1 && next?.quoted && next.span.start === token.span.end) {
        valueToken = next;
        span = { start: token.span.start, end: next.span.end };
        k++;
      } else {
        const raw = token.raw.slice(eq + 1);
        valueToken = { quoted: false, raw, span: { start: token.span.start + eq + 1, end: token.span.end } };
      }
    }
    const key = keyNumber(name);
    if (key === undefined) {
      problem(token.span, `unknown ${typeName} parameter '${name}': use mandatory, alpn, no-default-alpn, port, ipv4hint, ech, ipv6hint or keyNNNNN`);
      continue;
    }
    if (params.some((p) => p.key === key)) {
      problem(span, `${typeName} parameter ${keyName(key)} is given twice`);
      continue;
    }
    const value = valueToken ? latin1(tokenOctets(valueToken)) : undefined;
    const wire = toWire(key, value);
    if ('error' in wire) problem(span, `${typeName} ${keyName(key)}: ${wire.error}`);
    else params.push({ key, span, wire: wire.wire });
  }
  params.sort((a, b) => a.key - b.key);

  // RFC 9460 §8: every mandatory key is present; §7.1.1: no-default-alpn needs alpn.
  const has = (key: number): boolean => params.some((p) => p.key === key);
  const mandatory = params.find((p) => p.key === 0);
  if (mandatory) {
    for (let i = 0; i < mandatory.wire.length; i += 2) {
      const key = mandatory.wire[i] * 256 + mandatory.wire[i + 1];
      if (!has(key)) problem(mandatory.span, `${typeName} mandatory lists ${keyName(key)}, which is not given`);
    }
  }
  const noDefault = params.find((p) => p.key === 2);
  if (noDefault && !has(1)) problem(noDefault.span, `${typeName} no-default-alpn needs an alpn parameter (RFC 9460 §7.1.1)`);
  return params;
}

/** Octets as a string of the same char codes, so values can be split with string tools. */
function latin1(octets: Uint8Array): string {
  let out = '';
  for (const b of octets) out += String.fromCharCode(b);
  return out;
}

function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function u16(n: number): number[] {
  return [n >> 8, n & 0xff];
}

/** Splits a value list at commas; `\,` is a comma inside an item and `\\` a backslash (RFC 9460 Appendix A.1). */
function splitList(value: string): string[] | undefined {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    // A backslash escapes the next character; one at the very end escapes nothing, and BIND refuses it.
    if (value[i] === '\\' && i + 1 === value.length) return undefined;
    if (value[i] === '\\') current += value[++i];
    else if (value[i] === ',') {
      items.push(current);
      current = '';
    } else current += value[i];
  }
  items.push(current);
  return items;
}

function toWire(key: number, value: string | undefined): { wire: Uint8Array } | { error: string } {
  const needValue = (): string | undefined => (value === undefined || value === '' ? 'needs a value' : undefined);
  switch (key) {
    case 0: {
      const missing = needValue();
      if (missing) return { error: missing };
      const keys: number[] = [];
      for (const name of value!.split(',')) {
        const k = keyNumber(name);
        if (k === undefined) return { error: `unknown key '${name}' in the list` };
        if (k === 0) return { error: 'cannot list mandatory itself (RFC 9460 §8)' };
        if (keys.includes(k)) return { error: `lists ${name} twice` };
        keys.push(k);
      }
      return { wire: Uint8Array.from(keys.sort((a, b) => a - b).flatMap(u16)) };
    }
    case 1: {
      const missing = needValue();
      if (missing) return { error: missing };
      const out: number[] = [];
      const ids = splitList(value!);
      if (!ids) return { error: 'ends in a lone backslash' };
      for (const id of ids) {
        if (id.length === 0 || id.length > 255) return { error: 'an ALPN id is 1 to 255 octets' };
        out.push(id.length, ...bytes(id));
      }
      return { wire: Uint8Array.from(out) };
    }
    case 2:
      return value ? { error: 'takes no value' } : { wire: new Uint8Array() };
    case 3: {
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) return { error: `'${value ?? ''}' is not a port number from 0 to 65535` };
      return { wire: Uint8Array.from(u16(Number(value))) };
    }
    case 4:
    case 6: {
      const missing = needValue();
      if (missing) return { error: missing };
      const out: number[] = [];
      for (const address of value!.split(',')) {
        if (key === 4) {
          const v4 = parseIPv4(address);
          if (!v4) return { error: `'${address}' is not an IPv4 address` };
          out.push(...v4);
        } else {
          const v6 = parseIPv6(address);
          if (!v6) return { error: `'${address}' is not an IPv6 address` };
          out.push(...v6.flatMap(u16));
        }
      }
      return { wire: Uint8Array.from(out) };
    }
    case 5: {
      // RFC 9460 §7.3 puts an ECHConfigList here, but BIND 9.18 takes `ech`, `ech=` and `ech=""` as an empty value and loads the zone; Mailzone follows it.
      if (value === undefined || value === '') return { wire: new Uint8Array() };
      const decoded = fromBase64(value!);
      return decoded ? { wire: decoded } : { error: 'the ECH config list is not valid base64' };
    }
    case 7:
      // RFC 9461 §5: dohpath is a URI template; BIND refuses it empty.
      return needValue() ? { error: 'needs a URI template' } : { wire: bytes(value!) };
    case 8:
      // RFC 9540 §4: ohttp is a flag with no value.
      return value !== undefined ? { error: 'takes no value' } : { wire: new Uint8Array() };
    default:
      return { wire: bytes(value ?? '') };
  }
}

function present(param: Param): string {
  const { key, wire } = param;
  const name = keyName(key);
  switch (key) {
    case 0: {
      const names: string[] = [];
      for (let i = 0; i < wire.length; i += 2) names.push(keyName(wire[i] * 256 + wire[i + 1]));
      return `${name}=${names.join(',')}`;
    }
    case 1: {
      const ids: string[] = [];
      for (let i = 0; i < wire.length; i += 1 + wire[i]) ids.push(latin1(wire.subarray(i + 1, i + 1 + wire[i])).replace(/[\\,]/g, (c) => `\\${c}`));
      return `${name}=${quoteOctets(bytes(ids.join(',')))}`;
    }
    case 2:
      return name;
    case 3:
      return `${name}=${wire[0] * 256 + wire[1]}`;
    case 4: {
      const out: string[] = [];
      for (let i = 0; i < wire.length; i += 4) out.push(Array.from(wire.subarray(i, i + 4)).join('.'));
      return `${name}=${out.join(',')}`;
    }
    case 6: {
      const out: string[] = [];
      for (let i = 0; i < wire.length; i += 16) {
        const groups: number[] = [];
        for (let g = 0; g < 16; g += 2) groups.push(wire[i + g] * 256 + wire[i + g + 1]);
        out.push(formatIPv6Presentation(groups));
      }
      return `${name}=${out.join(',')}`;
    }
    case 5:
      return wire.length === 0 ? name : `${name}=${toBase64(wire)}`;
    default:
      return wire.length === 0 ? name : `${name}=${quoteOctets(wire)}`;
  }
}
