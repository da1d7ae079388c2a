/** textDocument/completion: terms, tags, types, directives and names at the cursor. */
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver/node';
import { toCompletionItem } from '../convert';
import { completeList } from '../core/features/completion';
import type { CompletionResult } from '../core/features/types';
import type { LineIndex } from '../core/text/lineIndex';
import type { FeatureHost } from './host';

/** Characters after which clients should ask for completions: terms, tag values, directives, an opened string. */
export const COMPLETION_TRIGGERS = [':', '=', ' ', '$', '"'];

export function onCompletion(host: FeatureHost): (params: CompletionParams) => Promise<CompletionItem[] | CompletionList> {
  return async (params) => {
    // Right after an edit, from the model before it when the edit cannot change this answer.
    const quick = host.beforeEdit?.(params.textDocument.uri, params.position, completeList, (list, move) => ({
      ...list,
      items: list.items.map((item) => (item.replace ? { ...item, replace: move(item.replace) } : item)),
    }));
    let result: CompletionResult;
    let lines: LineIndex;
    if (quick) {
      ({ value: result, lines } = quick);
    } else {
      const view = await host.analysis(params.textDocument.uri);
      if (!view) return [];
      result = completeList(view.analysis, view.offsetAt(params.position));
      lines = view.indexOf(undefined);
    }
    const items = result.items.map((item) => toCompletionItem(lines, item, params.position, host.client()));
    // A bounded list (a zone's names) is marked incomplete, so the editor asks again as the user types on.
    return result.incomplete ? { isIncomplete: true, items } : items;
  };
}
