/**
 * The SPF mechanisms and modifiers as data (RFC 7208 §5, §6). The parser,
 * the lookup counter, hover and completion all read this one table.
 */

/**
 * How the text after the name is read:
 * - `none`: nothing may follow (`all`);
 * - `domain`: `:` domain-spec is required (`include`, `exists`), `=` domain-spec for modifiers;
 * - `optional-domain`: `[":" domain-spec]` (`ptr`);
 * - `optional-domain-cidr`: `[":" domain-spec] [dual-cidr-length]` (`a`, `mx`);
 * - `ip4` / `ip6`: `:` network `[/prefix]`.
 */
export type TermArgument = 'none' | 'domain' | 'optional-domain' | 'optional-domain-cidr' | 'ip4' | 'ip6';

export interface TermDef {
  readonly name: string;
  readonly kind: 'mechanism' | 'modifier';
  readonly argument: TermArgument;
  /** Counts toward the limit of 10 DNS-querying terms (§4.6.4). */
  readonly dnsLookup: boolean;
  /** The DNS query the term makes when evaluated. */
  readonly query?: string;
  /** Grammar in the RFC's spirit, for hover and completion. */
  readonly syntax: string;
  /** One line: what the term does. */
  readonly description: string;
  /** What an omitted argument means. */
  readonly default?: string;
  readonly rfc: string;
}

export const SPF_TERMS: readonly TermDef[] = [
  {
    name: 'all',
    kind: 'mechanism',
    argument: 'none',
    dnsLookup: false,
    syntax: '[qualifier]all',
    description: 'Always matches; ends the record (terms after it are never evaluated).',
    rfc: 'RFC 7208 §5.1',
  },
  {
    name: 'include',
    kind: 'mechanism',
    argument: 'domain',
    dnsLookup: true,
    query: 'TXT (the included SPF record, evaluated recursively)',
    syntax: '[qualifier]include:<domain-spec>',
    description: 'Matches when the SPF record of the given domain passes for this client.',
    rfc: 'RFC 7208 §5.2',
  },
  {
    name: 'a',
    kind: 'mechanism',
    argument: 'optional-domain-cidr',
    dnsLookup: true,
    query: 'A or AAAA',
    syntax: '[qualifier]a[:<domain-spec>][/<ip4-prefix>][//<ip6-prefix>]',
    description: 'Matches when the client address is among the A/AAAA addresses of the domain (within the prefix).',
    default: 'the current domain, /32 and /128',
    rfc: 'RFC 7208 §5.3',
  },
  {
    name: 'mx',
    kind: 'mechanism',
    argument: 'optional-domain-cidr',
    dnsLookup: true,
    query: 'MX, then A or AAAA of each host (at most 10 hosts)',
    syntax: '[qualifier]mx[:<domain-spec>][/<ip4-prefix>][//<ip6-prefix>]',
    description: 'Matches when the client address is an address of one of the domain\'s MX hosts (within the prefix).',
    default: 'the current domain, /32 and /128',
    rfc: 'RFC 7208 §5.4',
  },
  {
    name: 'ptr',
    kind: 'mechanism',
    argument: 'optional-domain',
    dnsLookup: true,
    query: 'PTR of the client address, then A or AAAA of each name',
    syntax: '[qualifier]ptr[:<domain-spec>]',
    description: 'Matches when a validated reverse name of the client ends in the domain. Slow and unreliable: SHOULD NOT be used.',
    default: 'the current domain',
    rfc: 'RFC 7208 §5.5',
  },
  {
    name: 'ip4',
    kind: 'mechanism',
    argument: 'ip4',
    dnsLookup: false,
    syntax: '[qualifier]ip4:<ip4-network>[/<prefix 0-32>]',
    description: 'Matches when the client address is in the IPv4 network.',
    default: 'prefix /32',
    rfc: 'RFC 7208 §5.6',
  },
  {
    name: 'ip6',
    kind: 'mechanism',
    argument: 'ip6',
    dnsLookup: false,
    syntax: '[qualifier]ip6:<ip6-network>[/<prefix 0-128>]',
    description: 'Matches when the client address is in the IPv6 network.',
    default: 'prefix /128',
    rfc: 'RFC 7208 §5.6',
  },
  {
    name: 'exists',
    kind: 'mechanism',
    argument: 'domain',
    dnsLookup: true,
    query: 'A (always A, even for IPv6 clients)',
    syntax: '[qualifier]exists:<domain-spec>',
    description: 'Matches when the domain (usually built with macros) has any A record.',
    rfc: 'RFC 7208 §5.7',
  },
  {
    name: 'redirect',
    kind: 'modifier',
    argument: 'domain',
    dnsLookup: true,
    query: 'TXT (the SPF record that replaces this one)',
    syntax: 'redirect=<domain-spec>',
    description: 'When no mechanism matched, the result is that of the given domain\'s SPF record. Ignored when the record has "all".',
    rfc: 'RFC 7208 §6.1',
  },
  {
    name: 'exp',
    kind: 'modifier',
    argument: 'domain',
    dnsLookup: false,
    query: 'TXT (the explanation, fetched only on fail; not counted)',
    syntax: 'exp=<domain-spec>',
    description: 'Names a TXT record whose text (with macros) explains a fail result to the sender.',
    rfc: 'RFC 7208 §6.2',
  },
];

const BY_NAME = new Map(SPF_TERMS.map((t) => [t.name, t]));

/** The table entry for a lower-cased name of the given kind, if it is a known one. */
export function termDef(name: string, kind?: 'mechanism' | 'modifier'): TermDef | undefined {
  const def = BY_NAME.get(name);
  return def && (!kind || def.kind === kind) ? def : undefined;
}

export const MECHANISM_NAMES: readonly string[] = SPF_TERMS.filter((t) => t.kind === 'mechanism').map((t) => t.name);
export const MODIFIER_NAMES: readonly string[] = SPF_TERMS.filter((t) => t.kind === 'modifier').map((t) => t.name);

export type Qualifier = '+' | '-' | '~' | '?';

export interface QualifierDef {
  readonly qualifier: Qualifier;
  readonly result: 'pass' | 'fail' | 'softfail' | 'neutral';
  readonly description: string;
}

/** §4.6.2: the result a matching mechanism gives, by qualifier; `+` is the default. */
export const QUALIFIERS: readonly QualifierDef[] = [
  { qualifier: '+', result: 'pass', description: 'pass: the client is authorized (the default when no qualifier is written)' },
  { qualifier: '-', result: 'fail', description: 'fail: the client is explicitly not authorized' },
  { qualifier: '~', result: 'softfail', description: 'softfail: probably not authorized; accept but mark' },
  { qualifier: '?', result: 'neutral', description: 'neutral: no statement about the client' },
];
