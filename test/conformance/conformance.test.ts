/**
 * Conformance with BIND on other parsers' own test corpora (corpus.ts).
 * Every case is loaded by `named-checkzone` (Debian bind9-utils, the
 * reference) and by Mailzone; both must accept or refuse it alike, and where
 * both accept, `mailzone zone print` must print what `named-checkzone -D`
 * prints: the same records in the same order with the same rdata text. Only
 * column blanks differ (BIND aligns columns, Mailzone separates fields with
 * a tab), and names compare without regard to case (Mailzone's model keeps
 * names lower-cased; DNS compares them so). Differences the project accepts
 * are listed, each with its reason, in expected-differences.txt; a listed
 * difference that no longer occurs fails too, so the list only shrinks.
 *
 * named-checkzone runs with `-i none`, which turns off most of its integrity
 * checks (MX and SRV targets with addresses, glue below delegations): this
 * suite is about reading records, and Mailzone's rules judge mail targets
 * (`mx-target-missing`). Even with `-i none` BIND refuses a zone whose apex NS
 * names a host inside the zone that has no address; no case in these corpora
 * has one, and Mailzone does not refuse it yet.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { rrType } from '../../server/src/core/zone/rrtypes';
import { corpus, type Case, type CaseZone } from './corpus';
import { fieldsOf, lowerName } from '../differential/normalise';

const root = path.resolve(__dirname, '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-conformance-'));

/** Findings that stop BIND from loading a zone, besides syntax: an over-long string and a CNAME beside other data. */
const LOAD_ERRORS: ReadonlySet<string> = new Set(['zone-syntax', 'txt-string-too-long', 'cname-conflict']);

/** Messages BIND gives with a line number that do not refuse anything. */
const BIND_WARNINGS = [
  /no TTL specified; using SOA MINTTL instead/,
  /TTL set to prior TTL/,
  /using RFC ?1035 TTL semantics/,
  /ignoring out-of-zone data/,
  /has no address records/,
  /is a wildcard/,
  /signature has expired/,
  /TTL .* exceeds/,
  /SOA TTL/,
  /deprecated/,
  // named-checkzone 9.18 reports names that are not host names (NS, MX and SRV targets) and loads the zone.
  /warning: .* bad name \(check-names\)/,
];

// ---- the expected differences ---------------------------------------------

type Kind = 'refusal' | 'output';
interface Expected {
  readonly id: string;
  readonly kind: Kind;
  readonly reason: string;
}

/**
 * The listed differences, by `id kind`. An id may end in `*`, which stands
 * for any rest: `knot/39_NSEC3.in:*` lists every NSEC3 case of Knot's file
 * at once, for a type whose rdata Mailzone does not yet read field by field.
 */
function expectedDifferences(): Map<string, Expected> {
  const file = path.join(root, 'test/conformance/expected-differences.txt');
  const out = new Map<string, Expected>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [id, kind, reason] = line.split('\t');
    assert.ok((kind === 'refusal' || kind === 'output') && reason, `expected-differences.txt: '${line}' is not "id<TAB>refusal|output<TAB>reason"`);
    out.set(`${id} ${kind}`, { id, kind, reason });
  }
  return out;
}

// ---- the two tools ---------------------------------------------------------

interface Named {
  readonly loaded: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Lines BIND names in an error. */
  readonly errorLines: readonly number[];
}

