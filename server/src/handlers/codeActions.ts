/**
 * textDocument/codeAction: the quick fixes of the diagnostics in the
 * request (each finding's own fixes), then the refactorings at its range
 * (rewrites that need no diagnostic, and flattening an include, which runs
 * as a command because it needs DNS answers).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { COMMANDS } from '../commands';
import { SOURCE, type AnalysisView } from '../convert';
import { includeAt } from '../core/features/flatten';
import { refactorings } from '../core/features/refactor';
import { kindWanted, type FeatureHost } from './host';

export interface CodeActionHost extends FeatureHost {
  /**
   * The finished analyses whose findings may be on `uri`: its own (waited
   * for: a fix must match the diagnostic it was asked for) and those of the
   * open zones that include it.
   */
  findingViews(uri: string): Promise<AnalysisView[]>;
}

export function onCodeAction(host: CodeActionHost): (params: CodeActionParams) => Promise<CodeAction[]> {
  return async (params) => [...(await quickFixes(host, params)), ...(await refactorActions(host, params))];
}

async function quickFixes(host: CodeActionHost, params: CodeActionParams): Promise<CodeAction[]> {
  if (!kindWanted(params.context.only, CodeActionKind.QuickFix)) return [];
  const wanted = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  if (wanted.length === 0) return [];
  const uri = params.textDocument.uri;
  const views = await host.findingViews(uri);
  const client = host.client();
  const actions: CodeAction[] = [];
  for (const diagnostic of wanted) {
    for (const view of views) {
      const finding = view.findingFor(uri, diagnostic);
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) actions.push(view.toCodeAction(fix, diagnostic, client));
      break;
    }
  }
  return actions;
}

/** Refactorings at the request's range: rewrites without a diagnostic (kind `refactor.rewrite`). */
async function refactorActions(host: FeatureHost, params: CodeActionParams): Promise<CodeAction[]> {
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
}
