/**
 * The zone in one line (server/src/core/features/status.ts): origin, record
 * count and findings per severity, as the editor's status item shows them.
 */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { zoneStatus } from '../../server/src/core/features/status';
import { analyzeDocument } from '../../server/src/core/service';

const analyse = (text: string, origin?: string) => analyzeDocument({ text, origin }, { dmarcStandard: 'rfc9989' });

it('names the zone by its SOA owner and counts records and findings by severity', () => {
  const status = zoneStatus(
    analyse(`$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h\n  IN NS ns1\nns1 IN A 192.0.2.1\n  IN TXT "v=spf1 +all"\n_dmarc IN TXT "v=DMARC1; p=none"\nbad IN A 192.0.2.300\n`, 'guess.example.'),
  );
  assert.equal(status.origin, 'example.com.');
  assert.equal(status.originGuessed, false);
  assert.equal(status.records, 5, 'the record that does not parse is not counted');
  // zone-syntax on the address; spf-pass-all and dmarc-p-none (no rua) on the mail records.
  assert.deepEqual(status.findings, { error: 1, warning: 2, info: 0 });
});

it('falls back to $ORIGIN, then to the guessed origin, which it says is a guess', () => {
  assert.equal(zoneStatus(analyse('$ORIGIN Example.NET.\nwww IN A 192.0.2.1\n')).origin, 'example.net.');
  const guessed = zoneStatus(analyse('www IN A 192.0.2.1\n', 'example.org.'));
  assert.deepEqual([guessed.origin, guessed.originGuessed, guessed.records], ['example.org.', true, 1]);
  const nothing = zoneStatus(analyse(''));
  assert.deepEqual([nothing.origin, nothing.originGuessed, nothing.records], [undefined, false, 0]);
});
