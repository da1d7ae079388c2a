/** The master-file directives: what they do, for hover and completion. */
export interface DirectiveDoc {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly rfc: string;
}

export const DIRECTIVE_DOCS: readonly DirectiveDoc[] = [
  {
    name: '$ORIGIN',
    usage: '$ORIGIN <domain-name>',
    summary: 'Sets the origin: relative names below it (without a trailing dot) get this name appended, and `@` stands for it.',
    rfc: 'RFC 1035 §5.1',
  },
  {
    name: '$TTL',
    usage: '$TTL <ttl>',
    summary: 'Sets the TTL of the records below it that give none. Units like `1h30m` are a BIND extension.',
    rfc: 'RFC 2308 §4',
  },
  {
    name: '$INCLUDE',
    usage: '$INCLUDE <file-name> [<domain-name>]',
    summary: 'Reads another file here, relative to this one. An origin given here applies inside that file only; the origin and owner of this file are unchanged afterwards.',
    rfc: 'RFC 1035 §5.1',
  },
  {
    name: '$GENERATE',
    usage: '$GENERATE <start>-<stop>[/<step>] <owner> [<ttl>] [<class>] <type> <rdata>',
    summary: 'Generates one record per number in the range (a BIND extension). `$` in the owner and rdata is the number; `${offset,width,base}` adds the offset (which may be negative), pads to the width and writes it in base d, o, x, X, or n/N (nibbles for reverse zones).',
    rfc: 'BIND 9 Administrator Reference Manual',
  },
];
