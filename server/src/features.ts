/**
 * The editor features over LSP: hover, completion, outline, folding, links,
 * formatting, SPF lookup lenses and refactorings. Each handler finds the
 * document's current analysis, asks the core (server/src/core/features) and
 * converts the answer (convert.ts); none of them knows what a record means.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type DocumentFormattingParams,
  type DocumentLink,
  type DocumentLinkParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { ClientFeatures } from './clientCapabilities';
import { COMMANDS } from './commands';
import { toCodeLens, toCompletionItem, toDocumentLink, toDocumentSymbol, toFoldingRange, toHover, toSymbolInformation, toTextEdits, type AnalysisView } from './convert';
import { completeList } from './core/features/completion';
import { includeAt } from './core/features/flatten';
import { foldingRanges } from './core/features/folding';
import { formatZone } from './core/features/format';
import { hover } from './core/features/hover';
import { documentLinks } from './core/features/links';
import { refactorings } from './core/features/refactor';
import { lookupLenses } from './core/features/spfReport';
import { documentSymbols } from './core/features/symbols';
import type { SpfTree } from './core/records/spf/tree';
import type { ResourceRecord } from './core/zone/ast';
import type { ServerSettings } from './settings';

/** Characters after which clients should ask for completions: terms, tag values, directives, an opened string. */
export const COMPLETION_TRIGGERS = [':', '=', ' ', '$', '"'];

export interface FeatureHost {
  /** The current analysis of an open zone document, or undefined when the URI is not one. */
  analysis(uri: string): Promise<AnalysisView | undefined>;
  settings(uri: string): Promise<ServerSettings>;
  /** Fuller SPF lookup trees of a document, when a pass with live DNS has them. */
  liveTrees?(uri: string): ReadonlyMap<ResourceRecord, SpfTree> | undefined;
  /** What the editor declared it can show (plain text or Markdown, snippets, symbol trees). */
  client(): ClientFeatures;
}

export interface FeatureHandlers {
  hover(params: HoverParams): Promise<Hover | null>;
  completion(params: CompletionParams): Promise<CompletionItem[] | CompletionList>;
  documentSymbols(params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[]>;
  foldingRanges(params: FoldingRangeParams): Promise<FoldingRange[]>;
  documentLinks(params: DocumentLinkParams): Promise<DocumentLink[]>;
  formatting(params: DocumentFormattingParams): Promise<TextEdit[]>;
  codeLenses(params: CodeLensParams): Promise<CodeLens[]>;
  /** Refactorings at the request's range: rewrites without a diagnostic (kind `refactor.rewrite`). */
  refactorActions(params: CodeActionParams): Promise<CodeAction[]>;
}

/** Whether a code-action request's `only` filter lets actions of `kind` through (LSP kinds are dotted hierarchies). */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => wanted === '' || wanted === kind || kind.startsWith(`${wanted}.`));
}

export function createFeatures(host: FeatureHost): FeatureHandlers {
  return {
    async hover(params) {
      const view = await host.analysis(params.textDocument.uri);
      const found = view && hover(view.analysis, view.offsetAt(params.position));
      return found ? toHover(view.indexOf(undefined), found, host.client()) : null;
    },

    async completion(params) {
      const view = await host.analysis(params.textDocument.uri);
      if (!view) return [];
      const result = completeList(view.analysis, view.offsetAt(params.position));
      const items = result.items.map((item) => toCompletionItem(view.indexOf(undefined), item, params.position, host.client()));
      // A bounded list (a zone's names) is marked incomplete, so the editor asks again as the user types on.
      return result.incomplete ? { isIncomplete: true, items } : items;
    },

    async documentSymbols(params) {
      const view = await host.analysis(params.textDocument.uri);
      if (!view) return [];
      const client = host.client();
      const symbols = documentSymbols(view.analysis);
      return client.hierarchicalSymbols ? symbols.map((s) => toDocumentSymbol(view.indexOf(undefined), s, client)) : toSymbolInformation(view.indexOf(undefined), view.uri, symbols, client);
    },

    async foldingRanges(params) {
      const view = await host.analysis(params.textDocument.uri);
      return view ? foldingRanges(view.analysis, view.indexOf(undefined)).map(toFoldingRange) : [];
    },

    async documentLinks(params) {
      const view = await host.analysis(params.textDocument.uri);
      return view ? documentLinks(view.analysis).map((l) => toDocumentLink(view.indexOf(undefined), l)) : [];
    },

    async formatting(params) {
      // Off unless asked for: a zone file's layout is often deliberate, and formatting on save must not surprise.
      if (!(await host.settings(params.textDocument.uri)).format.enable) return [];
      const view = await host.analysis(params.textDocument.uri);
      return view ? toTextEdits(view.indexOf(undefined), formatZone(view.analysis)) : [];
    },

    async codeLenses(params) {
      const uri = params.textDocument.uri;
      const view = await host.analysis(uri);
      if (!view) return [];
      return lookupLenses(view.analysis, host.liveTrees?.(uri)).map((lens) =>
        toCodeLens(view.indexOf(undefined), lens.span, {
          title: lens.title,
          command: COMMANDS.showSpfTree,
          arguments: [{ uri, position: view.range(lens.span).start }],
        }),
      );
    },

    async refactorActions(params) {
      if (!kindWanted(params.context.only, CodeActionKind.RefactorRewrite)) return [];
      const uri = params.textDocument.uri;
      const view = await host.analysis(uri);
      if (!view) return [];
      const span = view.spanOf(params.range);
      const actions = refactorings(view.analysis, span).map((fix) => view.toRefactorAction(fix));
      const include = includeAt(view.analysis, span.start);
      if (include) {
        // Flattening needs DNS answers, so it runs as a command that resolves and then edits.
        const title = 'Flatten this include';
        actions.push({
          title,
          kind: CodeActionKind.RefactorRewrite,
          command: { title, command: COMMANDS.flattenInclude, arguments: [{ uri, version: view.version, position: params.range.start }] },
        });
      }
      return actions;
    },
  };
}
