/**
 * The benchmark's verdicts (issue 6's targets, each PASS or MISS with the
 * measured value) and the Markdown table written next to the JSON.
 */

const fmt = (value, digits = 1) => (value === undefined || value === null ? '—' : typeof value === 'number' ? value.toFixed(digits).replace(/\.0+$/, '') : String(value));
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

/** Each target of issue 6 item 3 with what this run measured. `quick` runs use the 10k zone, so zone targets get no verdict. */
export function evaluateTargets(results) {
  const targets = [];
  const add = (target, goal, measured, ok, note) => targets.push({ target, goal, measured, result: ok === undefined ? 'not measured' : verdict(ok), note });
  const quick = results.mode === 'quick';
  const zoneNote = quick ? 'quick mode: 10k zone, no verdict' : undefined;
  const zoneVerdict = (ok) => (quick ? undefined : ok);
  const big = quick ? '10k' : '100k';

  const cli = results.cli?.[big];
  if (cli) {
    const cpuNote = (ratio) => [`CPU time ratio ${fmt(ratio, 2)}×`, zoneNote].filter(Boolean).join('; ');
    add(`mailzone check vs nsd-checkzone (${big})`, 'wall-time ratio ≤ 1.0', `${fmt(cli.ratios.vsNsd, 2)}× (${fmt(cli.mailzone.wallS, 2)} s vs ${fmt(cli['nsd-checkzone'].wallS, 2)} s)`, zoneVerdict(cli.ratios.vsNsd <= 1.0), cpuNote(cli.ratios.cpuVsNsd));
    add(`mailzone check vs named-checkzone (${big})`, 'wall-time ratio ≤ 0.5', `${fmt(cli.ratios.vsNamed, 2)}× (${fmt(cli.mailzone.wallS, 2)} s vs ${fmt(cli['named-checkzone'].wallS, 2)} s)`, zoneVerdict(cli.ratios.vsNamed <= 0.5), cpuNote(cli.ratios.cpuVsNamed));
  }
  const lsp = results.lsp?.[big];
  if (lsp && !lsp.error) {
    const editNote = [`${lsp.edits.measured} of ${lsp.edits.requested} edits measured`, results.debounceMs !== undefined ? `one edit at a time, each ${lsp.edits.pauseMs ?? '?'} ms after the diagnostics of the one before: analysed at once (the ${results.debounceMs} ms debounce applies within a burst of edits)` : undefined, zoneNote].filter(Boolean).join('; ');
    const coreEdit = results.coreFeatures?.[big]?.edit;
    const coreEditNote = coreEdit ? `the core alone (re-parse and incremental re-analysis) p95 ${fmt(coreEdit.p95, 1)} ms` : undefined;
    add(`edit → diagnostics p95 (${big})`, '≤ 30 ms', `${fmt(lsp.edits.p95, 0)} ms (p50 ${fmt(lsp.edits.p50, 0)} ms)`, zoneVerdict(lsp.edits.p95 <= 30), [editNote, coreEditNote].filter(Boolean).join('; '));
    add(`didOpen → diagnostics (${big})`, '≤ 400 ms', `${fmt(lsp.openMs, 0)} ms`, zoneVerdict(lsp.openMs <= 400), zoneNote);
    for (const name of ['hover', 'completion']) {
      const served = lsp[name];
      const core = results.coreFeatures?.[big]?.[name];
      const coreText = core ? `core alone p99 ${fmt(core.p99, 2)} ms` : undefined;
      if (served?.served) {
        add(`${name} p99 (${big})`, '≤ 5 ms', `${fmt(served.p99, 2)} ms (p50 ${fmt(served.p50, 2)} ms)`, zoneVerdict(served.p99 <= 5), [`${served.measured} of ${served.requested} requests measured`, coreText, zoneNote].filter(Boolean).join('; '));
      } else {
        add(`${name} p99 (${big})`, '≤ 5 ms', `not served: the server has no ${name}Provider`, zoneVerdict(false), [coreText, zoneNote].filter(Boolean).join('; '));
      }
    }
  }
  const million = results.lsp?.['1M-open'];
  if (million) {
    if (million.failed) add('server RSS with the 1M zone open', '≤ 250 MB', `did not finish opening: ${million.failed}; RSS ${fmt(million.rssAtFailureMB, 0)} MB`, false);
    else add('server RSS with the 1M zone open', '≤ 250 MB', `${fmt(million.rssAfterOpenMB, 0)} MB (peak ${fmt(million.peakRssAfterOpenMB, 0)} MB, open ${fmt(million.openMs / 1000, 1)} s)`, million.rssAfterOpenMB <= 250);
  } else if (quick) {
    add('server RSS with the 1M zone open', '≤ 250 MB', `${fmt(lsp?.rssAfterOpenMB, 0)} MB with the 10k zone`, undefined, 'quick mode: no 1M zone');
  }
  const bundle = results.bundle;
  if (bundle) {
    add(
      'client activation (require + activate() call)',
      '≤ 20 ms',
      `${fmt(bundle.activationMs, 1)} ms (require ${fmt(bundle.requireMs, 1)} ms, activate() ${fmt(bundle.activateMs, 1)} ms)`,
      bundle.activationMs <= 20,
      bundle.protocolClientMs === undefined ? undefined : `activate() forks the server; the protocol client loads after it returns: ${fmt(bundle.protocolClientMs, 0)} ms more while the server boots`,
    );
    add('.vsix size', '≤ 500 KB', bundle.vsixKB === undefined ? `not built: ${bundle.packageError ?? 'unknown error'}` : `${fmt(bundle.vsixKB, 1)} KB`, bundle.vsixKB !== undefined && bundle.vsixKB <= 500);
  }
  const spf = results.spf;
  if (spf && !spf.error) {
    add(
      'live SPF resolution (depth 3, 8 includes, +50 ms/query)',
      `≤ (depth + 1) × RTT = ${fmt(spf.targetMs, 0)} ms`,
      `${fmt(spf.live.ms, 0)} ms: ${spf.live.dnsQueries} queries in ${spf.live.roundTrips} round trips of ${fmt(spf.rttMs, 1)} ms`,
      spf.live.ms <= spf.targetMs,
    );
    add('cached SPF resolution', '0 queries', `${spf.cached.dnsQueries} queries, ${fmt(spf.cached.ms, 1)} ms`, spf.cached.dnsQueries === 0);
  }
  return targets;
}

