/**
 * Every conversion between the core's offsets and LSP's positions, ranges,
 * diagnostics and edits. The core never sees a `Position`; the rest of the
 * shell never computes one.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import type { Analysis } from './core/service';
import { docsUrl, type Finding, type Fix, type Severity } from './core/rules/rule';
import { LineIndex } from './core/text/lineIndex';
import type { Span } from './core/text/span';

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

/** The file path of a `file:` URI; other schemes (`untitled:`) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

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
    text: string,
  ) {
    this.indexes.set(undefined, new LineIndex(text));
  }

  /** The line index of the document (`file` undefined) or of an included file. */
  indexOf(file: string | undefined): LineIndex {
    let index = this.indexes.get(file);
    if (!index) {
      // Spans into an included file are offsets into the text the parser read.
      index = new LineIndex((file !== undefined && this.analysis.zone.files.get(file)) || '');
      this.indexes.set(file, index);
    }
    return index;
  }

  uriOf(file: string | undefined): string {
    return file === undefined ? this.uri : pathToUri(file);
  }

  /** Diagnostics grouped by the URI they belong to; the document's own URI is always present. */
  diagnostics(): Map<string, Diagnostic[]> {
    const byUri = new Map<string, Diagnostic[]>([[this.uri, []]]);
    for (const finding of this.analysis.findings) {
      const uri = this.uriOf(finding.file);
      let list = byUri.get(uri);
      if (!list) byUri.set(uri, (list = []));
      list.push(toDiagnostic(finding, this.indexOf(finding.file)));
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
  toCodeAction(fix: Fix, diagnostic: Diagnostic): CodeAction {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const edit of fix.edits) {
      const uri = this.uriOf(edit.file);
      (changes[uri] ??= []).push({ range: toRange(this.indexOf(edit.file), edit.span), newText: edit.newText });
    }
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.preferred ?? false,
      edit: { changes },
    };
  }
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