function namedCheckzone(file: string, origin: string): Named {
  const r = spawnSync('named-checkzone', ['-i', 'none', '-D', '-o', '-', origin, path.basename(file)], { cwd: path.dirname(file), encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`cannot run named-checkzone (Debian package bind9-utils): ${r.error.message}`);
  const errorLines: number[] = [];
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const output = `${r.stdout}\n${r.stderr}`;
  // It reports owners that are not host names (an A record at `a_b`) and loads the zone; only some owners (NSEC3's) make the load fail.
  const ownersRefused = /failed: bad owner name \(check-names\)/.test(output);
  for (const m of output.matchAll(new RegExp(`${base}:(\\d+): (.*)`, 'g'))) {
    if (BIND_WARNINGS.some((w) => w.test(m[2]))) continue;
    if (!ownersRefused && /bad owner name \(check-names\)/.test(m[2])) continue;
    errorLines.push(Number(m[1]));
  }
  return { loaded: r.status === 0, stdout: r.stdout, stderr: r.stderr, errorLines };
}

/** Blanks the lines of `cases`, keeping every other line where it was. */
function without(text: string, cases: Iterable<Case>): string {
  const lines = text.split('\n');
  for (const c of cases) for (let l = c.firstLine; l <= c.lastLine; l++) lines[l - 1] = '';
  return lines.join('\n');
}

function caseAt(zone: CaseZone, line: number): Case | undefined {
  return zone.cases.find((c) => c.firstLine <= line && line <= c.lastLine);
}

/**
 * The cases BIND refuses. BIND reports every bad record it can read past,
 * but some errors stop its reading: the refused cases are left out and the
 * zone read again until it loads. Each round removes at least one case, so
 * there are at most as many rounds as cases.
 */
function bindRefusals(zone: CaseZone, file: string): { refused: Set<Case>; zoneLevel?: string } {
  const refused = new Set<Case>();
  for (let round = 0; round <= zone.cases.length; round++) {
    fs.writeFileSync(file, without(zone.text, refused));
    const named = namedCheckzone(file, zone.origin);
    if (named.loaded) return { refused };
    const before = refused.size;
    for (const line of named.errorLines) {
      const c = caseAt(zone, line);
      if (c) refused.add(c);
    }
    // A refusal with no line, or only lines outside every case: a directive BIND stops at (`$TTL -1`) or an
    // unclosed parenthesis it meets at the end. The case it stops at is the first whose lines make the zone fail.
    if (refused.size === before) {
      if (zone.cases.length === 1) return { refused: new Set(zone.cases) };
      const first = firstFailingCase(zone, file, refused);
      if (!first) return { refused, zoneLevel: `${named.stdout}${named.stderr}`.trim() };
      refused.add(first);
    }
  }
  return { refused };
}

/**
 * The first case whose lines make the zone fail to load, found by bisection
 * over the zone cut after each case (the cases left out stay out): a cut
 * that fails keeps failing with more lines after it. At most log2(cases) + 1
 * runs of named-checkzone.
 */
function firstFailingCase(zone: CaseZone, file: string, refused: ReadonlySet<Case>): Case | undefined {
  const open = zone.cases.filter((c) => !refused.has(c));
  const loadsUpTo = (k: number): boolean => {
    fs.writeFileSync(file, without(zone.text, [...refused, ...open.slice(k + 1)]));
    return namedCheckzone(file, zone.origin).loaded;
  };
  // The zone cut after the last case is the whole zone, which fails; the zone with no open case must load.
  if (open.length === 0 || !loadsUpTo(-1)) return undefined;
  let lo = 0;
  let hi = open.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (loadsUpTo(mid)) lo = mid + 1;
    else hi = mid;
  }
  return open[lo];
}

/** The cases Mailzone refuses: a syntax problem or a finding that stops loading, on a line of the case. */
function mailzoneRefusals(zone: CaseZone, file: string): { refused: Set<Case>; outside: string[] } {
  const { findings } = analyzeDocument({ text: zone.text, file, origin: zone.origin }, { dmarcStandard: 'rfc9989' });
  const lines = new LineIndex(zone.text);
  const refused = new Set<Case>();
  const outside: string[] = [];
  for (const f of findings) {
    if (f.severity !== 'error' || !LOAD_ERRORS.has(f.rule)) continue;
    const line = lines.positionAt(f.span.start).line + 1;
    const c = zone.cases.length === 1 ? zone.cases[0] : caseAt(zone, line);
    if (c) refused.add(c);
    else outside.push(`line ${line}: ${f.rule}: ${f.message}`);
  }
  return { refused, outside };
}

function mailzonePrint(file: string, origin: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), 'zone', 'print', file, '--origin', origin], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- comparing output ------------------------------------------------------

/**
 * One printed record with column blanks collapsed and names lower-cased:
 * the owner, and the rdata fields the type table says are names (read in
 * order, up to the first field that is not one token).
 */
export function normalise(line: string): string {
  const [owner, ttl, rrClass, type, ...rdata] = fieldsOf(line);
  if (rdata[0] !== '\\#') {
    let k = 0;
    for (const field of rrType(type)?.type?.fields ?? []) {
      if (MULTI_TOKEN.has(field.kind) || k >= rdata.length) break;
      if (field.kind === 'name') rdata[k] = lowerName(rdata[k]);
      k++;
    }
  }
  return [lowerName(owner), ttl, rrClass, type, ...rdata].join(' ');
}

/** Field kinds that may print as more than one token: names after them are not lower-cased by position. */
const MULTI_TOKEN: ReadonlySet<string> = new Set(['strings', 'hex', 'base64', 'rest', 'svcparams']);

function records(output: string): string[] {
  // BIND adds comment lines (`; resign=…` after an RRSIG); they are not records.
  return output.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')).map(normalise);
}

/** The case a printed record belongs to: by the owner label the harness gave it, else the zone as a whole. */
function ownerCase(zone: CaseZone, record: string): string {
  const owner = record.slice(0, record.indexOf(' '));
  for (const c of zone.cases) if (c.label && (owner === `${c.label}.` || owner.endsWith(`.${c.label}.`))) return c.id;
  return zone.cases.length === 1 ? zone.cases[0].id : zone.id;
}

function byCase(zone: CaseZone, lines: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of lines) {
    const id = ownerCase(zone, l);
    out.set(id, [...(out.get(id) ?? []), l]);
  }
  return out;
}

// ---- the test ---------------------------------------------------------------

const listed = expectedDifferences();
const seen = new Set<string>();

/** The listed difference that covers `id kind`, exactly or by a trailing `*`; marked as seen when asked for a difference that occurs. */
function listedFor(key: string): string | undefined {
  if (listed.has(key)) return key;
  const [id, kind] = key.split(' ');
  for (const k of listed.keys()) {
    const [pattern, listedKind] = k.split(' ');
    if (listedKind === kind && pattern.endsWith('*') && id.startsWith(pattern.slice(0, -1))) return k;
  }
  return undefined;
}

