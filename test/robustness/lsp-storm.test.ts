/**
 * A storm of edits over the language server's stdio: 10,000 random full-text
 * `didChange` notifications with hover and completion requests in between
 * (and now and then a request whose handler throws). The server must not
 * crash, must answer every request, and its resident memory after the storm
 * must be within 20% of what it was after a warm-up storm. The warm-up is
 * 5,000 edits: V8 sizes its heap to the allocation rate, and on this
 * workload RSS climbs for the first few thousand edits (by about 25% from
 * 1,000 to 10,000) and then stays flat (to 40,000 edits and beyond), so a
 * short warm-up would measure V8's growth, not the server's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LspClient, root } from '../lsp/lspClient';
import { seededRandom } from '../support/random';

const HANG = { timeout: 900_000 };

/** A realistic zone: the clean fixtures, which exercise every record kind. */
const BASE = ['spf.zone', 'mail-services.zone']
  .map((name) => fs.readFileSync(path.join(root, 'test/fixtures/clean', name), 'utf8').replace(/^\$ORIGIN .*$/m, ''))
  .join('\n');

const PIECES = ['"', '(', ')', ';', '\\', '\n', ' ', 'v=spf1 ', 'include:', 'ip4:192.0.2.1', '-all', 'IN TXT ', 'p=reject; ', '$INCLUDE x.zone\n', '%{i}', 'ÿ', '\u0000', '\r\n'];

/** An edit a person (or a broken tool) might make: insert, delete or replace a little text; now and then start over. */
function edit(text: string, rnd: () => number, n: number): string {
  if (n % 97 === 0) return BASE;
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.4) return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 20));
  const piece = text.slice(Math.floor(rnd() * text.length), Math.floor(rnd() * text.length));
  return text.slice(0, at) + piece.slice(0, 200) + text.slice(at + Math.floor(rnd() * 40));
}

function positionIn(text: string, rnd: () => number): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.floor(rnd() * lines.length);
  return { line, character: Math.floor(rnd() * (lines[line].length + 1)) };
}

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, 'VmRSS in /proc/<pid>/status');
  return Number(m[1]);
}

describe('a storm of edits', () => {
  it('10,000 random didChange edits with hover and completion in between: no crash, every request answered, memory flat', HANG, async () => {
    const client = await LspClient.start();
    client.settings = { dns: { enabled: false } };
    const pid = client.process.pid!;
    const rnd = seededRandom(20240607);
    let version = 1;
    let text = BASE;
    let requests = 0;
    let answered = 0;
    const failures: string[] = [];
    try {
      const file = path.join(root, 'test/fixtures/clean/db.storm.example');
      let mark = client.diagnostics.mark();
      const uri = await client.open(file, text, version);
      await client.nextDiagnostics(uri, () => true, mark);

      const ask = async (method: string, params: object): Promise<void> => {
        requests++;
        try {
          await client.connection.sendRequest(method, params);
          answered++;
        } catch (error) {
          failures.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };

      /** A code-action request without its context: the handler throws, the server answers it empty and logs one error. */
      let thrown = 0;
      const throwing = (uri: string): Promise<void> => {
        thrown++;
        return ask('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: null });
      };

      /** `n` edits; every tenth is followed by a hover and a completion at random places, every 500th by a request that throws. */
      const storm = async (n: number): Promise<void> => {
        for (let i = 1; i <= n; i++) {
          text = edit(text, rnd, i);
          await client.change(uri, text, ++version);
          if (i % 10 === 0) {
            await Promise.all([
              ask('textDocument/hover', { textDocument: { uri }, position: positionIn(text, rnd) }),
              ask('textDocument/completion', { textDocument: { uri }, position: positionIn(text, rnd) }),
              ...(i % 500 === 0 ? [throwing(uri)] : []),
            ]);
          }
        }
        // A last, known text: its diagnostics show the server caught up with the storm.
        text = `${BASE}stormend IN A not-an-address\n`;
        mark = client.diagnostics.mark();
        await client.change(uri, text, ++version);
        const line = text.split('\n').length - 2;
        await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'zone-syntax' && d.range.start.line === line), mark);
      };

      /** Resident memory once the server is idle: the lowest of a few readings, as collection runs when it is idle. */
      const settledRss = async (): Promise<number> => {
        let low = Infinity;
        for (let i = 0; i < 10; i++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          low = Math.min(low, rssKb(pid));
        }
        return low;
      };

      await storm(5_000);
      const before = await settledRss();
      await storm(10_000);
      const after = await settledRss();

      assert.deepEqual(failures, []);
      // One error message per request that threw, and no other error at all: nothing else failed in the storm.
      const errors = client.logs.all.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]);
      assert.equal(errors.filter((m) => m.startsWith('Error while handling textDocument/codeAction')).length, thrown);
      assert.deepEqual(errors.filter((m) => !m.startsWith('Error while handling textDocument/codeAction')), []);
      assert.equal(answered, requests);
      assert.ok(requests >= 3_000, `${requests} requests`);
      assert.equal(client.process.exitCode, null, 'the server is still running');
      assert.ok(after <= before * 1.2, `VmRSS ${before} kB after the warm-up, ${after} kB after the storm`);
      console.log(`storm: ${version} versions, ${requests} requests answered, VmRSS ${before} kB → ${after} kB`);
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });
});
