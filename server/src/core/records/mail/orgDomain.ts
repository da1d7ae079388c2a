import { getDomain } from 'tldts';

/**
 * The organizational domain of a name (RFC 7489 §3.2): the registrable
 * domain under the Public Suffix List, from the maintained `tldts` package.
 * Names are absolute (`mail.example.co.uk.`); so is the result. A name that
 * is itself a public suffix, or has none, is its own organizational domain.
 */
export function organizationalDomain(name: string): string {
  let found = known.get(name);
  if (found === undefined) {
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(name, (found = lookUp(name)));
  }
  return found;
}

/**
 * The answers so far, by name: the answer depends on the name alone, and the
 * DMARC checks ask it of the same names after every edit (`mail-no-spf` of
 * each name that receives mail without SPF). Bound: this many names, then
 * the cache starts again.
 */
const known = new Map<string, string>();
const MAX_KNOWN = 1 << 16;

function lookUp(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  // The registrable domain is decided by the last labels alone; leading labels that are no host name (`*`,
  // `a\032b`, `_dmarc`) would make the list lookup refuse the whole name, so only the host-name tail is asked.
  const labels = bare.split('.');
  let first = labels.length;
  while (first > 0 && /^[a-z0-9-]+$/i.test(labels[first - 1])) first--;
  const tail = labels.slice(first).join('.');
  const found = tail ? getDomain(tail) : null;
  return `${(found ?? bare).toLowerCase()}.`;
}
