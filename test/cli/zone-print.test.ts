/** `mailzone zone print`: the parsed zone in canonical form, one record a line. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { fixture, mailzone } from './cliRunner';

it('prints owner, TTL, class, type and rdata, fully qualified, tab-separated, in named-checkzone -D order', () => {
  const r = mailzone('zone', 'print', fixture('example.com.zone'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  // Names in DNSSEC canonical order; at a name the SOA, the NS, then the other types by number.
  assert.deepEqual(r.stdout.split('\n'), [
    'example.com.\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 3600',
    'example.com.\t3600\tIN\tNS\tns1.example.com.',
    'example.com.\t3600\tIN\tMX\t10 mail.example.com.',
    'example.com.\t3600\tIN\tTXT\t"v=spf1 mx -all"',
    '_dmarc.example.com.\t3600\tIN\tTXT\t"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"',
    'mail.example.com.\t3600\tIN\tA\t192.0.2.2',
    'mail.example.com.\t3600\tIN\tAAAA\t2001:db8::2',
    'ns1.example.com.\t3600\tIN\tA\t192.0.2.1',
    'www.example.com.\t300\tIN\tCNAME\texample.com.',
    '',
  ]);
});

it('takes the origin from --origin, else from the file name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-print-'));
  try {
    const text = '$TTL 60\n@ IN NS ns1\nns1 IN A 192.0.2.1\n';
    fs.writeFileSync(path.join(dir, 'db.example.org'), text);
    fs.writeFileSync(path.join(dir, 'zonedata'), text);
    const guessed = mailzone('zone', 'print', path.join(dir, 'db.example.org'));
    assert.equal(guessed.stdout, 'example.org.\t60\tIN\tNS\tns1.example.org.\nns1.example.org.\t60\tIN\tA\t192.0.2.1\n');
    const given = mailzone('zone', 'print', path.join(dir, 'zonedata'), '--origin', 'Example.NET');
    assert.equal(given.status, 0, given.stderr);
    assert.equal(given.stdout, 'example.net.\t60\tIN\tNS\tns1.example.net.\nns1.example.net.\t60\tIN\tA\t192.0.2.1\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('follows $INCLUDE, and reports syntax errors on stderr with exit 1', () => {
  const r = mailzone('zone', 'print', fixture('nested', 'db.example.net'));
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['example.net.', 'example.net.', 'ns1.example.net.']);
  assert.match(r.stderr, /hosts\.inc:2:17 error zone-syntax 'not-an-address' is not an IPv4 address/);
});
