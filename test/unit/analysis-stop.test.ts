/**
 * The stop signal a host passes to the parser and the analysis: it reads
 * the clock only every few hundred checks, throws once the budget is spent,
 * and each stage asks it often enough that a large zone cannot run far past
 * its budget.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, parseDocument } from '../../server/src/core/service';
import { AnalysisStopped, deadline, type StopSignal } from '../../server/src/core/stop';

function zone(records: number): string {
  const lines = ['$ORIGIN stop.example.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  for (let i = 0; i < records; i++) lines.push(`h${i} IN TXT "v=spf1 -all"`);
  return lines.join('\n');
}

/** A signal that throws at its `limit`-th check, counting every check. */
function stopAt(limit: number): StopSignal & { calls: number } {
  const signal = {
    calls: 0,
    check() {
      if (++signal.calls >= limit) throw new AnalysisStopped(0);
    },
  };
  return signal;
}

describe('deadline', () => {
  it('throws only once its budget is spent, looking at the clock every 256 checks', () => {
    let now = 0;
    let reads = 0;
    const signal = deadline(100, () => (reads++, now));
    for (let i = 0; i < 1000; i++) signal.check();
    assert.equal(reads, 1 + Math.floor(1000 / 256));
    now = 101;
    let thrown: unknown;
    for (let i = 0; i < 256 && thrown === undefined; i++) {
      try {
        signal.check();
      } catch (error) {
        thrown = error;
      }
    }
    assert.ok(thrown instanceof AnalysisStopped);
    assert.equal((thrown as AnalysisStopped).budgetMs, 100);
  });
});

describe('where the core asks', () => {
  it('the parser asks once per entry', () => {
    const signal = stopAt(Number.MAX_SAFE_INTEGER);
    parseDocument({ text: zone(300), stop: signal });
    assert.equal(signal.calls, 305);
    assert.throws(() => parseDocument({ text: zone(300), stop: stopAt(100) }), AnalysisStopped);
  });

  it('the parser asks once per record a $GENERATE makes', () => {
    const signal = stopAt(Number.MAX_SAFE_INTEGER);
    parseDocument({ text: '$ORIGIN g.example.\n$TTL 60\n$GENERATE 1-1000 h$ A 192.0.2.1\n', stop: signal });
    assert.ok(signal.calls >= 1000, String(signal.calls));
  });

  it('the analysis asks once per rule pass and per record a rule checks', () => {
    const signal = stopAt(Number.MAX_SAFE_INTEGER);
    analyzeDocument({ text: zone(300) }, { dmarcStandard: 'rfc9989', stop: signal });
    assert.ok(signal.calls > 300, String(signal.calls));
    assert.throws(() => analyzeDocument({ text: zone(300) }, { dmarcStandard: 'rfc9989', stop: stopAt(200) }), AnalysisStopped);
  });
});
