import type { RecordModule } from '../../rules/recordModule';
import { tagComplete, tagHover } from '../mail/tagHover';
import { BIMI_TAGS } from './tags';
import { parseBimi, type BimiRecord } from './parse';
import { bimiDmarcNotEnforced, bimiMissingL, bimiNotHttps, bimiNotSvg, bimiSyntax, bimiVersion } from './rules';

/** BIMI assertion records at `<selector>._bimi.<domain>` (draft-brand-indicators-for-message-identification §5.3). */
export const bimiModule: RecordModule<BimiRecord> = {
  kind: 'bimi',
  parse: (txt) => parseBimi(txt),
  rules: [bimiVersion, bimiSyntax, bimiMissingL, bimiNotHttps, bimiNotSvg, bimiDmarcNotEnforced],
  hover: (target, offset) => tagHover(BIMI_TAGS, target.parsed.list, offset),
  complete: (target, offset) => tagComplete(BIMI_TAGS, target.parsed.list, offset),
};
