/** textDocument/hover: what the token under the cursor means, from the core's docs tables. */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { toHover } from '../convert';
import { hover } from '../core/features/hover';
import type { FeatureHost } from './host';

export function onHover(host: FeatureHost): (params: HoverParams) => Promise<Hover | null> {
  return async (params) => {
    // Right after an edit, from the model before it when the edit cannot change this answer.
    const quick = host.beforeEdit?.(params.textDocument.uri, params.position, hover, (found, move) => found && { ...found, span: move(found.span) });
    if (quick) return quick.value ? toHover(quick.lines, quick.value, host.client()) : null;
    const view = await host.analysis(params.textDocument.uri);
    const found = view && hover(view.analysis, view.offsetAt(params.position));
    return found ? toHover(view.indexOf(undefined), found, host.client()) : null;
  };
}
