/**
 * The MTA-STS + TLS-RPT and BIMI templates: inserted as new entries, tested
 * by applying the edit and comparing the whole text, then analysing the
 * result, which must draw no finding that the zone did not already have.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bimiInsertion, mtaStsId, mtaStsInsertion } from '../../server/src/core/features/templates';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';
import { withCursor } from '../support/fixture';

/** A zone with SPF, DMARC at p=reject and its MX: no finding of any rule. */
const ZONE = `$ORIGIN example.com.
$TTL 3600
@               IN SOA  ns1 hostmaster ( 2026010100 7200 3600 1209600 300 )
                IN NS   ns1
                IN MX   10 mail
                IN TXT  "v=spf1 mx -all"
ns1             IN A    192.0.2.53
mail            IN A    192.0.2.25
_dmarc          IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
`;

const NOW = new Date(Date.UTC(2026, 5, 1, 9, 30, 5));

function analyse(text: string) {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
}

function findings(text: string): string[] {
  return analyse(text).findings.map((f) => `${f.rule}: ${f.message}`);
}

describe('MTA-STS and TLS-RPT template', () => {
  it('writes a UTC timestamp as the policy id', () => {
    assert.equal(mtaStsId(NOW), '20260601093005Z');
    assert.match(mtaStsId(new Date()), /^[0-9]{14}Z$/);
  });

  it('inserts _mta-sts with a fresh id, a CNAME for the policy host and _smtp._tls, drawing no finding', () => {
    assert.deepEqual(findings(ZONE), []);
    const { text, offset } = withCursor(ZONE.replace('192.0.2.25', '192.0.2.2|5'));
    const inserted = mtaStsInsertion(analyse(text), { offset, policyHost: 'mta-sts.hosting.example', reports: 'tls@example.com' }, NOW);
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    assert.deepEqual([inserted.id, inserted.policyHost, inserted.tlsRptKept], ['20260601093005Z', 'cname', false]);
    const after = applyEdits(text, [inserted.edit]);
    assert.equal(
      after,
      ZONE.replace(
        '192.0.2.25\n',
        '192.0.2.25\n' +
          '_mta-sts        IN TXT "v=STSv1; id=20260601093005Z"\n' +
          'mta-sts         IN CNAME mta-sts.hosting.example.\n' +
          '_smtp._tls      IN TXT "v=TLSRPTv1; rua=mailto:tls@example.com"\n',
      ),
    );
    assert.deepEqual(findings(after), []);
  });

  it('without a policy host, leaves a comment and mtasts-no-policy-host says what is missing', () => {
    const inserted = mtaStsInsertion(analyse(ZONE), {}, NOW);
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    assert.equal(inserted.policyHost, 'comment');
    const after = applyEdits(ZONE, [inserted.edit]);
    assert.equal(
      after,
      `${ZONE}_mta-sts        IN TXT "v=STSv1; id=20260601093005Z"\n` +
        '; mta-sts.example.com needs an A/AAAA record or a CNAME to the web host that serves https://mta-sts.example.com/.well-known/mta-sts.txt\n' +
        '_smtp._tls      IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"\n',
    );
    assert.deepEqual(findings(after).map((f) => f.split(':')[0]), ['mtasts-no-policy-host']);
  });

  it('keeps an existing policy host and TLS-RPT record, and refuses a second MTA-STS record', () => {
    const zone = `${ZONE}mta-sts         IN A    192.0.2.80\n_smtp._tls      IN TXT  "v=TLSRPTv1; rua=https://reports.example.com/tls"\n`;
    const inserted = mtaStsInsertion(analyse(zone), {}, NOW);
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    assert.deepEqual([inserted.policyHost, inserted.tlsRptKept], ['present', true]);
    const after = applyEdits(zone, [inserted.edit]);
    assert.equal(after, `${zone}_mta-sts        IN TXT "v=STSv1; id=20260601093005Z"\n`);
    assert.deepEqual(findings(after), []);
    const again = mtaStsInsertion(analyse(after), {}, NOW);
    assert.match((again as { error: string }).error, /_mta-sts\.example\.com\. already has an MTA-STS record/);
  });

  it('writes absolute owners for a domain the zone does not hold, and says what is wrong with its input', () => {
    const inserted = mtaStsInsertion(analyse(ZONE), { domain: 'example.net.', policyHost: 'ignored.example.' }, NOW);
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    assert.equal(inserted.policyHost, 'elsewhere');
    assert.equal(
      inserted.entry,
      '_mta-sts.example.net. IN TXT "v=STSv1; id=20260601093005Z"\n_smtp._tls.example.net. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"',
    );
    assert.match((mtaStsInsertion(analyse(ZONE), { reports: 'not an address' }, NOW) as { error: string }).error, /spaces/);
    assert.match((mtaStsInsertion(analyse(ZONE), { policyHost: 'bad..host' }, NOW) as { error: string }).error, /^'bad\.\.host'/);
  });
});

describe('BIMI template', () => {
  it('inserts default._bimi with the logo URI and no a= unless asked, drawing no finding', () => {
    const inserted = bimiInsertion(analyse(ZONE), {});
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    const after = applyEdits(ZONE, [inserted.edit]);
    assert.equal(after, `${ZONE}default._bimi   IN TXT "v=BIMI1; l=https://example.com/bimi/logo.svg"\n`);
    assert.deepEqual(findings(after), []);
  });

  it('adds the mark certificate as a= when given, under another selector', () => {
    const inserted = bimiInsertion(analyse(ZONE), { selector: 'Brand', logo: 'https://cdn.example.com/brand.svg', evidence: 'https://cdn.example.com/brand.pem' });
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    const after = applyEdits(ZONE, [inserted.edit]);
    assert.equal(after, `${ZONE}brand._bimi     IN TXT "v=BIMI1; l=https://cdn.example.com/brand.svg; a=https://cdn.example.com/brand.pem"\n`);
    assert.deepEqual(findings(after), []);
  });

  it('refuses a logo that is not HTTPS or not SVG, a bad selector, and a second record', () => {
    const error = (template: Parameters<typeof bimiInsertion>[1], text = ZONE): string => (bimiInsertion(analyse(text), template) as { error: string }).error;
    assert.match(error({ logo: 'http://example.com/logo.svg' }), /only over HTTPS/);
    assert.match(error({ logo: 'https://example.com/logo.png' }), /not an SVG file/);
    assert.match(error({ evidence: 'ftp://example.com/vmc.pem' }), /only over HTTPS/);
    assert.match(error({ selector: 'no_underscores' }), /not a selector/);
    assert.match(error({}, `${ZONE}default._bimi IN TXT "v=BIMI1; l=https://example.com/a.svg"\n`), /already has a TXT record/);
  });

  it('at a domain whose DMARC is not at enforcement, bimi-dmarc-not-enforced says the logo will not show', () => {
    const zone = ZONE.replace('p=reject', 'p=none');
    const inserted = bimiInsertion(analyse(zone), {});
    assert.ok(!('error' in inserted));
    const before = findings(zone);
    assert.deepEqual(findings(applyEdits(zone, [inserted.edit])).filter((f) => !before.includes(f)).map((f) => f.split(':')[0]), ['bimi-dmarc-not-enforced']);
  });
});
