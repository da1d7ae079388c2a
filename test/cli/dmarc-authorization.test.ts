/**
 * `mailzone check` with several zone files: a DMARC report destination
 * whose zone is among the files of the run is judged from that file (a
 * warning naming it when the `_report._dmarc` authorization is missing,
 * nothing when it is there); a destination whose zone is not given stays
 * "not checked", since the CLI never queries DNS.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailzone } from './cliRunner';

const dir = 'test/fixtures/cli-dmarc';
const policy = `${dir}/db.example.com`;

/** `line:col severity` and the destination host of each dmarc-external-unauthorized finding. */
function destinations(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter((l) => l.includes(' dmarc-external-unauthorized '))
    .map((l) => {
      const [, position, severity, host] = /^[^:]+:(\d+:\d+) (\w+) dmarc-external-unauthorized ru[af]: (\S+)/.exec(l)!;
      return `${position} ${severity} ${host}`;
    });
}

const NOT_CHECKED = ['8:41 info reports.example.net', '8:74 info partner.example.org', '8:112 info thirdparty.example'];

describe('check, DMARC report destinations across the files of one run', () => {
  it('alone, the policy zone cannot say whether its destinations consent', () => {
    const r = mailzone('check', policy);
    assert.deepEqual(destinations(r.stdout), NOT_CHECKED);
    assert.equal(r.status, 0);
  });

  it('judges a destination from its zone given beside the policy: a warning naming that file, nothing when authorized', () => {
    const r = mailzone('check', policy, `${dir}/db.example.net`, `${dir}/db.example.org`);
    assert.deepEqual(destinations(r.stdout), ['8:41 warning reports.example.net', '8:112 info thirdparty.example']);
    assert.match(
      r.stdout,
      /^test\/fixtures\/cli-dmarc\/db\.example\.com:8:41 warning dmarc-external-unauthorized rua: reports\.example\.net is in another organizational domain and its zone \(test\/fixtures\/cli-dmarc\/db\.example\.net\) has no TXT "v=DMARC1" at example\.com\._report\._dmarc\.reports\.example\.net: receivers will not send reports there$/m,
    );
    // The destinations' own zones are clean.
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(':')[0]), [policy, policy]);
    assert.equal(r.status, 0);
  });

  it('does the same for the zone files found in a directory, in any order of the arguments', () => {
    assert.deepEqual(destinations(mailzone('check', dir).stdout), ['8:41 warning reports.example.net', '8:112 info thirdparty.example']);
    assert.deepEqual(destinations(mailzone('check', `${dir}/db.example.org`, policy).stdout), ['8:41 info reports.example.net', '8:112 info thirdparty.example']);
  });
});
