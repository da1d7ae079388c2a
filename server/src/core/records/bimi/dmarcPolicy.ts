/**
 * The few DMARC tags BIMI depends on (draft §8.1 steps 7–9): `p`, `sp`,
 * `pct` and RFC 9989's `t`. Read here with the shared tag-list parser so
 * the BIMI check does not depend on how the DMARC module models a record.
 */
import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { findTag, isPrintableNotSemicolon, parseTagList, type TagListSyntax } from '../tagList';

const DMARC_TAGS: TagListSyntax = {
  whitespace: 'wsp',
  name: /^[A-Za-z][A-Za-z0-9_]*$/,
  nameRule: "a letter, then letters, digits or '_'",
  valueChar: isPrintableNotSemicolon,
  innerWhitespace: true,
  emptyValue: true,
};

export interface DmarcEnforcement {
  readonly record: ResourceRecord;
  /** `none`, `quarantine` or `reject`; an absent `p` reads as `none` (RFC 9989 §4.7; RFC 7489 §6.6.3 with a rua). */
  readonly p: string;
  readonly sp?: string;
  readonly pct?: number;
  /** RFC 9989 `t=y`: the owner is testing, and receivers apply a policy one step weaker. */
  readonly testing: boolean;
}

/** The DMARC record at `_dmarc.<domain>` that receivers would use, when the zone has exactly one. */
export function dmarcAt(view: ZoneView, domain: string): DmarcEnforcement | undefined {
  const candidates = view.recordsAt(`_dmarc.${domain}`).filter((r) => r.txt && /^v\s*=\s*DMARC1\s*(?:;|$)/i.test(r.txt.text.trimStart()));
  // Two DMARC records are no DMARC record (RFC 7489 §6.6.3); dmarc-multiple-records speaks about that.
  if (candidates.length !== 1) return undefined;
  const record = candidates[0];
  return view.cached(record, 'bimi:dmarc-enforcement', () => {
    const list = parseTagList(record.txt!.text, DMARC_TAGS);
    const value = (name: string) => findTag(list, name, true)?.value.toLowerCase();
    const pct = value('pct');
    return {
      record,
      p: value('p') || 'none',
      sp: value('sp') || undefined,
      pct: pct !== undefined && /^\d+$/.test(pct) ? Number(pct) : undefined,
      testing: value('t') === 'y',
    };
  });
}

/**
 * Why this DMARC record keeps BIMI from being shown (draft §8.1: `p=none`,
 * `sp=none`, quarantine with `pct` under 100), or undefined when it does not.
 * Under RFC 9989, `t=y` counts too: it asks receivers to weaken the policy.
 */
export function notEnforcedBecause(dmarc: DmarcEnforcement, rfc9989: boolean): string | undefined {
  if (dmarc.p === 'none') return 'p=none';
  if (dmarc.sp === 'none') return 'sp=none';
  if (dmarc.p === 'quarantine' && dmarc.pct !== undefined && dmarc.pct < 100) return `p=quarantine with pct=${dmarc.pct}`;
  if (rfc9989 && dmarc.testing) return 't=y (testing mode)';
  return undefined;
}
