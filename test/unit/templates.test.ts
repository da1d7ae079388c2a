/**
 * Record templates: rendered with defaults or a host's values they are
 * well-formed — the zone they are added to, and the policy file, draw no
 * finding at all — and their snippet form has the tab stops editors expect.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePolicy } from '../../server/src/core/mtaStsPolicy/analyze';
import { analyzeDocument } from '../../server/src/core/service';
import { findTemplate, renderTemplate, templateSnippet, TEMPLATES } from '../../server/src/core/templates';

/** A small correct mail zone for example.org, to which the templates are added. */
const ZONE = `$ORIGIN example.org.
$TTL 1h
@           IN SOA ns1 hostmaster 2024060101 2h 1h 2w 1h
            IN NS  ns1
            IN MX  10 mail
            IN TXT "v=spf1 mx -all"
ns1         IN A   192.0.2.1
mail        IN A   192.0.2.25
_dmarc      IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"
`;

function findings(text: string): string[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.map((f) => `${f.rule}: ${f.message}`);
}

const template = (id: string) => {
  const t = findTemplate(id);
  assert.ok(t, `no template ${id}`);
  return t;
};

describe('templates', () => {
  it('every field a line names is in the field table, and every field is used', () => {
    for (const t of TEMPLATES) {
      const used = new Set([...t.lines.join('\n').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
      assert.deepEqual([...used].sort(), t.fields.map((f) => f.name).filter((n) => used.has(n)).sort(), t.id);
      for (const f of t.fields) assert.ok(used.has(f.name) || t.fields.some((g) => g.default.includes(`{{${f.name}}}`)), `${t.id}: field ${f.name} is never used`);
    }
  });

  it('the MTA-STS and TLS-RPT pair renders with the host values and adds no finding to a correct zone', () => {
    const text = renderTemplate(template('mta-sts-tlsrpt'), { domain: 'example.org', id: '20240601083000Z' });
    assert.equal(
      text,
      [
        '; MTA-STS (RFC 8461): senders fetch the policy from https://mta-sts.example.org/.well-known/mta-sts.txt',
        '_mta-sts.example.org.    IN TXT   "v=STSv1; id=20240601083000Z"',
        'mta-sts.example.org.     IN CNAME mta-sts.hosting.example.',
        '; TLS-RPT (RFC 8460): daily reports of TLS failures when sending to example.org',
        '_smtp._tls.example.org.  IN TXT   "v=TLSRPTv1; rua=mailto:tlsrpt@example.org"',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings(ZONE), []);
    assert.deepEqual(findings(ZONE + text), []);
  });

  it('the policy file template renders to a policy with no finding, also against the zone', () => {
    const text = renderTemplate(template('mta-sts-policy'), { mx: 'mail.example.org' });
    assert.equal(text, 'version: STSv1\nmode: testing\nmx: mail.example.org\nmax_age: 604800\n');
    const zoneView = analyzeDocument({ text: ZONE }, { dmarcStandard: 'rfc9989' }).view;
    assert.deepEqual(analyzePolicy(text, { zoneView }), []);
    assert.deepEqual(analyzePolicy(renderTemplate(template('mta-sts-policy'))), []);
  });

  it('the BIMI template fills its defaults from the domain and adds no finding under DMARC at enforcement', () => {
    const text = renderTemplate(template('bimi'), { domain: 'example.org' });
    assert.equal(text, [
      '; BIMI: shown only for mail that passes DMARC with p=quarantine (pct=100) or p=reject',
      'default._bimi.example.org.  IN TXT "v=BIMI1; l=https://example.org/bimi/logo.svg; a="',
      '',
    ].join('\n'));
    assert.deepEqual(findings(ZONE + text), []);
    // Under p=none the record is published in vain, and the zone says so.
    assert.deepEqual(findings(ZONE.replace('p=reject', 'p=none') + text).map((f) => f.split(':')[0]).filter((r) => r.startsWith('bimi')), ['bimi-dmarc-not-enforced']);
  });

  it('renders snippets with one tab stop per field, mirrored where a field repeats', () => {
    assert.equal(
      templateSnippet(template('bimi'), { domain: 'example.org' }),
      '; BIMI: shown only for mail that passes DMARC with p=quarantine (pct=100) or p=reject\n' +
        '${2:default}._bimi.${1:example.org}.  IN TXT "v=BIMI1; l=${3:https://example.org/bimi/logo.svg}; a=${4:}"\n',
    );
    const sts = templateSnippet(template('mta-sts-tlsrpt'));
    assert.match(sts, /^; MTA-STS \(RFC 8461\): senders fetch the policy from https:\/\/mta-sts\.\$\{1:example\.com\}\/\.well-known/);
    assert.equal(sts.match(/\$\{1:/g)?.length, 1);
    assert.equal(sts.match(/\$1\b/g)?.length, 4);
    assert.match(sts, /rua=mailto:\$\{4:tlsrpt@example\.com\}"/);
  });

  it('offers choices as a snippet choice with the chosen value first, and escapes snippet syntax', () => {
    const policy = templateSnippet(template('mta-sts-policy'), { mode: 'enforce' });
    assert.equal(policy, 'version: STSv1\nmode: ${1|enforce,testing,none|}\nmx: ${2:mail.example.com}\nmax_age: ${3:604800}\n');
    assert.match(templateSnippet(template('bimi'), { evidence: 'https://x.example/$vmc}.pem' }), /a=\$\{4:https:\/\/x\.example\/\\\$vmc\\\}\.pem\}"/);
  });

  it('cite their sources in the form hovers link', () => {
    for (const t of TEMPLATES) assert.match(t.rfc, /^(RFC \d+|BIMI draft) §/, t.id);
  });
});
