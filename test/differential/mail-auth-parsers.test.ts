/**
 * Differential tests against two independent mail-authentication libraries
 * from npm, pinned in package.json:
 *
 * - `mailauth` (Postal Systems): its SPF check_host(), in strict RFC 7208
 *   mode, against Mailzone's on every case of the RFC 7208 test suite, with
 *   both answered from the same DNS data;
 * - `dmarc-parse`: whether it accepts each DMARC record of Mailzone's
 *   fixtures, and the policy it reads, against what Mailzone says receivers
 *   do with the record.
 *
 * Every difference is listed in mail-auth-differences.json with the reason
 * Mailzone differs (or the other library does); the test fails on a
 * difference not listed there, and on a listed one that no longer occurs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryResolver } from '../../server/src/core/dns/memoryResolver';
import type { RRType } from '../../server/src/core/dns/resolver';
import { zonedataEntries } from '../support/zonedata';
import { parseDmarc, policyOf } from '../../server/src/core/records/dmarc/parse';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { parseDocument } from '../../server/src/core/service';
import { classify } from '../../server/src/core/model/classify';
import { loadSuite } from '../support/spfSuite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spf: mailauthSpf } = require('mailauth/lib/spf') as { spf: (opts: Record<string, unknown>) => Promise<{ status: { result: string } }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dmarcParse = require('dmarc-parse') as (text: string) => { tags: Record<string, { value: string }>; messages?: string[] };

const root = path.resolve(__dirname, '../../..');
const DIFFERENCES = path.join(root, 'test/differential/mail-auth-differences.json');

interface Differences {
  readonly spf: Readonly<Record<string, { readonly mailzone: string; readonly mailauth: string; readonly why: string }>>;
  readonly dmarc: Readonly<Record<string, { readonly mailzone: string; readonly dmarcParse: string; readonly why: string }>>;
}

const listed = JSON.parse(fs.readFileSync(DIFFERENCES, 'utf8')) as Differences;

/** An error as Node's resolver throws it, which is what mailauth expects of a resolver. */
function dnsError(code: string, name: string): Error {
  return Object.assign(new Error(`${code} ${name}`), { code });
}

/** mailauth's resolver: `dns.promises.resolve`'s shape, answered from Mailzone's memory resolver. */
function mailauthResolver(memory: MemoryResolver) {
  return async (name: string, type: string): Promise<unknown[]> => {
    const response = await memory.query(name, type as RRType);
    if (response.status !== 'answer') throw dnsError(response.status === 'timeout' ? 'ETIMEOUT' : 'ESERVFAIL', name);
    if (response.rcode === 'NXDOMAIN') throw dnsError('ENOTFOUND', name);
    if (response.answers.length === 0) throw dnsError('ENODATA', name);
    if (type === 'MX') return (response.answers as { preference: number; exchange: string }[]).map((mx) => ({ exchange: mx.exchange.replace(/\.$/, ''), priority: mx.preference }));
    if (type === 'PTR' || type === 'CNAME') return (response.answers as string[]).map((n) => n.replace(/\.$/, ''));
    return response.answers as unknown[];
  };
}

