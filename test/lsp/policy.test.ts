/**
 * An MTA-STS policy file open in the editor is checked by the policy rules,
 * against the open zone of its domain, and never analysed as a zone.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { LspClient, root } from './lspClient';

const dir = path.join(root, 'test/fixtures/cli-policy');
const zoneFile = path.join(dir, 'example.com.zone');
const policyFile = path.join(dir, 'mta-sts.example.com/.well-known/mta-sts.txt');

let client: LspClient;
beforeEach(async () => {
  client = await LspClient.start();
});
afterEach(async () => {
  assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
});

it('publishes the policy rules on a policy file, compared with the open zone', async () => {
  let mark = client.diagnostics.mark();
  const zoneUri = await client.open(zoneFile, fs.readFileSync(zoneFile, 'utf8'));
  await client.nextDiagnostics(zoneUri, () => true, mark);
  mark = client.diagnostics.mark();
  const uri = await client.open(policyFile, fs.readFileSync(policyFile, 'utf8'), 1, 'mta-sts-policy');
  const published = await client.nextDiagnostics(uri, () => true, mark);
  assert.deepEqual(
    published.diagnostics.map((d) => [d.range.start.line, d.code, d.severity]).sort(),
    [[1, 'mtasts-policy-mx-uncovered', 1], [2, 'mtasts-policy-mx-unmatched', 2]],
  );
  assert.ok(!published.diagnostics.some((d) => d.code === 'zone-syntax'), 'a policy file is not read as a zone');
});
