/** `mailzone check`: its three output formats and its exit codes. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, mailzone } from './cliRunner';

const BROKEN_TEXT = [
  `${fixture('broken.zone')}:2:6 error zone-syntax $TTL: 'abc' is not a TTL: use seconds or units like 1h30m`,
  `${fixture('broken.zone')}:6:17 error zone-syntax unterminated quoted string: the closing " is missing on this line`,
];

describe('check, text output', () => {
  it('prints nothing and exits 0 for a clean zone', () => {
    const r = mailzone('check', fixture('example.com.zone'));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('prints file:line:col severity rule-id message and exits 1 on errors', () => {
    const r = mailzone('check', fixture('broken.zone'));
    assert.equal(r.stdout, BROKEN_TEXT.map((l) => `${l}\n`).join(''));
    assert.equal(r.status, 1);
  });

  it('exits 0 when the findings are warnings only', () => {
    const r = mailzone('check', fixture('warnings.example.zone'));
    assert.equal(r.stdout, `${fixture('warnings.example.zone')}:7:25 warning spf-pass-all '+all' authorizes every host on the internet to send as warnings.example\n`);
    assert.equal(r.status, 0);
  });

  it('reports findings inside included files at their own path and line', () => {
    const r = mailzone('check', fixture('nested', 'db.example.net'));
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `${fixture('nested', 'db.example.net')}:4:10 error zone-syntax $INCLUDE 'hosts.inc' has 1 syntax error`,
      `${fixture('nested', 'hosts.inc')}:2:17 error zone-syntax 'not-an-address' is not an IPv4 address`,
    ]);
    assert.equal(r.status, 1);
  });

  it('searches directories for *.zone, *.zonefile and db.* files, in order', () => {
    const r = mailzone('check', fixtures());
    const files = [...new Set(r.stdout.trim().split('\n').map((l) => l.split(':')[0]))];
    assert.deepEqual(files, [fixture('broken.zone'), fixture('nested', 'db.example.net'), fixture('nested', 'hosts.inc'), fixture('warnings.example.zone')]);
    assert.equal(r.status, 1);
  });

  it('--rule changes a severity or turns a rule off, and the exit code follows', () => {
    const warned = mailzone('check', fixture('broken.zone'), '--rule', 'zone-syntax=warning');
    assert.equal(warned.stdout, BROKEN_TEXT.map((l) => `${l.replace(' error ', ' warning ')}\n`).join(''));
    assert.equal(warned.status, 0);
    const off = mailzone('check', fixture('broken.zone'), '--rule=zone-syntax=off');
    assert.equal(off.stdout, '');
    assert.equal(off.status, 0);
  });
});

function fixtures(): string {
  return fixture();
}

describe('check, JSON output', () => {
  it('is an array of 1-based located findings', () => {
    const r = mailzone('check', fixture('broken.zone'), '--format', 'json');
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      { file: fixture('broken.zone'), line: 2, column: 6, endLine: 2, endColumn: 9, severity: 'error', code: 'zone-syntax', message: "$TTL: 'abc' is not a TTL: use seconds or units like 1h30m" },
      { file: fixture('broken.zone'), line: 6, column: 17, endLine: 6, endColumn: 40, severity: 'error', code: 'zone-syntax', message: 'unterminated quoted string: the closing " is missing on this line' },
    ]);
  });

  it('is an empty array for a clean zone', () => {
    const r = mailzone('check', '--format=json', fixture('example.com.zone'));
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.status, 0);
  });
});

describe('check, SARIF output', () => {
  it('is a SARIF 2.1.0 log with the rule table and located results', () => {
    const r = mailzone('check', fixture('broken.zone'), '--format', 'sarif');
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'mailzone');
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'zone-syntax');
    assert.ok(rule.shortDescription.text.length > 0);
    assert.equal(rule.helpUri, 'https://github.com/mailzone/mailzone/blob/main/docs/rules/zone-syntax.md');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(run.results.length, 2);
    const [first] = run.results;
    assert.equal(first.ruleId, 'zone-syntax');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'zone-syntax');
    assert.equal(first.level, 'error');
    assert.match(first.message.text, /not a TTL/);
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: fixture('broken.zone'), uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 9 },
    });
  });

  it('maps info to the SARIF level note', () => {
    const r = mailzone('check', fixture('broken.zone'), '--format', 'sarif', '--rule', 'zone-syntax=info');
    const log = JSON.parse(r.stdout);
    assert.ok(log.runs[0].results.every((x: { level: string }) => x.level === 'note'));
    assert.equal(r.status, 0);
  });
});

describe('check, a finding given once for several places', () => {
  // mail-no-spf speaks once per zone and lists the names; each other name is a related place in JSON and SARIF.
  it('lists the other places as related in JSON and as relatedLocations in SARIF', () => {
    const file = fixture('../cli-related/mail-no-spf.zone');
    const json = JSON.parse(mailzone('check', file, '--format', 'json').stdout) as { code: string; line: number; related?: { line: number }[] }[];
    const finding = json.find((f) => f.code === 'mail-no-spf');
    assert.equal(finding?.line, 6);
    assert.deepEqual(finding?.related?.map((r) => r.line), [7, 8]);

    const sarif = JSON.parse(mailzone('check', file, '--format', 'sarif').stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'mail-no-spf');
    assert.deepEqual(
      result.relatedLocations.map((l: { physicalLocation: { region: { startLine: number } }; message: { text: string } }) => [l.physicalLocation.region.startLine, l.message.text]),
      [
        [7, 'a.ex.example receives mail but has no SPF record'],
        [8, 'b.ex.example receives mail but has no SPF record'],
      ],
    );
  });
});