const table = (header, rows) => [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function renderMarkdown(results) {
  const m = results.machine;
  const out = [];
  out.push(`# Mailzone benchmark (${results.mode} run, ${results.date})`);
  out.push('');
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.os}, Linux ${m.kernel}; Node ${m.node}. ` +
      `Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${results.loadAverageAtEnd.join(' / ')} (1/5/15 min). ` +
      `Compared with ${m.tools['nsd-checkzone'] ?? 'nsd-checkzone'}, ${m.tools['named-checkzone'] ?? 'named-checkzone'}; DNS served by ${m.tools.knotd ?? 'knotd'}. ` +
      `${results.priority}. The whole run took ${fmt(results.durationS, 0)} s.`,
  );
  out.push('');
  out.push('## Targets (issue 6)');
  out.push('');
  out.push(table(['Target', 'Goal', 'Measured', 'Result', 'Notes'], results.targets.map((t) => [t.target, t.goal, t.measured, `**${t.result}**`, t.note ?? ''])));
  out.push('');

  if (results.cli) {
    out.push('## `mailzone check` against the C zone checkers');
    out.push('');
    out.push('Median wall time, CPU time (user + system) and peak RSS (GNU time `%U %S %M`) of each command on the same file, runs interleaved. Ratios are mailzone ÷ the other tool, by wall time (CPU time in brackets).');
    out.push('');
    const tool = (t) => `${fmt(t.wallS, 3)} s (CPU ${fmt(t.cpuS, 2)} s) / ${fmt(t.maxRssMB, 0)} MB`;
    const rows = Object.entries(results.cli).map(([label, c]) => {
      const z = results.zones[label];
      return [
        label,
        z.records.toLocaleString('en-US'),
        fmt(z.bytes / 1e6, 1),
        c.mailzone.runs,
        tool(c.mailzone),
        tool(c['nsd-checkzone']),
        tool(c['named-checkzone']),
        `${fmt(c.ratios.vsNsd, 2)}× (${fmt(c.ratios.cpuVsNsd, 2)}×)`,
        `${fmt(c.ratios.vsNamed, 2)}× (${fmt(c.ratios.cpuVsNamed, 2)}×)`,
        c.mailzone.findings,
      ];
    });
    out.push(table(['Zone', 'Records', 'MB', 'Runs', 'mailzone check', 'nsd-checkzone', 'named-checkzone', '÷ nsd', '÷ named', 'Findings'], rows));
    out.push('');
  }

  if (results.throughput) {
    out.push('## Parse + analyse throughput (one process, no start-up)');
    out.push('');
    out.push('`analyzeDocument` from the compiled core (`out/`), included files served from memory; median of the runs after warm-up.');
    out.push('');
    const rows = Object.entries(results.throughput).map(([label, t]) => [label, fmt(t.bytes / 1e6, 1), t.runs, `${fmt(t.analyzeMs, 0)} ms`, `${fmt(t.mbPerS, 2)} MB/s`, `${fmt(t.parseMs, 0)} ms`, `${fmt(t.parseMbPerS, 2)} MB/s`]);
    out.push(table(['Zone', 'MB', 'Runs', 'Parse + analyse', 'Throughput', 'Parse only', 'Parse throughput'], rows));
    out.push('');
    if (results.cli?.['1M'] && !results.throughput['1M']) {
      out.push('The 1M zone is not analysed in process again: its time is in the CLI table above.');
      out.push('');
    }
  }

  if (results.lsp) {
    out.push('## Language server over stdio (`node dist/server.js --stdio`)');
    out.push('');
    const rows = [];
    for (const [label, l] of Object.entries(results.lsp)) {
      if (l.error) {
        rows.push([label, `error: ${l.error}`, '', '', '', '', '']);
        continue;
      }
      if (label.endsWith('-open')) {
        rows.push([label.replace('-open', ''), l.failed ? `failed: ${l.failed}` : `${fmt(l.openMs, 0)} ms`, '—', '—', '—', l.failed ? `${fmt(l.rssAtFailureMB, 0)} MB at failure` : `${fmt(l.rssAfterOpenMB, 0)} MB (peak ${fmt(l.peakRssAfterOpenMB, 0)} MB)`, '']);
        continue;
      }
      const req = (r) => (r?.served ? `p50 ${fmt(r.p50, 2)} / p99 ${fmt(r.p99, 2)} ms (${r.measured} of ${r.requested})` : 'not served');
      rows.push([
        label,
        `${fmt(l.openMs, 0)} ms`,
        `p50 ${fmt(l.edits.p50, 0)} / p95 ${fmt(l.edits.p95, 0)} ms (${l.edits.measured} of ${l.edits.requested})`,
        req(l.hover),
        req(l.completion),
        `${fmt(l.rssAfterOpenMB, 0)} MB (peak ${fmt(l.peakRssAfterOpenMB, 0)} MB)`,
        `${l.diagnosticsAfterOpen}`,
      ]);
    }
    out.push(table(['Zone', 'didOpen → diagnostics', 'edit → diagnostics', 'hover', 'completion', 'RSS after open', 'Diagnostics'], rows));
    out.push('');
    if (results.debounceMs !== undefined) {
      const sync = Object.values(results.lsp).some((l) => l.edits?.incremental) ? 'sent as the changed range, since the server asks for incremental sync' : 'sent as the whole text (full sync)';
      out.push(`Each edit turns one SPF record's \`-all\` into \`~all\` or back (${sync}) and waits for the next publishDiagnostics, then ${Object.values(results.lsp).find((l) => l.edits?.pauseMs !== undefined)?.edits.pauseMs ?? '?'} ms more, before the next edit. The server analyses the first edit after a pause at once; edits that follow within ${results.debounceMs} ms (\`CHANGE_DEBOUNCE_MS\` in server/src/server.ts) are analysed together when the typing pauses, so a burst of typing would add up to that much.`);
    }
    out.push('');
  }

  if (results.coreFeatures) {
    out.push('## Hover, completion and edits in the core (no transport)');
    out.push('');
    const cell = (r, requests) => `p50 ${fmt(r.p50, 3)} / p99 ${fmt(r.p99, 3)} / max ${fmt(r.max, 2)} ms (${r.measured} of ${requests})`;
    const editCell = (r) => (r ? `p50 ${fmt(r.p50, 2)} / p95 ${fmt(r.p95, 2)} / max ${fmt(r.max, 1)} ms (${r.incremental} of ${r.measured} incremental)` : '—');
    const rows = Object.entries(results.coreFeatures).map(([label, f]) => [label, cell(f.hover, f.requests), cell(f.completion, f.requests), editCell(f.edit), editCell(f.typing)]);
    out.push(
      '`hover` and `complete` from the compiled core on the analysed document, at the same kind of random offsets; ' +
        "the core's part of an edit (`parseDocument` and `analyzeParsed` from the previous analysis): the language-server edit above (one character replaced), " +
        'and a character typed and deleted at the same place, which moves every record after it.',
    );
    out.push('');
    out.push(table(['Zone', 'hover', 'completion', 'edit (replace)', 'edit (type, delete)'], rows));
    out.push('');
  }

  if (results.bundle) {
    const b = results.bundle;
    out.push('## Extension bundle (production build, `npm run package`)');
    out.push('');
    out.push(table(['File', 'Size'], [...Object.entries(b.bundlesKB).map(([name, kb]) => [`dist/${name}`, `${fmt(kb, 1)} KB`]), ['mailzone.vsix', b.vsixKB === undefined ? 'not built' : `${fmt(b.vsixKB, 1)} KB`]]));
    out.push('');
    out.push(
      `Activation, as VS Code counts it (the code loading and activate() call times that its Running Extensions view adds up): \`require('dist/client.js')\` and the synchronous part of \`activate(context)\` in a fresh Node process with \`vscode\` stubbed, median of ${b.activationSamplesMs.length}: ${fmt(b.activationMs, 1)} ms ` +
        `(require ${fmt(b.requireMs, 1)} ms, activate() ${fmt(b.activateMs, 1)} ms, which forks the real server bundle: node's spawn waits for the new process to exec).` +
        (b.protocolClientMs === undefined
          ? ''
          : ` activate() hands the extension host its turn back before it loads the protocol client (dist/languageClient.js, vscode-languageclient and the client's own wiring), which the server does not need before it has booted; loading it takes ${fmt(b.protocolClientMs, 0)} ms more on the same thread, not counted above.`),
    );
    out.push('');
  }

  if (results.spf) {
    const s = results.spf;
    out.push('## Live SPF resolution');
    out.push('');
    if (s.error) out.push(`error: ${s.error}`);
    else {
      out.push(
        `The zone's SPF record includes a 3-level tree of ${s.includes} includes (${s.lookupTerms} DNS-querying terms) served by Knot on 127.0.0.1; delay: ${s.delay}. Resolved by the language server's live pass (\`resolveSpfTrees\`) with a session cache. ` +
          (s.runs
            ? `Each of ${s.runs} runs is a fresh process (cold code, empty cache) that first measures the round trip of one question through the same delay (median of 7), then resolves live, then again from the cache; the table shows the median run (live: ${s.samples.map((x) => `${fmt(x.liveMs, 0)}`).join(', ')} ms) and the median round trip. ` +
              `The goal is judged on the first, cold resolution of each process, as a server's first live pass runs; "code warm" resolves the same tree once more in the same process with a new session (nothing cached): the difference is the cost of running the code for the first time, not of round trips.`
            : ''),
      );
      out.push('');
      out.push(
        table(
          ['Run', 'Wall time', 'DNS queries', 'Sequential round trips', 'Round trip', 'Goal'],
          [
            ['live', `${fmt(s.live.ms, 0)} ms`, s.live.dnsQueries, s.live.roundTrips, `${fmt(s.rttMs, 1)} ms`, `≤ ${s.idealRoundTrips} round trips (${fmt(s.targetMs, 0)} ms)`],
            ['cached', `${fmt(s.cached.ms, 1)} ms`, s.cached.dnsQueries, 0, '—', '0 queries'],
            ...(s.warm ? [['live, code warm', `${fmt(s.warm.ms, 0)} ms`, s.warm.dnsQueries, s.warm.roundTrips, `${fmt(s.rttMs, 1)} ms`, 'information']] : []),
          ],
        ),
      );
    }
    out.push('');
  }

  if (results.profile) {
    const p = results.profile;
    out.push(`## Where \`mailzone check\` spends its time (${p.zone} zone, CPU profile)`);
    out.push('');
    out.push(`\`node --cpu-prof out/server/src/cli/main.js check\`; ${fmt(p.totalMs, 0)} ms of samples. Self time by function:`);
    out.push('');
    out.push(table(['Function', 'Where', 'Self', 'Share'], p.functions.map((f) => [`\`${f.function}\``, f.where, `${f.selfMs} ms`, `${f.percent}%`])));
    out.push('');
    out.push('By file:');
    out.push('');
    out.push(table(['File', 'Self', 'Share'], p.files.map((f) => [f.file, `${f.selfMs} ms`, `${f.percent}%`])));
    out.push('');
    if (p.inclusive) {
      out.push("The core's functions by inclusive time (their own time and everything they call):");
      out.push('');
      out.push(table(['Function', 'Where', 'Inclusive', 'Share'], p.inclusive.map((f) => [`\`${f.function}\``, f.where, `${f.selfMs} ms`, `${f.percent}%`])));
      out.push('');
    }
  }

  out.push('## Zones');
  out.push('');
  out.push('Generated by `bench/generate.mjs` (seeded, the same bytes every run): customer subdomains of example.com with A/AAAA/CNAME/MX/SRV/TXT records, 5% mail-auth TXT records (SPF, DMARC, DKIM with RSA-2048 keys as multi-line records and Ed25519 keys, MTA-STS, TLS-RPT, BIMI), `$ORIGIN` switches and `$INCLUDE`d parts.');
  out.push('');
  const rows = Object.entries(results.zones).map(([label, z]) => [label, z.records.toLocaleString('en-US'), fmt(z.bytes / 1e6, 2), z.files, z.mailAuth, z.multiLineTxt, Object.entries(z.byType).map(([t, n]) => `${t} ${n}`).join(', ')]);
  out.push(table(['Zone', 'Records', 'MB', 'Files', 'Mail-auth TXT', 'Multi-line TXT', 'By type'], rows));
  out.push('');
  if (results.errors.length) {
    out.push('## Errors');
    out.push('');
    for (const e of results.errors) out.push(`- ${e.section}: ${e.message}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
