/** textDocument/hover: what the token under the cursor means, from the core's docs tables. */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { toHover } from '../convert';
import { hover } from '../core/features/hover';
import type { FeatureHost } from './host';

export function onHover(host: FeatureHost): (params: HoverParams) => Promise<Hover | null> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    const found = view && hover(view.analysis, view.offsetAt(params.position));
    return found ? toHover(view.indexOf(undefined), found, host.client()) : null;
  };
}
