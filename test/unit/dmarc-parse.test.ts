/**
 * The DMARC reader: record roles by owner name, tags by case-insensitive
 * name, missing separators, report URIs and their problems, and the value
 * grammar of each tag kind under both standards.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDmarc, policyOf, type DmarcRecord } from '../../server/src/core/records/dmarc/parse';
import { dmarcTag } from '../../server/src/core/records/dmarc/tags';
import { checkValue } from '../../server/src/core/records/dmarc/values';
import { TextMap } from '../../server/src/core/text/textMap';
import type { ResourceRecord, TxtValue } from '../../server/src/core/zone/ast';

function parse(text: string, owner = '_dmarc.example.com.'): DmarcRecord {
  const map = new TextMap();
  map.copy(0, text.length);
  const txt: TxtValue = { strings: [], text, map };
  return parseDmarc(txt, { owner } as ResourceRecord);
}

describe('DMARC record roles', () => {
  it('reads the role and the domains from the owner name', () => {
    assert.deepEqual(
      (['_dmarc.example.com.', '_dmarc.mail.example.com.'] as const).map((o) => [parse('v=DMARC1; p=none', o).role, parse('v=DMARC1; p=none', o).domain]),
      [
        ['policy', 'example.com.'],
        ['policy', 'mail.example.com.'],
      ],
    );
    const auth = parse('v=DMARC1', 'example.com._report._dmarc.thirdparty.example.net.');
    assert.deepEqual([auth.role, auth.domain, auth.destination], ['authorization', 'example.com.', 'thirdparty.example.net.']);
    assert.deepEqual(parse('v=DMARC1', '*._report._dmarc.example.net.').domain, '*.');
    assert.equal(parse('v=DMARC1; p=reject', 'example.com.').role, 'misplaced');
    assert.equal(parse('google-site-verification=abc').role, 'not-dmarc');
    // A broken DMARC record is still DMARC, so its rules can speak about it.
    assert.equal(parse('p=reject').role, 'policy');
  });
});

describe('DMARC tags', () => {
  it('finds tags regardless of case and notes repeats', () => {
    const r = parse('v=DMARC1; P=Reject; rua=mailto:a@example.com; RUA=mailto:b@example.com');
    assert.equal(policyOf(r, 'p'), 'reject');
    assert.equal(r.tags.get('rua')?.value, 'mailto:a@example.com');
    assert.deepEqual(r.repeated.map((t) => t.name), ['RUA']);
    assert.equal(r.versionValid, true);
  });

  it('requires v=DMARC1 first and exact', () => {
    assert.equal(parse('v=dmarc1; p=none').versionValid, false);
    assert.equal(parse('p=none; v=DMARC1').versionValid, false);
    assert.equal(parse('v = DMARC1 ; p=none').versionValid, true);
  });

  it('finds a missing separator only before a known tag', () => {
    const r = parse('v=DMARC1; p=reject rua=mailto:a@example.com?subject=x, mailto:b@example.com');
    assert.deepEqual(
      r.missingSeparators.map((m) => [m.tag.name, m.next, r.list.text.slice(m.gap.start, m.gap.end)]),
      [['p', 'rua', ' ']],
    );
    assert.equal(policyOf(r, 'p'), 'reject', 'the policy is read up to the missing separator');
    assert.deepEqual(parse('v=DMARC1, p=none').missingSeparators.map((m) => m.next), ['p']);
  });
});

describe('DMARC report URIs', () => {
  const uris = (value: string) => parse(`v=DMARC1; p=none; rua=${value}`).uris.get('rua')!;

  it('splits the list and reads hosts and size limits', () => {
    const list = uris('mailto:a@Example.com, mailto:b@thirdparty.example.net!10m,https://reports.example.org:8443/dmarc');
    assert.deepEqual(
      list.map((u) => [u.uri, u.scheme, u.host, u.size?.text, u.problem]),
      [
        ['mailto:a@Example.com', 'mailto', 'example.com.', undefined, undefined],
        ['mailto:b@thirdparty.example.net', 'mailto', 'thirdparty.example.net.', '!10m', undefined],
        ['https://reports.example.org:8443/dmarc', 'https', 'reports.example.org.', undefined, undefined],
      ],
    );
  });

  it('accepts percent-encoded commas and exclamation marks', () => {
    assert.deepEqual(uris('mailto:a%2Cb%21c@example.com').map((u) => u.problem), [undefined]);
  });

  it('names what is wrong', () => {
    const problems = (value: string) => uris(value).map((u) => u.problem?.message);
    assert.match(problems('dmarc@example.com')[0]!, /has no scheme: write mailto:dmarc@example.com$/);
    assert.match(problems('mailto:a@example.com,b@example.com')[1]!, /each address needs its own mailto:/);
    assert.match(problems('mailto:a!b@example.com')[0]!, /'!' inside a URI must be written %21/);
    assert.match(problems('mailto:a b@example.com')[0]!, /a space is not allowed/);
    assert.match(problems('mailto:a%2@example.com')[0]!, /'%' must start a %XX escape/);
    assert.match(problems('mailto:dmarc')[0]!, /not a mail address/);
    assert.match(problems('mailto:a@example.com,,mailto:b@example.com')[1]!, /empty entry/);
    assert.match(problems('reports')[0]!, /is not a URI: it has no scheme/);
    assert.equal(uris('dmarc@example.com')[0].problem?.bareAddress, true);
  });
});

describe('DMARC value grammar', () => {
  const check = (name: string, value: string, standard: 'rfc7489' | 'rfc9989' = 'rfc9989') =>
    checkValue(dmarcTag(name)!, value, { start: 0, end: value.length }, standard).map((p) => `${p.rule}: ${p.message}`);

  it('policies, alignment and flags, regardless of case', () => {
    assert.deepEqual(check('p', 'Quarantine'), []);
    assert.deepEqual(check('p', 'rejct'), ['dmarc-invalid-value: p=rejct is not valid: none, quarantine or reject expected (did you mean reject?)']);
    assert.deepEqual(check('aspf', 'S'), []);
    assert.deepEqual(check('psd', 'u'), []);
    assert.deepEqual(check('t', 'true'), ['dmarc-invalid-value: t=true is not valid: y or n expected']);
  });

  it('fo: 0 and 1 conflict under RFC 9989 only, repeats too', () => {
    assert.deepEqual(check('fo', '1:d:s'), []);
    assert.deepEqual(check('fo', '0 : d', 'rfc7489'), []);
    assert.deepEqual(check('fo', '0:1', 'rfc7489'), []);
    assert.deepEqual(
      check('fo', '0:1:d:d'),
      [
        "dmarc-invalid-value: fo option 'd' appears twice (RFC 9989 allows each at most once)",
        'dmarc-fo-conflict: fo=0 and fo=1 exclude each other (RFC 9989): 1 asks for a report on any failure, 0 only when all fail',
      ],
    );
  });

  it('numbers', () => {
    assert.deepEqual(check('pct', '0'), []);
    assert.deepEqual(check('pct', '100'), []);
    assert.equal(check('pct', '101').length, 1);
    assert.equal(check('pct', '0100').length, 1);
    assert.deepEqual(check('ri', '4294967295', 'rfc7489'), []);
    assert.equal(check('ri', '4294967296', 'rfc7489').length, 1);
    assert.deepEqual(check('ri', 'hourly'), [], 'RFC 9989 ignores ri');
    assert.deepEqual(check('rf', 'afrf:AFRF', 'rfc7489'), []);
    assert.equal(check('rf', 'iodef', 'rfc7489').length, 1);
  });
});
