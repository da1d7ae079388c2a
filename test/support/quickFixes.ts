/**
 * The quick-fix tests' one step: analyse a zone, take the single finding of
 * a rule, apply its first fix, and check that the fixed zone no longer has
 * that finding and has no syntax error.
 */
import * as assert from 'node:assert/strict';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from './edits';

/** The findings of `rule` in `text`, under the default settings. */
export function ruleFindings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === rule);
}

/**
 * A function that applies the first fix of the one `rule` finding in
 * `head` + `records` and returns the records after it.
 */
export function fixerFor(head: string): (records: string, rule: string) => string {
  return (records, rule) => {
    const text = head + records;
    const found = ruleFindings(text, rule);
    assert.equal(found.length, 1, `expected one ${rule} finding, got ${JSON.stringify(found.map((f) => f.message))}`);
    const chosen = found[0].fixes?.[0];
    assert.ok(chosen, `${rule} offers no fix`);
    const fixed = applyEdits(text, chosen.edits);
    assert.deepEqual(ruleFindings(fixed, rule).map((f) => f.message), []);
    assert.deepEqual(ruleFindings(fixed, 'zone-syntax').map((f) => f.message), []);
    return fixed.slice(head.length);
  };
}
