/**
 * The STARTTLS probe's judging, with observations as data: certificate
 * names, TLSA matching (DANE-EE and DANE-TA), MTA-STS patterns and modes,
 * and the order and bounds of the hosts a probe visits.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certNameMatches } from '../../server/src/core/probe/certNames';
import type { ObservedCertificate, ObservedMtaSts, ObservedSession, ObservedTls, ObservedTlsa } from '../../server/src/core/probe/observation';
import { runProbe, type ProbeIo } from '../../server/src/core/probe/run';
import { daneCheck } from '../../server/src/core/probe/tlsaMatch';
import { domainPolicy, judgeMx, judgeSubmission, readPolicy, worst } from '../../server/src/core/probe/verdict';

const NOW = new Date('2026-12-07T12:00:00Z');

function cert(id: string, names: string[], extra: Partial<ObservedCertificate> = {}): ObservedCertificate {
  const h = (s: string) => s.padEnd(64, '0').toUpperCase();
  return {
    subjectCN: names[0],
    dnsNames: names,
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-06-01T00:00:00.000Z',
    certSha256: h(`c${id}`),
    certSha512: h(`c${id}`).repeat(2),
    spkiSha256: h(`a${id}`),
    spkiSha512: h(`a${id}`).repeat(2),
    certDer: `30${id}`.toUpperCase(),
    spkiDer: `31${id}`.toUpperCase(),
    ...extra,
  };
}

const LEAF = cert('1', ['mx1.example.net']);
const CA = cert('2', ['Example CA']);
const TLS: ObservedTls = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', chain: [LEAF, CA], chainTrusted: true, chainLinked: true };

function session(tls: Partial<ObservedTls> | undefined, extra: Partial<ObservedSession> = {}): ObservedSession {
  return { host: 'mx1.example.net', address: '192.0.2.25', port: 25, mode: 'starttls', starttlsOffered: true, ...(tls ? { tls: { ...TLS, ...tls } } : {}), ...extra };
}

const ENFORCE: ObservedMtaSts = { record: 'v=STSv1; id=1', policyText: 'version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 86400\n' };
const status = (checks: { id: string; status: string }[], id: string) => checks.find((c) => c.id === id)?.status;

describe('certificate names', () => {
  it('match exactly or by one leftmost wildcard label, ignoring case and a trailing dot', () => {
    assert.equal(certNameMatches('MX1.example.net', 'mx1.example.net.'), true);
    assert.equal(certNameMatches('*.example.net', 'mx1.example.net'), true);
    assert.equal(certNameMatches('*.example.net', 'a.mx1.example.net'), false);
    assert.equal(certNameMatches('*.example.net', 'example.net'), false);
    assert.equal(certNameMatches('*.net', 'example.net'), false);
    assert.equal(certNameMatches('mx2.example.net', 'mx1.example.net'), false);
  });
});

describe('TLSA matching', () => {
  const ee = (selector: number, matchingType: number, data: string): ObservedTlsa => ({ usage: 3, selector, matchingType, data });
  it('matches DANE-EE on the leaf by each selector and matching type', () => {
    assert.equal(daneCheck([ee(1, 1, LEAF.spkiSha256)], TLS, 'mx1.example.net').status, 'match');
    assert.equal(daneCheck([ee(0, 1, LEAF.certSha256)], TLS, 'mx1.example.net').status, 'match');
    assert.equal(daneCheck([ee(1, 2, LEAF.spkiSha512)], TLS, 'mx1.example.net').status, 'match');
    assert.equal(daneCheck([ee(0, 0, LEAF.certDer)], TLS, 'mx1.example.net').status, 'match');
    assert.equal(daneCheck([ee(1, 1, CA.spkiSha256)], TLS, 'mx1.example.net').status, 'mismatch', 'DANE-EE matches the leaf only');
  });

  it('matches DANE-TA on a CA of a linked chain whose leaf names the host', () => {
    const ta: ObservedTlsa = { usage: 2, selector: 0, matchingType: 1, data: CA.certSha256 };
    assert.equal(daneCheck([ta], TLS, 'mx1.example.net').status, 'match');
    assert.equal(daneCheck([ta], TLS, 'mx2.example.net').status, 'mismatch', 'names are checked under DANE-TA');
    assert.equal(daneCheck([ta], { ...TLS, chainLinked: false }, 'mx1.example.net').status, 'mismatch');
    assert.equal(daneCheck([{ ...ta, data: LEAF.certSha256 }], TLS, 'mx1.example.net').status, 'mismatch', 'DANE-TA does not match the leaf');
  });

  it('calls PKIX usages and unknown parameters unusable for SMTP', () => {
    assert.equal(daneCheck([{ usage: 1, selector: 1, matchingType: 1, data: LEAF.spkiSha256 }], TLS, 'mx1.example.net').status, 'unusable');
    assert.equal(daneCheck([{ usage: 3, selector: 1, matchingType: 7, data: LEAF.spkiSha256 }], TLS, 'mx1.example.net').status, 'unusable');
  });
});

describe('MX verdicts', () => {
  it('pass a host with STARTTLS, a trusted named certificate, a matching policy and a matching TLSA record', () => {
    const checks = judgeMx(session({}), [{ usage: 3, selector: 1, matchingType: 1, data: LEAF.spkiSha256 }], undefined, domainPolicy(ENFORCE), NOW);
    assert.deepEqual(checks.map((c) => `${c.id} ${c.status}`), ['probe-starttls pass', 'probe-tls-version pass', 'probe-cert-chain pass', 'probe-cert-name pass', 'probe-mta-sts pass', 'probe-dane pass']);
  });

  it('fail missing STARTTLS, and say that MTA-STS and DANE senders then do not deliver', () => {
    const checks = judgeMx(session(undefined, { starttlsOffered: false }), [{ usage: 3, selector: 1, matchingType: 1, data: 'AB'.repeat(32) }], undefined, domainPolicy(ENFORCE), NOW);
    const c = checks.find((x) => x.id === 'probe-starttls')!;
    assert.equal(c.status, 'fail');
    assert.match(c.message, /MTA-STS and DANE do not deliver/);
    assert.equal(status(checks, 'probe-mta-sts'), 'fail');
    assert.equal(status(checks, 'probe-dane'), 'fail');
  });

  it('warn about an untrusted chain without MTA-STS, and only inform when DANE-EE authenticates the host', () => {
    const untrusted = { chainTrusted: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [LEAF] };
    assert.equal(status(judgeMx(session(untrusted), [], undefined, domainPolicy({}), NOW), 'probe-cert-chain'), 'warn');
    const dane = judgeMx(session(untrusted), [{ usage: 3, selector: 1, matchingType: 1, data: LEAF.spkiSha256 }], undefined, domainPolicy(ENFORCE), NOW);
    assert.equal(status(dane, 'probe-cert-chain'), 'info');
    assert.equal(status(dane, 'probe-dane'), 'pass');
    assert.equal(status(dane, 'probe-mta-sts'), 'fail', 'MTA-STS needs PKIX whatever DANE says');
  });

  it('follow the policy mode: testing warns where enforce fails, none and an invalid policy only inform or warn', () => {
    const other = { ...LEAF, dnsNames: ['other.example.org'] };
    const testing = domainPolicy({ record: 'v=STSv1; id=1', policyText: 'version: STSv1\nmode: testing\nmx: mx1.example.net\nmax_age: 86400\n' });
    assert.equal(status(judgeMx(session({ chain: [other, CA] }), [], undefined, testing, NOW), 'probe-mta-sts'), 'warn');
    assert.equal(status(judgeMx(session({ chain: [other, CA] }), [], undefined, domainPolicy(ENFORCE), NOW), 'probe-mta-sts'), 'fail');
    const none = domainPolicy({ record: 'v=STSv1; id=1', policyText: 'version: STSv1\nmode: none\nmax_age: 86400\n' });
    assert.equal(status(judgeMx(session({}), [], undefined, none, NOW), 'probe-mta-sts'), 'info');
    const invalid = domainPolicy({ record: 'v=STSv1; id=1', policyText: 'mode: enforce\nmx: mx1.example.net\n' });
    assert.equal(status(judgeMx(session({}), [], undefined, invalid, NOW), 'probe-mta-sts'), 'warn');
    assert.equal(status(judgeMx(session({}), [], undefined, domainPolicy({ record: 'v=STSv1; id=1', fetchError: 'refused' }), NOW), 'probe-mta-sts'), 'warn');
  });

  it('warn about old TLS, a certificate about to expire, unusable TLSA records and a failed TLSA lookup', () => {
    assert.equal(status(judgeMx(session({ protocol: 'TLSv1' }), [], undefined, domainPolicy({}), NOW), 'probe-tls-version'), 'warn');
    const soon = { ...LEAF, validTo: '2026-12-10T00:00:00.000Z' };
    assert.equal(status(judgeMx(session({ chain: [soon, CA] }), [], undefined, domainPolicy({}), NOW), 'probe-cert-dates'), 'warn');
    assert.equal(status(judgeMx(session({}), [{ usage: 0, selector: 0, matchingType: 1, data: CA.certSha256 }], undefined, domainPolicy({}), NOW), 'probe-dane'), 'warn');
    assert.equal(status(judgeMx(session({}), undefined, 'SERVFAIL', domainPolicy({}), NOW), 'probe-dane'), 'warn');
  });

  it('fail a host that cannot be reached', () => {
    const checks = judgeMx(session(undefined, { error: { step: 'connect', message: 'ECONNREFUSED' } }), [], undefined, domainPolicy({}), NOW);
    assert.equal(status(checks, 'probe-connect'), 'fail');
    assert.equal(worst(checks), 'fail');
  });
});

describe('submission verdicts', () => {
  it('fail any certificate problem, since clients refuse the server', () => {
    const wrong = judgeSubmission(session({ chain: [{ ...LEAF, dnsNames: ['other.example.org'] }, CA] }, { port: 587 }), NOW);
    assert.equal(status(wrong, 'probe-cert-name'), 'fail');
    const implicit = judgeSubmission(session({}, { port: 465, mode: 'implicit', starttlsOffered: undefined }), NOW);
    assert.equal(worst(implicit), 'pass');
  });
});

describe('policy reading', () => {
  it('takes the first of each field, as RFC 8461 §3.2 says', () => {
    assert.deepEqual(readPolicy('version: STSv1\r\nmode: testing\r\nmode: enforce\r\nmx: a.example\r\nmx: *.b.example\r\nmax_age: 600\r\n'), { mode: 'testing', mx: ['a.example', '*.b.example'], maxAge: 600, invalid: undefined });
  });
});

describe('the hosts a probe visits', () => {
  function io(mx: { preference: number; exchange: string }[], visits: string[], active: { now: number; max: number }): ProbeIo {
    return {
      mx: async () => ({ records: mx }),
      tlsa: async () => ({ records: [] }),
      srv: async (name) => (name.startsWith('_submissions.') ? [{ priority: 0, port: 465, target: 'smtp.example.net' }] : [{ priority: 0, port: 587, target: '.' }]),
      mtaSts: async () => ({}),
      session: async (host, port, mode) => {
        visits.push(`${host}:${port}`);
        active.max = Math.max(active.max, ++active.now);
        await new Promise((r) => setTimeout(r, 5));
        active.now--;
        return { host, port, mode, starttlsOffered: true, tls: TLS };
      },
    };
  }

  it('visits MX hosts by preference, once each, then the submission hosts (a "." target is no service), a few at a time', async () => {
    const visits: string[] = [];
    const active = { now: 0, max: 0 };
    const report = await runProbe(io([{ preference: 20, exchange: 'b.example.net' }, { preference: 10, exchange: 'a.example.net' }, { preference: 30, exchange: 'A.example.net' }], visits, active), 'example.net', { now: NOW, concurrency: 2 });
    assert.deepEqual(report.hosts.map((h) => `${h.role} ${h.host}`), ['mx a.example.net', 'mx b.example.net', 'submissions smtp.example.net']);
    assert.equal(active.max, 2);
  });

  it('probes at most maxHosts MX hosts and says so', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ preference: i, exchange: `mx${i}.example.net` }));
    const visits: string[] = [];
    const report = await runProbe(io(many, visits, { now: 0, max: 0 }), 'example.net', { now: NOW, maxHosts: 3, smtpPort: 2525 });
    assert.equal(report.hosts.filter((h) => h.role === 'mx').length, 3);
    assert.ok(visits.includes('mx0.example.net:2525'));
    assert.match(report.checks[0].message, /50 MX hosts: the first 3/);
  });
});
