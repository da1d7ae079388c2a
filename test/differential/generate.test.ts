/**
 * `$GENERATE` against BIND 9.18's `named-checkzone`, one directive at a time
 * so that a difference names its line: every `$GENERATE` of
 * test/fixtures/zones/generate-formats.zone (each base with negative, zero
 * and positive offsets and with widths below and above the number's
 * length, over ranges with steps, and the odd numbers BIND's sscanf
 * accepts), a table of directives BIND refuses, and seeded random
 * directives built from the same parts. For each, either both load it and
 * print the same records, or BIND refuses it and Mailzone reports a
 * zone-syntax problem. The whole fixture also goes through the corpus test
 * (named-checkzone.test.ts) with `mailzone zone print`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseZone } from '../../server/src/core/zone/parser';
import { printZone } from '../../server/src/core/zone/print';
import { seededRandom } from '../support/random';
import { records } from './normalise';

const root = path.resolve(__dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/zones/generate-formats.zone');
const ORIGIN = 'example.com.';
const HEAD = '$TTL 300\n@ IN SOA ns1.example.net. hostmaster 1 2 3 4 5\n@ IN NS ns1.example.net.\n';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-generate-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  /** The records, normalised and sorted, or undefined when the zone is refused. */
  readonly records?: string[];
  /** Why it was refused. */
  readonly why: string;
}

function bind(line: string): Outcome {
  const file = path.join(dir, 'z.zone');
  fs.writeFileSync(file, `${HEAD}${line}\n`);
  const r = spawnSync('named-checkzone', ['-D', '-o', '-', ORIGIN, file], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`cannot run named-checkzone (Debian package bind9-utils): ${r.error.message}`);
  return r.status === 0 ? { records: records(r.stdout), why: '' } : { why: (r.stdout + r.stderr).trim().split('\n')[0] };
}

function mailzone(line: string): Outcome {
  const zone = parseZone(`${HEAD}${line}\n`, { origin: ORIGIN });
  if (zone.problems.length > 0) return { why: zone.problems.map((p) => p.message).join('; ') };
  return { records: records(printZone(zone, { zone: ORIGIN })), why: '' };
}

/** Asserts that both read `line` alike; BIND's outcome. */
function agree(line: string): Outcome {
  const expected = bind(line);
  const actual = mailzone(line);
  if (expected.records === undefined) {
    assert.equal(actual.records, undefined, `BIND refuses ${line} (${expected.why}), Mailzone reads it`);
  } else {
    assert.ok(actual.records, `BIND reads ${line}, Mailzone refuses it: ${actual.why}`);
    assert.deepEqual(actual.records, expected.records, line);
  }
  return expected;
}

/** Directives BIND refuses, each for its own reason. */
const REFUSED: readonly string[] = [
  // Ranges: backwards, no stop, a '/' without a step, a step of 0, a stop or step above INT_MAX, hex, negative (wraps to 2^32-1).
  '$GENERATE 3-1 a$ TXT x',
  '$GENERATE 1 a$ TXT x',
  '$GENERATE 1- a$ TXT x',
  '$GENERATE 1-3/ a$ TXT x',
  '$GENERATE 1-3/0 a$ TXT x',
  '$GENERATE 1-3/-1 a$ TXT x',
  '$GENERATE 1-2147483648 a$ TXT x',
  '$GENERATE 1-3/2147483648 a$ TXT x',
  '$GENERATE 1-3/4294967296 a$ TXT x',
  '$GENERATE 0x1-3 a$ TXT x',
  '$GENERATE -1-3 a$ TXT x',
  // Modifiers that sscanf does not match.
  '$GENERATE 1-2 a${} TXT x',
  '$GENERATE 1-2 a${,3} TXT x',
  '$GENERATE 1-2 a${5,} TXT x',
  '$GENERATE 1-2 a${5,3,} TXT x',
  '$GENERATE 1-2 a${5,3,dd} TXT x',
  '$GENERATE 1-2 a${5,3,q} TXT x',
  '$GENERATE 1-2 a${5,3x} TXT x',
  '$GENERATE 1-2 a${5 TXT x',
  '$GENERATE 1-2 a$ TXT ${1,2,z}',
  // Widths past BIND's 128-byte number buffer.
  '$GENERATE 1-2 a$ TXT ${0,128,d}',
  '$GENERATE 1-2 a$ TXT ${0,128,n}',
  '$GENERATE 1-2 a$ TXT ${0,4294967295,x}',
  '$GENERATE 1-2 a$ TXT ${0,-1,d}',
  // Iterator plus offset above INT_MAX.
  '$GENERATE 1-1 a${2147483647} TXT x',
  '$GENERATE 2147483647-2147483647 a${1} TXT x',
  '$GENERATE 0-1 a$ TXT ${-2147483649}',
  // A label of more than 63 characters.
  '$GENERATE 1-2 a${0,64,d} TXT x',
  // Rdata longer than BIND's 65512-byte buffer.
  `$GENERATE 1-1 a$ TXT "${'x '.repeat(32_756)}"`,
];

