/** textDocument/completion: terms, tags, types, directives and names at the cursor. */
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver/node';
import { toCompletionItem } from '../convert';
import { completeList } from '../core/features/completion';
import type { FeatureHost } from './host';

/** Characters after which clients should ask for completions: terms, tag values, directives, an opened string. */
export const COMPLETION_TRIGGERS = [':', '=', ' ', '$', '"'];

export function onCompletion(host: FeatureHost): (params: CompletionParams) => Promise<CompletionItem[] | CompletionList> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    if (!view) return [];
    const result = completeList(view.analysis, view.offsetAt(params.position));
    const items = result.items.map((item) => toCompletionItem(view.indexOf(undefined), item, params.position, host.client()));
    // A bounded list (a zone's names) is marked incomplete, so the editor asks again as the user types on.
    return result.incomplete ? { isIncomplete: true, items } : items;
  };
}
