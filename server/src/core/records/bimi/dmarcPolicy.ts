/**
 * What BIMI needs to know of a domain's DMARC policy (draft §8.1 steps 7–9):
 * `p`, `sp`, `pct`, and RFC 9989's `t`. The DMARC module's parse is read
 * through the view's cache under the `dmarc` key, the one the analyser
 * fills, so each DMARC record is parsed once for both kinds.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { intendedValue, parseDmarc, policyOf, type DmarcRecord } from '../dmarc/parse';

export interface DmarcEnforcement {
  readonly record: ResourceRecord;
  /** The `p` value as written (lower case), or `none` when absent (RFC 9989 §4.7; RFC 7489 §6.6.3 with a rua). */
  readonly p: string;
  /** True when `p` is one of none, quarantine, reject. */
  readonly pValid: boolean;
  readonly sp?: string;
  readonly pct?: number;
  /** RFC 9989 `t=y`: the owner is testing, and receivers apply a policy one step weaker. */
  readonly testing: boolean;
}

function value(dmarc: DmarcRecord, name: string): string | undefined {
  const tag = dmarc.tags.get(name);
  return tag && intendedValue(dmarc, tag).value.toLowerCase();
}

/** The DMARC record receivers would use at `_dmarc.<domain>`, when the zone has exactly one valid one. */
export function dmarcAt(view: ZoneView, domain: string): DmarcEnforcement | undefined {
  const found = view
    .recordsAt(`_dmarc.${domain}`)
    .filter((r) => r.txt && view.kindOf(r) === 'dmarc')
    .map((record) => ({ record, dmarc: view.cached(record, 'dmarc', () => parseDmarc(record.txt!, record)) }))
    .filter(({ dmarc }) => dmarc.versionValid);
  // Two DMARC records are no DMARC record (RFC 7489 §6.6.3); dmarc-multiple-records speaks about that.
  if (found.length !== 1) return undefined;
  const { record, dmarc } = found[0];
  const written = value(dmarc, 'p');
  const pct = value(dmarc, 'pct');
  return {
    record,
    p: written || 'none',
    pValid: !written || policyOf(dmarc, 'p') !== undefined,
    sp: policyOf(dmarc, 'sp'),
    pct: pct !== undefined && /^\d+$/.test(pct) ? Number(pct) : undefined,
    testing: value(dmarc, 't') === 'y',
  };
}

/**
 * Why this DMARC record keeps BIMI from being shown (draft §8.1: `p=none`,
 * `sp=none`, quarantine with `pct` under 100), or undefined when it does not.
 * Under RFC 9989, `t=y` counts too: it asks receivers to weaken the policy.
 */
export function notEnforcedBecause(dmarc: DmarcEnforcement, rfc9989: boolean): string | undefined {
  if (!dmarc.pValid) return `p=${dmarc.p}, which is not a policy`;
  if (dmarc.p === 'none') return 'p=none';
  if (dmarc.sp === 'none') return 'sp=none';
  if (dmarc.p === 'quarantine' && dmarc.pct !== undefined && dmarc.pct < 100) return `p=quarantine with pct=${dmarc.pct}`;
  if (rfc9989 && dmarc.testing) return 't=y (testing mode)';
  return undefined;
}
