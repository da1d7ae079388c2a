/** textDocument/codeLens: the DNS lookups each SPF record costs, opening its lookup tree when clicked. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { COMMANDS } from '../commands';
import { toCodeLens } from '../convert';
import { lookupLenses } from '../core/features/spfReport';
import type { FeatureHost } from './host';

export function onCodeLens(host: FeatureHost): (params: CodeLensParams) => Promise<CodeLens[]> {
  return async (params) => {
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
  };
}
