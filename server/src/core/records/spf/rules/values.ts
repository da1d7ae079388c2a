/**
 * Rules on the values inside terms: addresses with host bits, trailing dots,
 * and includes written twice.
 */
import { formatIPv6, hasHostBits, maskBytes } from '../../../addr/ip';
import type { Fix, Rule } from '../../../rules/rule';
import { replaceInTxt } from '../../txtEdits';
import { removeTerm } from '../edits';
import { canonical } from '../tree';
import { at, quote, options, shouldCheck, type SpfTarget } from './common';

function formatBytes(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  return formatIPv6(groups);
}

/** `spf-host-bits`: `ip4:192.0.2.1/24` means 192.0.2.0/24; the written address suggests a mistake. */
export const spfHostBits: Rule<SpfTarget> = {
  id: 'spf-host-bits',
  severity: 'info',
  summary: 'An ip4/ip6 network has bits set beyond its prefix length; receivers ignore them, which may not be what was meant.',
  rfc: 'RFC 7208 §5.6',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const term of target.parsed.terms) {
      if (!term.ip || !term.ipSpan) continue;
      const prefix = term.ip.length === 4 ? term.cidr4 : term.cidr6;
      if (prefix === undefined || !hasHostBits(term.ip, prefix)) continue;
      const network = formatBytes(maskBytes(term.ip, prefix));
      const written = target.txt.text.slice(term.ipSpan.start, term.ipSpan.end);
      const edits = replaceInTxt(target.txt, { start: term.ipSpan.start, end: term.ipSpan.end }, network, target.record.file);
      const fix: Fix | undefined = edits && { title: `Write the network as ${network}/${prefix}`, edits, preferred: true };
      report(
        at(target, term.ipSpan.start, term.end),
        `${written}/${prefix} has host bits set: receivers match the whole network ${network}/${prefix}; write it that way, or use /${term.ip.length * 8} for the single address`,
        options(target, [fix]),
      );
    }
  },
};

/** `spf-trailing-dot`: accepted by RFC 7208 receivers, but SHOULD NOT be published (§7.3). */
export const spfTrailingDot: Rule<SpfTarget> = {
  id: 'spf-trailing-dot',
  severity: 'info',
  summary: 'A domain in the record ends with a dot, which SHOULD NOT be published: some older receivers reject it.',
  rfc: 'RFC 7208 §7.3',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const term of target.parsed.terms) {
      const spec = term.domainSpec;
      if (!spec?.trailingDot || !term.valid) continue;
      const edits = replaceInTxt(target.txt, { start: spec.end - 1, end: spec.end }, '', target.record.file);
      const fix: Fix | undefined = edits && { title: 'Remove the trailing dot', edits, preferred: true };
      report(at(target, spec.end - 1, spec.end), `${quote(term)} ends with a dot: SPF names are always absolute, and some older receivers reject the dot`, options(target, [fix]));
    }
  },
};

/** `spf-duplicate-include`: the second include of a name adds a lookup and can never match anything new. */
export const spfDuplicateInclude: Rule<SpfTarget> = {
  id: 'spf-duplicate-include',
  severity: 'warning',
  summary: 'The same domain is included twice: the second include costs DNS lookups and can never match.',
  rfc: 'RFC 7208 §4.6.4',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const seen = new Map<string, string>();
    for (const term of target.parsed.terms) {
      if (term.kind !== 'mechanism' || term.name !== 'include' || !term.domainSpec || !term.valid) continue;
      const name = canonical(term.domainSpec.text);
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, quote(term));
        continue;
      }
      const edits = removeTerm(target.txt, term, target.record.file);
      const fix: Fix | undefined = edits && { title: `Remove the second ${quote(term)}`, edits, preferred: true };
      report(at(target, term.start, term.end), `${quote(term)} repeats ${first}: the second include costs lookups toward the limit of 10 and never matches anything new`, options(target, [fix]));
    }
  },
};
