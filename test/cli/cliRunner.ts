/** Runs the `mailzone` command as a user does: `node bin/mailzone.js ...` from the repository root. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../../..');
export const fixtures = 'test/fixtures/cli';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function mailzone(...args: string[]): Run {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.posix.join(fixtures, ...parts);
}

export interface RunOptions {
  /** Written to the command's standard input. */
  readonly input?: string;
  readonly cwd?: string;
  /** Added to the environment (an undefined value removes the variable). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** `mailzone` with standard input, a working directory or environment of its own. */
export function mailzoneWith(options: RunOptions, ...args: string[]): Run {
  const env = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    timeout: 30_000,
    input: options.input ?? '',
    env,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
