/**
 * What the connected editor says it can show, read once from `initialize`.
 * Conversions (convert.ts) consult it so that an editor which declares only
 * plain text gets plain text, one without snippet support gets text to
 * insert as is, and one that knows only LSP 1's kinds gets those kinds.
 */
import { MarkupKind, type ClientCapabilities } from 'vscode-languageserver/node';

export interface ClientFeatures {
  /** Hover contents may be Markdown (`textDocument.hover.contentFormat` lists it). */
  readonly hoverMarkdown: boolean;
  /** Completion documentation may be Markdown (`completionItem.documentationFormat`). */
  readonly completionMarkdown: boolean;
  /** Completion items may be snippets (`completionItem.snippetSupport`). */
  readonly snippets: boolean;
  /** The completion item kinds the editor knows, or undefined for LSP 1's (Text to Reference). */
  readonly completionKinds?: ReadonlySet<number>;
  /** Diagnostics may carry `codeDescription` (the rule's docs link). */
  readonly codeDescription: boolean;
  /** Diagnostics may be published with the document version they belong to. */
  readonly diagnosticVersion: boolean;
  /** Document symbols may be a tree (`DocumentSymbol[]`), else a flat `SymbolInformation[]`. */
  readonly hierarchicalSymbols: boolean;
  /** The symbol kinds the editor knows, or undefined for LSP 1's (File to Array). */
  readonly symbolKinds?: ReadonlySet<number>;
  /** Code actions may say which one is preferred. */
  readonly preferredCodeActions: boolean;
  /** Code actions may be `CodeAction` literals (`codeActionLiteralSupport`); else only `Command`s (codeActionCompat.ts). */
  readonly codeActionLiterals: boolean;
}

/**
 * What a client that declares nothing gets: LSP's defaults are plain text,
 * no snippets and flat symbols, but the server is started by editors that
 * declare what they support, and an absent declaration there means no.
 */
export const PLAIN_CLIENT: ClientFeatures = {
  hoverMarkdown: false,
  completionMarkdown: false,
  snippets: false,
  codeDescription: false,
  diagnosticVersion: false,
  hierarchicalSymbols: false,
  preferredCodeActions: false,
  codeActionLiterals: false,
};

/** Everything the server can use: for the tests of the core conversions, and hosts that are not LSP clients. */
export const FULL_CLIENT: ClientFeatures = {
  hoverMarkdown: true,
  completionMarkdown: true,
  snippets: true,
  codeDescription: true,
  diagnosticVersion: true,
  hierarchicalSymbols: true,
  preferredCodeActions: true,
  codeActionLiterals: true,
};

export function clientFeatures(capabilities: ClientCapabilities | undefined): ClientFeatures {
  const text = capabilities?.textDocument;
  const item = text?.completion?.completionItem;
  const completionKinds = text?.completion?.completionItemKind?.valueSet;
  const symbolKinds = text?.documentSymbol?.symbolKind?.valueSet;
  return {
    hoverMarkdown: text?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true,
    completionMarkdown: item?.documentationFormat?.includes(MarkupKind.Markdown) === true,
    snippets: item?.snippetSupport === true,
    completionKinds: completionKinds ? new Set(completionKinds) : undefined,
    codeDescription: text?.publishDiagnostics?.codeDescriptionSupport === true,
    diagnosticVersion: text?.publishDiagnostics?.versionSupport === true,
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    symbolKinds: symbolKinds ? new Set(symbolKinds) : undefined,
    preferredCodeActions: text?.codeAction?.isPreferredSupport === true,
    codeActionLiterals: text?.codeAction?.codeActionLiteralSupport !== undefined,
  };
}
