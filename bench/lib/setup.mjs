/**
 * What the benchmark needs before it measures: npm dependencies, the Debian
 * tools it compares against or serves DNS with, the bundles and the compiled
 * core — and a description of the machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILD, ROOT, log, run, which } from './util.mjs';

/** Debian package → the command that shows it is installed. */
const DEBIAN_TOOLS = {
  nsd: 'nsd-checkzone',
  'bind9-utils': 'named-checkzone',
  knot: 'knotd',
  time: 'time',
};

export function ensureNodeModules() {
  if (fs.existsSync(path.join(ROOT, 'node_modules/.package-lock.json'))) return;
  log('node_modules missing: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

export function ensureDebianTools() {
  const missing = Object.entries(DEBIAN_TOOLS)
    .filter(([, command]) => !(command === 'time' ? fs.existsSync('/usr/bin/time') : which(command)))
    .map(([pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages ${missing.join(' ')}; install them as root (apt-get install ${missing.join(' ')})`);
  log(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, allow: [0, 100] });
  if (install().status !== 0) {
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const BUNDLES = ['client.js', 'languageClient.js', 'server.js', 'cli.js', 'mailzone-cli.js'];

/** A minified production bundle carries no source map reference; a development one ends with it. */
function isProduction(file) {
  const text = fs.readFileSync(file, 'utf8');
  return !text.slice(-300).includes('sourceMappingURL');
}

/**
 * The production bundles and the .vsix, as users get them: `npm run package`,
 * then copied to {@link BUILD}. Returns the packaging outcome (the benchmark
 * reports a failure instead of stopping).
 */
export function buildPackage() {
  fs.rmSync(BUILD, { recursive: true, force: true });
  fs.mkdirSync(BUILD, { recursive: true });
  for (let attempt = 1; attempt <= 3; attempt++) {
    log('npm run package (production bundles and the .vsix)');
    const result = run('npm', ['run', 'package'], { cwd: ROOT, allow: [0, 1, 2] });
    if (result.status !== 0) {
      log(`npm run package failed (${result.status}); measuring production bundles without a .vsix`);
      run('node', ['scripts/build.mjs', '--production'], { cwd: ROOT });
      for (const name of BUNDLES) fs.copyFileSync(path.join(ROOT, 'dist', name), path.join(BUILD, name));
      return { ok: false, error: (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n') };
    }
    for (const name of BUNDLES) fs.copyFileSync(path.join(ROOT, 'dist', name), path.join(BUILD, name));
    fs.copyFileSync(path.join(ROOT, 'mailzone.vsix'), path.join(BUILD, 'mailzone.vsix'));
    // Another build in the working tree may have replaced dist/ meanwhile; then package again.
    if (BUNDLES.every((name) => isProduction(path.join(BUILD, name)))) return { ok: true };
    log('dist/ changed under the packaging (a development build ran meanwhile); packaging again');
  }
  throw new Error('could not get production bundles out of dist/: something rebuilds it continuously');
}

/** Puts the development bundles back (with source maps), as `npm run build` leaves them. */
export function restoreDevBuild() {
  log('npm run build (restoring the development bundles)');
  run('npm', ['run', 'build'], { cwd: ROOT, allow: [0, 1] });
}

/** `out/` (tsc) holds the core the in-process measurements load; recompile when a source is newer. */
export function ensureCompiled() {
  const marker = path.join(ROOT, 'out/server/src/core/service.js');
  const sources = Math.max(newestMtime(path.join(ROOT, 'server/src')), newestMtime(path.join(ROOT, 'client/src')));
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) return;
  log('npm run compile (out/ is older than the sources)');
  const result = run('npm', ['run', 'compile'], { cwd: ROOT, allow: [0, 1, 2] });
  // tsc emits even with type errors elsewhere in the tree; the benchmark only needs the core's JavaScript.
  if (result.status !== 0) log(`npm run compile reported errors (using what it emitted):\n${result.stdout.trim().split('\n').slice(0, 5).join('\n')}`);
  if (!fs.existsSync(marker)) throw new Error('npm run compile did not produce out/server/src/core/service.js');
}

function firstLine(command, args) {
  try {
    const r = run(command, args, { allow: [0, 1] });
    return `${r.stdout}${r.stderr}`.trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

export function machineInfo() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let osName = os.type();
  try {
    osName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osName;
  } catch {
    // no os-release
  }
  return {
    cpu: model,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName,
    kernel: os.release(),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    tools: {
      'nsd-checkzone': firstLine('nsd', ['-v']),
      'named-checkzone': firstLine('named-checkzone', ['-v']),
      knotd: firstLine('knotd', ['--version']),
    },
  };
}
