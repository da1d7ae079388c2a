import type { Span } from '../text/span';
import type { TextMap } from '../text/textMap';
import type { NameTable } from './nameTable';

/**
 * The zone model. Every piece keeps the source span it came from. `file` is
 * the path of the `$INCLUDE`d file a piece was read from, or undefined for
 * the document being analysed: spans are offsets into that file's text.
 */

/** A lexical token of one entry: a bare word or a quoted string. */
export interface Token {
  readonly quoted: boolean;
  /** Source span, quotes included. */
  readonly span: Span;
  /** The source text of the token, quotes and escapes as written. */
  readonly raw: string;
}

/**
 * An RFC 1035 <character-string>. `value` has escapes resolved: `\X` becomes
 * X and `\DDD` the character with that code (so one value character is one
 * octet for ASCII and escapes); `octets` is its length on the wire.
 */
export interface CharString {
  readonly token: Token;
  readonly value: string;
  readonly octets: number;
  /** Maps offsets in `value` to source offsets. */
  readonly map: TextMap;
}

/**
 * The text of a TXT record: its character-strings joined with no separator,
 * which is how SPF, DKIM, DMARC, MTA-STS, TLS-RPT and BIMI read them.
 * `map` takes an offset in `text` to the source character it came from, so a
 * finding on part of the value underlines exactly those source characters.
 */
export interface TxtValue {
  readonly strings: readonly CharString[];
  readonly text: string;
  readonly map: TextMap;
}

export interface ResourceRecord {
  readonly file?: string;
  /** The whole entry, from owner (or first token) to its last rdata token. */
  readonly span: Span;
  /** Absolute, lower-cased owner name with a trailing dot (`mail.example.com.`). */
  readonly owner: string;
  /** Present when the owner was written on this entry; absent when inherited. */
  readonly ownerSpan?: Span;
  readonly ttl: number;
  readonly ttlSpan?: Span;
  /** True when the TTL came from neither the entry, `$TTL` nor an earlier entry. */
  readonly ttlDefaulted?: boolean;
  readonly rrClass: string;
  readonly classSpan?: Span;
  /** Upper-case mnemonic (`TXT`) or `TYPEnnn` for types without one. */
  readonly type: string;
  readonly typeCode: number;
  readonly typeSpan: Span;
  /** Rdata tokens, as written. */
  readonly rdata: readonly Token[];
  /** Rdata in canonical presentation form, for `zone print`. */
  readonly presentation: string;
  /** For TXT and SPF records. */
  readonly txt?: TxtValue;
  /** For names in rdata (MX exchange, CNAME target, SRV target, ...), absolute. */
  readonly targets?: readonly string[];
  /** Parsed numeric fields by name (`preference`, `port`, ...), where the type defines them. */
  readonly fields?: Readonly<Record<string, number | string>>;
  /** True when the entry came from `$GENERATE`. */
  readonly generated?: boolean;
  /**
   * Where the record stands in `Zone.records`, set by the parser. A re-parse
   * after an edit keeps each record's index, which is how the incremental
   * analysis pairs a record with its earlier self.
   */
  readonly index?: number;
}

export type DirectiveName = '$ORIGIN' | '$TTL' | '$INCLUDE' | '$GENERATE';

export interface Directive {
  readonly file?: string;
  readonly name: DirectiveName;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly args: readonly Token[];
  /** `$INCLUDE`: the resolved path. */
  readonly target?: string;
}

/** Something the parser could not accept; reported as the `zone-syntax` rule. */
export interface ZoneProblem {
  readonly file?: string;
  readonly span: Span;
  readonly message: string;
}

export interface Zone {
  /** The origin in force at the start (from options), absolute, or undefined. */
  readonly origin?: string;
  readonly records: readonly ResourceRecord[];
  readonly directives: readonly Directive[];
  readonly problems: readonly ZoneProblem[];
  /** The analysed document's text: rules that look past the tokens (at comments, parentheses) read it. */
  readonly text: string;
  /** Texts of included files by resolved path, for spans that point into them. */
  readonly files: ReadonlyMap<string, string>;
  /** The owner names of the records, each once, with their ancestors: the parser's records carry ids into it. */
  readonly names?: NameTable;
}
