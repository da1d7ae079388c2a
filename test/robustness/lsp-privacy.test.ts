/**
 * Privacy over the language server's real stdio: with `mailzone.dns.enabled`
 * false, or in an untrusted workspace, no DNS question leaves the process —
 * not from the live SPF diagnostics, not from the commands that resolve
 * names (lookup tree, SPF test, flatten include). The scripted server on
 * 127.0.0.1 counts what arrives, and a trusted, enabled run proves that it
 * would see the questions. `$INCLUDE` never reads outside the workspace
 * folder: not `../`, not an absolute path, not through a symbolic link. And
 * the diagnostics of the rest of a file never wait on the network.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../lsp/lspClient';
import { RCODE, startHostileDns, type HostileDns, type Question, type Reply } from './hostileDns';

const HANG = { timeout: 120_000 };

/** The top of every zone here: origin, TTL, SOA and the name server. */
const HEAD = `$ORIGIN example.com.
$TTL 300
@       IN SOA  ns1 hostmaster 2024060101 7200 3600 1209600 300
@       IN NS   ns1
ns1     IN A    192.0.2.53
`;

/** A zone whose SPF record reaches names only live DNS can answer, with a syntax error elsewhere. */
const ZONE = `${HEAD}@       IN TXT  "v=spf1 include:spf.provider.test a:mail.provider.test -all"
bad     IN A    not-an-address
`;

const provider: (q: Question) => Reply = (q) => {
  if (q.name === 'spf.provider.test' && q.type === 'TXT') return { answers: [{ name: q.name, type: 'TXT', strings: ['v=spf1 ip4:203.0.113.0/24 -all'] }] };
  if (q.name === 'mail.provider.test' && q.type === 'A') return { answers: [{ name: q.name, type: 'A', address: '203.0.113.5' }] };
  if (q.name === 'provider.test' && q.type === 'TXT') return { answers: [{ name: q.name, type: 'TXT', strings: ['v=spf1 include:spf.provider.test -all'] }] };
  return { rcode: RCODE.NXDOMAIN };
};

let dns: HostileDns;
let dir: string;

