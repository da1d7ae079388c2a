/**
 * Hovers short first, for every record kind: the first line says what the
 * tag or field under the cursor (the `|`) means here, resolved against the
 * record and the zone; the RFC link comes next; the reference follows the
 * `---` rule that VS Code folds. The plain-text form for editors without
 * Markdown keeps that order and loses only the marks.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/features/hover';
import type { DmarcStandard } from '../../server/src/core/model/zoneView';
import { HOVER_DETAILS } from '../../server/src/core/records/mail/hoverText';
import { analyzeDocument } from '../../server/src/core/service';
import { markdownToText } from '../../server/src/plainText';
import { withCursor } from '../support/fixture';

const ZONE = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
@ IN NS ns1
ns1 IN A 192.0.2.1
mail IN A 192.0.2.25
mail IN AAAA 2001:db8::25
alias IN CNAME mail
`;

interface Parts {
  /** The first line. */
  head: string;
  /** The lines between the first line and the rule, blank lines dropped. */
  short: string[];
  /** What follows the rule. */
  details: string;
  covered: string;
  markdown: string;
}

function hoverAt(records: string, dmarcStandard: DmarcStandard = 'rfc9989'): Parts {
  const { text, offset } = withCursor(ZONE + records);
  const h = hover(analyzeDocument({ text }, { dmarcStandard }), offset);
  assert.ok(h, `no hover in ${records}`);
  const [short, details = ''] = h.markdown.split(`\n\n${HOVER_DETAILS}\n`);
  const [head, ...rest] = short.split('\n');
  return { head, short: rest.filter((l) => l !== ''), details, covered: text.slice(h.span.start, h.span.end), markdown: h.markdown };
}

/** The short part ends with the link to where the thing is defined. */
function assertLink(parts: Parts, rfc: RegExp): void {
  assert.match(parts.short[parts.short.length - 1], rfc, parts.markdown);
}

