// The walkthrough's first step ("Open a zone file") is ticked when the context key set
// here turns true: VS Code ticks steps on commands, views, settings and context keys, and
// opening a file of your own is none of the first three. The key lives in the workbench's
// global context, where the walkthrough evaluates it (an editor's own `resourceLangId`
// does not reach there).
import * as vscode from 'vscode';

/** The context key the walkthrough's `onContext:mailzone.zoneOpened` completion event reads. */
export const ZONE_OPENED = 'mailzone.zoneOpened';

const isZone = (document: vscode.TextDocument): boolean => document.languageId === 'dns-zone';

/** Sets the key once a zone file is open (it stays set: the step is done once). */
export function register(context: vscode.ExtensionContext): void {
  const mark = (): void => {
    void vscode.commands.executeCommand('setContext', ZONE_OPENED, true);
    listener.dispose();
  };
  const listener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (isZone(document)) mark();
  });
  context.subscriptions.push(listener);
  if (vscode.workspace.textDocuments.some(isZone)) mark();
}
