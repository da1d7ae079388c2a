/**
 * Every conversion between the core's offsets and LSP's positions, ranges,
 * diagnostics and edits. The core never sees a `Position`; the rest of the
 * shell never computes one.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type Command,
  type CompletionItem as LspCompletionItem,
  type Diagnostic,
  type DocumentLink as LspDocumentLink,
  type DocumentSymbol as LspDocumentSymbol,
  type FoldingRange as LspFoldingRange,
  type Hover,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { FULL_CLIENT, type ClientFeatures } from './clientCapabilities';
import type { CompletionItem, CompletionKind, HoverResult } from './core/features/types';
import type { DocumentLink } from './core/features/links';
import type { DocumentSymbol } from './core/features/symbols';
import type { FoldingRange } from './core/features/folding';
import type { Analysis } from './core/service';
import { docsUrl, type Finding, type Fix, type Severity, type TextEdit } from './core/rules/rule';
import { LineIndex } from './core/text/lineIndex';
import type { Span } from './core/text/span';
import type { DiagnosticCache } from './diagnosticCache';
import { markdownToText, snippetToText } from './plainText';
import { pathToUri } from './uris';

export const SOURCE = 'mailzone';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITIES[severity];
}

export function toRange(index: LineIndex, span: Span): Range {
  return index.rangeOf(span);
}

export function toDiagnostic(finding: Finding, index: LineIndex): Diagnostic {
  return {
    range: toRange(index, finding.span),
    severity: toSeverity(finding.severity),
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    source: SOURCE,
    message: finding.message,
  };
}

/**
 * A list of diagnostics as this client may receive it: without the docs
 * link when it does not declare `codeDescriptionSupport`. The server never
 * sends `relatedInformation` or `tags`, so there is nothing else to take out.
 */
export function diagnosticsForClient(diagnostics: Diagnostic[], client: ClientFeatures): Diagnostic[] {
  if (client.codeDescription) return diagnostics;
  return diagnostics.map(({ codeDescription: _dropped, ...rest }) => rest);
}

export { pathToUri, uriToPath } from './uris';

/**
 * One analysed document with everything needed to speak about it in LSP
 * terms: line indexes for the document and each included file, and the URI
 * each finding belongs to.
 */
export class AnalysisView {
  private readonly indexes = new Map<string | undefined, LineIndex>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly analysis: Analysis,
    /** The line index of the analysed text (the server's document keeps one per version). */
    lines: LineIndex,
  ) {
    this.indexes.set(undefined, lines);
  }

  /** The line index of the document (`file` undefined), an included file, or another zone a fix edits. */
  indexOf(file: string | undefined): LineIndex {
    let index = this.indexes.get(file);
    if (!index) {
      // Spans into an included file are offsets into the text the parser read; an edit in another zone of the
      // workspace (the `_report._dmarc` authorization a DMARC fix adds) is an offset into that zone's text.
      index = new LineIndex((file !== undefined && (this.analysis.zone.files.get(file) ?? this.otherZoneText(file))) || '');
      this.indexes.set(file, index);
    }
    return index;
  }

  private otherZoneText(file: string): string | undefined {
    return this.analysis.view.options.workspace?.find((z) => z.file === file)?.view.zone.text;
  }

  uriOf(file: string | undefined): string {
    return file === undefined ? this.uri : pathToUri(file);
  }

  /**
   * Diagnostics grouped by the URI they belong to; the document's own URI is
   * always present. With `cache`, the document's last conversion, a finding
   * converted before is not converted again (see diagnosticCache.ts).
   */
  diagnostics(cache?: DiagnosticCache): Map<string, Diagnostic[]> {
    const findings = this.analysis.findings;
    const convert = (finding: Finding): Diagnostic => {
      const diagnostic = toDiagnostic(finding, this.indexOf(finding.file));
      // The other places of a per-zone finding (each name mail-no-spf lists), reachable from the one diagnostic.
      if (finding.related?.length) {
        diagnostic.relatedInformation = finding.related.map((place) => ({
          location: { uri: this.uriOf(place.file), range: toRange(this.indexOf(place.file), place.span) },
          message: place.message,
        }));
      }
      return diagnostic;
    };
    const diagnostics = cache ? cache.convert(findings, (file) => this.analysis.zone.files.get(file) ?? this.otherZoneText(file), convert) : findings.map(convert);
    const byUri = new Map<string, Diagnostic[]>([[this.uri, []]]);
    for (let i = 0; i < findings.length; i++) {
      const uri = this.uriOf(findings[i].file);
      let list = byUri.get(uri);
      if (!list) byUri.set(uri, (list = []));
      list.push(diagnostics[i]);
    }
    return byUri;
  }

  /** The finding a client's diagnostic came from: same URI, rule id and range. */
  findingFor(uri: string, diagnostic: Diagnostic): Finding | undefined {
    return this.analysis.findings.find(
      (finding) =>
        finding.rule === diagnostic.code &&
        this.uriOf(finding.file) === uri &&
        sameRange(toRange(this.indexOf(finding.file), finding.span), diagnostic.range),
    );
  }

  /** A quick fix as a code action whose edits may touch the document and included files. */
  toCodeAction(fix: Fix, diagnostic: Diagnostic, client: ClientFeatures = FULL_CLIENT): CodeAction {
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(client.preferredCodeActions ? { isPreferred: fix.preferred ?? false } : {}),
      edit: this.toWorkspaceEdit(fix.edits),
    };
  }

  /** A refactoring: a rewrite offered where nothing is wrong, so it carries no diagnostic. */
  toRefactorAction(fix: Fix): CodeAction {
    return { title: fix.title, kind: CodeActionKind.RefactorRewrite, edit: this.toWorkspaceEdit(fix.edits) };
  }

  /** Core edits as a workspace edit, grouped by the URI of the file each edit is in. */
  toWorkspaceEdit(edits: readonly TextEdit[]): WorkspaceEdit {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const edit of edits) {
      const uri = this.uriOf(edit.file);
      (changes[uri] ??= []).push({ range: toRange(this.indexOf(edit.file), edit.span), newText: edit.newText });
    }
    return { changes };
  }

  /** The document offset of an LSP position. */
  offsetAt(position: Position): number {
    return this.indexOf(undefined).offsetAt(position);
  }

  /** The document span of an LSP range. */
  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  range(span: Span): Range {
    return toRange(this.indexOf(undefined), span);
  }
}

