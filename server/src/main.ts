/**
 * The language server's entry point, for VS Code (which starts it with
 * `--node-ipc`) and for any other editor (`--stdio`, `--socket=PORT`,
 * `--pipe=NAME`). vscode-languageserver picks the transport from argv.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serveAnalyses } from './analysisWorker';
import { startServer } from './server';
import { settingDefinitions } from './settings';
import { version } from './version';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/**
 * How far, in percent, V8 lets each thread's heap grow past what its last
 * full collection kept before it collects again. By its own measure V8 lets
 * a heap grow up to fourfold; an editor's server makes a new model and a new
 * 5–10 MB text on each thread for every edit of a large zone, almost all of
 * it garbage by the next edit, so the process grew from 392 MB after opening
 * the benchmark's 100k-record zone to 1006 MB after 100 edits (medians of
 * three runs), while a full collection found about 145 MB alive on the main
 * thread and 45–120 MB on the worker. Collecting at 30% growth held it at
 * 483 MB (ARCHITECTURE.md, "Memory after edits").
 */
const HEAP_GROWING_PERCENT = 30;

function usage(): string {
  const settings = settingDefinitions()
    .filter((s) => !s.key.startsWith('rules.') && s.key !== 'trace.server')
    .map((s) => `  mailzone.${s.key} (default ${JSON.stringify(s.default)})\n      ${s.description}`);
  return [
    'Usage: mailzone-language-server --stdio',
    '',
    'The Mailzone language server: diagnostics and quick fixes for SPF, DKIM, DMARC,',
    'MTA-STS, TLS-RPT and BIMI records in DNS zone files, over the Language Server Protocol.',
    '',
    'Transports (one is required):',
    '  --stdio            speak LSP on standard input and output (what most editors use)',
    '  --node-ipc         Node IPC, as the VS Code extension starts it',
    '  --socket=PORT      connect to a socket on PORT',
    '  --pipe=NAME        connect to a named pipe',
    '',
    'Other options:',
    '  --version          print the version and exit',
    '  --help             print this help and exit',
    '',
    'Settings are read from the "mailzone" section (workspace/configuration, or',
    'workspace/didChangeConfiguration for clients without it):',
    ...settings,
    '  mailzone.rules.<rule-id> (default: the rule\'s own severity)\n      "off", "info", "warning" or "error": change a rule\'s severity or turn it off.',
    '',
    'Initialization options: {"trusted": false} turns live DNS lookups off;',
    '{"statusNotification": true} sends a mailzone/status notification (origin, records,',
    'findings, analysis state) for each analysis of a zone.',
  ].join('\n');
}

function main(argv: readonly string[]): void {
  if (argv.includes('--version')) {
    process.stdout.write(`${version}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  if (!argv.some((arg) => TRANSPORTS.includes(arg.split('=')[0]))) {
    process.stderr.write('mailzone-language-server: no transport given; use --stdio (see --help)\n');
    process.exitCode = 2;
    return;
  }
  // Set before the first document arrives; V8's flags are the process's, so the worker thread has it too.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // The analysis worker runs this same file (see analysisThread.ts).
  startServer(createConnection(ProposedFeatures.all), __filename);
}

if (isMainThread) main(process.argv.slice(2));
else serveAnalyses();
