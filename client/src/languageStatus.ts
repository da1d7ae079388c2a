// The language status item of zone files: which zone the file is, how many
// records it has, its findings and whether the server is still analysing.
// The server sends what it knows after each analysis (`mailzone/status`,
// server/src/status.ts); this only keeps the latest per document and shows
// the one in front.
import * as vscode from 'vscode';

/** The `mailzone/status` notification's parameters, as the server sends them. */
export interface ZoneStatus {
  readonly uri: string;
  readonly version: number;
  readonly state: 'analysing' | 'checking' | 'ready';
  readonly origin?: string;
  readonly originGuessed?: boolean;
  readonly records?: number;
  readonly findings?: { readonly error: number; readonly warning: number; readonly info: number };
  readonly durationMs?: number;
}

export const STATUS_NOTIFICATION = 'mailzone/status';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('mailzone.zone', { language: 'dns-zone' });
  /** The latest status per document URI; the status of a closed document goes with it. */
  private readonly statuses = new Map<string, ZoneStatus>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Mailzone zone';
    this.item.text = 'Mailzone';
    this.item.detail = 'starting';
    this.item.busy = true;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.statuses.delete(doc.uri.toString())),
    ];
  }

  update(status: ZoneStatus): void {
    // An analysing status keeps the last counts on screen until the new ones arrive.
    const previous = this.statuses.get(status.uri);
    this.statuses.set(status.uri, status.state === 'analysing' && previous ? { ...previous, state: status.state, version: status.version } : status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === status.uri) this.render();
  }

  /** What the item shows for `uri`, for other extensions and tests: the latest status the server sent. */
  statusOf(uri: vscode.Uri): ZoneStatus | undefined {
    return this.statuses.get(uri.toString());
  }

  /** The item's text, detail and severity as they are now. */
  shown(): { text: string; detail?: string; severity: vscode.LanguageStatusSeverity; busy: boolean } {
    return { text: this.item.text, detail: this.item.detail, severity: this.item.severity, busy: this.item.busy };
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this.statuses.get(uri);
    if (!status) return;
    const origin = status.origin ? `${status.origin}${status.originGuessed ? ' (from the file name)' : ''}` : 'no origin';
    this.item.text = `$(mail) ${status.origin ?? 'zone'} · ${plural(status.records ?? 0, 'record')}`;
    this.item.busy = status.state !== 'ready';
    const findings = status.findings;
    const counts = findings ? [plural(findings.error, 'error'), plural(findings.warning, 'warning'), plural(findings.info, 'info')].join(', ') : '';
    const state = status.state === 'analysing' ? 'analysing…' : status.state === 'checking' ? 'following names outside the zone…' : `analysed${status.durationMs !== undefined ? ` in ${Math.round(status.durationMs)} ms` : ''}`;
    // The origin is in the text already; the detail adds where it came from only when it is a guess.
    this.item.detail = `${status.originGuessed ? 'origin from the file name; ' : ''}${counts}; ${state}`;
    this.item.severity = findings && findings.error > 0 ? vscode.LanguageStatusSeverity.Error : findings && findings.warning > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: 'Show problems', command: 'workbench.actions.view.problems', tooltip: 'Open the Problems panel' };
    this.item.accessibilityInformation = { label: `Mailzone: ${origin}, ${plural(status.records ?? 0, 'record')}, ${counts}, ${state}` };
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
