// Rule pages inside VS Code. The server links each diagnostic to its rule's
// page on the repository (what every editor can open); the extension carries
// the same pages (docs/rules/*.md in the .vsix) and points the diagnostic's
// code link at them instead, so a click opens the page as a Markdown preview
// beside the zone, offline and matching the installed version.
//
// VS Code opens a code link through its opener, which runs no commands from
// there but opens any other URI in an editor: the link is a `mailzone-rule:`
// URI, and the editor it would open is replaced by the preview of the page.
import * as vscode from 'vscode';

export const RULE_SCHEME = 'mailzone-rule';

/** The repository's rule pages, as the server links them (server/src/core/rules/rule.ts, DOCS_BASE). */
const REMOTE_PAGE = /\/docs\/rules\/([a-z0-9-]+)\.md$/;

export class RuleDocs implements vscode.TextDocumentContentProvider {
  private readonly folder: vscode.Uri;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.folder = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  }

  /** The bundled page of a rule. */
  page(rule: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${rule}.md`);
  }

  /** The link a diagnostic's code carries: the bundled page for a rule page of the repository, anything else as it is. */
  link(target: vscode.Uri): vscode.Uri {
    const rule = REMOTE_PAGE.exec(target.path)?.[1];
    return rule && target.scheme === 'https' ? vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${rule}.md` }) : target;
  }

  /** Opens a rule's page as a Markdown preview beside the active editor. */
  async show(rule: string): Promise<void> {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', this.page(rule));
  }

  /** The page's text, for the moment the opener shows the link as a document before the preview replaces it. */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.page(ruleOf(uri))));
  }

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, this),
      vscode.commands.registerCommand('mailzone.showRuleDoc', async (rule?: string) => {
        const id = typeof rule === 'string' ? rule : await this.pick();
        if (id) await this.show(id);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) if (editor.document.uri.scheme === RULE_SCHEME) void this.replace(editor.document.uri);
      }),
    );
  }

  /** Closes the text editor a code link opened and shows the page's preview instead. */
  private async replace(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await this.show(ruleOf(uri));
  }

  /** Asks which rule's page to open, from the pages the package carries. */
  private async pick(): Promise<string | undefined> {
    const entries = await vscode.workspace.fs.readDirectory(this.folder);
    const rules = entries.map(([name]) => name).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => n.slice(0, -3)).sort();
    return vscode.window.showQuickPick(rules, { title: 'Mailzone rule documentation', placeHolder: 'Rule id' });
  }
}

function ruleOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}
