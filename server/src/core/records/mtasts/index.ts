import type { RecordModule } from '../../rules/recordModule';
import { tagComplete, tagHover } from '../mail/tagHover';
import { MTASTS_TAGS } from './tags';
import { parseMtaSts, type MtaStsRecord } from './parse';
import { mtastsIdInvalid, mtastsMultipleRecords, mtastsNoPolicyHost, mtastsSyntax, mtastsVersion } from './rules';

/** MTA-STS policy records at `_mta-sts.<domain>` (RFC 8461 §3.1). */
export const mtastsModule: RecordModule<MtaStsRecord> = {
  kind: 'mtasts',
  parse: (txt) => parseMtaSts(txt),
  rules: [mtastsVersion, mtastsSyntax, mtastsIdInvalid],
  zoneRules: [mtastsMultipleRecords, mtastsNoPolicyHost],
  hover: (target, offset) => tagHover(MTASTS_TAGS, target.parsed.list, offset),
  complete: (target, offset) => tagComplete(MTASTS_TAGS, target.parsed.list, offset),
};
