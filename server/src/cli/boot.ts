/**
 * The `mailzone` command's first module (dist/cli.js): it loads the CLI's
 * bundle (dist/mailzone-cli.js) through V8's code cache, so that a check
 * of a small zone does not spend most of its time compiling the bundle.
 *
 * Compiling the bundle and the functions a check first calls is about half
 * of a 5-line zone's check once Node has started: V8 parses 500 KB of
 * JavaScript, and the Public Suffix List's table alone takes about 15 ms to
 * compile. The first run keeps what V8 compiled (`createCachedData` after
 * the run, so the functions the check called are in it) in a file of the
 * user's cache folder; later runs hand it back to V8, which checks it
 * against its own version and flags and falls back to compiling when it does
 * not fit. Node 22 does this itself (`NODE_COMPILE_CACHE`); Node 20, which
 * the project supports, does not.
 *
 * The cache is a file per bundle file, Node version, architecture and set of
 * V8 flags, in a folder only its user can write (a code cache is code: a file
 * another user could plant would run as this user).
 * `MAILZONE_COMPILE_CACHE=off` turns it off; `MAILZONE_COMPILE_CACHE=<folder>`
 * puts it elsewhere. Any failure to read or write it only costs the time it
 * would have saved.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const BUNDLE = path.join(__dirname, 'mailzone-cli.js');
/** Cache files are named `<PREFIX><bundle>-<flags>.bin`. */
const PREFIX = 'cli-';
/** How many sets of V8 flags keep a cache of one bundle at once. */
const FLAG_SETS = 4;

/** A short hash of a short string (FNV-1a, 32 bits), for a file name. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  // Bound: the text's length (the process's own flags).
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

interface ModuleInternals {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
}

/** The cache folder, or undefined when the cache is off or has no safe home. */
function cacheFolder(): string | undefined {
  const setting = process.env.MAILZONE_COMPILE_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  if (setting) return setting;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'mailzone') : undefined;
}

/** True when the folder is this user's own and no one else may write in it. */
function ownFolder(folder: string): boolean {
  try {
    const stat = fs.statSync(folder);
    if (!stat.isDirectory()) return false;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return false;
    return (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache whole or not at all (a rename), and drops the files of
 * other bundles (names not starting with `bundlePrefix`). The files of this
 * bundle under other flags stay, up to {@link FLAG_SETS}; past that they all
 * go, so the folder never holds more than that many files of ours.
 */
function writeCache(folder: string, file: string, bundlePrefix: string, data: Buffer): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!ownFolder(folder)) return;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    const ours = fs.readdirSync(folder).filter((name) => name.startsWith(PREFIX) && path.join(folder, name) !== file);
    const siblings = ours.filter((name) => name.startsWith(bundlePrefix));
    for (const name of ours) {
      if (!name.startsWith(bundlePrefix) || siblings.length >= FLAG_SETS) fs.rmSync(path.join(folder, name), { force: true });
    }
  } catch {
    // A read-only home or a full disk: the next run compiles again.
  }
}

function run(): void {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const folder = cacheFolder();
  // The bundle's identity by its file, not a hash of its text: loading node:crypto alone costs 15 ms, a third of
  // what the cache saves. A rebuilt or reinstalled bundle is a new file (size, time or inode differ); V8 itself
  // refuses a cache of another V8 version or flags, or of a text of another length.
  const stat = fs.statSync(BUNDLE);
  const bundleKey = `${stat.size}-${Math.trunc(stat.mtimeMs)}-${stat.ino}-${process.version}-${process.arch}`;
  // V8 refuses a cache made under other flags (`--cpu-prof`, NODE_OPTIONS' `--max-old-space-size`): runs with
  // two sets of flags taking turns would each refuse and rewrite the other's, so each set has a file of its own.
  const flagsKey = fnv1a(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`);
  const file = folder && path.join(folder, `${PREFIX}${bundleKey}-${flagsKey}.bin`);
  const cachedData = file && ownFolder(folder) ? readCache(file) : undefined;

  const internals = Module as unknown as ModuleInternals;
  const script = new vm.Script(internals.wrap(source), { filename: BUNDLE, cachedData });
  if (folder && file && (cachedData === undefined || script.cachedDataRejected)) {
    // After the run, so that the functions the command called are compiled into it.
    process.once('exit', () => writeCache(folder, file, `${PREFIX}${bundleKey}-`, script.createCachedData()));
  }
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  bundle.paths = internals._nodeModulePaths(path.dirname(BUNDLE));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
}

run();
