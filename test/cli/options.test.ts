/**
 * Every command reads its options from one table (server/src/cli/args.ts and
 * the tables beside `spf` and `probe`): the same table parses, prints the
 * help and suggests the nearest option for a typo. These tests hold each
 * command to that, through the real `mailzone` process.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_OPTIONS, ZONE_PRINT_OPTIONS, type OptionSpec } from '../../server/src/cli/args';
import { PROBE_OPTIONS } from '../../server/src/cli/probe';
import { SPF_OPTIONS } from '../../server/src/cli/spf';
import { mailzone } from './cliRunner';

const TABLES: readonly (readonly [string, readonly string[], readonly OptionSpec[]])[] = [
  ['check', ['check'], CHECK_OPTIONS],
  ['zone print', ['zone', 'print'], ZONE_PRINT_OPTIONS],
  ['spf tree', ['spf', 'tree'], SPF_OPTIONS],
  ['spf check', ['spf', 'check'], SPF_OPTIONS],
  ['probe', ['probe'], PROBE_OPTIONS],
];

function usageError(args: readonly string[], message: string): void {
  const r = mailzone(...args);
  assert.equal(r.stderr, `mailzone: ${message}\n`, args.join(' '));
  assert.equal(r.stdout, '', args.join(' '));
  assert.equal(r.status, 2, args.join(' '));
}

describe('options', () => {
  it('the top-level help names every command and every option of every command', () => {
    const help = mailzone('--help');
    assert.equal(help.status, 0);
    for (const command of ['mailzone check', 'mailzone zone print', 'mailzone spf tree', 'mailzone spf check', 'mailzone probe', 'mailzone help']) {
      assert.ok(help.stdout.includes(command), command);
    }
    for (const [name, , options] of TABLES) {
      for (const option of options) assert.match(help.stdout, new RegExp(`--${option.name}\\b`), `${name} --${option.name}`);
    }
    assert.match(help.stdout, /--debug\b/);
  });

  it('each command answers --help and -h with its own usage and all its options', () => {
    for (const [name, words, options] of TABLES) {
      for (const flag of ['--help', '-h']) {
        // After a positional too: asking for help wins over everything else on the line.
        const r = mailzone(...words, 'example.com', flag);
        assert.equal(r.status, 0, `${name} ${flag}: ${r.stderr}`);
        assert.match(r.stdout, /^Usage:/, `${name} ${flag}`);
        assert.ok(r.stdout.includes(`mailzone ${name}`), `${name} ${flag} shows its usage line`);
        for (const option of options) assert.match(r.stdout, new RegExp(`--${option.name}\\b`), `${name} ${flag}: --${option.name}`);
      }
    }
  });

  it('mailzone help COMMAND shows that command\'s help', () => {
    for (const [command, usage] of [['check', 'mailzone check'], ['zone', 'mailzone zone print'], ['spf', 'mailzone spf tree'], ['probe', 'mailzone probe']]) {
      const r = mailzone('help', command);
      assert.equal(r.status, 0, command);
      assert.equal(r.stdout, mailzone(command, '--help').stdout, command);
      assert.ok(r.stdout.includes(usage), command);
    }
    usageError(['help', 'chekc'], "unknown command 'chekc' (did you mean 'check'?); commands are check, zone print, spf tree, spf check and probe (see mailzone --help)");
  });

  it('an unknown option is refused with the nearest one of that command, and where to look', () => {
    usageError(['check', 'examples', '--fail-onn', 'warning'], "unknown option '--fail-onn' for check (did you mean '--fail-on'?); see mailzone check --help");
    usageError(['zone', 'print', 'examples/example.com.zone', '--orign', 'x.'], "unknown option '--orign' for zone print (did you mean '--origin'?); see mailzone zone --help");
    usageError(['spf', 'tree', 'example.com', '--zoen', 'x.zone'], "unknown option '--zoen' for spf tree (did you mean '--zone'?); see mailzone spf --help");
    usageError(['spf', 'check', 'example.com', '--sendr', 'a@example.com'], "unknown option '--sendr' for spf check (did you mean '--sender'?); see mailzone spf --help");
    usageError(['probe', 'example.com', '--submision', 'smtp.example.com'], "unknown option '--submision' for probe (did you mean '--submission'?); see mailzone probe --help");
    usageError(['probe', 'example.com', '--frobnicate'], "unknown option '--frobnicate' for probe; see mailzone probe --help");
  });

  it('values: needed, refused on flags, checked against their choices; --sender alone may be empty', () => {
    usageError(['spf', 'tree', 'example.com', '--no-live=yes'], "--no-live takes no value (got 'yes')");
    usageError(['spf', 'tree', 'example.com', '--format', 'xml'], "--format must be one of text, json (got 'xml')");
    usageError(['spf', 'tree', 'example.com', '-f', 'jsno'], "-f must be one of text, json (got 'jsno') (did you mean 'json'?)");
    usageError(['spf', 'tree', 'example.com', '--timeout', 'soon'], "--timeout takes milliseconds, 1 or more (got 'soon')");
    usageError(['spf', 'check', 'example.com', '--ip', '', '--sender', ''], '--ip needs a value (IP)');
    usageError(['probe', 'example.com', '--format=text', '--timeout'], '--timeout needs a value (MS)');
    // A value-taking option followed by another option does not swallow it; `=` says the value is meant.
    usageError(['check', 'zone.db', '--origin', '--fix'], "--origin needs a value (NAME), not the option '--fix'; write --origin=--fix if that is the value");
    usageError(['spf', 'tree', 'example.com', '-f', '--no-live'], "-f needs a value (FORMAT), not the option '--no-live'; write --format=--no-live if that is the value");
    usageError(['probe', 'example.com', '--timeout', '-f'], "--timeout needs a value (MS), not the option '-f'; write --timeout=-f if that is the value");
    usageError(['probe', 'example.com', '--dns', 'not a server'], "--dns takes HOST or HOST:PORT (got 'not a server')");
    // The null sender of a bounce is an empty --sender: check_host() then checks the HELO name.
    const bounce = mailzone('spf', 'check', '--ip', '192.0.2.1', '--sender', '', '--helo', 'mail.example.com', 'example.com', '--no-live');
    assert.equal(bounce.stderr, '');
    assert.match(bounce.stdout, /^result: none$/m);
  });

  it('--debug is accepted by every command', () => {
    assert.equal(mailzone('spf', 'tree', 'example.com', '--no-live', '--debug').status, 1);
    assert.equal(mailzone('probe', '--debug', '--help').status, 0);
    assert.equal(mailzone('zone', 'print', 'test/fixtures/cli/example.com.zone', '--debug').status, 0);
  });
});
