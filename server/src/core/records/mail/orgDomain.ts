import { getDomain } from 'tldts';

/**
 * The organizational domain of a name (RFC 7489 §3.2): the registrable
 * domain under the Public Suffix List, from the maintained `tldts` package.
 * Names are absolute (`mail.example.co.uk.`); so is the result. A name that
 * is itself a public suffix, or has none, is its own organizational domain.
 */
export function organizationalDomain(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  const found = getDomain(bare);
  return `${(found ?? bare).toLowerCase()}.`;
}
