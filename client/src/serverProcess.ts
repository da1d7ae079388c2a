// The language server's processes, started by the extension itself rather
// than by languageclient: activation forks the server first, so it boots in
// its own process while the extension host loads the protocol client, which
// is not needed before the server can answer. Only Node built-ins here: this
// module is part of the small bundle VS Code loads on activation.
import { fork, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The output channel's part this module writes to (vscode.LogOutputChannel). */
export interface ServerLog {
  info(message: string): void;
  error(message: string): void;
}

/** How long a server may take to exit after the client has stopped it before it is killed (languageclient waits as long). */
const EXIT_GRACE_MS = 2000;

const DEBUG_FLAGS = /^--(?:debug|debug-brk|inspect|inspect-brk)(?:=|$)/;

/**
 * The server processes of one activation: the one forked on activation,
 * then one per restart after a crash. languageclient asks for a process each
 * time it starts; the first request gets the process forked on activation.
 */
export class ServerProcesses {
  private pending: ChildProcess | undefined;
  private readonly running = new Set<ChildProcess>();

  constructor(
    private readonly module: string,
    private readonly log: ServerLog,
  ) {}

  /** Forks the server now; the next {@link take} returns it. */
  start(): ChildProcess {
    this.pending = this.fork();
    return this.pending;
  }

  /** The process forked on activation, the first time (unless it has died meanwhile); a new one after that. */
  take(): ChildProcess {
    const pending = this.pending;
    this.pending = undefined;
    return pending && this.running.has(pending) ? pending : this.fork();
  }

  /**
   * Kills the servers running now unless they exit within a moment: called
   * when the client has asked them to exit, and on deactivation. A server
   * started afterwards (a restart) is not affected.
   */
  dispose(): void {
    for (const process of this.running) {
      setTimeout(() => {
        if (process.exitCode === null && process.signalCode === null) process.kill();
      }, EXIT_GRACE_MS).unref();
    }
  }

  private fork(): ChildProcess {
    // As languageclient starts a Node module over IPC: VS Code's own executable runs it as plain Node, and
    // the server exits with the extension host (--clientProcessId). An extension host under a debugger
    // starts the server with one too.
    const debug = process.execArgv.some((arg) => DEBUG_FLAGS.test(arg));
    const child = fork(this.module, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
      execArgv: debug ? ['--nolazy', '--inspect=6009'] : [],
      silent: true,
    });
    this.running.add(child);
    // Without a listener an 'error' (the executable could not be started) would throw in the extension host;
    // languageclient learns of it from the missing pid.
    child.on('error', (error) => {
      this.running.delete(child);
      this.log.error(`Launching the Mailzone language server failed: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      this.running.delete(child);
      if (code === 0) this.log.info('Server process exited successfully');
      else if (code !== null) this.log.error(`Server process exited with code ${code}.`);
      else this.log.error(`Server process exited with signal ${signal}.`);
    });
    // Anything the server prints outside the protocol goes to the output channel, line by line.
    if (child.stdout) eachLine(child.stdout, (line) => this.log.info(line));
    if (child.stderr) eachLine(child.stderr, (line) => this.log.error(line));
    return child;
  }
}

/** Calls `write` with each line of `stream` (the last one even without a line break); node:readline is more than this needs. */
function eachLine(stream: Readable, write: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  stream.on('end', () => {
    if (rest) write(rest);
  });
}
