/**
 * Macro expansion (RFC 7208 §7.3, §7.4): turning a parsed macro-string into
 * the name to query or the explanation to show, given who is sending from
 * where. The parser (`macro.ts`) has already rejected bad syntax, so every
 * part here is well formed.
 */
import { formatIPv6 } from '../../addr/ip';
import type { MacroExpand, MacroString } from './macro';

/** The client address, IPv4-mapped IPv6 already turned into IPv4 (§5, §4.1). */
export interface ClientIp {
  readonly version: 4 | 6;
  /** 4 or 16 bytes. */
  readonly bytes: readonly number[];
}

/** What the macros of one check_host() call refer to (§7.3). */
export interface MacroEnv {
  /** <sender>: `local-part@domain`, with `postmaster` for an empty local-part (§4.3). */
  readonly sender: string;
  /** <domain>: the domain whose record is being evaluated; changes with include and redirect. */
  readonly domain: string;
  readonly ip: ClientIp;
  /** The HELO/EHLO name as given. */
  readonly helo: string;
  /** `r`: the receiving host's name; `unknown` when not given. */
  readonly receiver?: string;
  /** `t`: seconds since the epoch. */
  readonly now?: number;
  /** `p`: the validated name of the client, computed on first use (it costs DNS queries, §5.5). */
  readonly validatedName: () => Promise<string>;
}

/** The local-part and domain of <sender> (the part after the last `@`). */
export function splitSender(sender: string): { local: string; domain: string } {
  const at = sender.lastIndexOf('@');
  return at < 0 ? { local: 'postmaster', domain: sender } : { local: sender.slice(0, at) || 'postmaster', domain: sender.slice(at + 1) };
}

/** `i`: the dotted quad, or 32 dot-separated lower-case nibbles for IPv6 (§7.3, the §7.4 example). */
export function ipDotted(ip: ClientIp): string {
  if (ip.version === 4) return ip.bytes.join('.');
  return ip.bytes.flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]).join('.');
}

/** `c`: the address as people write it (RFC 5952 for IPv6). */
export function ipReadable(ip: ClientIp): string {
  if (ip.version === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i] << 8) | ip.bytes[i + 1]);
  return formatIPv6(groups);
}

/** The name a PTR query for the address goes to: `4.3.2.1.in-addr.arpa.` or the nibbles under `ip6.arpa.`. */
export function reverseName(ip: ClientIp): string {
  return `${ipDotted(ip).split('.').reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa.`;
}

const utf8 = new TextEncoder();

/** §7.3: uppercase macros are URL-escaped: every character outside RFC 3986 `unreserved`, as UTF-8 octets. */
export function urlEscape(value: string): string {
  let out = '';
  for (const ch of value) {
    if (/[A-Za-z0-9\-._~]/.test(ch)) out += ch;
    else for (const byte of utf8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

async function letterValue(macro: MacroExpand, env: MacroEnv): Promise<string> {
  switch (macro.letter) {
    case 's':
      return env.sender;
    case 'l':
      return splitSender(env.sender).local;
    case 'o':
      return splitSender(env.sender).domain;
    case 'd':
      return env.domain;
    case 'i':
      return ipDotted(env.ip);
    case 'p':
      return env.validatedName();
    case 'v':
      return env.ip.version === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return env.helo;
    case 'c':
      return ipReadable(env.ip);
    case 'r':
      return env.receiver || 'unknown';
    case 't':
      return String(Math.floor(env.now ?? 0));
  }
}

/**
 * §7.3 transformers: split on the delimiters (default `.`), reverse when
 * asked, keep the rightmost N parts, and join with `.`.
 */
export function transform(value: string, macro: Pick<MacroExpand, 'digits' | 'reverse' | 'delimiters'>): string {
  const delimiters = macro.delimiters || '.';
  let parts: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  if (macro.reverse) parts = parts.reverse();
  if (macro.digits !== undefined && macro.digits < parts.length) parts = parts.slice(parts.length - macro.digits);
  return parts.join('.');
}

/** Expands a macro-string as written, with no post-processing. */
export async function expandMacroString(ms: MacroString, env: MacroEnv): Promise<string> {
  let out = '';
  for (const part of ms.parts) {
    if (part.kind === 'literal') out += part.text;
    else if (part.kind === 'escape') out += part.value;
    else {
      const value = transform(await letterValue(part, env), part);
      out += part.urlEscape ? urlEscape(value) : value;
    }
  }
  return out;
}

/** Domain names longer than this are shortened from the left (§7.3). */
export const MAX_EXPANDED_NAME = 253;

/**
 * Expands a domain-spec into the name to query: one trailing dot dropped
 * (`trailing-dot-domain` in the test suite; the name is absolute either
 * way), and a name over 253 characters truncated from the left, whole
 * labels at a time (§7.3).
 */
export async function expandDomainSpec(ms: MacroString, env: MacroEnv): Promise<string> {
  let name = await expandMacroString(ms, env);
  if (name.endsWith('.')) name = name.slice(0, -1);
  return truncateName(name);
}

export function truncateName(name: string): string {
  // Bound: each pass drops at least one character (a label and its dot), or returns.
  while (name.length > MAX_EXPANDED_NAME) {
    const dot = name.indexOf('.');
    if (dot < 0) return name;
    name = name.slice(dot + 1);
  }
  return name;
}