describe('hovers short first', () => {
  it('DMARC: a policy value says what receivers do, the tag name says it for the value written', () => {
    const value = hoverAt('_dmarc IN TXT "v=DMARC1; p=quaran|tine"\n');
    assert.equal(value.covered, 'quarantine');
    assert.equal(value.head, '**p=quarantine** — Receivers should treat failing mail as suspicious: typically the spam folder.');
    assertLink(value, /^\[RFC 9989 §4\.7\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9989#section-4\.7\)$/);
    // The other values and the grammar are details.
    assert.match(value.details, /- `reject` — Receivers should reject failing mail/);
    const name = hoverAt('_dmarc IN TXT "v=DMARC1; |p=reject"\n');
    assert.equal(name.head, '**p=** — Policy for mail from the domain that fails DMARC.');
    assert.equal(name.short[0], 'Here `reject`: receivers should reject failing mail, during the SMTP transaction.');
  });

  it('DMARC: rua= and ruf= say where the reports go, without mailto: or the size limit', () => {
    const rua = hoverAt('_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:a@example.com,mailto:b|@example.net!10m"\n');
    assert.equal(rua.head, '**rua=** — aggregate reports go to `a@example.com` and `b@example.net`.');
    assert.match(rua.details, /^Where to send aggregate reports/);
    const ruf = hoverAt('_dmarc IN TXT "v=DMARC1; p=none; r|uf=mailto:f@example.com"\n');
    assert.equal(ruf.short[0], 'Here: failure reports go to `f@example.com`.');
    const many = hoverAt('_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:a@x.example,mailto:b@x.example,mailto:c@x.example,mailto:|d@x.example"\n');
    assert.match(many.head, /go to `a@x\.example`, `b@x\.example`, `c@x\.example` and 1 more\.$/);
  });

  it('DMARC: pct= and fo= resolve their values; a historic tag says receivers ignore it', () => {
    assert.match(hoverAt('_dmarc IN TXT "v=DMARC1; p=reject; pct=2|5"\n', 'rfc7489').head, /^\*\*pct=\*\* — the policy applies to 25% of failing mail; receivers apply the next lower policy to the rest/);
    assert.equal(hoverAt('_dmarc IN TXT "v=DMARC1; p=reject; ruf=mailto:f@example.com; f|o=0:d"\n').short[0], 'Here: `0` — report when all mechanisms fail to produce an aligned pass; `d` — report every failed DKIM signature, aligned or not.');
    const historic = hoverAt('_dmarc IN TXT "v=DMARC1; p=reject; pct=2|5"\n', 'rfc9989');
    assert.match(historic.head, /^\*\*pct=\*\* — .*Historic in RFC 9989: receivers ignore it/);
  });

  it('DKIM: the key on p=, and the hashes a list tag names', () => {
    const p = hoverAt('s._domainkey IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7Ty|WQHOg7hcvPapiMlrwIaaPcHURo="\n');
    assert.equal(p.head, '**p=** — the public key: Ed25519 (raw 32-byte key), 32 bytes.');
    assertLink(p, /RFC 6376 §3\.6\.1/);
    const h = hoverAt('s._domainkey IN TXT "v=DKIM1; |h=sha256:sha1; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="\n');
    assert.equal(h.head, '**h=** — Hash algorithms this key may be used with.');
    assert.match(h.short[0], /^Here: `sha256` — SHA-256: the hash every signer must use .*; `sha1` — SHA-1: signers must not use it/);
    const bad = hoverAt('s._domainkey IN TXT "v=DKIM1; p=not|base64!"\n');
    assert.match(bad.short[0], /^Verifiers cannot read the key/);
  });

  it('MTA-STS, TLS-RPT, BIMI: the tag, and where a URI leads', () => {
    assert.equal(hoverAt('_mta-sts IN TXT "v=STSv1; i|d=20240601000000Z"\n').head, '**id=** — Policy id: senders fetch the policy file again when it changes. Change it every time the policy file changes.');
    const rua = hoverAt('_smtp._tls IN TXT "v=TLSRPTv1; rua=mail|to:tlsrpt@example.com"\n');
    assert.equal(rua.head, '**rua=mailto:** — Reports by mail to this address (RFC 6068); they are DKIM-signed by the reporter.');
    assert.equal(rua.short[0], 'daily TLS reports go to `tlsrpt@example.com`.');
    assertLink(rua, /RFC 8460 §3/);
    const logo = hoverAt('default._bimi IN TXT "v=BIMI1; l=https://example.com/lo|go.svg"\n');
    assert.equal(logo.head, '**l=** — receivers fetch the logo from `https://example.com/logo.svg`.');
    assert.match(hoverAt('default._bimi IN TXT "v=BIMI1; l=; x|yz=1"\n').head, /^\*\*xyz=\*\* — not a tag this record defines; readers ignore it\.$/);
  });

  it('MX: a preference ranks the host among the owner’s MX records, an exchange shows where it leads', () => {
    const records = '@ IN MX 1|0 mail\n@ IN MX 20 backup.example.net.\n';
    const first = hoverAt(records);
    assert.equal(first.covered, '10');
    assert.equal(first.head, '**MX preference 10** — tried first: the lowest preference of the 2 MX records of `example.com`.');
    assertLink(first, /RFC 5321 §5\.1/);
    assert.match(first.details, /^The preference: senders try the exchanges with the lowest number first/);
    assert.equal(hoverAt('@ IN MX 10 mail\n@ IN MX 2|0 backup.example.net.\n').head, '**MX preference 20** — tried only when the hosts with preference 10 cannot take the mail.');
    const exchange = hoverAt('@ IN MX 10 ma|il\n');
    assert.equal(exchange.head, '**MX exchange mail** — the host that receives mail for `example.com`.');
    assert.equal(exchange.short[0], 'In this zone `mail.example.com` has the addresses 192.0.2.25, 2001:db8::25.');
    assert.match(hoverAt('@ IN MX 10 ali|as\n').short[0], /^⚠ `alias\.example\.com` is an alias \(CNAME\)/);
    assert.match(hoverAt('@ IN MX 10 backup.exa|mple.net.\n').short[0], /^`backup\.example\.net` is outside this zone: not resolved without live DNS\.$/);
    assert.match(hoverAt('@ IN MX |0 .\n').head, /^\*\*MX preference 0\*\* — a null MX: this domain accepts no mail/);
  });

  it('SRV: priority, weight share, the service’s port and the target', () => {
    const records = '_submissions._tcp IN SRV 0 3 465 mail\n_submissions._tcp IN SRV 0 1 465 mail2\n_submissions._tcp IN SRV 10 1 465 mail3\n';
    const with_ = (needle: string, cursor: string) => hoverAt(records.replace(needle, cursor));
    assert.equal(with_('SRV 0 3', 'SRV |0 3').head, '**SRV priority 0** — tried first: the lowest priority of the 3 records here.');
    assert.equal(with_('0 3 465', '0 |3 465').head, '**SRV weight 3** — this target gets about 75% of the connections among the 2 targets with priority 0.');
    assert.equal(with_('0 3 465', '0 3 4|65').head, '**SRV port 465** — the standard port of `_submissions._tcp` (implicit TLS).');
    const target = with_('465 mail\n', '465 ma|il\n');
    assert.equal(target.head, '**SRV target mail** — the host that runs `_submissions._tcp` for `example.com`.');
    assert.match(target.short[0], /^In this zone `mail\.example\.com` has the addresses/);
    assertLink(target, /RFC 2782/);
    assert.equal(hoverAt('_imaps._tcp IN SRV 0 1 99|3 mail\n').head, '**SRV port 993** — the standard port of `_imaps._tcp` (implicit TLS).');
    assert.equal(hoverAt('_imap._tcp IN SRV 0 1 14|4 mail\n').head, '**SRV port 144** — clients connect to port 144; `_imap._tcp` normally runs on 143.');
    assert.equal(hoverAt('_imap._tcp IN SRV 0 0 0 |.\n').head, '**SRV target .** — no host: `_imap._tcp` is decidedly not offered at this domain.');
  });

  it('TLSA: each parameter by its registry name, the data by what it must be', () => {
    const digest = '0123456789ABCDEF'.repeat(4);
    const record = `_25._tcp.mail IN TLSA 3 1 1 ${digest}\n`;
    const usage = hoverAt(record.replace('3 1 1', '|3 1 1'));
    assert.equal(usage.head, '**TLSA usage 3** — DANE-EE: the server certificate or key itself; names and expiry are not checked (RFC 7672 §3.1.1).');
    assert.equal(usage.short[0], 'Used by sending mail servers that connect to `mail.example.com` on port 25 (RFC 7672).');
    assertLink(usage, /RFC 6698 §2\.1\.1/);
    assert.match(hoverAt(record.replace('3 1 1', '3 |1 1')).head, /^\*\*TLSA selector 1\*\* — SPKI: the SubjectPublicKeyInfo/);
    assert.match(hoverAt(record.replace('3 1 1', '3 1 |1')).head, /^\*\*TLSA matchingtype 1\*\* — SHA2-256: the SHA-256 digest/);
    assert.equal(hoverAt(record.replace(digest, `01|23${digest.slice(4)}`)).head, '**TLSA data** — the SHA-256 digest of the SubjectPublicKeyInfo (DER): 32 octets.');
    const short = hoverAt(`_25._tcp.mail IN TLSA 3 1 2 01|23${digest.slice(4)}\n`);
    assert.match(short.short[0], /^⚠ A SHA2-512 digest is 64 octets: no certificate can match this record\.$/);
    assert.match(hoverAt(`_25._tcp.mail IN TLSA |7 1 1 ${digest}\n`).head, /^\*\*TLSA usage 7\*\* — 7 is not a defined certificate usage/);
  });

  it('reads well as plain text: the same order, no Markdown marks, the link’s address kept', () => {
    const text = markdownToText(hoverAt('@ IN MX 10 ma|il\n').markdown);
    const lines = text.split('\n').filter((l) => l !== '');
    assert.equal(lines[0], 'MX exchange mail — the host that receives mail for example.com.');
    assert.equal(lines[1], 'In this zone mail.example.com has the addresses 192.0.2.25, 2001:db8::25.');
    assert.equal(lines[2], 'RFC 5321 §5.1 <https://www.rfc-editor.org/rfc/rfc5321#section-5.1>');
    assert.equal(lines[3], '---');
    assert.doesNotMatch(text, /\*\*|`/);
    const star = markdownToText(hoverAt('@ IN MX 10 *.wild|.example.net.\n').markdown);
    assert.match(star, /^MX exchange \*\.wild\.example\.net\. — /);
  });
});
