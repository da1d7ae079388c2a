import type { ZoneView } from '../../model/zoneView';
import type { Rule } from '../../rules/rule';

/** `zone-syntax`: whatever the zone parser could not accept; the message says which. */
export const zoneSyntax: Rule<ZoneView> = {
  id: 'zone-syntax',
  severity: 'error',
  summary: 'The zone file has a syntax error: the entry is rejected by DNS servers.',
  rfc: 'RFC 1035 §5.1',
  check(zone, report) {
    for (const problem of zone.zone.problems) report(problem.span, problem.message, { file: problem.file });
  },
};
