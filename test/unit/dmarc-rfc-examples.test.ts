/**
 * The DMARC records of RFC 7489 Appendix B and RFC 9989 Appendix B (draft
 * 41), as the RFCs print them, analysed under both settings of
 * `mailzone.dmarc.standard`. Each expectation is the complete list of DMARC
 * findings, so a rule that starts to fire on an RFC's own example fails here.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneView, type DmarcStandard } from '../../server/src/core/model/zoneView';
import { parseZone } from '../../server/src/core/zone/parser';
import { analyzeDocument } from '../../server/src/core/service';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA ns1 hostmaster 2024060101 7200 3600 1209600 3600
        IN NS  ns1
ns1     IN A   192.0.2.1
`;

function dmarcFindings(records: string, standard: DmarcStandard, origin = 'example.com.'): string[] {
  const text = ZONE.replace('example.com.', origin) + records;
  return analyzeDocument({ text }, { dmarcStandard: standard })
    .findings.filter((f) => f.rule.startsWith('dmarc-'))
    .map((f) => `${f.rule} ${f.severity}`);
}

interface Example {
  readonly name: string;
  readonly records: string;
  readonly origin?: string;
  readonly rfc7489: string[];
  readonly rfc9989: string[];
}

const EXAMPLES: readonly Example[] = [
  {
    name: 'RFC 7489 B.2.1 / RFC 9989 B.2.1: monitoring with aggregate reports',
    records: `; DMARC record for the domain example.com
_dmarc  IN TXT ( "v=DMARC1; p=none; "
                 "rua=mailto:dmarc-feedback@example.com" )
`,
    rfc7489: ['dmarc-p-none info'],
    rfc9989: ['dmarc-p-none info'],
  },
  {
    name: 'RFC 7489 B.2.2 / RFC 9989 B.2.2: per-message failure reports',
    records: `_dmarc  IN TXT ( "v=DMARC1; p=none; "
                 "rua=mailto:dmarc-feedback@example.com; "
                 "ruf=mailto:auth-reports@example.com" )
`,
    rfc7489: ['dmarc-p-none info'],
    rfc9989: ['dmarc-p-none info'],
  },
  {
    name: 'RFC 7489 B.2.3 / RFC 9989 B.2.3: failure reports to a third party whose zone is not loaded',
    records: `_dmarc IN TXT ( "v=DMARC1; p=none; "
                "rua=mailto:dmarc-feedback@example.com; "
                "ruf=mailto:auth-reports@thirdparty.example.net" )
`,
    rfc7489: ['dmarc-p-none info', 'dmarc-external-unauthorized info'],
    rfc9989: ['dmarc-p-none info', 'dmarc-external-unauthorized info'],
  },
  {
    name: 'RFC 7489 B.2.3: the third party’s authorization record, in its own zone',
    origin: 'thirdparty.example.net.',
    records: `; zone file for thirdparty.example.net
; Accept DMARC failure reports on behalf of example.com
example.com._report._dmarc   IN   TXT    "v=DMARC1"
`,
    rfc7489: [],
    rfc9989: [],
  },
  {
    name: 'RFC 9989 B.2.4: the third party overrides the destination addresses',
    origin: 'thirdparty.example.net.',
    records: `example.com._report._dmarc   IN   TXT    (
        "v=DMARC1; "
        "rua=mailto:aggregate-reports@thirdparty.example.net; "
        "ruf=mailto:failure-reports@thirdparty.example.net" )
`,
    rfc7489: [],
    rfc9989: [],
  },
  {
    name: 'RFC 7489 B.2.4: sampling with pct=25 and a size limit',
    records: `; DMARC record for the domain example.com
_dmarc.test IN  TXT  ( "v=DMARC1; p=quarantine; "
                       "rua=mailto:dmarc-feedback@example.com,"
                       "mailto:tld-test@thirdparty.example.net!10m; "
                       "pct=25" )
`,
    rfc7489: ['dmarc-external-unauthorized info', 'dmarc-pct-partial info'],
    rfc9989: ['dmarc-external-unauthorized info', 'dmarc-size-suffix warning', 'dmarc-historic-tag warning', 'dmarc-pct-partial info'],
  },
  {
    name: 'RFC 9989 B.2.5: testing with t=y',
    records: `; DMARC Policy Record for the domain test.example.com
_dmarc.test IN  TXT  ( "v=DMARC1; p=quarantine; "
                       "rua=mailto:dmarc-feedback@example.com,"
                       "mailto:tld-test@thirdparty.example.net; "
                       "t=y" )
`,
    rfc7489: ['dmarc-external-unauthorized info', 'dmarc-unknown-tag warning'],
    rfc9989: ['dmarc-external-unauthorized info'],
  },
  {
    name: 'RFC 9989 B.2.5: the same subdomain at enforcement',
    records: `_dmarc.test IN  TXT  ( "v=DMARC1; p=reject; "
                       "rua=mailto:dmarc-feedback@example.com,"
                       "mailto:tld-test@thirdparty.example.net" )
`,
    rfc7489: ['dmarc-external-unauthorized info'],
    rfc9989: ['dmarc-external-unauthorized info'],
  },
];

describe('DMARC examples of RFC 7489 and RFC 9989 Appendix B', () => {
  for (const example of EXAMPLES) {
    for (const standard of ['rfc7489', 'rfc9989'] as const) {
      it(`${example.name} (${standard})`, () => {
        assert.deepEqual(dmarcFindings(example.records, standard, example.origin), example[standard]);
      });
    }
  }

  it('B.2.3 with both zones loaded: the authorization is found in the other zone', () => {
    const third = parseZone(`$ORIGIN thirdparty.example.net.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.9\nexample.com._report._dmarc IN TXT "v=DMARC1"\n`);
    const workspace = [{ file: '/zones/thirdparty.example.net.zone', view: new ZoneView(third) }];
    const text = `${ZONE}_dmarc IN TXT ( "v=DMARC1; p=none; " "rua=mailto:dmarc-feedback@example.com; " "ruf=mailto:auth-reports@thirdparty.example.net" )\n`;
    for (const dmarcStandard of ['rfc7489', 'rfc9989'] as const) {
      const rules = analyzeDocument({ text }, { dmarcStandard, workspace }).findings.filter((f) => f.rule.startsWith('dmarc-')).map((f) => f.rule);
      assert.deepEqual(rules, ['dmarc-p-none']);
    }
  });
});