describe('SPF check_host: Mailzone and mailauth on the RFC 7208 suite', () => {
  const seen = new Set<string>();
  const found: Record<string, { mailzone: string; mailauth: string }> = {};
  const theirResults = new Set<string>();

  for (const scenario of loadSuite()) {
    for (const test of scenario.tests) {
      it(`${scenario.description}: ${test.name}`, async () => {
        const entries = zonedataEntries(scenario.zonedata);
        const ours = await checkHost({ ip: test.host, sender: test.mailfrom, helo: test.helo }, { resolver: new MemoryResolver(entries) });
        const theirs = await mailauthSpf({ ip: test.host, sender: test.mailfrom, helo: test.helo, mta: 'mx.example.org', resolver: mailauthResolver(new MemoryResolver(entries)), strict: true });
        const key = test.name;
        seen.add(key);
        theirResults.add(theirs.status.result);
        const known = listed.spf[key];
        if (ours.result === theirs.status.result) {
          assert.equal(known, undefined, `${key}: listed as a difference, but both now say ${ours.result}`);
          return;
        }
        found[key] = { mailzone: ours.result, mailauth: theirs.status.result };
        assert.ok(known, `${key}: Mailzone says ${ours.result}, mailauth ${theirs.status.result}, and the difference is not explained in mail-auth-differences.json (the suite expects ${test.results.join(' or ')})`);
        assert.deepEqual({ mailzone: known.mailzone, mailauth: known.mailauth }, found[key], `${key}: the listed difference is not the one seen`);
        // Where the two differ, Mailzone gives a result the suite allows.
        assert.ok(test.results.includes(ours.result), `${key}: Mailzone's ${ours.result} is not what the suite expects (${test.results.join(' or ')})`);
      });
    }
  }

  it('lists no difference for a case the suite does not have, and mailauth really ran', () => {
    for (const key of Object.keys(listed.spf)) assert.ok(seen.has(key), `${key} is listed but is no suite case`);
    // Guards the adapter: a resolver that failed every query would give one result everywhere.
    assert.deepEqual([...theirResults].sort(), ['fail', 'neutral', 'none', 'pass', 'permerror', 'softfail', 'temperror']);
  });
});

/** Every DMARC record of the fixtures, once each, with the file it came from. */
function fixtureDmarcRecords(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.zone')) {
        const { zone } = parseDocument({ text: fs.readFileSync(file, 'utf8'), origin: 'example.com.' });
        for (const record of zone.records) {
          if (record.txt && record.owner.startsWith('_dmarc.') && classify(record) === 'dmarc' && !out.has(record.txt.text)) out.set(record.txt.text, path.relative(root, file));
        }
      }
    }
  };
  walk(path.join(root, 'test/fixtures'));
  return out;
}

/**
 * What a receiver does with a record, in one word: `discard` when it is no
 * DMARC record, else the policy applied (RFC 9989 §4.10.1: an invalid or
 * missing `p` reads as `none` with a valid `rua`, else no DMARC at all).
 */
function mailzoneReads(text: string): string {
  const { zone } = parseDocument({ text: `_dmarc.example.com. 3600 IN TXT ${JSON.stringify(text)}\n` });
  const parsed = parseDmarc(zone.records[0].txt!, zone.records[0]);
  if (!parsed.versionValid) return 'discard';
  const policy = policyOf(parsed, 'p');
  if (policy) return policy;
  return (parsed.uris.get('rua') ?? []).some((u) => !u.problem) ? 'none' : 'discard';
}

/** The same word from dmarc-parse: `discard` when it reports a problem, else its `p`. */
function dmarcParseReads(text: string): string {
  const result = dmarcParse(text);
  if ((result.messages ?? []).length > 0) return 'discard';
  return result.tags.p?.value.toLowerCase() ?? 'none';
}

describe('DMARC records: Mailzone and dmarc-parse on every DMARC record of the fixtures', () => {
  const records = fixtureDmarcRecords();

  it('has a corpus worth comparing', () => {
    assert.ok(records.size >= 50, `only ${records.size} DMARC records in the fixtures`);
  });

  for (const [text, file] of records) {
    it(`${file}: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`, () => {
      const ours = mailzoneReads(text);
      const theirs = dmarcParseReads(text);
      const known = listed.dmarc[text];
      if (ours === theirs) {
        assert.equal(known, undefined, `listed as a difference, but both now read ${ours}`);
        return;
      }
      assert.ok(known, `Mailzone reads ${ours}, dmarc-parse ${theirs}, and the difference is not explained in mail-auth-differences.json: ${JSON.stringify(text)}`);
      assert.deepEqual({ mailzone: known.mailzone, dmarcParse: known.dmarcParse }, { mailzone: ours, dmarcParse: theirs });
    });
  }

  it('lists no difference for a record the fixtures do not have', () => {
    for (const text of Object.keys(listed.dmarc)) assert.ok(records.has(text), `${JSON.stringify(text)} is listed but in no fixture`);
  });
});
