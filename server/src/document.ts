/**
 * The language server's text document: the LSP `TextDocument` over the
 * core's line index, updated by moving the index rather than rescanning.
 *
 * Why not `vscode-languageserver-textdocument`: after each edit it reads a
 * character of the new text, and V8 then copies the whole text into one
 * string — on a 100,000-record zone (a 10 MB string once a comment holds
 * one character beyond Latin-1) that copy is most of an edit's cost. Here an
 * edit joins the old text's pieces and the inserted text without reading
 * them, and {@link ZoneDocument.settle} makes the copy later, when the
 * server is idle. Nothing on the way from an edit to its diagnostics reads
 * the new text whole: the re-parse reads the edited entry from the old text
 * and the inserted text, and the line index moves (core/text/lineIndex.ts).
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex } from './core/text/lineIndex';
import type { TextChange } from './core/zone/parser';

/**
 * The edit a document has had since its text was last parsed, when it is
 * one range: the next parse then re-reads only the entry it falls in.
 * `many` after several edits (or a whole-text replacement) in between.
 */
export type PendingEdit = { readonly fromVersion: number; readonly change: TextChange } | 'many';

/** Notes `changes`, about to be applied to `document`, in `edits` (see {@link PendingEdit}). */
export function noteEdit(edits: Map<string, PendingEdit>, document: ZoneDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
  const one = changes.length === 1 && 'range' in changes[0] ? changes[0] : undefined;
  if (one && !edits.has(document.uri)) {
    const [start, end] = [document.offsetAt(one.range.start), document.offsetAt(one.range.end)].sort((a, b) => a - b);
    edits.set(document.uri, { fromVersion: document.version, change: { start, end, newLength: one.text.length, text: one.text } });
  } else {
    edits.set(document.uri, 'many');
  }
}

export class ZoneDocument implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private text: string,
    /** The line index of this version's text; a new one after every edit. */
    public lines: LineIndex,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): ZoneDocument {
    return new ZoneDocument(uri, languageId, version, content, new LineIndex(content));
  }

  /** Applies `changes` in order, as `TextDocuments` asks; the document object stays the same. */
  static update(document: ZoneDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): ZoneDocument {
    for (const change of changes) {
      if (!('range' in change)) {
        document.text = change.text;
        document.lines = new LineIndex(change.text);
        continue;
      }
      // A range may come with its ends reversed.
      const [start, end] = [document.offsetAt(change.range.start), document.offsetAt(change.range.end)].sort((a, b) => a - b);
      const text = document.text.slice(0, start) + change.text + document.text.slice(end);
      document.lines = document.lines.afterChange(text, { start, end, text: change.text });
      document.text = text;
    }
    document.version = version;
    return document;
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const position = this.lines.positionAt(offset);
    // An offset inside a line break (between CR and LF) is its line's end, as the protocol library has it.
    const length = this.lines.lineEnd(position.line) - this.lines.lineStart(position.line);
    return position.character > length ? { line: position.line, character: length } : position;
  }

  offsetAt(position: Position): number {
    // A position at least two characters before the next line's start cannot be past its line's end (a line
    // break is at most CRLF), so it needs no clamping and no look at the text: reading a character of an
    // edited text makes V8 copy it whole into one string, which on a 100,000-record zone costs more than the
    // rest of an edit. Only a position near or past a line's end reads the line break.
    const { line, character } = position;
    if (line >= 0 && line + 1 < this.lines.lineCount && character >= 0) {
      const start = this.lines.lineStart(line);
      if (start + character <= this.lines.lineStart(line + 1) - 2) return start + character;
    }
    return this.lines.offsetAt(position);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getLineRange(line: number): Range {
    const count = this.lines.lineCount;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // Past the last line: the last line, as the protocol's own document answers.
    const at = Math.min(line, count - 1);
    const end = line >= count ? this.text.length : this.lines.lineEnd(at);
    return { start: { line: at, character: 0 }, end: { line: at, character: end - this.lines.lineStart(at) } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.lineCount) return '';
    const next = line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.text.length;
    return this.text.slice(this.lines.lineEnd(line), next);
  }

  /**
   * Makes the text one string now, so the next edit does not pay for it:
   * the server calls this when it has published an analysis and is idle.
   */
  settle(): void {
    if (this.text.length > 0) this.text.charCodeAt(0);
  }
}
