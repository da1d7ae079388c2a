import type { ZoneRule } from '../../rules/zoneRule';

/** `zone-syntax`: whatever the zone parser could not accept; the message says which. */
export const zoneSyntax: ZoneRule = {
  id: 'zone-syntax',
  severity: 'error',
  summary: 'The zone file has a syntax error: the entry is rejected by DNS servers.',
  rfc: 'RFC 1035 §5.1',
  // The parser's problems: an edit the incremental analysis takes neither gives nor removes one.
  reads: {},
  check(zone, report) {
    for (const problem of zone.zone.problems) report(problem.span, problem.message, { file: problem.file });
  },
};