/** The parts random directives are made of: the plausible and the odd, as sscanf reads them. */
const PARTS = {
  number: ['0', '1', '3', '7', '15', '16', '255', '256', '4095', '65535', '2147483647', '2147483648', '4294967295', '4294967296', '99999999999999999999', '+2', '-0', '007'],
  sign: ['', '', '', '-', '-', '+'],
  width: ['', '0', '0', '1', '2', '3', '4', '4', '8', '12', '63', '127', '128', '-1', '+3', '4294967296'],
  base: ['d', 'o', 'x', 'X', 'n', 'N', 'd', 'o', 'x', 'X', 'n', 'N', 'q', '', 'dd'],
  close: ['}', '}', '}', '}', '}', '}', '', '}}', '}x'],
  range: ['0-3', '1-5/2', '250-260/5', '0-0', '15-17', '4094-4097/3', '3-1', '1-3/0', '1-3x', '+1-+3', '4294967296-4294967297', '1-3/', '2147483646-2147483647', '15-17/4294967297'],
};

function randomDirective(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const modifier = (): string => {
    const offset = `${pick(PARTS.sign)}${pick(PARTS.number)}`;
    const form = Math.floor(random() * 5);
    if (form === 0) return '$';
    if (form === 1) return `\${${offset}${pick(PARTS.close)}`;
    if (form === 2) return `\${${offset},${pick(PARTS.width)}${pick(PARTS.close)}`;
    return `\${${offset},${pick(PARTS.width)},${pick(PARTS.base)}${pick(PARTS.close)}`;
  };
  const template = (): string => Array.from({ length: 1 + Math.floor(random() * 2) }, () => modifier()).join(pick(['', '-', '.', 'x']));
  return `$GENERATE ${pick(PARTS.range)} r-${template()} TXT "${template()}"`;
}

/** Random directives compared per run: each costs one named-checkzone process. */
const RANDOM_CASES = Number(process.env.MAILZONE_GENERATE_CASES ?? 200);
const SEED = 20261207;

describe('$GENERATE against named-checkzone', () => {
  const text = fs.readFileSync(fixture, 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('$GENERATE'));

  it('the fixture covers every base with negative, zero and positive offsets and every width', () => {
    for (const base of ['d', 'o', 'x', 'X', 'n', 'N']) {
      for (const offset of ['-10', '0', '7']) {
        for (const width of ['0', '1', '12']) assert.ok(text.includes(`\${${offset},${width},${base}}`), `no \${${offset},${width},${base}} in the fixture`);
      }
    }
    assert.ok(lines.length >= 200, `only ${lines.length} $GENERATE lines`);
  });

  for (const line of lines) it(`reads ${line}`, () => void agree(line));

  for (const line of REFUSED) {
    it(`refuses ${line.length > 80 ? `${line.slice(0, 60)}…` : line}`, () => {
      assert.equal(bind(line).records, undefined, `named-checkzone loads ${line}`);
      const refused = mailzone(line);
      assert.equal(refused.records, undefined, `Mailzone reads ${line}`);
      assert.match(refused.why, /\S/);
    });
  }

  it(`agrees on ${RANDOM_CASES} random directives (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    let loaded = 0;
    for (let k = 0; k < RANDOM_CASES; k++) {
      const line = randomDirective(random);
      if (agree(line).records) loaded++;
    }
    // The parts are chosen so that both outcomes are common: a run of only refusals would prove little.
    assert.ok(loaded > RANDOM_CASES / 5 && loaded < RANDOM_CASES, `${loaded} of ${RANDOM_CASES} loaded`);
  });
});
