/**
 * One scenario of the RFC 7208 suite end to end: its zonedata served by
 * Knot as the root zone (test/support/knotZones.ts), every test of it
 * evaluated by check_host() through the live resolver.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { LiveResolver } from '../../server/src/node/dnsResolver';
import { KNOT_SCENARIO } from '../support/knotZones';
import { loadSuite } from '../support/spfSuite';
import { knotAddress } from './support';

const scenario = loadSuite().find((s) => s.description === KNOT_SCENARIO);

describe(`RFC 7208 suite through Knot: ${KNOT_SCENARIO}`, () => {
  it('the scenario exists and has tests', () => {
    assert.ok(scenario && scenario.tests.length >= 10);
  });
  for (const test of scenario?.tests ?? []) {
    it(test.name, async () => {
      const resolver = new LiveResolver({ servers: [knotAddress()] });
      const r = await checkHost({ ip: test.host, sender: test.mailfrom, helo: test.helo }, { resolver });
      assert.ok(test.results.includes(r.result), `got ${r.result} (${r.reason ?? ''}); expected ${test.results.join(' or ')}`);
      if (test.explanation !== undefined) {
        // Case-insensitive for the same reason as the unit conformance test: the suite writes IPv6 nibbles in upper case.
        if (test.explanation === 'DEFAULT') assert.equal(r.explanation, undefined);
        else assert.equal(r.explanation?.toLowerCase(), test.explanation.toLowerCase());
      }
    });
  }
});
