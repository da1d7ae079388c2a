/**
 * Hover and completion inside DMARC records, from the tag table read for
 * the standard in use (`mailzone.dmarc.standard`): its tags, defaults and
 * sections, and for historic tags what receivers do with them now.
 */
import type { ValueCompletion, ValueHover } from '../../text/answers';
import type { DmarcStandard } from '../../model/zoneView';
import type { RecordTarget } from '../../rules/recordModule';
import type { TagInfo } from '../mail/tagInfo';
import { reportsGoTo } from '../mail/hoverText';
import { tagComplete, tagHover } from '../mail/tagHover';
import { ttlInWords } from '../../zone/ttl';
import type { DmarcRecord } from './parse';
import { DMARC_TAGS, type DmarcValueKind } from './tags';

/** The table as one standard sees it: its tags, its defaults, its sections. */
function tableFor(standard: DmarcStandard, withHistoric: boolean): TagInfo[] {
  return DMARC_TAGS.filter((t) => t.status[standard] === 'defined' || (withHistoric && t.status[standard] === 'historic')).map((t) => ({
    name: t.name,
    summary: t.status[standard] === 'historic' ? `${t.summary} Historic in RFC 9989: ${t.historic}.` : t.summary,
    grammar: t.grammar,
    required: t.name === 'v' || (t.name === 'p' && standard === 'rfc7489'),
    default: typeof t.default === 'string' ? t.default : t.default?.[standard],
    values: t.values,
    list: t.kind === 'failure-options' || t.kind === 'report-format',
    resolve: t.status[standard] === 'defined' ? resolverFor(t.name, t.kind) : undefined,
    rfc: t.rfc[standard] ?? Object.values(t.rfc)[0]!,
  }));
}

/**
 * What a value resolves to, by the kind of value the tag holds, for the
 * kinds whose values the table cannot list. A historic tag gets none: its
 * summary already says receivers ignore it.
 */
function resolverFor(name: string, kind: DmarcValueKind): ((value: string) => string | undefined) | undefined {
  return kind === 'uri-list' ? reportsGoTo(name === 'ruf' ? 'failure reports' : 'aggregate reports') : RESOLVE[kind];
}

const RESOLVE: Partial<Record<DmarcValueKind, (value: string) => string | undefined>> = {
  percent: (value) => {
    if (!/^\d{1,3}$/.test(value) || Number(value) > 100) return undefined;
    if (value === '100') return 'the policy applies to all failing mail.';
    return `the policy applies to ${Number(value)}% of failing mail; receivers apply the next lower policy to the rest (reject as quarantine, quarantine as none).`;
  },
  interval: (value) => (/^\d{1,10}$/.test(value) ? `asks for an aggregate report every ${ttlInWords(Number(value))}; most receivers send one a day whatever it says.` : undefined),
};

const TABLES = {
  hover: { rfc7489: tableFor('rfc7489', true), rfc9989: tableFor('rfc9989', true) },
  complete: { rfc7489: tableFor('rfc7489', false), rfc9989: tableFor('rfc9989', false) },
};

export function dmarcHover(target: RecordTarget<DmarcRecord>, offset: number): ValueHover | undefined {
  return tagHover(TABLES.hover[target.zone.options.dmarcStandard], target.parsed.list, offset);
}

export function dmarcComplete(target: RecordTarget<DmarcRecord>, offset: number): ValueCompletion | undefined {
  // An empty record: the generic completion offers the version start (`v=DMARC1; `).
  if (target.parsed.list.tags.length === 0) return undefined;
  return tagComplete(TABLES.complete[target.zone.options.dmarcStandard], target.parsed.list, offset);
}
