/**
 * `mailzone check` in pipelines: the summary line, the exit policy
 * (--fail-on, --max-warnings), standard input, the compact format and the
 * problem matcher that reads it, --origin, and suggestions for typos.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, mailzone, mailzoneWith, root } from './cliRunner';

const PLUS_ALL = '$TTL 3600\n@ IN TXT "v=spf1 +all"\n';

describe('check, summary line', () => {
  it('counts the findings by severity and the files that have them, on stderr', () => {
    const r = mailzone('check', fixture('broken.zone'), fixture('warnings.example.zone'), fixture('example.com.zone'));
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '2 errors, 1 warning in 2 files\n');
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 3, 'stdout keeps one line per finding');
  });

  it('is printed for the compact format, not for JSON or SARIF, and not when there is nothing to report', () => {
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--format', 'compact').stderr, '1 warning in 1 file\n');
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--format', 'json').stderr, '');
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--format', 'sarif').stderr, '');
    assert.equal(mailzone('check', fixture('example.com.zone')).stderr, '');
  });
});

describe('check, exit status', () => {
  it("'v=spf1 +all' alone is a warning, so the default run exits 0 and says so", () => {
    // Receivers accept and apply '+all' (every host passes): the record works, the risk is in what it allows.
    const r = mailzoneWith({ input: PLUS_ALL }, 'check', '-', '--stdin-filename', 'example.com.zone');
    assert.equal(r.stdout, "example.com.zone:2:18 warning spf-pass-all '+all' authorizes every host on the internet to send as example.com\n");
    assert.equal(r.stderr, '1 warning in 1 file\n');
    assert.equal(r.status, 0);
  });

  it('--fail-on warning and --fail-on info fail on it; --fail-on error does not', () => {
    for (const [level, status] of [['error', 0], ['warning', 1], ['info', 1]] as const) {
      const r = mailzoneWith({ input: PLUS_ALL }, 'check', '-', '--stdin-filename', 'example.com.zone', '--fail-on', level);
      assert.equal(r.status, status, `--fail-on ${level}`);
    }
    const broken = mailzone('check', fixture('broken.zone'), '--fail-on', 'warning');
    assert.equal(broken.status, 1, 'errors are worse than warnings');
  });

  it('--fail-on info fails on an info finding alone', () => {
    const r = mailzone('check', fixture('warnings.example.zone'), '--rule', 'spf-pass-all=info', '--fail-on', 'info');
    assert.match(r.stdout, / info spf-pass-all /);
    assert.equal(r.status, 1);
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--rule', 'spf-pass-all=info', '--fail-on', 'warning').status, 0);
  });

  it('--max-warnings N fails only above N warnings, and says why', () => {
    const over = mailzone('check', fixture('warnings.example.zone'), '--max-warnings', '0');
    assert.equal(over.status, 1);
    assert.equal(over.stderr, '1 warning in 1 file\nmailzone: 1 warnings, more than --max-warnings 0\n');
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--max-warnings=1').status, 0);
    assert.match(mailzone('check', fixture('warnings.example.zone'), '--max-warnings', '-1').stderr, /--max-warnings takes a whole number/);
    assert.equal(mailzone('check', fixture('warnings.example.zone'), '--max-warnings', 'many').status, 2);
  });

  it('--fail-on refuses other levels with the nearest one', () => {
    const r = mailzone('check', fixture('warnings.example.zone'), '--fail-on', 'warnings');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fail-on must be one of error, warning, info \(got 'warnings'\) \(did you mean 'warning'\?\)/);
  });
});

describe('check, standard input', () => {
  it("'-' reads the zone from stdin, named and given its origin by --stdin-filename", () => {
    const text = fs.readFileSync(path.join(root, fixture('broken.zone')), 'utf8');
    const named = mailzoneWith({ input: text }, 'check', '-', '--stdin-filename', 'zones/broken.zone');
    const fromFile = mailzone('check', fixture('broken.zone'));
    assert.equal(named.stdout, fromFile.stdout.replaceAll(fixture('broken.zone'), 'zones/broken.zone'));
    assert.equal(named.status, 1);
  });

  it('without --stdin-filename it is reported as <stdin> and has no origin unless --origin gives one', () => {
    const bare = mailzoneWith({ input: PLUS_ALL }, 'check', '-');
    assert.match(bare.stdout, /^<stdin>:2:1 error zone-syntax owner: '@' used but no origin is known/);
    const origin = mailzoneWith({ input: PLUS_ALL }, 'check', '-', '--origin', 'example.org');
    assert.equal(origin.stdout, "<stdin>:2:18 warning spf-pass-all '+all' authorizes every host on the internet to send as example.org\n");
  });

  it('mixes with files, in the order given', () => {
    const r = mailzoneWith({ input: PLUS_ALL }, 'check', fixture('warnings.example.zone'), '-', '--stdin-filename', 'example.com.zone');
    assert.deepEqual(
      r.stdout.trim().split('\n').map((l) => l.split(':')[0]),
      [fixture('warnings.example.zone'), 'example.com.zone'],
    );
  });

  it('refuses binary input, two dashes, and --stdin-filename without a dash', () => {
    const binary = mailzoneWith({ input: '$TTL 1\n\0\0' }, 'check', '-');
    assert.equal(binary.status, 2);
    assert.match(binary.stderr, /^mailzone: <stdin>: binary input/);
    assert.match(mailzoneWith({ input: PLUS_ALL }, 'check', '-', '-').stderr, /can be given only once/);
    assert.match(mailzone('check', fixture('broken.zone'), '--stdin-filename', 'x.zone').stderr, /give '-' as the file too/);
  });
});

describe('check --origin', () => {
  it('gives the origin of a zone whose name does not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-origin-'));
    try {
      fs.writeFileSync(path.join(dir, 'primary.txt'), PLUS_ALL);
      const guessed = mailzone('check', path.join(dir, 'primary.txt'));
      assert.match(guessed.stdout, /error zone-syntax/);
      const given = mailzone('check', path.join(dir, 'primary.txt'), '--origin', 'example.net.');
      assert.match(given.stdout, /warning spf-pass-all .* to send as example\.net\n$/);
      assert.equal(mailzone('check', path.join(dir, 'primary.txt'), '-o', 'example.net').stdout, given.stdout);
      const bad = mailzone('check', path.join(dir, 'primary.txt'), '--origin', 'a..b');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--origin: 'a\.\.b' is not a domain name/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check --format compact and the $mailzone problem matcher', () => {
  const matcher = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.problemMatchers.find((m: { name: string }) => m.name === 'mailzone');

  it('prints file:line:col: severity: message [rule]', () => {
    const r = mailzone('check', fixture('broken.zone'), '--format', 'compact');
    assert.equal(
      r.stdout,
      `${fixture('broken.zone')}:2:6: error: $TTL: 'abc' is not a TTL: use seconds or units like 1h30m [zone-syntax]\n` +
        `${fixture('broken.zone')}:6:17: error: unterminated quoted string: the closing " is missing on this line [zone-syntax]\n`,
    );
    assert.equal(r.status, 1);
  });

  it('is what the contributed matcher reads: every line gives back the JSON finding', () => {
    assert.equal(matcher.owner, 'mailzone');
    const { regexp, file, line, column, severity, message, code } = matcher.pattern;
    const re = new RegExp(regexp);
    const args = [fixture('broken.zone'), fixture('warnings.example.zone'), fixture('nested'), 'examples/example.com.zone', '--rule', 'spf-pass-all=info'];
    const compact = mailzone('check', ...args, '--format', 'compact').stdout.trim().split('\n');
    const json = JSON.parse(mailzone('check', ...args, '--format', 'json').stdout);
    assert.ok(json.length >= 8, 'a run with every severity and several files');
    assert.deepEqual(new Set(json.map((f: { severity: string }) => f.severity)), new Set(['error', 'warning', 'info']));
    assert.equal(compact.length, json.length);
    for (const [i, text] of compact.entries()) {
      const m = re.exec(text);
      assert.ok(m, `the matcher reads: ${text}`);
      assert.deepEqual(
        { file: m[file], line: Number(m[line]), column: Number(m[column]), severity: m[severity], message: m[message], code: m[code] },
        { file: json[i].file, line: json[i].line, column: json[i].column, severity: json[i].severity, message: json[i].message, code: json[i].code },
      );
    }
  });

  it('is never coloured, even when asked: its readers are programs', () => {
    assert.doesNotMatch(mailzone('check', fixture('broken.zone'), '--format', 'compact', '--color', 'always').stdout, /\x1b\[/);
  });
});

describe('help and suggestions', () => {
  it('the help lists every command and every option of check, and check accepts each', () => {
    const help = mailzone('--help').stdout;
    for (const usage of ['mailzone check', 'mailzone zone print', 'mailzone spf tree', 'mailzone spf check', 'mailzone help']) assert.ok(help.includes(usage), usage);
    const options = [...mailzone('check', '--help').stdout.matchAll(/^ {2}(?:-\w, )? *(--[a-z-]+)/gm)].map((m) => m[1]);
    assert.ok(options.length >= 12, `options listed: ${options.join(' ')}`);
    for (const option of options) assert.ok(help.includes(option), `${option} in the main help`);
    // Each listed option is accepted by check (the help once listed --origin, which check refused).
    const values: Record<string, string[]> = {
      '--format': ['compact'], '--color': ['never'], '--fail-on': ['warning'], '--max-warnings': ['3'], '--origin': ['example.com'],
      '--dmarc-standard': ['rfc7489'], '--rule': ['spf-ptr=off'], '--stdin-filename': ['x.zone'],
    };
    for (const option of options) {
      if (option === '--help' || option === '--fix') continue;
      const r = mailzoneWith({ input: PLUS_ALL }, 'check', '-', option, ...(values[option] ?? []));
      assert.notEqual(r.status, 2, `${option}: ${r.stderr}`);
    }
  });

  it('unknown commands and options suggest the nearest one', () => {
    const cases: [string[], RegExp][] = [
      [['chekc', 'x'], /unknown command 'chekc' \(did you mean 'check'\?\)/],
      [['spff'], /unknown command 'spff' \(did you mean 'spf'\?\)/],
      [['zone', 'prnt', 'x'], /unknown command 'zone prnt' \(did you mean 'print'\?\)/],
      [['spf', 'tre', 'example.com'], /unknown command 'spf tre' \(did you mean 'tree'\?\)/],
      [['check', fixture('broken.zone'), '--fromat', 'json'], /unknown option '--fromat' for check \(did you mean '--format'\?\)/],
      [['check', fixture('broken.zone'), '--max-warning', '1'], /did you mean '--max-warnings'\?/],
      [['check', fixture('broken.zone'), '--fix-dryrun'], /did you mean '--fix-dry-run'\?/],
      [['check', fixture('broken.zone'), '--format', 'compat'], /did you mean 'compact'\?/],
      [['spf', 'tree', 'example.com', '--no-lve'], /unknown option '--no-lve' for spf tree \(did you mean '--no-live'\?\)/],
      [['--verison'], /unknown option '--verison' \(did you mean '--version'\?\)/],
    ];
    for (const [args, pattern] of cases) {
      const r = mailzone(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, pattern);
    }
  });

  it('a word far from every command gets the list of commands, spf among them', () => {
    const r = mailzone('frobnicate');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "mailzone: unknown command 'frobnicate'; commands are check, zone print, spf tree, spf check and probe (see mailzone --help)\n");
  });
});
