/**
 * Hover and completion inside DMARC records, from the tag table read for
 * the standard in use (`mailzone.dmarc.standard`): its tags, defaults and
 * sections, and for historic tags what receivers do with them now.
 */
import type { ValueCompletion, ValueHover } from '../../text/answers';
import type { DmarcStandard } from '../../model/zoneView';
import type { RecordTarget } from '../../rules/recordModule';
import type { TagInfo } from '../mail/tagInfo';
import { tagComplete, tagHover } from '../mail/tagHover';
import type { DmarcRecord } from './parse';
import { DMARC_TAGS } from './tags';

/** The table as one standard sees it: its tags, its defaults, its sections. */
function tableFor(standard: DmarcStandard, withHistoric: boolean): TagInfo[] {
  return DMARC_TAGS.filter((t) => t.status[standard] === 'defined' || (withHistoric && t.status[standard] === 'historic')).map((t) => ({
    name: t.name,
    summary: t.status[standard] === 'historic' ? `${t.summary} Historic in RFC 9989: ${t.historic}.` : t.summary,
    grammar: t.grammar,
    required: t.name === 'v' || (t.name === 'p' && standard === 'rfc7489'),
    default: typeof t.default === 'string' ? t.default : t.default?.[standard],
    values: t.values,
    rfc: t.rfc[standard] ?? Object.values(t.rfc)[0]!,
  }));
}

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
