import { isSubdomain } from '../names';
import type { ZoneRule } from '../../rules/zoneRule';

/**
 * `zone-out-of-zone`: a record whose owner lies outside the zone the file's
 * SOA defines. A zone file holds the data of one zone (RFC 1035 §5.2), and
 * name servers drop the rest when they load it (BIND: "ignoring out-of-zone
 * data"), so the record is never served. It usually comes from a `$ORIGIN`
 * set to another domain, or a name written with a trailing dot by mistake
 * (`mail.example.org.` in example.com's file). A file without an SOA may be
 * a fragment `$INCLUDE`d into a zone this analysis does not see: nothing is
 * said about it.
 */
export const zoneOutOfZone: ZoneRule = {
  id: 'zone-out-of-zone',
  severity: 'warning',
  summary: "A record outside the zone the file's SOA defines: name servers ignore it when they load the zone.",
  rfc: 'RFC 1035 §5.2',
  // Owners and the SOA's owner only.
  reads: {},
  check(view, report) {
    const apex = view.ofType('SOA')[0]?.owner;
    if (apex === undefined) return;
    const shown = apex === '.' ? '.' : apex.slice(0, -1);
    for (const owner of view.ownerNames()) {
      if (isSubdomain(owner, apex)) continue;
      for (const record of view.recordsAt(owner)) {
        report(record.ownerSpan ?? record.span, `${owner.slice(0, -1)} is outside the zone ${shown}: name servers ignore this ${record.type} record when they load the zone, so it is never served (check the $ORIGIN above it, or a trailing dot on the name)`, {
          file: record.file,
        });
      }
    }
  },
};
