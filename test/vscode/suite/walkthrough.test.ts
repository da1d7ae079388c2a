// The walkthrough as a user meets it: opened beside the editor, each step's own action
// done through VS Code's commands, and each step's tick read from the workbench page
// (through the driver, which sees the page; probe.ts). VS Code ticks a step on the first
// occurrence of its completion event in a session, so this file runs before the others
// (index.ts), which open zones, show trees and change settings too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mailzoneDiagnostics } from './diagnostics';
import { probeDir, walkthroughSteps } from './probe';

const WALKTHROUGH = 'mailzone.mailzone#gettingStarted';
const STEPS = ['openZone', 'seeFinding', 'applyFix', 'spfTree', 'changeSetting'];

async function eventually<T>(what: string, probe: () => Thenable<T | undefined> | T | undefined, observed = () => '', timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last observed: ${observed()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The walkthrough in the second editor group, and the focus back in the first, where the
 * steps' commands open their editors; the walkthrough stays in view to be read.
 */
async function showWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, true);
  await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
}

/** The ticks of this walkthrough's steps, by step id, as the workbench shows them. */
async function ticks(): Promise<Record<string, boolean>> {
  let steps = await walkthroughSteps();
  // A step's command may have put its editor over the walkthrough: bring the walkthrough back to read it.
  if (steps.length === 0) {
    await showWalkthrough();
    steps = await walkthroughSteps();
  }
  return Object.fromEntries(steps.filter((s) => s.id.startsWith(`${WALKTHROUGH}#`)).map((s) => [s.id.slice(WALKTHROUGH.length + 1), s.done]));
}

/** Waits for `step`'s tick, then checks that exactly it and the steps before it are ticked. */
async function ticked(step: string): Promise<void> {
  let last: Record<string, boolean> = {};
  const seen = await eventually(
    `the "${step}" step ticked`,
    async () => {
      last = await ticks();
      return last[step] ? last : undefined;
    },
    () => JSON.stringify(last),
  );
  const upTo = STEPS.indexOf(step);
  assert.deepEqual(seen, Object.fromEntries(STEPS.map((s, i) => [s, i <= upTo])));
}

describe('The walkthrough in VS Code', () => {
  let example: vscode.TextEditor | undefined;

  before(function () {
    // Only the driver sees the page; a launcher without it (run-electron.ts) cannot read the ticks.
    if (!probeDir()) this.skip();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mailzone').update('dmarc.standard', undefined, vscode.ConfigurationTarget.Global);
    if (example) {
      await vscode.window.showTextDocument(example.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('opens beside the editor with its five steps, none ticked', async () => {
    await showWalkthrough();
    const shown = await eventually('the walkthrough’s steps', async () => {
      const t = await ticks();
      return Object.keys(t).length === STEPS.length ? t : undefined;
    });
    assert.deepEqual(shown, Object.fromEntries(STEPS.map((s) => [s, false])));
  });

  it('1. open a zone: the step’s command opens the example as a zone file, and the step is ticked', async () => {
    await vscode.commands.executeCommand('mailzone.openExample');
    example = await eventually('the example zone', () => (vscode.window.activeTextEditor?.document.getText().includes('$ORIGIN example.com.') ? vscode.window.activeTextEditor : undefined));
    assert.equal(example.document.languageId, 'dns-zone');
    await ticked('openZone');
  });

  it('2. see a finding: the example’s findings arrive, the step’s command shows Problems, and the step is ticked', async () => {
    const uri = example!.document.uri;
    await eventually('findings on the example', () => (mailzoneDiagnostics(uri).some((d) => d.code === 'spf-pass-all') ? true : undefined));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await ticked('seeFinding');
  });

  it('3. apply a fix: Quick Fix on +all, its first fix accepted, and the step is ticked', async () => {
    const editor = await vscode.window.showTextDocument(example!.document, vscode.ViewColumn.One);
    const text = editor.document.getText();
    // The +all of the SPF record, not the one the comment above it quotes.
    const at = editor.document.positionAt(text.indexOf('+all"', text.indexOf('"v=spf1 mx')) + 1);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.quickFix');
    // The Quick Fix menu opens once the editor has the actions; accepting its selected item is what Enter does.
    await eventually(
      'the fix applied',
      async () => {
        await vscode.commands.executeCommand('acceptSelectedCodeAction');
        return editor.document.getText() !== text ? true : undefined;
      },
      () => editor.document.lineAt(at.line).text,
    );
    assert.doesNotMatch(editor.document.lineAt(at.line).text, /\+all/);
    await ticked('applyFix');
  });

  it('4. view the SPF lookup tree: the step’s command on the SPF record fills the tree view, and the step is ticked', async () => {
    const editor = await vscode.window.showTextDocument(example!.document, vscode.ViewColumn.One);
    const at = editor.document.positionAt(editor.document.getText().indexOf('"v=spf1 mx') + 1);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('mailzone.showSpfTree');
    const api = await vscode.extensions.getExtension<{ spfTree: vscode.TreeDataProvider<unknown> }>('mailzone.mailzone')!.activate();
    const roots = await eventually('the tree', async () => {
      const r = (await api.spfTree.getChildren()) ?? [];
      return r.length > 0 ? r : undefined;
    });
    assert.equal((await api.spfTree.getTreeItem(roots[0])).label, 'example.com');
    await ticked('spfTree');
  });

  it('5. change a setting: the DMARC standard changed, and the step is ticked', async () => {
    await vscode.workspace.getConfiguration('mailzone').update('dmarc.standard', 'rfc7489', vscode.ConfigurationTarget.Global);
    await ticked('changeSetting');
  });
});
