/**
 * Rules on the lookup tree: what the record's DNS-querying terms reach inside
 * the zone being analysed (tree.ts, zoneLookup.ts). Targets outside the zone
 * count as one lookup and are never called missing.
 */
import type { Rule } from '../../../rules/rule';
import { LOOKUP_LIMIT, MX_HOST_LIMIT, VOID_LIMIT, lookupCrossing, treeNodes, voidCrossing, type LookupNode } from '../tree';
import { at, quote, options, shouldCheck, treeOf, type SpfTarget } from './common';

/** A term and, when nested, the record it stands in and the terms that lead there: `'mx' in the record of b.example.com (via 'include:a…' → 'include:b…')`. */
function describe(path: readonly LookupNode[]): string {
  const node = path[path.length - 1];
  if (path.length === 1) return `${quote(node.term)}`;
  return `${quote(node.term)} in the record of ${node.domain.slice(0, -1)} (via ${path.slice(0, -1).map((n) => `${quote(n.term)}`).join(' → ')})`;
}

/** The first few items, and how many more: a pathological record must not make a huge message. */
function listed(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export const spfLookupLimit: Rule<SpfTarget> = {
  id: 'spf-lookup-limit',
  severity: 'error',
  summary: 'Evaluating the record takes more than 10 DNS-querying terms (counted through includes and redirects inside the zone); receivers return permerror.',
  rfc: 'RFC 7208 §4.6.4',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const tree = treeOf(target);
    if (tree.count <= LOOKUP_LIMIT) return;
    const path = lookupCrossing(tree)!;
    const top = path[0].term;
    report(
      at(target, top.start, top.end),
      `${tree.truncated ? 'at least ' : ''}${tree.count} DNS lookups, over the limit of ${LOOKUP_LIMIT}: the count passes ${LOOKUP_LIMIT} at ${describe(path)}; receivers return permerror`,
      options(target),
    );
  },
};

export const spfVoidLookupLimit: Rule<SpfTarget> = {
  id: 'spf-void-lookup-limit',
  severity: 'error',
  summary: 'More than 2 of the record\'s lookups find nothing (visible inside the zone); receivers return permerror.',
  rfc: 'RFC 7208 §4.6.4',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const tree = treeOf(target);
    if (tree.voids <= VOID_LIMIT) return;
    const path = voidCrossing(tree)!;
    const top = path[0].term;
    const voids = [...treeNodes(tree.children)].map((p) => p[p.length - 1]).filter((n) => n.void);
    report(
      at(target, top.start, top.end),
      `${tree.voids} void lookups, over the limit of ${VOID_LIMIT}: ${listed(voids.map((n) => `${quote(n.term)} (${n.message})`))}; receivers return permerror`,
      options(target),
    );
  },
};

export const spfMxLimit: Rule<SpfTarget> = {
  id: 'spf-mx-limit',
  severity: 'error',
  summary: 'An mx term reaches a name with more than 10 MX hosts; receivers return permerror.',
  rfc: 'RFC 7208 §4.6.4',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const node of treeOf(target).children) {
      if (node.term.name !== 'mx' || (node.mxHosts ?? 0) <= MX_HOST_LIMIT) continue;
      report(
        at(target, node.term.start, node.term.end),
        `${quote(node.term)}: ${node.target!.slice(0, -1)} has ${node.mxHosts} MX hosts; an mx term may look up at most ${MX_HOST_LIMIT}, so receivers return permerror`,
        options(target),
      );
    }
  },
};

function noneRule(id: 'spf-include-none' | 'spf-redirect-none', name: 'include' | 'redirect', rfc: string, summary: string, consequence: string): Rule<SpfTarget> {
  return {
    id,
    severity: 'error',
    summary,
    rfc,
    check(target, report) {
      if (!shouldCheck(target)) return;
      // Only the record's own terms: a nested record in the zone is checked as a record of its own.
      for (const node of treeOf(target).children) {
        if (node.term.name !== name || node.result !== 'none') continue;
        report(at(target, node.term.start, node.term.end), `${quote(node.term)}: ${node.message}; ${consequence}`, options(target));
      }
    },
  };
}

export const spfIncludeNone = noneRule(
  'spf-include-none',
  'include',
  'RFC 7208 §5.2',
  'An include names a domain of this zone that has no SPF record; receivers return permerror.',
  'an include of a name without SPF record makes receivers return permerror',
);

export const spfRedirectNone = noneRule(
  'spf-redirect-none',
  'redirect',
  'RFC 7208 §6.1',
  'redirect names a domain of this zone that has no SPF record; receivers return permerror.',
  'a redirect to a name without SPF record makes receivers return permerror',
);

export const spfIncludeLoop: Rule<SpfTarget> = {
  id: 'spf-include-loop',
  severity: 'error',
  summary: 'Includes or redirects inside the zone lead back to a record already being evaluated; receivers end in permerror.',
  rfc: 'RFC 7208 §4.6.4',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const top of treeOf(target).children) {
      const loop = [...treeNodes([top])].map((p) => p[p.length - 1]).find((n) => n.result === 'loop');
      if (!loop) continue;
      report(at(target, top.term.start, top.term.end), `${quote(top.term)} leads to a ${loop.message}; evaluation never ends before the lookup limit, so receivers return permerror`, options(target));
    }
  },
};
