/**
 * `mailzone spf tree` and `mailzone spf check` over zone files with
 * --no-live (live DNS is exercised against Knot in the dns tier), their
 * JSON shapes, exit codes and usage errors, and the privacy promise: with
 * --no-live not one packet leaves, without it the lookups go to --dns.
 */
import * as assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import { describe, it } from 'node:test';
import { mailzone } from './cliRunner';

const ZONE = 'test/fixtures/spf/cli/example.com.zone';
const LIST = 'test/fixtures/spf/cli/provider.records';
const OFFLINE = ['--zone', ZONE, '--zone', LIST, '--no-live'];

describe('spf tree', () => {
  it('prints the tree with per-term counts and the totals', () => {
    const r = mailzone('spf', 'tree', 'example.com', ...OFFLINE);
    assert.equal(
      r.stdout,
      [
        'example.com: "v=spf1 include:_spf.example.com include:spf.provider.example mx a:gone.example.com -all exp=why._spf.example.com"',
        '├─ include:_spf.example.com  [2]  record "v=spf1 ip4:192.0.2.0/24 a:smtp.example.com ~all"',
        '│  └─ a:smtp.example.com  [1]  record',
        '├─ include:spf.provider.example  [3]  record "v=spf1 ip4:203.0.113.0/24 include:_spf.provider.example -all"',
        '│  └─ include:_spf.provider.example  [2]  record "v=spf1 a:mail.provider.example ~all"',
        '│     └─ a:mail.provider.example  [1]  record',
        '├─ mx  [1]  1 MX host',
        '└─ a:gone.example.com  [1]  void: gone.example.com has no A or AAAA record',
        'total: 7/10 DNS lookups, voids 1/2',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('exits 1 and names the problems when the record is over the limits (a record from an $INCLUDEd file)', () => {
    const r = mailzone('spf', 'tree', 'over.example.com', ...OFFLINE);
    assert.match(r.stdout, /^total: 11\/10 DNS lookups, voids 9\/2$/m);
    assert.match(r.stdout, /^problem: 11 DNS lookups: more than 10, receivers return permerror$/m);
    assert.match(r.stdout, /^problem: 9 void lookups: more than 2, receivers return permerror$/m);
    assert.equal(r.status, 1);
  });

  it('--format json gives the tree as data', () => {
    const r = mailzone('spf', 'tree', 'example.com', ...OFFLINE, '--format', 'json');
    const json = JSON.parse(r.stdout);
    assert.equal(json.domain, 'example.com');
    assert.deepEqual([json.lookups, json.lookupLimit, json.voids, json.voidLimit, json.problems], [7, 10, 1, 2, []]);
    assert.deepEqual(json.location, { file: ZONE, line: 8, column: 19 });
    const provider = json.children[1];
    assert.deepEqual(
      [provider.term, provider.target, provider.result, provider.lookups, provider.record],
      ['include:spf.provider.example', 'spf.provider.example', 'record', 3, 'v=spf1 ip4:203.0.113.0/24 include:_spf.provider.example -all'],
    );
    assert.equal(provider.children[0].children[0].term, 'a:mail.provider.example');
    assert.deepEqual([json.children[3].result, json.children[3].void], ['void', true]);
    assert.equal(r.status, 0);
  });

  it('with --no-live a name in no given zone does not exist', () => {
    const r = mailzone('spf', 'tree', 'nowhere.example', ...OFFLINE);
    assert.equal(r.stdout, 'nowhere.example: nowhere.example does not exist (NXDOMAIN)\n');
    assert.equal(r.status, 1);
  });
});

describe('spf check', () => {
  it('prints the result, the deciding term with its place in the zone file, and the path', () => {
    const r = mailzone('spf', 'check', '--ip', '203.0.113.77', '--sender', 'alice@example.com', 'example.com', ...OFFLINE);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'result: pass',
      `matched: include:spf.provider.example in example.com (characters 32-60 of its record; ${ZONE}:8:51)`,
      'lookups: 3/10, voids: 0/2',
    ]);
    assert.ok(lines.includes('    include:_spf.example.com: no match: _spf.example.com gives softfail'), r.stdout);
    assert.ok(lines.includes('        ip4:203.0.113.0/24: match: the client is in the network → pass'), r.stdout);
    assert.equal(r.status, 0);
  });

  it('--format json: result, explanation, matched term and position, counts', () => {
    const r = mailzone('spf', 'check', '--ip', '198.51.100.99', '--sender', 'bob@example.com', 'example.com', ...OFFLINE, '--format', 'json');
    const json = JSON.parse(r.stdout);
    assert.equal(json.result, 'fail');
    assert.equal(json.explanation, '198.51.100.99 is not a mail server of example.com');
    assert.deepEqual(json.matched, {
      term: '-all',
      domain: 'example.com',
      start: 83,
      end: 87,
      record: 'v=spf1 include:_spf.example.com include:spf.provider.example mx a:gone.example.com -all exp=why._spf.example.com',
      location: { file: ZONE, line: 8, column: 102 },
    });
    assert.deepEqual([json.lookups, json.voids], [7, 1]);
    assert.ok(json.path.length > 5);
    assert.equal(r.status, 1);
  });

  it('matches mx hosts, checks the HELO identity for an empty sender, and reports none', () => {
    const mx = mailzone('spf', 'check', '--ip', '198.51.100.10', '--sender', 'a@example.com', 'example.com', ...OFFLINE, '--format', 'json');
    assert.deepEqual([JSON.parse(mx.stdout).result, JSON.parse(mx.stdout).matched.term], ['pass', 'mx']);
    const helo = mailzone('spf', 'check', '--ip', '192.0.2.5', '--sender', '', '--helo', 'example.com', 'example.com', ...OFFLINE, '--format', 'json');
    assert.deepEqual([JSON.parse(helo.stdout).result, JSON.parse(helo.stdout).sender], ['pass', 'postmaster@example.com']);
    const none = mailzone('spf', 'check', '--ip', '192.0.2.5', '--sender', 'a@nowhere.example', 'nowhere.example', ...OFFLINE);
    assert.match(none.stdout, /^result: none\nreason: nowhere\.example does not exist \(NXDOMAIN\)\n/);
    assert.equal(none.status, 1);
  });

  it('is permerror over the lookup limit', () => {
    const r = mailzone('spf', 'check', '--ip', '203.0.113.1', '--sender', 'a@over.example.com', 'over.example.com', ...OFFLINE, '--format', 'json');
    const json = JSON.parse(r.stdout);
    assert.equal(json.result, 'permerror');
    assert.match(json.reason, /more than 2 void lookups/);
  });
});

describe('spf usage', () => {
  const usage = (args: string[], message: RegExp): void => {
    const r = mailzone('spf', ...args);
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  };

  it('prints help', () => {
    const r = mailzone('spf', '--help');
    assert.match(r.stdout, /^Usage:\n {2}mailzone spf tree <domain>/);
    assert.equal(r.status, 0);
    assert.match(mailzone('--help').stdout, /mailzone spf tree <domain>/);
    assert.match(mailzone('--help').stdout, /mailzone spf check --ip IP --sender ADDR <domain>/);
  });

  it('refuses bad calls with one line', () => {
    usage(['check', '--sender', 'a@example.com', 'example.com'], /^mailzone: spf check needs --ip$/m);
    usage(['check', '--ip', '300.1.1.1', '--sender', 'a@example.com', 'example.com'], /^mailzone: --ip: '300\.1\.1\.1' is not an IPv4 or IPv6 address$/m);
    usage(['check', '--ip', '192.0.2.1', 'example.com'], /needs --sender/);
    usage(['tree', 'a.example', 'b.example'], /^mailzone: spf tree takes exactly one domain \(got 2\)$/m);
    usage(['tree', 'example.com', '--bogus'], /unknown option '--bogus' for spf tree/);
    usage(['tree', 'example.com', '--dns', 'not a server'], /--dns takes HOST or HOST:PORT/);
    usage(['tree', 'example.com', '--ip', '192.0.2.1'], /--ip belongs to spf check/);
    usage(['frobnicate'], /unknown command 'spf frobnicate'/);
    usage(['tree', 'example.com', '--zone', 'test/fixtures/spf/cli/missing.zone'], /missing\.zone: no such file/);
  });

  it('warns about syntax errors in a --zone file and uses the rest', () => {
    const r = mailzone('spf', 'tree', 'example.com', '--zone', 'test/fixtures/cli/broken.zone', ...OFFLINE);
    assert.match(r.stderr, /^mailzone: warning: test\/fixtures\/cli\/broken\.zone:2:6: /m);
    assert.match(r.stdout, /^total: 7\/10 DNS lookups/m);
  });
});

describe('spf and the network', () => {
  /** Runs the CLI with --dns pointing at a socket of ours, and returns the packets it received. */
  async function packetsFrom(args: string[]): Promise<Buffer[]> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const received: Buffer[] = [];
    const marker = Buffer.from('end-of-test-marker');
    const done = new Promise<void>((resolve) =>
      socket.on('message', (message) => {
        if (message.equals(marker)) resolve();
        else received.push(message);
      }),
    );
    try {
      mailzone('spf', ...args, '--dns', `127.0.0.1:${socket.address().port}`);
      // Datagrams queue in order: once our marker arrives, everything the CLI sent has been read.
      socket.send(marker, socket.address().port, '127.0.0.1');
      await done;
      return received;
    } finally {
      socket.close();
    }
  }

  it('--no-live sends no packet; without it the lookups go to --dns', async () => {
    assert.equal((await packetsFrom(['tree', 'example.org', '--no-live'])).length, 0);
    const live = await packetsFrom(['check', '--ip', '192.0.2.1', '--sender', 'a@example.org', 'example.org', '--timeout', '200']);
    assert.ok(live.length >= 1);
    // The question is the TXT record of example.org.
    assert.ok(live[0].includes(Buffer.from('\x07example\x03org\x00\x00\x10', 'latin1')));
  });
});
