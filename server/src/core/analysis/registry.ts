import type { RecordModule } from '../rules/recordModule';
import { mtastsModule } from '../records/mtasts/index';
import { tlsrptModule } from '../records/tlsrpt/index';
import { bimiModule } from '../records/bimi/index';
import { mailZoneRules } from '../records/mail/rules';
import { mailSrvRules } from '../records/srv/rules';
import { mxRules } from '../records/mx/rules';
import { daneRules } from '../records/dane/rules';
import { zoneFileRules } from '../zone/rules/index';
import { dkimModule } from '../records/dkim/index';
import { dmarcModule } from '../records/dmarc/index';
import { spfModule } from '../records/spf/index';
import { spfResolutionFailed } from '../records/spf/resolutionFailed';
import type { ZoneRule } from '../rules/zoneRule';

/**
 * The one list of rules. Adding a record kind is one line here; its module
 * owns its parser and rules.
 */
export const zoneRules: readonly ZoneRule[] = [...zoneFileRules, spfResolutionFailed, ...mailSrvRules, ...mxRules, ...daneRules, ...mailZoneRules];

export const recordModules: readonly RecordModule<any>[] = [
  dkimModule,
  dmarcModule,
  spfModule,
  mtastsModule,
  tlsrptModule,
  bimiModule,
];
