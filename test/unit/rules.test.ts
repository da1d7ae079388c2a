/**
 * Every rule has a positive and a negative fixture and a docs page, and its
 * fixtures agree with what the analyser finds. Fixtures live in
 * test/fixtures/rules/<rule-id>/ as positive*.zone and negative*.zone.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/core/analysis/analyze';
import { checkFixture, readExpectations } from '../support/fixture';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/rules');

function fixtureFiles(ruleId: string, kind: 'positive' | 'negative'): string[] {
  const dir = path.join(fixtures, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.startsWith(kind) && f.endsWith('.zone')).map((f) => path.join(dir, f));
}

describe('rules', () => {
  for (const rule of allRules) {
    describe(rule.id, () => {
      it('has a docs page that cites its RFC section', () => {
        const doc = path.join(root, 'docs/rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(doc), `missing docs/rules/${rule.id}.md`);
        const text = fs.readFileSync(doc, 'utf8');
        assert.match(text, new RegExp(`^# ${rule.id}\\b`, 'm'));
        assert.ok(text.includes(rule.rfc.split(' ').slice(0, 2).join(' ')), `docs/rules/${rule.id}.md should cite ${rule.rfc}`);
      });

      it('fires on its positive fixtures', () => {
        const files = fixtureFiles(rule.id, 'positive');
        assert.ok(files.length > 0, `no positive fixture in test/fixtures/rules/${rule.id}/`);
        for (const file of files) {
          const annotated = readExpectations(fs.readFileSync(file, 'utf8')).filter((e) => e.rule === rule.id);
          assert.ok(annotated.length > 0, `${path.basename(file)} has no annotation for ${rule.id}`);
          assert.deepEqual(checkFixture(file, [rule.id]), [], path.relative(root, file));
        }
      });

      it('stays silent on its negative fixtures', () => {
        const files = fixtureFiles(rule.id, 'negative');
        assert.ok(files.length > 0, `no negative fixture in test/fixtures/rules/${rule.id}/`);
        for (const file of files) {
          const annotated = readExpectations(fs.readFileSync(file, 'utf8')).filter((e) => e.rule === rule.id);
          assert.equal(annotated.length, 0, `${path.basename(file)} is a negative fixture but expects ${rule.id}`);
          assert.deepEqual(checkFixture(file, [rule.id]), [], path.relative(root, file));
        }
      });
    });
  }
});

describe('clean zones', () => {
  // Realistic, correct zones: any finding at all is a false alarm.
  const dir = path.join(root, 'test/fixtures/clean');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.zone')) : []) {
    it(`${name} has no findings`, () => {
      assert.deepEqual(checkFixture(path.join(dir, name), allRules.map((r) => r.id)), []);
    });
  }
});
