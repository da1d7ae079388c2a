/**
 * Colour is decided by what the output is: a terminal gets it, a pipe does
 * not, NO_COLOR turns it off and --color overrides both. The terminal cases
 * run the CLI in a real pseudo-terminal with `script` (util-linux).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, mailzoneWith, root } from './cliRunner';

const ESC = /\x1b\[/;

/** Runs `mailzone ARGS` with its stdout and stderr on a pseudo-terminal; returns what the terminal showed and the exit status. */
function inTerminal(env: Record<string, string | undefined>, ...args: string[]): { screen: string; status: number | null } {
  const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, path.join(root, 'bin/mailzone.js'), ...args].map(quote).join(' ');
  const merged: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  // -e: exit with the child's status; -q: no "Script started" lines; the log goes nowhere.
  const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: merged, timeout: 30_000 });
  if (r.error) throw r.error;
  return { screen: r.stdout.replaceAll('\r\n', '\n'), status: r.status };
}

describe('check, colour', () => {
  const file = fixture('broken.zone');

  it('is on in a terminal: severities in colour, rule ids dimmed, the summary too', () => {
    const { screen, status } = inTerminal({ NO_COLOR: undefined }, 'check', file);
    assert.equal(status, 1);
    assert.match(screen, new RegExp(`^${file}:2:6 \\x1b\\[31m\\x1b\\[1merror\\x1b\\[22m\\x1b\\[39m \\x1b\\[2mzone-syntax\\x1b\\[22m \\$TTL: 'abc'`, 'm'));
    assert.match(screen, /\x1b\[31m\x1b\[1m2 errors\x1b\[22m\x1b\[39m in 1 file$/m);
  });

  it('is off in a terminal when NO_COLOR is set, or with --color=never', () => {
    for (const [env, args] of [[{ NO_COLOR: '1' }, []], [{ NO_COLOR: undefined }, ['--color=never']], [{ NO_COLOR: undefined, TERM: 'dumb' }, []]] as const) {
      const { screen, status } = inTerminal(env, 'check', file, ...args);
      assert.equal(status, 1);
      assert.match(screen, /error zone-syntax/, 'the findings are shown');
      assert.doesNotMatch(screen, ESC, JSON.stringify({ env, args }));
    }
  });

  it('--color=always wins over NO_COLOR in a terminal', () => {
    assert.match(inTerminal({ NO_COLOR: '1' }, 'check', file, '--color', 'always').screen, ESC);
  });

  it('is off in a pipe, unless --color=always', () => {
    const piped = mailzoneWith({ env: { NO_COLOR: undefined } }, 'check', file);
    assert.doesNotMatch(piped.stdout + piped.stderr, ESC);
    const forced = mailzoneWith({ env: { NO_COLOR: undefined } }, 'check', file, '--color=always');
    assert.match(forced.stdout, ESC);
    assert.match(forced.stderr, ESC);
    assert.equal(forced.stdout.replace(/\x1b\[\d+m/g, ''), piped.stdout, 'colour changes nothing but the escapes');
  });
});
