// The $mailzone problem matcher as a user meets it: the test workspace's task
// (.vscode/tasks.json) runs `mailzone check --format compact` on a zone VS Code
// does not open, and the matcher turns its lines into diagnostics in Problems.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TASK = 'mailzone: check task-check.txt';

async function eventually<T>(what: string, probe: () => T | undefined, observed: () => string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last observed: ${observed()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every diagnostic VS Code holds for the task's zone, from any owner. */
function onTaskZone(): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.path.endsWith('/task-check.txt'))
    .flatMap(([, diagnostics]) => diagnostics);
}

describe('The $mailzone problem matcher in a VS Code task', () => {
  it('puts the findings of `mailzone check --format compact` in Problems, at their file, line and column', async () => {
    const task = (await vscode.tasks.fetchTasks()).find((t) => t.name === TASK);
    assert.ok(task, `the workspace task "${TASK}"`);
    assert.deepEqual(onTaskZone(), [], 'nothing reports on the zone before the task runs');

    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name !== TASK) return;
        listener.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    // Warnings alone leave the exit status 0 (README: exit codes).
    assert.equal(await ended, 0);

    const everywhere = () => JSON.stringify(vscode.languages.getDiagnostics().map(([uri, d]) => [uri.toString(), d.length]));
    const seen = await eventually('the matcher’s diagnostics', () => (onTaskZone().length >= 2 ? onTaskZone() : undefined), () => `${everywhere()}; the task's matchers ${JSON.stringify(task.problemMatchers)}`);
    const [file] = vscode.languages.getDiagnostics().filter(([, d]) => d.some((x) => seen.includes(x)));
    assert.equal(file[0].path, vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'task-check.txt').path);
    assert.deepEqual(
      seen
        .map((d) => [d.source, d.code, d.severity, d.range.start.line, d.range.start.character, d.message])
        .sort((a, b) => Number(a[3]) - Number(b[3])),
      [
        // The compact lines are 1-based (task-check.txt:8:26); VS Code's positions 0-based.
        ['mailzone', 'spf-pass-all', vscode.DiagnosticSeverity.Warning, 7, 25, "'+all' authorizes every host on the internet to send as example.net"],
        ['mailzone', 'dmarc-p-none', vscode.DiagnosticSeverity.Warning, 8, 28, 'p=none without a valid rua=: no policy and no reports, so this record has no effect'],
      ],
    );
  });
});