before(async () => {
  dns = await startHostileDns(provider);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-privacy-'));
});
after(async () => {
  await dns.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Polls until `test` holds (a server log line, a question at the DNS server); fails after a generous wait. */
async function until(what: string, test: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(test(), `timed out waiting for ${what}`);
}

/** Waits until the DNS server has had no new question for several polls in a row. */
async function settle(): Promise<void> {
  let last = -1;
  for (let quiet = 0; quiet < 6; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    quiet = dns.questions.length === last ? quiet + 1 : 0;
    last = dns.questions.length;
  }
}

interface Run {
  /** The `live` flag of each resolving command's answer. */
  readonly live: boolean[];
  readonly questions: readonly Question[];
}

/**
 * Opens the zone, waits for its diagnostics, and runs every command that
 * resolves names; each answers only once its lookups are done, so whatever
 * it would ask has been asked by then. Returns what the DNS server saw.
 */
async function openAndResolve(options: { settings: unknown; initializationOptions?: unknown; afterOpen?: (client: LspClient, uri: string) => Promise<void> }): Promise<Run> {
  await settle();
  dns.questions.length = 0;
  const client = await LspClient.start({ initializationOptions: options.initializationOptions });
  client.settings = options.settings;
  // The flatten command asks the editor to apply its edit; this editor declines.
  client.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
  try {
    const file = path.join(dir, 'db.example.com');
    const mark = client.diagnostics.mark();
    const uri = await client.open(file, ZONE);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.ok(published.diagnostics.some((d) => d.code === 'zone-syntax'), 'the zone was analysed');
    await options.afterOpen?.(client, uri);
    const command = <R>(name: string, args: object): Promise<R> => client.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [args] });
    const line = ZONE.split('\n').findIndex((l) => l.includes('include:'));
    const character = ZONE.split('\n')[line].indexOf('include:') + 3;
    const tree = await command<{ live: boolean }>('mailzone.showSpfTree', { uri });
    const test = await command<{ live: boolean }>('mailzone.testSpf', { uri, ip: '203.0.113.9', sender: 'someone@example.com' });
    const outside = await command<{ live: boolean }>('mailzone.testSpf', { ip: '203.0.113.9', sender: 'someone@provider.test', domain: 'provider.test' });
    // Flattening asks for the include's networks; offline it fails with an error, which is its answer.
    await command('mailzone.flattenInclude', { uri, position: { line, character }, version: 1 }).catch((error: Error) => assert.match(error.message, /live DNS is off/));
    await settle();
    return { live: [tree.live, test.live, outside.live], questions: [...dns.questions] };
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
}

describe('live DNS only when enabled and trusted', () => {
  const servers = (): string[] => [dns.address];

  it('trusted and enabled: the live diagnostics and the commands ask the configured server (the control)', HANG, async () => {
    const run = await openAndResolve({ settings: { dns: { enabled: true, servers: servers(), timeoutMs: 2000 } } });
    assert.deepEqual(run.live, [true, true, true]);
    const names = new Set(run.questions.map((q) => q.name));
    for (const name of ['spf.provider.test', 'mail.provider.test', 'provider.test']) assert.ok(names.has(name), `${name} was asked: ${[...names].join(', ')}`);
  });

  it('mailzone.dns.enabled false: no question reaches the server', HANG, async () => {
    const run = await openAndResolve({ settings: { dns: { enabled: false, servers: servers(), timeoutMs: 2000 } } });
    assert.deepEqual(run.live, [false, false, false]);
    assert.deepEqual(run.questions, []);
  });

  it('an untrusted workspace (initializationOptions {trusted: false}): no question reaches the server, whatever the settings', HANG, async () => {
    const run = await openAndResolve({ settings: { dns: { enabled: true, servers: servers(), timeoutMs: 2000 } }, initializationOptions: { trusted: false } });
    assert.deepEqual(run.live, [false, false, false]);
    assert.deepEqual(run.questions, []);
  });

  it('trust granted later (didChangeConfiguration {trusted: true}) turns live DNS on', HANG, async () => {
    const run = await openAndResolve({
      settings: { dns: { enabled: true, servers: servers(), timeoutMs: 2000 } },
      initializationOptions: { trusted: false },
      afterOpen: async (client) => {
        assert.deepEqual(dns.questions, [], 'nothing asked while untrusted');
        await client.changeConfiguration({ trusted: true });
      },
    });
    assert.deepEqual(run.live, [true, true, true]);
    assert.ok(run.questions.length > 0);
  });
});

describe('diagnostics never wait on the network', () => {
  it('the file is analysed and published, and analysed again after an edit, while a DNS question stays unanswered', HANG, async () => {
    await settle();
    dns.questions.length = 0;
    dns.answered = 0;
    dns.script = () => 'silent';
    const client = await LspClient.start();
    client.settings = { dns: { enabled: true, servers: [dns.address], timeoutMs: 3000 } };
    try {
      const file = path.join(dir, 'db.example.com');
      let mark = client.diagnostics.mark();
      const uri = await client.open(file, ZONE);
      const first = await client.nextDiagnostics(uri, () => true, mark);
      assert.ok(first.diagnostics.some((d) => d.code === 'zone-syntax' && d.range.start.line === 6), 'the syntax error on line 7');
      // The live pass has asked and is waiting for an answer that will not come.
      await until('the live pass to ask the silent server', () => dns.questions.some((q) => q.name === 'spf.provider.test'));
      assert.equal(dns.answered, 0);
      mark = client.diagnostics.mark();
      const edited = ZONE.replace('ns1     IN A    192.0.2.53', 'ns1     IN A    192.0.2.999');
      await client.change(uri, edited, 2);
      const second = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'zone-syntax' && d.range.start.line === 4), mark);
      assert.ok(second.diagnostics.some((d) => d.code === 'zone-syntax' && d.range.start.line === 6));
      assert.equal(dns.answered, 0, 'published while the question was still unanswered');
      assert.ok(!second.diagnostics.some((d) => d.code === 'spf-resolution-failed'), 'before the live pass gave up');
      // And the live pass does give up, in its own time, and says where DNS did not answer.
      const late = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-resolution-failed'), mark);
      assert.ok(late.diagnostics.some((d) => d.code === 'zone-syntax' && d.range.start.line === 4), 'the live findings join the synchronous ones');
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
      dns.script = provider;
    }
  });
});