const expected = {
  has(key: string): boolean {
    return listedFor(key) !== undefined;
  },
  keys(): IterableIterator<string> {
    return listed.keys();
  },
};

function markSeen(key: string): void {
  const k = listedFor(key);
  if (k) seen.add(k);
}
const tally = { cases: 0, refusalAgree: 0, refusalListed: 0, outputCases: 0, outputAgree: 0, outputListed: 0 };

describe('conformance with named-checkzone on peer corpora', () => {
  after(() => {
    console.log(
      `conformance: accept/refuse agree on ${tally.refusalAgree} of ${tally.cases} cases (${tally.refusalListed} listed differences); ` +
        `output agrees on ${tally.outputAgree} of ${tally.outputCases} accepted cases (${tally.outputListed} listed differences)`,
    );
    fs.rmSync(work, { recursive: true, force: true });
  });

  const zones = corpus();
  it('the corpus has cases from every peer', () => {
    const peers = new Set(zones.flatMap((z) => z.cases.map((c) => c.id.split('/')[0])));
    assert.deepEqual([...peers].sort(), ['bind', 'dnspython', 'knot']);
    assert.ok(zones.reduce((n, z) => n + z.cases.length, 0) >= 1000, 'fewer than 1000 cases');
  });

  for (const zone of zones) {
    it(zone.id, () => {
      const file = path.join(work, `${zone.id}.zone`);
      const problems: string[] = [];
      const bind = bindRefusals(zone, file);
      const mine = mailzoneRefusals(zone, file);
      if (bind.zoneLevel && expected.has(`${zone.id} refusal`)) markSeen(`${zone.id} refusal`);
      else if (bind.zoneLevel) problems.push(`named-checkzone refuses the zone without naming a case:\n${bind.zoneLevel}`);
      if (mine.outside.length) problems.push(`Mailzone refuses lines outside every case:\n  ${mine.outside.join('\n  ')}`);

      for (const c of zone.cases) {
        tally.cases++;
        const b = bind.refused.has(c);
        const m = mine.refused.has(c);
        const key = `${c.id} refusal`;
        if (b === m) {
          tally.refusalAgree++;
          if (listed.has(key)) problems.push(`${c.id}: listed as a refusal difference, but both ${b ? 'refuse' : 'accept'} it`);
        } else if (expected.has(key)) {
          tally.refusalListed++;
          markSeen(key);
        } else {
          problems.push(`${c.id}: named-checkzone ${b ? 'refuses' : 'accepts'} it, Mailzone ${m ? 'refuses' : 'accepts'} it`);
        }
      }

      // Output: the zone without every case either tool refuses, which both must then load.
      const accepted = zone.cases.filter((c) => !bind.refused.has(c) && !mine.refused.has(c));
      if (accepted.length > 0 && !bind.zoneLevel) {
        fs.writeFileSync(file, without(zone.text, [...bind.refused, ...mine.refused]));
        const named = namedCheckzone(file, zone.origin);
        const printed = mailzonePrint(file, zone.origin);
        if (!named.loaded) problems.push(`named-checkzone refuses the accepted cases together:\n${named.stderr}${named.stdout}`);
        else {
          const theirs = byCase(zone, records(named.stdout));
          const ours = byCase(zone, records(printed.stdout));
          for (const c of accepted) {
            tally.outputCases++;
            const key = `${c.id} output`;
            const a = (theirs.get(c.id) ?? []).join('\n');
            const o = (ours.get(c.id) ?? []).join('\n');
            if (a === o) {
              tally.outputAgree++;
              if (listed.has(key)) problems.push(`${c.id}: listed as an output difference, but the outputs agree`);
            } else if (expected.has(key)) {
              tally.outputListed++;
              markSeen(key);
            } else problems.push(`${c.id}: output differs\n  named-checkzone -D:\n    ${a.split('\n').join('\n    ')}\n  mailzone zone print:\n    ${o.split('\n').join('\n    ')}`);
          }
          // Records owned by no case (the zone's top, names the cases write absolutely) compare as one group.
          if (zone.cases.length > 1) {
            const a = (theirs.get(zone.id) ?? []).join('\n');
            const o = (ours.get(zone.id) ?? []).join('\n');
            if (a !== o && !expected.has(`${zone.id} output`)) problems.push(`${zone.id}: records outside the cases differ\n  named-checkzone -D:\n    ${a.split('\n').join('\n    ')}\n  mailzone zone print:\n    ${o.split('\n').join('\n    ')}`);
            if (a !== o && expected.has(`${zone.id} output`)) markSeen(`${zone.id} output`);
          }
        }
      }
      assert.equal(problems.length, 0, problems.join('\n'));
    });
  }

  it('every listed difference still occurs', () => {
    const stale = [...expected.keys()].filter((k) => !seen.has(k));
    assert.deepEqual(stale, [], 'listed differences that no longer occur (remove them from expected-differences.txt)');
  });
});
