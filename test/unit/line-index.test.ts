/**
 * The line index made from the previous one after an edit must equal a
 * fresh index of the edited text: random texts of LF, CRLF and lone CR line
 * ends, edited at random places by random insertions and deletions (line
 * breaks among them, and a CR or LF typed next to its partner).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { piecesText } from '../support/randomEdits';
import { seededRandom } from '../support/random';

const PIECES = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', 'xyz\n', ''];

function starts(index: LineIndex): number[] {
  return [...Array(index.lineCount).keys()].map((line) => index.lineStart(line));
}

describe('line index after an edit', () => {
  it('equals a fresh index of the edited text for random edits of texts with every kind of line end', () => {
    const next = seededRandom(2026);
    for (let round = 0; round < 300; round++) {
      let text = piecesText(next, PIECES, 40);
      let index = new LineIndex(text);
      for (let k = 0; k < 20; k++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * 4));
        const inserted = piecesText(next, PIECES, 3);
        const edited = text.slice(0, start) + inserted + text.slice(end);
        const after = index.afterChange(edited, { start, end, text: inserted });
        assert.deepEqual(starts(after), starts(new LineIndex(edited)), `${JSON.stringify(text)} [${start}, ${end}) → ${JSON.stringify(inserted)}`);
        text = edited;
        index = after;
      }
    }
  });
});