describe('$INCLUDE stays inside the workspace folder', () => {
  it('refuses ../, an absolute path and a symbolic link out of the folder, and reads an include inside it', HANG, async () => {
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    // Outside files that would draw a finding of their own if they were read.
    const secret = 'leak    IN A    not-an-address\n';
    fs.writeFileSync(path.join(dir, 'outside.zone'), secret);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-elsewhere-'));
    const absolute = path.join(elsewhere, 'secret.zone');
    fs.writeFileSync(absolute, secret);
    fs.symlinkSync(path.join(dir, 'outside.zone'), path.join(workspace, 'link.inc'));
    fs.writeFileSync(path.join(workspace, 'hosts.inc'), 'www     IN A    not-an-address\n');
    const text = `${HEAD}$INCLUDE hosts.inc
$INCLUDE ../outside.zone
$INCLUDE ${absolute}
$INCLUDE link.inc
`;
    const client = await LspClient.start({ workspaceFolders: [workspace] });
    client.settings = { dns: { enabled: false } };
    try {
      const file = path.join(workspace, 'db.example.com');
      const mark = client.diagnostics.mark();
      const uri = await client.open(file, text);
      const own = await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
      const inside = await client.nextDiagnostics(uriOf(path.join(workspace, 'hosts.inc')), () => true, mark);
      assert.ok(inside.diagnostics.some((d) => d.code === 'zone-syntax'), 'the include inside the folder is read (the control)');
      const refused = own.diagnostics.filter((d) => /outside the workspace/.test(typeof d.message === 'string' ? d.message : ''));
      assert.deepEqual(refused.map((d) => d.range.start.line).sort(), [6, 7, 8], JSON.stringify(own.diagnostics));
      // The analysis is synchronous: had an outside file been read, its diagnostics would have been published with these.
      const published = new Set(client.diagnostics.all.map((p) => p.uri));
      for (const outside of [path.join(dir, 'outside.zone'), absolute, path.join(workspace, 'link.inc')]) assert.ok(!published.has(uriOf(outside)), `${outside} was read`);
      assert.ok(!JSON.stringify(client.diagnostics.all).includes('leak'));
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
  it('with no workspace folder open, confines includes to the document\'s own folder', HANG, async () => {
    const alone = path.join(dir, 'alone');
    fs.mkdirSync(alone, { recursive: true });
    fs.writeFileSync(path.join(dir, 'beside.zone'), 'leak    IN A    not-an-address\n');
    fs.writeFileSync(path.join(alone, 'hosts.inc'), 'www     IN A    not-an-address\n');
    const text = `${HEAD}$INCLUDE hosts.inc
$INCLUDE ../beside.zone
`;
    const client = await LspClient.start({ workspaceFolders: [] });
    client.settings = { dns: { enabled: false } };
    try {
      const mark = client.diagnostics.mark();
      const uri = await client.open(path.join(alone, 'db.example.com'), text);
      const own = await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
      const inside = await client.nextDiagnostics(uriOf(path.join(alone, 'hosts.inc')), () => true, mark);
      assert.ok(inside.diagnostics.some((d) => d.code === 'zone-syntax'), 'the include in the same folder is read (the control)');
      const refused = own.diagnostics.filter((d) => /outside the folder of db\.example\.com/.test(typeof d.message === 'string' ? d.message : ''));
      assert.deepEqual(refused.map((d) => d.range.start.line), [6], JSON.stringify(own.diagnostics));
      assert.ok(!client.diagnostics.all.some((p) => p.uri === uriOf(path.join(dir, 'beside.zone'))), 'the file beside the folder was read');
      assert.ok(!JSON.stringify(client.diagnostics.all).includes('leak'));
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });
});
