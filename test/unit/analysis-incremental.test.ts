/**
 * Incremental re-analysis against the full analysis: every fixture zone,
 * edited again and again at seeded random places in and around its records
 * (characters, and pieces of SPF, DKIM, DMARC, MTA-STS, TLS-RPT and BIMI
 * records that change what the rules say), must give, after each edit, the
 * same findings — rule, severity, message, span and quick fixes — from the
 * analysis made from the previous one as from a fresh analysis of the
 * edited text. The test also requires the incremental path to take a good
 * share of the edits, so it cannot pass by always declining.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AnalyzeSettings } from '../../server/src/core/analysis/analyze';
import type { ClockOption } from '../../server/src/core/records/mtasts/policyId';
import type { Finding } from '../../server/src/core/rules/rule';
import { parsedSpf, treeOf } from '../../server/src/core/records/spf/rules/common';
import { analyzeDocument, analyzeParsed, parseDocument, type Analysis } from '../../server/src/core/service';
import type { ZoneView } from '../../server/src/core/model/zoneView';
import { MAIL_TYPED, fixtureZones, randomEdit } from '../support/randomEdits';
import { diskReader } from '../support/fixture';
import { seededRandom } from '../support/random';

/** Fixes that carry a timestamp (a new MTA-STS policy id) must not differ because a second passed between two analyses. */
const CLOCK: ClockOption = { now: () => new Date('2026-06-01T12:00:00Z') };

const SETTINGS: readonly AnalyzeSettings[] = [
  { dmarcStandard: 'rfc9989', ...CLOCK },
  { dmarcStandard: 'rfc7489', severities: { 'spf-pass-all': 'off', 'dkim-testing': 'error' }, ...CLOCK },
];

/** Every SPF record's lookup tree over the zone, as plain data: the ones kept from before the edit must be the fresh ones. */
function trees(view: ZoneView): unknown {
  return view.ofKind('spf').map((record) => JSON.stringify(treeOf({ record, txt: record.txt!, parsed: parsedSpf(view, record), zone: view })));
}

function plain(findings: readonly Finding[]): unknown {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, span: f.span, fixes: f.fixes }));
}

describe('incremental re-analysis', () => {
  it('gives the full analysis of the edited text for chains of random edits in every fixture zone', () => {
    let incremental = 0;
    let edits = 0;
    for (const [n, file] of fixtureZones().entries()) {
      const settings = SETTINGS[n % SETTINGS.length];
      let text = fs.readFileSync(file, 'utf8');
      const input = (t: string) => ({ text: t, file, origin: 'example.com.', reader: diskReader });
      let previous: Analysis = analyzeParsed(parseDocument(input(text)), settings, 'none');
      const next = seededRandom(7919 * (n + 1));
      for (let k = 0; k < 16; k++) {
        const own = previous.zone.records.filter((r) => r.file === undefined && !r.generated);
        if (own.length === 0) break;
        // Mail records most of the time: their rules read across the zone.
        const mail = own.filter((r) => previous.view.kindOf(r) !== undefined);
        const pool = mail.length > 0 && next() < 0.7 ? mail : own;
        const record = pool[Math.floor(next() * pool.length)];
        const at = Math.max(0, Math.min(text.length, record.span.start + Math.floor(next() * (record.span.end - record.span.start + 2))));
        const edited = randomEdit(text, at, next, MAIL_TYPED);
        const parsed = parseDocument(input(edited.text), { zone: previous.zone, change: edited.change });
        const after = analyzeParsed(parsed, settings, previous);
        const full = analyzeDocument(input(edited.text), settings);
        edits++;
        if (after.incremental) incremental++;
        assert.deepEqual(
          plain(after.findings),
          plain(full.findings),
          `${path.relative(process.cwd(), file)} edit ${k} (${after.incremental ? 'incremental' : 'afresh'}): ${JSON.stringify(edited.change)} ${JSON.stringify(edited.text.slice(edited.change.start - 20, edited.change.start + edited.change.newLength + 20))}`,
        );
        if (after.incremental) assert.deepEqual(trees(after.view), trees(full.view), `${path.relative(process.cwd(), file)} edit ${k}: lookup trees`);
        text = edited.text;
        previous = after;
      }
    }
    assert.ok(incremental > edits / 3, `the incremental analysis took ${incremental} of ${edits} edits`);
  });
});
