/**
 * The whole openspf RFC 7208 test suite through the check_host() evaluator,
 * each scenario's zonedata served by the in-memory resolver. A test that
 * lists two results passes with either. Ends with one line,
 * `spf-conformance: N passed, N failed`.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MemoryResolver } from '../../server/src/core/dns/memoryResolver';
import { zonedataEntries } from '../support/zonedata';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { loadSuite } from '../support/spfSuite';

const scenarios = loadSuite();
let passed = 0;
let failed = 0;

/**
 * Explanations compare without regard to case: the suite writes the IPv6
 * nibbles of `%{i}` in upper case, while RFC 7208 §7.4's worked example (and
 * this evaluator) writes them in lower case; the text is otherwise exact.
 */
function sameExplanation(actual: string | undefined, expected: string): boolean {
  if (expected === 'DEFAULT') return actual === undefined;
  return actual !== undefined && actual.toLowerCase() === expected.toLowerCase();
}

for (const scenario of scenarios) {
  describe(scenario.description, () => {
    const entries = zonedataEntries(scenario.zonedata);
    for (const test of scenario.tests) {
      it(test.name, async () => {
        const resolver = new MemoryResolver(entries);
        const outcome = await checkHost({ ip: test.host, sender: test.mailfrom, helo: test.helo }, { resolver });
        const detail = `${test.name} (${test.spec ?? ''}): got ${outcome.result}${outcome.reason ? ` (${outcome.reason})` : ''}${outcome.explanation !== undefined ? ` explanation '${outcome.explanation}'` : ''}; expected ${test.results.join(' or ')}${test.explanation ? ` explanation '${test.explanation}'` : ''}`;
        const ok = test.results.includes(outcome.result) && (test.explanation === undefined || sameExplanation(outcome.explanation, test.explanation));
        if (ok) passed++;
        else failed++;
        assert.ok(ok, detail);
      });
    }
  });
}

it('the suite was read in full', () => {
  // Guards the loader: a scenario or test dropped silently would pass unnoticed.
  assert.equal(scenarios.length, 16);
  assert.equal(scenarios.reduce((n, s) => n + s.tests.length, 0), 203);
});

after(() => {
  console.log(`spf-conformance: ${passed} passed, ${failed} failed`);
});
