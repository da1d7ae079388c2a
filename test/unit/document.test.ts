/**
 * The language server's text document against the protocol library's: the
 * same text, positions, offsets, line ranges and line ends after chains of
 * random edits — LF, CRLF and lone CR line ends, edits next to them,
 * ranges given end first, positions past a line's end or the document's.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ZoneDocument } from '../../server/src/document';
import { piecesText } from '../support/randomEdits';
import { seededRandom } from '../support/random';

const PIECES = ['a', 'bc', ' ', '\n', '\r', '\r\n', 'xyz\n', '"', ''];

describe('the server text document', () => {
  it('agrees with vscode-languageserver-textdocument after random edits', () => {
    const next = seededRandom(1128);
    for (let round = 0; round < 200; round++) {
      const initial = piecesText(next, PIECES, 30);
      const ours = ZoneDocument.create('untitled:a', 'dns-zone', 1, initial);
      const theirs = TextDocument.create('untitled:a', 'dns-zone', 1, initial);
      for (let k = 0; k < 15; k++) {
        const position = () => ({ line: Math.floor(next() * (theirs.lineCount + 1)), character: Math.floor(next() * 6) });
        const [a, b] = [position(), position()];
        const change = { range: next() < 0.2 ? { start: b, end: a } : { start: a, end: b }, text: piecesText(next, PIECES, 3) };
        // The library does not put reversed ends in order before it reads the range; give it the range in order.
        const ordered = theirs.offsetAt(change.range.start) <= theirs.offsetAt(change.range.end) ? change : { ...change, range: { start: change.range.end, end: change.range.start } };
        ZoneDocument.update(ours, [change], k + 2);
        TextDocument.update(theirs, [ordered], k + 2);
        const text = theirs.getText();
        const where = `${JSON.stringify(initial)} edit ${k}: ${JSON.stringify(change)}`;
        assert.equal(ours.getText(), text, where);
        assert.equal(ours.version, theirs.version);
        assert.equal(ours.lineCount, theirs.lineCount, where);
        for (let offset = 0; offset <= text.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${where} positionAt(${offset})`);
        for (let line = -1; line <= theirs.lineCount; line++) {
          assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${where} getLineRange(${line})`);
          assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${where} getEOLCharacters(${line})`);
          for (let character = 0; character < 8; character++) assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${where} offsetAt(${line}:${character})`);
        }
      }
    }
  });
});
