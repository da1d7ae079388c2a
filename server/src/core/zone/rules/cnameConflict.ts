import type { ZoneRule } from '../../rules/zoneRule';

/**
 * Types that may sit beside a CNAME: its DNSSEC signatures and denial
 * records (RFC 4035 §2.5), and the SIG, NXT and KEY records of the first
 * DNSSEC (RFC 2181 §10.1), which BIND takes there too.
 */
const ALLOWED_BESIDE_CNAME: ReadonlySet<string> = new Set(['CNAME', 'RRSIG', 'NSEC', 'NSEC3', 'KEY', 'SIG', 'NXT']);

/** `cname-conflict`: a CNAME beside other data at one owner, or two CNAMEs. */
export const cnameConflict: ZoneRule = {
  id: 'cname-conflict',
  severity: 'error',
  summary: 'A name with a CNAME has other records too: resolvers follow the CNAME and never see them, and BIND refuses the zone.',
  rfc: 'RFC 1034 §3.6.2',
  reads: { types: ['CNAME'] },
  check(view, report) {
    for (const owner of new Set(view.ofType('CNAME').map((r) => r.owner))) {
      const records = view.recordsAt(owner);
      // An alias alone at its name, the usual case, conflicts with nothing.
      if (records.length < 2) continue;
      const cnames = records.filter((r) => r.type === 'CNAME');
      const others = records.filter((r) => !ALLOWED_BESIDE_CNAME.has(r.type));
      const types = [...new Set(others.map((r) => r.type))];
      // A CNAME repeated exactly is one record (RFC 2181 §5): only a different target is a second alias.
      cnames.forEach((cname, k) => {
        if (others.length > 0) {
          report(
            cname.span,
            `CNAME at ${owner} beside other data (${types.join(', ')}): a name with a CNAME can have no other records (RFC 1034 §3.6.2, RFC 2181 §10.1); resolvers follow the alias and the ${types.join(', ')} ${others.length === 1 ? 'record is' : 'records are'} never seen`,
            { file: cname.file },
          );
        } else if (k > 0 && cname.presentation !== cnames[0].presentation) {
          report(cname.span, `second CNAME at ${owner}: an alias has exactly one target (RFC 2181 §10.1)`, { file: cname.file });
        }
      });
    }
  },
};