/** Markdown for a client that shows it; the same text as plain text for one that declares only plain text. */
export function toHover(index: LineIndex, hover: HoverResult, client: ClientFeatures = FULL_CLIENT): Hover {
  const contents = client.hoverMarkdown ? { kind: MarkupKind.Markdown, value: hover.markdown } : { kind: MarkupKind.PlainText, value: markdownToText(hover.markdown) };
  return { contents, range: toRange(index, hover.span) };
}

/** LSP 1's kinds, which a client that declares no `valueSet` is assumed to know (Text to Reference; File to Array). */
const BASE_COMPLETION_KINDS = 18;
const BASE_SYMBOL_KINDS = 18;

function knownKind<K extends number>(kind: K, known: ReadonlySet<number> | undefined, base: number, fallback: K): K {
  return (known ? known.has(kind) : kind <= base) ? kind : fallback;
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  function: CompletionItemKind.Function,
  module: CompletionItemKind.Module,
  snippet: CompletionItemKind.Snippet,
  constant: CompletionItemKind.Constant,
  reference: CompletionItemKind.Reference,
};

/**
 * A completion item. With a replace span it carries a text edit over that
 * span (the word being typed, which may sit inside a quoted string), so
 * every client replaces the same characters; snippets use LSP's snippet
 * syntax (`${1:placeholder}`).
 */
export function toCompletionItem(index: LineIndex, item: CompletionItem, cursor: Position, client: ClientFeatures = FULL_CLIENT): LspCompletionItem {
  // A client without snippet support inserts the text as it is: give it the text a snippet would leave.
  const snippet = item.snippet === true && client.snippets;
  const raw = item.insertText ?? item.label;
  const newText = item.snippet && !snippet ? snippetToText(raw) : raw;
  const range = item.replace ? toRange(index, item.replace) : { start: cursor, end: cursor };
  const documentation = item.documentation === undefined ? undefined : client.completionMarkdown ? { kind: MarkupKind.Markdown, value: item.documentation } : markdownToText(item.documentation);
  return {
    label: item.label,
    kind: knownKind(COMPLETION_KINDS[item.kind], client.completionKinds, BASE_COMPLETION_KINDS, CompletionItemKind.Value),
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(documentation !== undefined ? { documentation } : {}),
    ...(item.sortText !== undefined ? { sortText: item.sortText } : {}),
    ...(item.filterText !== undefined ? { filterText: item.filterText } : {}),
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText },
  };
}

const SYMBOL_KINDS: Record<DocumentSymbol['kind'], SymbolKind> = {
  owner: SymbolKind.Namespace,
  record: SymbolKind.Field,
  directive: SymbolKind.Key,
};

function symbolKind(symbol: DocumentSymbol, client: ClientFeatures): SymbolKind {
  return knownKind(SYMBOL_KINDS[symbol.kind], client.symbolKinds, BASE_SYMBOL_KINDS, SymbolKind.Property);
}

export function toDocumentSymbol(index: LineIndex, symbol: DocumentSymbol, client: ClientFeatures = FULL_CLIENT): LspDocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: symbolKind(symbol, client),
    range: toRange(index, symbol.span),
    selectionRange: toRange(index, symbol.selectionSpan),
    ...(symbol.children ? { children: symbol.children.map((c) => toDocumentSymbol(index, c, client)) } : {}),
  };
}

/**
 * The outline for a client without hierarchical symbol support: a flat list
 * in document order, each child naming its parent as container. The tree is
 * two levels deep (owners and their records), so the walk is bounded by it.
 */
export function toSymbolInformation(index: LineIndex, uri: string, symbols: readonly DocumentSymbol[], client: ClientFeatures, container?: string): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    {
      name: symbol.name,
      kind: symbolKind(symbol, client),
      location: { uri, range: toRange(index, symbol.span) },
      ...(container !== undefined ? { containerName: container } : {}),
    },
    ...toSymbolInformation(index, uri, symbol.children ?? [], client, symbol.name),
  ]);
}

export function toFoldingRange(range: FoldingRange): LspFoldingRange {
  return { startLine: range.startLine, endLine: range.endLine };
}

/** `$INCLUDE` targets become file URIs; report URIs (`mailto:`, `https:`) are links as written. */
export function toDocumentLink(index: LineIndex, link: DocumentLink): LspDocumentLink {
  return { range: toRange(index, link.span), target: link.isFile ? pathToUri(link.target) : link.target };
}

/** Edits to the document itself (formatting never touches other files). */
export function toTextEdits(index: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.filter((e) => e.file === undefined).map((e) => ({ range: toRange(index, e.span), newText: e.newText }));
}

export function toCodeLens(index: LineIndex, span: Span, command: Command): CodeLens {
  return { range: toRange(index, span), command };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
