/**
 * The one place offsets become LSP ranges: diagnostics per URI (the document
 * and its included files), and quick fixes as workspace edits, checked by
 * applying the edits.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisView, pathToUri } from '../../server/src/convert';
import type { Analysis } from '../../server/src/core/service';
import type { Finding } from '../../server/src/core/rules/rule';
import { LineIndex } from '../../server/src/core/text/lineIndex';

const main = 'www IN TXT "v=spf1 +all"\r\nmail IN A 192.0.2.1\n';
const includedPath = '/zones/hosts.inc';
const included = 'ns1 IN A 192.0.2.9\nbad IN A x\n';

function at(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

const findings: Finding[] = [
  {
    rule: 'spf-pass-all',
    severity: 'warning',
    message: 'passes all',
    span: at(main, '+all'),
    fixes: [
      { title: 'Use ~all', preferred: true, edits: [{ span: at(main, '+all'), newText: '~all' }] },
      { title: 'Use -all', edits: [{ span: at(main, '+all'), newText: '-all' }] },
    ],
  },
  { rule: 'zone-syntax', severity: 'error', message: 'not an address', span: at(included, 'x'), file: includedPath,
    fixes: [{ title: 'Remove the record', edits: [{ file: includedPath, span: { start: included.indexOf('bad'), end: included.length }, newText: '' }] }] },
  { rule: 'spf-no-all', severity: 'info', message: 'no all', span: at(main, 'mail') },
];

const analysis = { zone: { files: new Map([[includedPath, included]]) }, findings } as unknown as Analysis;
const view = new AnalysisView('file:///zones/db.example.com', 7, analysis, new LineIndex(main));

describe('AnalysisView', () => {
  it('groups diagnostics by URI with LSP ranges, severities, codes and links', () => {
    const byUri = view.diagnostics();
    assert.deepEqual([...byUri.keys()], ['file:///zones/db.example.com', pathToUri(includedPath)]);
    const own = byUri.get('file:///zones/db.example.com')!;
    assert.deepEqual(
      own.map((d) => [d.code, d.severity, d.range]),
      [
        ['spf-pass-all', 2, { start: { line: 0, character: 19 }, end: { line: 0, character: 23 } }],
        // The CRLF counts as one line break.
        ['spf-no-all', 3, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }],
      ],
    );
    assert.equal(own[0].source, 'mailzone');
    assert.equal(own[0].codeDescription?.href, 'https://github.com/mailzone/mailzone/blob/main/docs/rules/spf-pass-all.md');
    const inc = byUri.get(pathToUri(includedPath))!;
    assert.deepEqual(inc.map((d) => [d.code, d.severity, d.range]), [['zone-syntax', 1, { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } }]]);
  });

  it('finds the finding behind a diagnostic by code and exact range only', () => {
    const diagnostic = view.diagnostics().get(view.uri)![0];
    assert.equal(view.findingFor(view.uri, diagnostic), findings[0]);
    assert.equal(view.findingFor(view.uri, { ...diagnostic, code: 'spf-ptr' }), undefined);
    assert.equal(view.findingFor(view.uri, { ...diagnostic, range: { ...diagnostic.range, end: { line: 0, character: 22 } } }), undefined);
    assert.equal(view.findingFor(pathToUri(includedPath), diagnostic), undefined);
  });

  it('turns fixes into quick fixes whose edits produce the fixed text', () => {
    const diagnostic = view.diagnostics().get(view.uri)![0];
    const [preferred, other] = findings[0].fixes!.map((fix) => view.toCodeAction(fix, diagnostic));
    assert.equal(preferred.kind, 'quickfix');
    assert.equal(preferred.isPreferred, true);
    assert.equal(other.isPreferred, false);
    assert.deepEqual(preferred.diagnostics, [diagnostic]);
    const doc = TextDocument.create(view.uri, 'dns-zone', 7, main);
    assert.equal(TextDocument.applyEdits(doc, preferred.edit!.changes![view.uri]), main.replace('+all', '~all'));
    assert.equal(TextDocument.applyEdits(doc, other.edit!.changes![view.uri]), main.replace('+all', '-all'));
  });

  it('addresses edits in included files to their own URI, in their own coordinates', () => {
    const incUri = pathToUri(includedPath);
    const diagnostic = view.diagnostics().get(incUri)![0];
    const finding = view.findingFor(incUri, diagnostic)!;
    const action = view.toCodeAction(finding.fixes![0], diagnostic);
    assert.deepEqual(Object.keys(action.edit!.changes!), [incUri]);
    const doc = TextDocument.create(incUri, 'dns-zone', 1, included);
    assert.equal(TextDocument.applyEdits(doc, action.edit!.changes![incUri]), 'ns1 IN A 192.0.2.9\n');
  });
});
