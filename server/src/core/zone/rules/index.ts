import type { ZoneView } from '../../model/zoneView';
import type { Rule } from '../../rules/rule';
import { cnameConflict } from './cnameConflict';
import { zoneOutOfZone } from './outOfZone';
import { txtJoinNoSpace } from './txtJoinNoSpace';
import { txtStringTooLong } from './txtStringTooLong';
import { txtUnquoted } from './txtUnquoted';
import { txtUnquotedSemicolon } from './txtUnquotedSemicolon';
import { zoneSyntax } from './zoneSyntax';

/** Rules about the zone file itself rather than one kind of mail record. */
export const zoneFileRules: readonly Rule<ZoneView>[] = [zoneSyntax, txtStringTooLong, txtUnquoted, txtUnquotedSemicolon, txtJoinNoSpace, cnameConflict, zoneOutOfZone];
