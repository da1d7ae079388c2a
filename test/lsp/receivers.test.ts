/**
 * The language server on test/fixtures/receivers/receivers.zone (each case
 * of records receivers treat differently from how they look): the published
 * diagnostics are exactly the fixture's annotations, rule, severity and
 * range, and the one mail-no-spf diagnostic links the other names it lists.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { byShape, expectedShapes, fixturePath, LspClient, publishedShapes } from './lspClient';

describe('diagnostics: what receivers do with the records of a zone', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(async () => {
    assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
  });

  it('publishes each case once, with the severity and range the fixture states', async () => {
    const file = fixturePath('../receivers/receivers.zone');
    const text = fs.readFileSync(file, 'utf8');
    const expected = expectedShapes(text).sort(byShape);
    const mark = client.diagnostics.mark();
    const uri = await client.open(file, text);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    const codes = new Set(published.diagnostics.map((d) => String(d.code)));
    assert.deepEqual(publishedShapes(published, codes), expected);
    const noSpf = published.diagnostics.filter((d) => d.code === 'mail-no-spf');
    assert.equal(noSpf.length, 1);
    const lineOf = (start: string): number => text.split('\n').findIndex((l) => l.startsWith(start));
    assert.deepEqual(
      noSpf[0].relatedInformation?.map((r) => `${r.location.uri === uri ? 'same file' : r.location.uri} ${r.location.range.start.line}: ${r.message}`),
      [`same file ${lineOf('one ')}: one.open.example.com receives mail but has no SPF record`, `same file ${lineOf('two ')}: two.open.example.com receives mail but has no SPF record`],
    );
  });

  it('follows an SPF include into another open zone, and re-checks when that zone changes', async () => {
    const com = fixturePath('../receivers/cross/example.com.zone');
    const net = fixturePath('../receivers/cross/example.net.zone');
    const netText = fs.readFileSync(net, 'utf8');
    let mark = client.diagnostics.mark();
    const netUri = await client.open(net, netText);
    await client.nextDiagnostics(netUri, () => true, mark);
    mark = client.diagnostics.mark();
    const comUri = await client.open(com, fs.readFileSync(com, 'utf8'));
    const first = await client.nextDiagnostics(comUri, (p) => p.diagnostics.some((d) => d.code === 'spf-include-none'), mark);
    assert.deepEqual(first.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`), ['spf-include-none 8:27']);
    // Publishing SPF at the target in the other zone ends the permerror.
    mark = client.diagnostics.mark();
    await client.change(netUri, netText.replace('"site-verification=abc"', '"v=spf1 -all"'), 2);
    const after = await client.nextDiagnostics(comUri, (p) => !p.diagnostics.some((d) => d.code === 'spf-include-none'), mark);
    assert.deepEqual(after.diagnostics, []);
  });
});
