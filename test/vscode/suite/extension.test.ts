// The extension inside a real VS Code extension host: language association,
// activation, the language server's diagnostics on a file and on edits, and
// its restart after a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { describeAll, mailzoneDiagnostics, type SeenDiagnostic } from './diagnostics';
import { waitFor } from './poll';

const EXTENSION_ID = 'mailzone.mailzone';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with test/vscode/workspace open as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The 0-based line of the first line of `doc` that contains `needle`. */
function lineOf(doc: vscode.TextDocument, needle: string): number {
  const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `fixture has a line containing ${needle}`);
  return line;
}

/** Waits until the mailzone diagnostics of `uri` satisfy `accept`, and returns them. */
function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (d: SeenDiagnostic[]) => boolean): Promise<SeenDiagnostic[]> {
  return waitFor(
    what,
    () => {
      const seen = mailzoneDiagnostics(uri);
      return accept(seen) ? seen : undefined;
    },
    () => describeAll(uri),
  );
}

const hasCodes = (...codes: string[]) => (d: SeenDiagnostic[]) => codes.every((c) => d.some((x) => x.code === c));

/**
 * Turns the document's `+all` into `-all` and adds a DMARC record with
 * p=none, then waits until the diagnostics show the edited text was analysed
 * again: one finding gone (spf-pass-all), one new (dmarc-p-none).
 */
async function editAndWaitForReanalysis(doc: vscode.TextDocument, when: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const plus = doc.getText().indexOf('+all');
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(plus), doc.positionAt(plus + 1)), '-');
  edit.insert(doc.uri, doc.positionAt(doc.getText().length), '_dmarc IN TXT "v=DMARC1; p=none"\n');
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  await waitForDiagnostics(doc.uri, `dmarc-p-none without spf-pass-all ${when}`, (d) => hasCodes('dmarc-p-none')(d) && !d.some((x) => x.code === 'spf-pass-all'));
}

/** The language servers this extension host has started (the tests run inside it), by pid, from /proc. */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in brackets (which may hold spaces).
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && argv.some((a) => a.endsWith('dist/server.js')) && argv.includes('--node-ipc')) pids.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return pids;
}

describe('Mailzone in VS Code', () => {
  it('opens a .zone file as dns-zone and activates the extension', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('example.zone'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'dns-zone');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded as the extension under development`);
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined), () => 'not active');
  });

  it('reports the fixture mistakes with their rule ids, lines and severities', async () => {
    const uri = workspaceFile('example.zone');
    const doc = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitForDiagnostics(
      uri,
      'spf-pass-all, dmarc-p-none and zone-syntax from mailzone',
      hasCodes('spf-pass-all', 'dmarc-p-none', 'zone-syntax'),
    );
    const find = (code: string) => diagnostics.filter((d) => d.code === code);

    assert.deepEqual(find('spf-pass-all').map((d) => d.line), [lineOf(doc, '"v=spf1 mx +all"')]);
    assert.deepEqual(find('dmarc-p-none').map((d) => d.line), [lineOf(doc, '"v=DMARC1; p=none"')]);
    assert.ok(
      find('zone-syntax').some((d) => d.line === lineOf(doc, 'broken')),
      `zone-syntax on the unterminated string; got ${describeAll(uri)}`,
    );
    assert.equal(find('spf-pass-all')[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(find('zone-syntax')[0].severity, vscode.DiagnosticSeverity.Error);
    // Codes that carry a documentation link point at that rule's page.
    for (const d of diagnostics) {
      if (d.target !== undefined) assert.match(d.target, new RegExp(`${d.code}(\\.md|\\.html|/)?(#.*)?$`), d.target);
    }
  });

  it('applies a mailzone.rules.<id> severity override from the settings', async () => {
    const uri = workspaceFile('example.zone');
    const severityOf = (severity: vscode.DiagnosticSeverity) => (d: SeenDiagnostic[]) =>
      d.some((x) => x.code === 'zone-syntax') && d.filter((x) => x.code === 'zone-syntax').every((x) => x.severity === severity);
    await waitForDiagnostics(uri, 'zone-syntax as an error', severityOf(vscode.DiagnosticSeverity.Error));

    const config = vscode.workspace.getConfiguration('mailzone');
    await config.update('rules.zone-syntax', 'warning', vscode.ConfigurationTarget.Global);
    try {
      await waitForDiagnostics(uri, 'zone-syntax as a warning after the override', severityOf(vscode.DiagnosticSeverity.Warning));
    } finally {
      await config.update('rules.zone-syntax', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, 'zone-syntax as an error once the override is removed', severityOf(vscode.DiagnosticSeverity.Error));
  });

  it('starts the server again after it crashes, and the diagnostics keep coming', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: '$ORIGIN example.net.\n$TTL 3600\n@ IN TXT "v=spf1 +all"\n' });
    await waitForDiagnostics(doc.uri, 'spf-pass-all before the crash', hasCodes('spf-pass-all'));
    const before = await waitFor('the language server process', () => (serverPids().length === 1 ? serverPids() : undefined), () => `servers ${JSON.stringify(serverPids())}`);
    process.kill(before[0], 'SIGKILL');
    await waitFor(
      'a new language server process',
      () => (serverPids().length === 1 && serverPids()[0] !== before[0] ? true : undefined),
      () => `servers ${JSON.stringify(serverPids())}, killed ${before[0]}`,
    );

    await editAndWaitForReanalysis(doc, 'from the new server');
  });

  it('re-checks an untitled document as it is edited', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'dns-zone',
      content: '$ORIGIN example.org.\n$TTL 3600\n@ IN TXT "v=spf1 +all"\n',
    });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, 'spf-pass-all on the untitled document', hasCodes('spf-pass-all'));

    // A finding that appears and one that disappears show the edited text was analysed again.
    await editAndWaitForReanalysis(doc, 'after the edit');
    // Leaves the zone file in front, which is what a screenshot of the run shows.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
