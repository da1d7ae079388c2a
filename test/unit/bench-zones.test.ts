/**
 * The benchmark's own pieces: the two zone profiles of bench/generate.mjs
 * (the realistic zone is clean and carries real keys, the stress zone finds
 * something for many rules) and the verdicts of bench/lib/report.mjs (a
 * missed target says MISS with the measured numbers). Timings are never
 * asserted here; only the benchmark measures them.
 */
import * as assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzeDocument } from '../../server/src/core/service';

const root = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-bench-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface ZoneStats {
  records: number;
  files: { name: string }[];
  mailByKind: Record<string, number>;
}
interface Generator {
  generateZone(records: number, dir: string, seed: number, profile: string): ZoneStats;
  MAIN_FILE: string;
}
interface Target {
  target: string;
  measured: string;
  result: string;
  note?: string;
}
interface Report {
  evaluateTargets(results: unknown): Target[];
}

// The benchmark is ES modules; a dynamic import by URL keeps the compiled CommonJS test from rewriting it to require().
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(root, file)).href) as Promise<T>;

/** The zone generated in `profile`, analysed by the core with its included files read from disk; made once per size and profile. */
const made = new Map<string, ReturnType<typeof generateAndAnalyse>>();
function analysed(records: number, profile: string): ReturnType<typeof generateAndAnalyse> {
  const key = `${profile}-${records}`;
  let result = made.get(key);
  if (!result) made.set(key, (result = generateAndAnalyse(records, profile)));
  return result;
}

async function generateAndAnalyse(records: number, profile: string) {
  const generator = await load<Generator>('bench/generate.mjs');
  const dir = path.join(tmp, `${profile}-${records}`);
  const stats = generator.generateZone(records, dir, records, profile);
  const file = path.join(dir, generator.MAIN_FILE);
  const reader = {
    resolve: (from: string, target: string) => path.resolve(path.dirname(from), target),
    read: (p: string) => (fs.existsSync(p) ? { text: fs.readFileSync(p, 'utf8') } : { error: `${p}: no such file` }),
  };
  const analysis = analyzeDocument({ text: fs.readFileSync(file, 'utf8'), file, origin: 'example.com.', reader }, { dmarcStandard: 'rfc9989', severities: {} });
  const texts = stats.files.map((f) => fs.readFileSync(path.join(dir, f.name), 'utf8'));
  return { stats, analysis, texts };
}

/** The p= values of the DKIM records in zone file texts: the record's quoted strings joined, as a verifier reads them. */
function dkimKeys(texts: readonly string[]): string[] {
  const keys: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/_domainkey\S*\s+(?:\S+\s+)?(?:IN\s+)?TXT\s+(\([^)]*\)|"[^"\n]*")/g)) {
      const value = [...m[1].matchAll(/"([^"]*)"/g)].map((s) => s[1]).join('');
      const p = /(?:^|;)\s*p=([^;\s]*)/.exec(value);
      if (p) keys.push(p[1]);
    }
  }
  return keys;
}

describe('bench/generate.mjs', () => {
  it('the realistic profile gives exactly the records asked for, with real DKIM keys of real size', async () => {
    const { stats, texts } = await analysed(3000, 'realistic');
    assert.equal(stats.records, 3000);
    const keys = dkimKeys(texts);
    assert.equal(keys.length, stats.mailByKind.dkim);
    assert.ok(keys.length > 50, `only ${keys.length} DKIM records`);
    for (const key of keys) {
      const der = Buffer.from(key, 'base64');
      if (der.length === 32) {
        // RFC 8463: the raw Ed25519 key; as SubjectPublicKeyInfo it is a fixed 12-octet header and the key.
        const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), der]);
        assert.equal(createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType, 'ed25519');
      } else {
        const parsed = createPublicKey({ key: der, format: 'der', type: 'spki' });
        assert.equal(parsed.asymmetricKeyType, 'rsa');
        assert.equal(parsed.asymmetricKeyDetails?.modulusLength, 2048);
      }
    }
  });

  it('in the realistic zone every name that receives mail and every MX host has an SPF record', async () => {
    const { analysis } = await analysed(3000, 'realistic');
    const spfAt = new Set(analysis.zone.records.filter((r) => r.type === 'TXT' && r.txt?.text.startsWith('v=spf1 ')).map((r) => r.owner));
    const mx = analysis.zone.records.filter((r) => r.type === 'MX');
    assert.ok(mx.length > 100, `only ${mx.length} MX records`);
    const receivers = new Set(mx.map((r) => r.owner));
    const hosts = new Set(mx.map((r) => r.targets?.[0] ?? '(none)'));
    assert.deepEqual([...receivers].filter((name) => !spfAt.has(name)), []);
    assert.deepEqual([...hosts].filter((name) => !spfAt.has(name)), []);
    // The includes resolve: every include target is a name of the zone with an SPF record.
    const includes = new Set(analysis.zone.records.flatMap((r) => (r.type === 'TXT' ? [...(r.txt?.text ?? '').matchAll(/\binclude:(\S+)/g)].map((m) => `${m[1]}.`) : [])));
    assert.ok(includes.size > 0);
    assert.deepEqual([...includes].filter((name) => !spfAt.has(name)), []);
  });

  it('the realistic zone is one a careful provider keeps: only the few customers who monitor with p=none are reported', async () => {
    const { analysis } = await analysed(3000, 'realistic');
    const rules = new Set(analysis.findings.map((f) => f.rule));
    assert.deepEqual([...rules].filter((r) => r !== 'dmarc-p-none'), [], analysis.findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
    assert.ok(analysis.findings.length <= 5, `${analysis.findings.length} findings`);
  });

  it('the stress zone of the same size keeps many kinds of mistakes', async () => {
    const { stats, analysis } = await analysed(3000, 'stress');
    assert.equal(stats.records, 3000);
    const rules = new Set(analysis.findings.map((f) => f.rule));
    assert.ok(rules.size >= 4, `only ${[...rules].join(', ')}`);
  });

  it('a profile it does not know is refused', async () => {
    const generator = await load<Generator>('bench/generate.mjs');
    assert.throws(() => generator.generateZone(10, path.join(tmp, 'unknown'), 10, 'tidy'), /unknown zone profile/);
  });
});

