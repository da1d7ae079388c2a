import { cnameConflict } from './cnameConflict';
import { zoneOriginDoubled } from './originDoubled';
import { zoneOutOfZone } from './outOfZone';
import { txtJoinNoSpace } from './txtJoinNoSpace';
import { txtStringTooLong } from './txtStringTooLong';
import { txtUnquoted } from './txtUnquoted';
import { txtUnquotedSemicolon } from './txtUnquotedSemicolon';
import { zoneSyntax } from './zoneSyntax';
import type { ZoneRule } from '../../rules/zoneRule';

/** Rules about the zone file itself rather than one kind of mail record. */
export const zoneFileRules: readonly ZoneRule[] = [zoneSyntax, txtStringTooLong, txtUnquoted, txtUnquotedSemicolon, txtJoinNoSpace, cnameConflict, zoneOutOfZone, zoneOriginDoubled];
