/**
 * The main thread's side of the analysis worker, against small stand-in
 * workers: a dead worker fails the requests it held and a fresh one is sent
 * the open documents again; a superseded request is stopped through the
 * shared array while the worker is busy with it; stopping the thread ends
 * the worker and settles what was pending. And once against the real
 * worker: the server's entry point, run on a worker thread.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ToWorker } from '../../server/src/analysisProtocol';
import { AnalysisThread } from '../../server/src/analysisThread';

/** The server's entry point, compiled next to this module's subject: the real worker runs it. */
const SERVER_MAIN = path.join(__dirname, '../../server/src/main.js');

/**
 * A worker that remembers what it was sent, dies on a document named
 * `crash`, waits for its cancellation slot on one named `busy` (at most two
 * seconds), and otherwise answers at once with a finding naming the
 * documents it knows.
 */
const STAND_IN = `
const { parentPort, workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.cancel);
const open = new Set();
parentPort.on('message', (m) => {
  if (m.type === 'open') open.add(m.uri);
  if (m.type !== 'analyse') return;
  if (m.uri === 'crash') process.exit(3);
  if (m.uri === 'busy') {
    const end = Date.now() + 2000;
    while (Date.now() < end) if (Atomics.load(flags, m.id % 1024) === m.id) return parentPort.postMessage({ type: 'superseded', id: m.id });
  }
  parentPort.postMessage({ type: 'done', id: m.id, findings: [{ rule: 'open', severity: 'info', message: [...open].join(' '), span: { start: 0, end: 0 } }], incremental: false, crossZone: false });
});
`;

const request = (uri: string, version = 1) => ({ uri, version, settings: { dmarcStandard: 'rfc9989' as const }, timeoutMs: 1000 });

describe('AnalysisThread', () => {
  let dir: string;
  let script: string;
  /** The thread does not hold the process open (the server's connection does): the test holds it while it waits. */
  let alive: NodeJS.Timeout;
  before(() => {
    alive = setInterval(() => undefined, 1000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-thread-'));
    script = path.join(dir, 'worker.js');
    fs.writeFileSync(script, STAND_IN);
  });
  after(() => {
    clearInterval(alive);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails the request a dying worker held, with the cause, and starts a fresh worker with the open documents', async () => {
    const logged: string[] = [];
    let replays = 0;
    const thread = new AnalysisThread(
      {
        replay: (): ToWorker[] => {
          replays++;
          return [{ type: 'open', uri: 'a.zone', languageId: 'dns-zone', version: 1, text: '' }];
        },
        log: (m) => logged.push(m),
      },
      script,
    );
    try {
      const crashed = await thread.analyse(request('crash'));
      assert.equal(crashed.type, 'failed');
      assert.match(crashed.type === 'failed' ? crashed.error : '', /exited with code 3/);
      assert.equal(thread.restarts, 1);
      assert.match(logged.join('\n'), /analysis worker stopped .*exited with code 3/);
      const next = await thread.analyse(request('a.zone'));
      assert.equal(next.type, 'done');
      assert.equal(next.type === 'done' ? next.findings[0].message : '', 'a.zone');
      assert.equal(replays, 2);
    } finally {
      await thread.stop();
    }
  });

  it('stops a superseded request while the worker is busy with it, and leaves newer ones alone', async () => {
    const thread = new AnalysisThread({ replay: () => [], log: () => undefined }, script);
    try {
      const busy = thread.analyse(request('busy', 1));
      thread.supersede('busy', 1);
      thread.supersede('other', 5);
      thread.supersede('busy', 2);
      assert.equal((await busy).type, 'superseded');
      const current = thread.analyse(request('busy', 3));
      thread.supersede('busy', 3);
      assert.equal((await current).type, 'done', 'a request of the current version was stopped');
    } finally {
      await thread.stop();
    }
  });

  it('ends the worker when stopped, settling what was pending, and starts none after', async () => {
    const thread = new AnalysisThread({ replay: () => [], log: () => undefined }, script);
    const pending = thread.analyse(request('busy'));
    await thread.stop();
    assert.equal((await pending).type, 'superseded');
    assert.equal((await thread.analyse(request('a.zone'))).type, 'superseded');
    assert.equal(thread.restarts, 0);
  });

  it("serves analyses from the server's own entry point when that runs as the worker", async () => {
    const uri = 'file:///tmp/example.com.zone';
    const text = '$ORIGIN example.com.\n@ 3600 IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ 3600 IN TXT "v=spf1 +all"\n';
    const thread = new AnalysisThread({ replay: () => [{ type: 'open', uri, languageId: 'dns-zone', version: 1, text }], log: () => undefined }, SERVER_MAIN);
    try {
      const result = await thread.analyse({ ...request(uri), origin: 'example.com.' });
      assert.equal(result.type, 'done', JSON.stringify(result));
      if (result.type === 'done') assert.ok(result.findings.some((f) => f.rule === 'spf-pass-all'), JSON.stringify(result.findings.map((f) => f.rule)));
      assert.equal(thread.restarts, 0);
    } finally {
      await thread.stop();
    }
  });
});
