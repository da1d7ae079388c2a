import type { RecordModule } from '../../rules/recordModule';
import { parseBimi, type BimiRecord } from './parse';
import { bimiDmarcNotEnforced, bimiMissingL, bimiNotHttps, bimiNotSvg, bimiSyntax, bimiVersion } from './rules';

/** BIMI assertion records at `<selector>._bimi.<domain>` (draft-brand-indicators-for-message-identification §5.3). */
export const bimiModule: RecordModule<BimiRecord> = {
  kind: 'bimi',
  parse: (txt) => parseBimi(txt),
  rules: [bimiVersion, bimiSyntax, bimiMissingL, bimiNotHttps, bimiNotSvg, bimiDmarcNotEnforced],
};
