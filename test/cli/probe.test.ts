/** `mailzone probe` without servers: its usage errors, its help, and a DNS server that does not answer. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { mailzone, root } from './cliRunner';

describe('probe, usage', () => {
  it('answers a mistake with one line on stderr and exit 2', () => {
    for (const [args, message] of [
      [[], 'probe needs a domain'],
      [['a.example', 'b.example'], 'probe takes one domain (got a.example, b.example)'],
      [['bad domain!'], "'bad domain!' is not a domain name"],
      [['a.example', '--timeout', '5'], "--timeout takes a number from 100 to 120000 (got '5')"],
      [['a.example', '--smtp-port', '70000'], "--smtp-port takes a number from 1 to 65535 (got '70000')"],
      [['a.example', '--format', 'xml'], "--format must be one of text, json, sarif (got 'xml')"],
      [['a.example', '--ca-file', 'test/fixtures/transport/transport.example.zone'], '--ca-file: test/fixtures/transport/transport.example.zone holds no PEM certificate'],
      [['a.example', '--mail-from', 'x'], "unknown option '--mail-from' for probe; see mailzone probe --help"],
      [['a.example', '--smtp-prot', '25'], "unknown option '--smtp-prot' for probe (did you mean '--smtp-port'?); see mailzone probe --help"],
      [['a.example', '--dns'], '--dns needs a value (HOST:PORT)'],
    ] as const) {
      const r = mailzone('probe', ...args);
      assert.equal(r.stderr, `mailzone: ${message}\n`, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2);
    }
  });

  it('prints its help, with the bounds it keeps', () => {
    const r = mailzone('probe', '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: mailzone probe <domain>/);
    assert.match(r.stdout, /at most 20 MX and 20 submission hosts, 4 sessions at once/);
    assert.match(mailzone('--help').stdout, /mailzone probe <domain>/);
  });

  it('fails the MX check when the DNS server does not answer, within the timeout', async () => {
    // A UDP socket that reads queries and never answers.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const port = silent.address().port;
    const started = Date.now();
    const r = await new Promise<{ status: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [path.join(root, 'bin/mailzone.js'), 'probe', 'a.example', '--dns', `127.0.0.1:${port}`, '--timeout', '300', '--format', 'json'], { cwd: root, timeout: 30_000 }, (error, stdout) =>
        resolve({ status: error ? Number(error.code) : 0, stdout }),
      ),
    );
    silent.close();
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.checks[0].id, 'probe-mx');
    assert.equal(report.checks[0].status, 'fail');
    assert.deepEqual(report.hosts, []);
    assert.ok(Date.now() - started < 15_000);
  });
});
