/**
 * Differential test against BIND's own zone-file parser. For every zone in
 * test/fixtures/zones/, `mailzone zone print` must print the same records as
 * `named-checkzone -D -o - ORIGIN FILE` once both are normalised, and the
 * files named-checkzone rejects must be exactly those where Mailzone reports
 * an error that stops a zone from loading.
 *
 * The origin comes from a `; mailzone-test: origin=NAME` header, else from the
 * file name (`example.org.zone` is example.org.). Files named `bad-*.zone`
 * are broken on purpose, each with one kind of error; all others must load.
 * named-checkzone runs in the zone's folder, because BIND reads `$INCLUDE`
 * paths relative to its working directory; the corpus places includes so that
 * this and Mailzone's "relative to the including file" agree.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import { diskReader } from '../support/fixture';
import { normalise, records } from './normalise';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/zones');

/** Rules whose errors BIND refuses to load a zone for: syntax, over-long strings, CNAME beside other data. */
const LOAD_ERRORS: ReadonlySet<string> = new Set(['zone-syntax', 'txt-string-too-long', 'cname-conflict']);

/** The corpus must keep at least this many zones that load, and this many broken ones. */
const MIN_LOADING = 30;
const MIN_BROKEN = 10;

const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.zone')).sort();
const isBroken = (name: string): boolean => name.startsWith('bad-');

function originOf(name: string, text: string): string {
  const header = /^; mailzone-test:.*\borigin=(\S+)/m.exec(text)?.[1] ?? name.replace(/\.zone$/, '');
  return header.endsWith('.') ? header : `${header}.`;
}

interface Named {
  readonly loaded: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function namedCheckzone(file: string, origin: string): Named {
  const r = spawnSync('named-checkzone', ['-D', '-o', '-', origin, path.basename(file)], { cwd: path.dirname(file), encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`cannot run named-checkzone (Debian package bind9-utils): ${r.error.message}`);
  return { loaded: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

function mailzonePrint(file: string, origin: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), 'zone', 'print', path.relative(root, file), '--origin', origin], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The error findings that would stop the zone from loading, as `rule: message`. */
function loadErrors(file: string, text: string, origin: string): string[] {
  const { findings } = analyzeDocument({ text, file, origin, reader: diskReader }, { dmarcStandard: 'rfc9989' });
  return findings.filter((f) => f.severity === 'error' && LOAD_ERRORS.has(f.rule)).map((f) => `${f.rule}: ${f.message}`);
}

// ---- the test -------------------------------------------------------------

describe('named-checkzone differential', () => {
  it(`the corpus has at least ${MIN_LOADING} zones that load and ${MIN_BROKEN} broken ones`, () => {
    assert.ok(files.filter((f) => !isBroken(f)).length >= MIN_LOADING, `fewer than ${MIN_LOADING} loading zones in ${corpus}`);
    assert.ok(files.filter(isBroken).length >= MIN_BROKEN, `fewer than ${MIN_BROKEN} bad-*.zone files in ${corpus}`);
  });

  it('normalisation joins BIND\'s chunked blobs and lower-cases only names', () => {
    assert.equal(
      normalise('A.Example.com.\t300 IN DS\t1 8 2 ABCD EF01'),
      'a.example.com. 300 IN DS 1 8 2 ABCDEF01',
    );
    assert.equal(normalise('x.  60 IN MX 10 Mail.Example.COM.'), 'x. 60 IN MX 10 mail.example.com.');
    assert.equal(normalise('x. 60 IN TXT "Keep  Case" "b\\"c d"'), 'x. 60 IN TXT "Keep  Case" "b\\"c d"');
  });

  for (const name of files) {
    it(name, () => {
      const file = path.join(corpus, name);
      const text = fs.readFileSync(file, 'utf8');
      const origin = originOf(name, text);
      const named = namedCheckzone(file, origin);
      if (isBroken(name)) assert.ok(!named.loaded, `${name} is meant to be broken, but named-checkzone loads it`);
      else assert.ok(named.loaded, `named-checkzone rejects ${name}:\n${named.stdout}${named.stderr}`);

      const errors = loadErrors(file, text, origin);
      assert.equal(
        errors.length > 0,
        !named.loaded,
        named.loaded
          ? `named-checkzone loads ${name}, but Mailzone reports:\n  ${errors.join('\n  ')}`
          : `named-checkzone rejects ${name} (${named.stderr.trim().split('\n')[0]}), but Mailzone reports no error that stops loading`,
      );

      const printed = mailzonePrint(file, origin);
      const syntax = errors.some((e) => e.startsWith('zone-syntax:'));
      assert.equal(printed.status, syntax ? 1 : 0, `mailzone zone print exit status for ${name}:\n${printed.stderr}`);
      if (named.loaded) assert.deepEqual(records(printed.stdout), records(named.stdout));
    });
  }
});
