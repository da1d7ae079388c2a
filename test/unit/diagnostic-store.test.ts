/**
 * The server's diagnostic store: each URI shows the union of what open
 * documents contribute to it; a document's own list goes out once for each
 * analysed version (and again when it changes), an included file's only when it changed.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticStore } from '../../server/src/diagnosticStore';

const at = (line: number, message: string, severity: 1 | 2 = 2): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity,
  code: 'spf-pass-all',
  message,
});

describe('diagnostic store', () => {
  it("sends a document's own list every time and an included file's only when it changed", () => {
    const store = new DiagnosticStore();
    const zone = 'file:///z/example.com.zone';
    const part = 'file:///z/part.zone';
    const first = store.set(zone, new Map([[zone, [at(1, 'a')]], [part, [at(2, 'b')]]]));
    assert.deepEqual([...first.keys()], [zone, part]);
    // Analysed again with the same findings: the zone's list goes out, the included file's does not.
    const again = store.set(zone, new Map([[zone, [at(1, 'a')]], [part, [at(2, 'b')]]]));
    assert.deepEqual([...again.keys()], [zone]);
    // A change in the included file's findings (here its severity) goes out.
    const changed = store.set(zone, new Map([[zone, [at(1, 'a')]], [part, [at(2, 'b', 1)]]]));
    assert.deepEqual([...changed.keys()], [zone, part]);
    // The zone closes: both lists are cleared.
    const closed = store.remove(zone);
    assert.deepEqual([...closed.entries()], [[zone, []], [part, []]]);
  });

  it("sends a document's own list once per analysed version, and again for the same version only when it changed", () => {
    const store = new DiagnosticStore();
    const zone = 'file:///z/example.com.zone';
    assert.deepEqual([...store.set(zone, new Map([[zone, [at(1, 'a')]]]), 4).keys()], [zone]);
    // Settings changed and the document was analysed again with the same result: nothing to send.
    assert.equal(store.set(zone, new Map([[zone, [at(1, 'a')]]]), 4).size, 0);
    // The same version with another result (a rule turned to error) is sent; so is a new version with the same list.
    assert.deepEqual([...store.set(zone, new Map([[zone, [at(1, 'a', 1)]]]), 4).keys()], [zone]);
    assert.deepEqual([...store.set(zone, new Map([[zone, [at(1, 'a', 1)]]]), 5).keys()], [zone]);
    // Closed and opened again at the same version: sent again, the editor cleared it on close.
    assert.deepEqual([...store.remove(zone).keys()], [zone]);
    assert.deepEqual([...store.set(zone, new Map([[zone, [at(1, 'a', 1)]]]), 5).keys()], [zone]);
  });

  it('shows a finding that two documents contribute to one file once', () => {
    const store = new DiagnosticStore();
    const part = 'file:///z/part.zone';
    store.set('file:///z/a.zone', new Map([[part, [at(2, 'b')]]]));
    const both = store.set('file:///z/b.zone', new Map([[part, [at(2, 'b'), at(3, 'c')]]]));
    assert.deepEqual(both.get(part)?.map((d) => d.message), ['b', 'c']);
  });
});
