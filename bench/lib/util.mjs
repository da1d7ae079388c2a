/**
 * Shared pieces of the benchmark: statistics, the child-process registry
 * that makes sure every process the benchmark starts is stopped, and
 * logging.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TMP = path.join(ROOT, 'bench/tmp');
/**
 * The production bundles and .vsix the measurements use: copied out of dist/
 * right after `npm run package`, so a build started by anything else in the
 * working tree cannot swap them mid-run.
 */
export const BUILD = path.join(TMP, 'build');

export function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function median(values) {
  return percentile(values, 50);
}

/** Linear-interpolated percentile of `values` (0–100); undefined for none. */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export { seededRandom } from './random.cjs';

export function round(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// --- Processes -------------------------------------------------------------------------------------------------

/** Long-running children (servers, daemons, proxies), each the leader of its own process group. */
const children = new Set();
/** Other clean-up steps (network namespaces, temporary state), run once at exit. */
const cleanups = [];

/**
 * The scheduling priority the benchmark runs at (see {@link raisePriority}).
 * Linux groups each session's processes into an "autogroup" and shares the
 * CPU between groups first, so a nice value only counts inside its group:
 * the group's own nice (/proc/PID/autogroup) is set too, also for the
 * detached children, which start sessions of their own.
 */
let priority;

function autogroupNice(pid) {
  try {
    return Number(/nice (-?\d+)/.exec(fs.readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

function setAutogroupNice(pid, nice) {
  try {
    fs.writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    return false;
  }
}

/**
 * Raises the benchmark's priority so other work on the machine (test
 * suites, editors) disturbs its numbers less. Every tool compared runs at
 * the same priority. Returns a sentence for the results.
 */
export function raisePriority(nice = -10) {
  try {
    os.setPriority(0, nice);
  } catch {
    return `The benchmark ran at nice ${os.getPriority(0)} (raising the priority needs root)`;
  }
  priority = nice;
  // The autogroup is the whole session's (the shell or CI job that started the benchmark): give its nice back at exit.
  const before = autogroupNice(process.pid);
  const grouped = before !== undefined && setAutogroupNice(process.pid, nice);
  if (grouped) onCleanup(() => setAutogroupNice(process.pid, before));
  return `The benchmark and everything it started ran at nice ${nice}${grouped ? ' (process and autogroup)' : ''}`;
}

/** Starts a long-running process in a process group of its own, registered for clean-up. */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (priority !== undefined && child.pid !== undefined) setAutogroupNice(child.pid, priority);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Stops a process started with {@link startProcess}: SIGTERM to its group, SIGKILL if it lingers. */
export async function stopProcess(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function onCleanup(step) {
  cleanups.push(step);
}

let cleanedUp = false;
/** Synchronous, so it also runs from an exit handler: kill every registered group, then the other steps. */
export function cleanupAll() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of children) signalGroup(child, 'SIGKILL');
  children.clear();
  for (const step of cleanups.reverse()) {
    try {
      step();
    } catch (error) {
      log(`clean-up step failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function installExitTraps() {
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal}: stopping everything the benchmark started`);
      cleanupAll();
      process.exit(130);
    });
  }
}

/** Runs a command to completion; throws with its output when it fails (unless `allow` lists the status). */
export function run(command, args, options = {}) {
  const { allow = [0], ...rest } = options;
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...rest });
  if (result.error) throw result.error;
  if (!allow.includes(result.status)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}\n${(result.stderr ?? '').slice(-4000)}${(result.stdout ?? '').slice(-2000)}`);
  }
  return result;
}

export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin'])) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Polls `test` until it returns a truthy value, or throws after `timeoutMs`. */
export async function waitFor(test, what, timeoutMs = 15_000, intervalMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resident set size (and its peak) of a live process, in KiB, from /proc. */
export function procMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/**
 * CPU time (user + system) a live process has used so far, in milliseconds,
 * from /proc/PID/stat (fields 14 and 15, in clock ticks; Linux's USER_HZ is
 * 100 on every architecture Node runs on, whatever the kernel's own tick).
 */
export function procCpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const USER_HZ = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}
