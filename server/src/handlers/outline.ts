/** textDocument/documentSymbol and textDocument/foldingRange: the zone's shape, for the outline and folding. */
import type { DocumentSymbol, DocumentSymbolParams, FoldingRange, FoldingRangeParams, SymbolInformation } from 'vscode-languageserver/node';
import { toDocumentSymbol, toFoldingRange, toSymbolInformation } from '../convert';
import { foldingRanges } from '../core/features/folding';
import { documentSymbols } from '../core/features/symbols';
import type { FeatureHost } from './host';

export function onDocumentSymbol(host: FeatureHost): (params: DocumentSymbolParams) => Promise<DocumentSymbol[] | SymbolInformation[]> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    if (!view) return [];
    const client = host.client();
    const symbols = documentSymbols(view.analysis);
    return client.hierarchicalSymbols ? symbols.map((s) => toDocumentSymbol(view.indexOf(undefined), s, client)) : toSymbolInformation(view.indexOf(undefined), view.uri, symbols, client);
  };
}

export function onFoldingRanges(host: FeatureHost): (params: FoldingRangeParams) => Promise<FoldingRange[]> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    return view ? foldingRanges(view.analysis, view.indexOf(undefined)).map(toFoldingRange) : [];
  };
}
