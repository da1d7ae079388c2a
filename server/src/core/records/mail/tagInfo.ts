/**
 * The shape of a tag table entry for the small tag=value records (MTA-STS,
 * TLS-RPT, BIMI): the parser, the rules, hover and completion read one
 * table per kind.
 */
export interface TagValueInfo {
  readonly value: string;
  /** What the value means, one sentence. */
  readonly meaning: string;
}

export interface TagInfo {
  readonly name: string;
  /** One line: what the tag is. */
  readonly summary: string;
  /** The value grammar, in the RFC's ABNF where it has one. */
  readonly grammar: string;
  readonly required?: boolean;
  /** What an absent tag means. */
  readonly default?: string;
  /** The values the specification defines, with their meaning. */
  readonly values?: readonly TagValueInfo[];
  /** A colon-separated list of those values (DKIM `h=`, `s=`, `t=`; DMARC `fo=`). */
  readonly list?: boolean;
  /**
   * What a value written here resolves to, one sentence, for values the
   * `values` list cannot name (`rua=` gives where reports go): undefined
   * when there is nothing to add to the value itself.
   */
  readonly resolve?: (value: string) => string | undefined;
  /** Where the tag is defined. */
  readonly rfc: string;
}

/** The table entry for `name`, matched exactly: these tag names are case-sensitive. */
export function tagInfo(table: readonly TagInfo[], name: string): TagInfo | undefined {
  return table.find((t) => t.name === name);
}
