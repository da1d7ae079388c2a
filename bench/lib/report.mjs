/**
 * The benchmark's verdicts (issue 16's targets and issue 6's that still apply, each PASS or MISS with the
 * measured value) and the Markdown table written next to the JSON.
 */

const fmt = (value, digits = 1) => (value === undefined || value === null ? '—' : typeof value === 'number' ? value.toFixed(digits).replace(/\.0+$/, '') : String(value));
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
/** A ratio as "2.5×", or a dash when there is none (a time too short to count). */
const times = (ratio) => (ratio === undefined || ratio === null ? '—' : `${fmt(ratio, 2)}×`);

/**
 * Each target of issue 16 (and the client, package and SPF targets kept from
 * issue 6) with what this run measured. `quick` runs use 10k zones, so the
 * targets set for the 100k and 1M zones get no verdict there; the 5-line
 * zone is the same in both modes and is judged in both.
 */
export function evaluateTargets(results) {
  const targets = [];
  const add = (target, goal, measured, ok, note) => targets.push({ target, goal, measured, result: ok === undefined ? 'not measured' : verdict(ok), note });
  const quick = results.mode === 'quick';
  const zoneNote = quick ? 'quick mode: 10k zone, no verdict' : undefined;
  const zoneVerdict = (ok) => (quick ? undefined : ok);
  const notes = (...parts) => parts.filter(Boolean).join('; ');
  const secs = (s) => `${fmt(s, 2)} s`;
  const real = quick ? 'realistic-10k' : 'realistic-100k';

  const cli = results.cli?.[real];
  if (cli) {
    const mz = cli.mailzone;
    const nsd = cli['nsd-checkzone'];
    const named = cli['named-checkzone'];
    add(
      `mailzone check, realistic zone (${real})`,
      'wall ≤ 1.5× nsd-checkzone',
      `${times(cli.ratios.vsNsd)} (${secs(mz.wallS)} vs ${secs(nsd.wallS)})`,
      zoneVerdict(cli.ratios.vsNsd <= 1.5),
      notes(`CPU ${times(cli.ratios.cpuVsNsd)} nsd; peak RSS ${fmt(mz.maxRssMB, 0)} MB vs ${fmt(nsd.maxRssMB, 0)} MB; ${times(cli.ratios.vsNamed)} named-checkzone (${secs(named.wallS)}); ${mz.findings} findings`, zoneNote),
    );
  }
  const million = results.cli?.['1M'];
  if (million) {
    const mz = million.mailzone;
    const nsd = million['nsd-checkzone'];
    const rssRatio = mz.maxRssMB / nsd.maxRssMB;
    add('mailzone check, 1M zone: wall', 'wall ≤ 1.0× nsd-checkzone', `${times(million.ratios.vsNsd)} (${secs(mz.wallS)} vs ${secs(nsd.wallS)})`, million.ratios.vsNsd <= 1.0, `CPU ${times(million.ratios.cpuVsNsd)} nsd; ${times(million.ratios.vsNamed)} named-checkzone (${secs(million['named-checkzone'].wallS)})`);
    add('mailzone check, 1M zone: peak RSS', 'peak RSS ≤ 1.2× nsd-checkzone', `${fmt(rssRatio, 2)}× (${fmt(mz.maxRssMB, 0)} MB vs ${fmt(nsd.maxRssMB, 0)} MB)`, rssRatio <= 1.2, `named-checkzone ${fmt(million['named-checkzone'].maxRssMB, 0)} MB`);
  } else if (quick) {
    add('mailzone check, 1M zone', 'wall ≤ 1.0× and peak RSS ≤ 1.2× nsd-checkzone', 'quick mode: no 1M zone', undefined);
  }
  const five = results.cli?.['5-line'];
  if (five) {
    const ms = (s) => `${fmt(s * 1000, 0)} ms`;
    add(
      'mailzone check, 5-line zone (startup included)',
      '≤ 100 ms wall',
      `${ms(five.mailzone.wallS)} (CPU ${ms(five.mailzone.cpuS)})`,
      five.mailzone.wallS <= 0.1,
      notes(
        `named-checkzone ${ms(five['named-checkzone'].wallS)} (${times(five.ratios.vsNamed)}), nsd-checkzone ${ms(five['nsd-checkzone'].wallS)}`,
        five.node ? `Node with an empty program ${ms(five.node.wallS)} (CPU ${ms(five.node.cpuS)}, ${fmt(five.node.maxRssMB, 0)} MB)` : undefined,
        `median of ${five.mailzone.runs} runs`,
      ),
    );
  }

  const lspZone = results.lspZone;
  const lsp = results.lsp?.[lspZone];
  if (lsp && !lsp.error) {
    const editNote = notes(
      `${lsp.edits.measured} of ${lsp.edits.requested} edits measured`,
      results.debounceMs !== undefined ? `one edit at a time, each ${lsp.edits.pauseMs ?? '?'} ms after the diagnostics of the one before: analysed at once (the ${results.debounceMs} ms debounce applies within a burst of edits)` : undefined,
    );
    const coreEdit = results.coreFeatures?.[lspZone]?.edit;
    add(`language server, ${lspZone}: didOpen → diagnostics`, '≤ 400 ms', `${fmt(lsp.openMs, 0)} ms`, zoneVerdict(lsp.openMs <= 400), notes(lsp.openCpuMs !== undefined ? `server CPU ${fmt(lsp.openCpuMs, 0)} ms` : undefined, lsp.unfinishedOpen ? `NOT a full analysis: the first diagnostics were \`${lsp.unfinishedOpen}\`` : undefined, zoneNote));
    add(
      `language server, ${lspZone}: one-character edit → diagnostics`,
      'p95 ≤ 30 ms',
      `${fmt(lsp.edits.p95, 0)} ms (p50 ${fmt(lsp.edits.p50, 0)} ms)`,
      zoneVerdict(lsp.edits.p95 <= 30),
      notes(editNote, coreEdit ? `the core alone (re-parse and incremental re-analysis) p95 ${fmt(coreEdit.p95, 1)} ms` : undefined, zoneNote),
    );
    for (const name of ['hover', 'completion']) {
      const during = lsp.duringEdits?.[name];
      const idle = lsp[name];
      const core = results.coreFeatures?.[lspZone]?.[name];
      const idleNote = idle?.served ? `idle: p99 ${fmt(idle.p99, 2)} ms over ${idle.measured} requests` : undefined;
      if (during) {
        add(
          `language server, ${lspZone}: ${name} while an analysis runs`,
          'p99 ≤ 5 ms',
          `${fmt(during.p99, 2)} ms (p50 ${fmt(during.p50, 2)} ms)`,
          zoneVerdict(during.p99 <= 5),
          notes(`one request right after each edit, ${during.beforeDiagnostics} of ${during.measured} answered before that edit's diagnostics`, idleNote, core ? `core alone p99 ${fmt(core.p99, 2)} ms` : undefined, zoneNote),
        );
      } else {
        add(`language server, ${lspZone}: ${name} while an analysis runs`, 'p99 ≤ 5 ms', idle?.served === false ? `not served: the server has no ${name}Provider` : 'not measured', idle?.served === false ? zoneVerdict(false) : undefined, zoneNote);
      }
    }
    if (lsp.rssAfterEditsMB !== undefined) {
      const growth = lsp.rssAfterEditsMB / lsp.rssAfterOpenMB - 1;
      add(
        `language server, ${lspZone}: RSS after ${lsp.edits.measured} edits`,
        'within 10% of RSS after open',
        `${fmt(lsp.rssAfterEditsMB, 0)} MB vs ${fmt(lsp.rssAfterOpenMB, 0)} MB (${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)}%)`,
        zoneVerdict(Math.abs(growth) <= 0.1 && lsp.edits.measured >= 100),
        notes(lsp.edits.measured < 100 ? `only ${lsp.edits.measured} of the 100 edits the target asks for` : undefined, zoneNote),
      );
    }
  }
  const bigOpen = results.lsp?.['1M-open'];
  if (bigOpen) {
    if (bigOpen.failed) {
      add('language server, 1M zone: RSS with it open', '≤ 250 MB', `did not finish opening: ${bigOpen.failed}; RSS ${fmt(bigOpen.rssAtFailureMB, 0)} MB`, false);
      add('language server, 1M zone: didOpen → diagnostics', '≤ 4 s', `did not finish opening: ${bigOpen.failed}`, false);
    } else {
      add('language server, 1M zone: RSS with it open', '≤ 250 MB', `${fmt(bigOpen.rssAfterOpenMB, 0)} MB (peak ${fmt(bigOpen.peakRssAfterOpenMB, 0)} MB)`, bigOpen.rssAfterOpenMB <= 250);
      add('language server, 1M zone: didOpen → diagnostics', '≤ 4 s', `${fmt(bigOpen.openMs / 1000, 1)} s`, bigOpen.openMs <= 4000, notes(bigOpen.openCpuMs !== undefined ? `server CPU ${fmt(bigOpen.openCpuMs / 1000, 1)} s` : undefined, bigOpen.unfinishedOpen ? `the first diagnostics were \`${bigOpen.unfinishedOpen}\`: the analysis did not finish` : undefined));
    }
  } else if (quick) {
    add('language server, 1M zone', 'RSS ≤ 250 MB, didOpen ≤ 4 s', `${fmt(lsp?.rssAfterOpenMB, 0)} MB with the ${lspZone} zone`, undefined, 'quick mode: no 1M zone');
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

/** A zone's row name: its size and, for the generated zones, which profile (the realistic zone is the headline). */
function zoneName(results, label) {
  const profile = results.zones?.[label]?.profile;
  if (profile === 'realistic') return `${label.replace(/^realistic-/, '')} realistic`;
  if (profile === 'stress') return `${label} stress`;
  return label;
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
      `${results.priority}. The whole run took ${fmt(results.durationS, 0)} s.` +
      (m.startupEnvRemoved?.length ? ` The environment set ${m.startupEnvRemoved.join(' and ')}, which costs every Node process work at start-up; the timed \`check\` runs went without.` : ''),
  );
  out.push('');
  out.push('## Targets (issue 16; client activation, package size and SPF resolution from issue 6)');
  out.push('');
  out.push(table(['Target', 'Goal', 'Measured', 'Result', 'Notes'], results.targets.map((t) => [t.target, t.goal, t.measured, `**${t.result}**`, t.note ?? ''])));
  out.push('');

  if (results.cli) {
    out.push('## `mailzone check` against the C zone checkers');
    out.push('');
    out.push('Median wall time, CPU time (user + system) and peak RSS (GNU time `%U %S %M`) of each command on the same file, runs interleaved. Ratios are mailzone ÷ the other tool, by wall time (CPU time in brackets). The realistic zone is the headline; the stress zones keep many mistakes, so most rules find something; `5-line` measures starting up.');
    out.push('');
    const tool = (t) => `${fmt(t.wallS, 3)} s (CPU ${fmt(t.cpuS, 2)} s) / ${fmt(t.maxRssMB, 0)} MB`;
    const rows = Object.entries(results.cli).map(([label, c]) => {
      const z = results.zones[label];
      return [
        zoneName(results, label),
        z.records.toLocaleString('en-US'),
        fmt(z.bytes / 1e6, 1),
        c.mailzone.runs,
        tool(c.mailzone),
        tool(c['nsd-checkzone']),
        tool(c['named-checkzone']),
        `${times(c.ratios.vsNsd)} (${times(c.ratios.cpuVsNsd)})`,
        `${times(c.ratios.vsNamed)} (${times(c.ratios.cpuVsNamed)})`,
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
    const rows = Object.entries(results.throughput).map(([label, t]) => [zoneName(results, label), fmt(t.bytes / 1e6, 1), t.runs, `${fmt(t.analyzeMs, 0)} ms`, `${fmt(t.mbPerS, 2)} MB/s`, `${fmt(t.parseMs, 0)} ms`, `${fmt(t.parseMbPerS, 2)} MB/s`]);
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
        rows.push([zoneName(results, label.replace(/-open$/, '')), `error: ${l.error}`, '', '', '', '', '', '']);
        continue;
      }
      if (label.endsWith('-open')) {
        rows.push([zoneName(results, label.replace(/-open$/, '')), l.failed ? `failed: ${l.failed}` : `${fmt(l.openMs, 0)} ms${l.openCpuMs !== undefined ? ` (CPU ${fmt(l.openCpuMs, 0)} ms)` : ''}`, '—', '—', '—', l.failed ? `${fmt(l.rssAtFailureMB, 0)} MB at failure` : `${fmt(l.rssAfterOpenMB, 0)} MB (peak ${fmt(l.peakRssAfterOpenMB, 0)} MB)`, '—', '']);
        continue;
      }
      const req = (r) => (r?.served ? `p50 ${fmt(r.p50, 2)} / p99 ${fmt(r.p99, 2)} ms (${r.measured} of ${r.requested})` : 'not served');
      const during = (r) => (r ? `p50 ${fmt(r.p50, 2)} / p99 ${fmt(r.p99, 2)} ms (${r.beforeDiagnostics} of ${r.measured} before the diagnostics)` : '—');
      rows.push([
        zoneName(results, label),
        `${fmt(l.openMs, 0)} ms${l.openCpuMs !== undefined ? ` (CPU ${fmt(l.openCpuMs, 0)} ms)` : ''}`,
        `p50 ${fmt(l.edits.p50, 0)} / p95 ${fmt(l.edits.p95, 0)} ms (${l.edits.measured} of ${l.edits.requested})`,
        `${during(l.duringEdits?.hover)}; idle ${req(l.hover)}`,
        `${during(l.duringEdits?.completion)}; idle ${req(l.completion)}`,
        `${fmt(l.rssAfterOpenMB, 0)} MB (peak ${fmt(l.peakRssAfterOpenMB, 0)} MB)`,
        l.rssAfterEditsMB === undefined ? '—' : `${fmt(l.rssAfterEditsMB, 0)} MB (peak ${fmt(l.peakRssAfterEditsMB, 0)} MB)`,
        `${l.diagnosticsAfterOpen}`,
      ]);
    }
    out.push(table(['Zone', 'didOpen → diagnostics', 'edit → diagnostics', 'hover: right after an edit; idle', 'completion: right after an edit; idle', 'RSS after open', 'RSS after the edits', 'Diagnostics'], rows));
    out.push('');
    if (results.debounceMs !== undefined) {
      const sync = Object.values(results.lsp).some((l) => l.edits?.incremental) ? 'sent as the changed range, since the server asks for incremental sync' : 'sent as the whole text (full sync)';
      out.push(`Each edit turns one SPF record's \`-all\` into \`~all\` or back (${sync}) and waits for the next publishDiagnostics, then ${Object.values(results.lsp).find((l) => l.edits?.pauseMs !== undefined)?.edits.pauseMs ?? '?'} ms more, before the next edit. The server analyses the first edit after a pause at once; edits that follow within ${results.debounceMs} ms (the server's \`CHANGE_DEBOUNCE_MS\`) are analysed together when the typing pauses, so a burst of typing would add up to that much. Right behind each edit the benchmark sends one hover and one completion request at random places, while the server analyses the edit ("right after an edit"; the count says how many were answered before that edit's diagnostics came); the idle figures are requests one after another with nothing to analyse. RSS after the edits is read once the last edit's diagnostics have come.`);
    }
    out.push('');
  }

  if (results.coreFeatures) {
    out.push('## Hover, completion and edits in the core (no transport)');
    out.push('');
    const cell = (r, requests) => `p50 ${fmt(r.p50, 3)} / p99 ${fmt(r.p99, 3)} / max ${fmt(r.max, 2)} ms (${r.measured} of ${requests})`;
    const editCell = (r) => (r ? `p50 ${fmt(r.p50, 2)} / p95 ${fmt(r.p95, 2)} / max ${fmt(r.max, 1)} ms (${r.incremental} of ${r.measured} incremental)` : '—');
    const rows = Object.entries(results.coreFeatures).map(([label, f]) => [zoneName(results, label), cell(f.hover, f.requests), cell(f.completion, f.requests), editCell(f.edit), editCell(f.typing)]);
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
  out.push(
    'Generated by `bench/generate.mjs` (seeded, the same bytes every run): customer subdomains of example.com with A/AAAA/CNAME/MX/SRV/TXT records, mail-auth TXT records (SPF, DMARC, DKIM with RSA-2048 keys as multi-line records and Ed25519 keys, MTA-STS, TLS-RPT, BIMI), `$ORIGIN` switches and `$INCLUDE`d parts. ' +
      'The stress zones (plain sizes) make 5% of their records mail-auth TXT records and keep the mistakes people make, so most rules find something. ' +
      'The realistic zone is a provider that keeps its zone in order: real DKIM public keys (`bench/dkim-keys.json`), SPF on every name with an MX record and on the MX hosts, includes that resolve in the zone, enforcing DMARC (2% of customers monitor with `p=none`), MTA-STS always with its policy host and TLS-RPT, at most two verification tokens per name. ' +
      'The 5-line zone is SOA, NS, MX, the host\'s address and SPF.',
  );
  out.push('');
  const rows = Object.entries(results.zones).map(([label, z]) => [zoneName(results, label), z.records.toLocaleString('en-US'), fmt(z.bytes / 1e6, 2), z.files, z.mailAuth, z.multiLineTxt, Object.entries(z.byType).map(([t, n]) => `${t} ${n}`).join(', ')]);
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
