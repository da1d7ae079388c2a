/**
 * `mx` patterns of an MTA-STS policy (RFC 8461 §3.2, §4.1): a host name in
 * RFC 5321 `Domain` form, optionally prefixed by `*.`, which stands for
 * exactly one leftmost label.
 */

/** RFC 5321 §4.1.2 sub-domain: Let-dig [Ldh-str]. */
const SUB_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Why `pattern` is not a valid `mx` value, or undefined when it is. */
export function mxPatternError(pattern: string): string | undefined {
  if (/[\s,;]/.test(pattern)) return 'one pattern per line: each MX needs its own "mx:" line';
  if (pattern.endsWith('.')) return 'a trailing dot is not part of the pattern; senders compare it with the host name written without one';
  const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (host.includes('*')) return "a wildcard may only be the whole leftmost label, as in '*.example.net'";
  const labels = host.split('.');
  if (labels.length < 2) return `'${pattern}' is not a fully qualified host name`;
  for (const label of labels) {
    if (label === '') return `'${pattern}' has an empty label`;
    if (label.length > 63) return `label '${label.slice(0, 20)}…' is longer than 63 octets`;
    if (!SUB_DOMAIN.test(label)) {
      if (/[^\x00-\x7F]/.test(label)) return `'${label}' is a Unicode label: write the A-label (xn--…) instead`;
      return `'${label}' is not a host name label (letters, digits and inner hyphens)`;
    }
  }
  return undefined;
}

/** RFC 8461 §4.1: does `pattern` match the MX host `host` (either may carry a trailing dot)? */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}