describe('bench/lib/report.mjs', () => {
  const tool = (wallS: number, cpuS: number, maxRssMB: number) => ({ runs: 5, wallS, cpuS, maxRssMB });
  const cli = (mz: ReturnType<typeof tool>, nsd: ReturnType<typeof tool>, named: ReturnType<typeof tool>) => ({
    mailzone: { ...mz, findings: 3 },
    'nsd-checkzone': nsd,
    'named-checkzone': named,
    ratios: { vsNsd: mz.wallS / nsd.wallS, vsNamed: mz.wallS / named.wallS, cpuVsNsd: mz.cpuS / nsd.cpuS, cpuVsNamed: mz.cpuS / named.cpuS },
  });
  const lsp = {
    openMs: 1500,
    openCpuMs: 1700,
    rssAfterOpenMB: 200,
    rssAfterEditsMB: 260,
    edits: { requested: 100, measured: 100, pauseMs: 250, p50: 40, p95: 56 },
    duringEdits: { hover: { measured: 100, beforeDiagnostics: 0, p50: 40, p99: 60 }, completion: { measured: 100, beforeDiagnostics: 100, p50: 1, p99: 3 } },
    hover: { served: true, measured: 1000, p99: 2 },
    completion: { served: true, measured: 1000, p99: 2 },
  };
  const full = {
    mode: 'full',
    lspZone: 'realistic-100k',
    debounceMs: 200,
    cli: {
      '5-line': { ...cli(tool(0.08, 0.07, 50), tool(0.01, 0.01, 5), tool(0.03, 0.02, 12)), node: tool(0.04, 0.03, 40) },
      'realistic-100k': cli(tool(0.6, 0.7, 120), tool(0.3, 0.28, 31), tool(0.5, 0.45, 36)),
      '1M': cli(tool(2.5, 2.4, 300), tool(2.6, 2.6, 261), tool(4.4, 4.3, 239)),
    },
    lsp: { 'realistic-100k': lsp, '1M-open': { openMs: 3900, rssAfterOpenMB: 240, peakRssAfterOpenMB: 250 } },
  };
  const byName = (targets: Target[], text: string) => {
    const found = targets.find((t) => t.target.includes(text));
    assert.ok(found, `no target ${text} in ${targets.map((t) => t.target).join(' | ')}`);
    return found;
  };

  it("judges each of the issue's targets and shows a miss with the measured numbers", async () => {
    const { evaluateTargets } = await load<Report>('bench/lib/report.mjs');
    const targets = evaluateTargets(full);
    const realistic = byName(targets, 'realistic zone (realistic-100k)');
    assert.equal(realistic.result, 'MISS');
    assert.match(realistic.measured, /^2× \(0\.60 s vs 0\.30 s\)$/);
    assert.equal(byName(targets, '1M zone: wall').result, 'PASS');
    const rss = byName(targets, '1M zone: peak RSS');
    assert.equal(rss.result, 'PASS');
    assert.match(rss.measured, /300 MB vs 261 MB/);
    const five = byName(targets, '5-line');
    assert.equal(five.result, 'PASS');
    assert.match(five.note ?? '', /named-checkzone 30 ms .*Node with an empty program 40 ms/);
    assert.equal(byName(targets, 'didOpen → diagnostics').result, 'MISS');
    assert.equal(byName(targets, 'edit → diagnostics').result, 'MISS');
    const hover = byName(targets, 'hover while an analysis runs');
    assert.equal(hover.result, 'MISS');
    assert.match(hover.measured, /^60 ms/);
    assert.equal(byName(targets, 'completion while an analysis runs').result, 'PASS');
    const growth = byName(targets, 'RSS after 100 edits');
    assert.equal(growth.result, 'MISS');
    assert.match(growth.measured, /260 MB vs 200 MB \(\+30%\)/);
    assert.equal(byName(targets, '1M zone: RSS with it open').result, 'PASS');
    assert.equal(byName(targets, '1M zone: didOpen').result, 'PASS');
  });

  it('a quick run judges only the 5-line zone, whose target does not depend on the zone sizes', async () => {
    const { evaluateTargets } = await load<Report>('bench/lib/report.mjs');
    const quick = {
      ...full,
      mode: 'quick',
      lspZone: 'realistic-10k',
      cli: { '5-line': cli(tool(0.15, 0.12, 50), tool(0.01, 0.01, 5), tool(0.03, 0.02, 12)), 'realistic-10k': full.cli['realistic-100k'] },
      lsp: { 'realistic-10k': lsp },
    };
    const targets = evaluateTargets(quick);
    assert.equal(byName(targets, '5-line').result, 'MISS');
    assert.equal(byName(targets, 'realistic zone (realistic-10k)').result, 'not measured');
    assert.equal(byName(targets, 'hover while an analysis runs').result, 'not measured');
    assert.equal(byName(targets, '1M zone').result, 'not measured');
  });
});
