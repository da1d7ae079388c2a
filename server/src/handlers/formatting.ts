/** textDocument/formatting: the zone's records in aligned columns, when `mailzone.format.enable` is on. */
import type { DocumentFormattingParams, TextEdit } from 'vscode-languageserver/node';
import { toTextEdits } from '../convert';
import { formatZone } from '../core/features/format';
import type { FeatureHost } from './host';

export function onFormatting(host: FeatureHost): (params: DocumentFormattingParams) => Promise<TextEdit[]> {
  return async (params) => {
    // Off unless asked for: a zone file's layout is often deliberate, and formatting on save must not surprise.
    if (!(await host.settings(params.textDocument.uri)).format.enable) return [];
    const view = await host.analysis(params.textDocument.uri);
    return view ? toTextEdits(view.indexOf(undefined), formatZone(view.analysis)) : [];
  };
}
