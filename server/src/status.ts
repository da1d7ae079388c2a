/**
 * What the server tells about itself beyond diagnostics: the status of each
 * open zone (a `mailzone/status` notification, sent only to clients that ask
 * for it with the initialization option `statusNotification`), and the lines
 * it logs — its start, the configuration it analyses with, and the time each
 * analysis took. The VS Code client shows the status in a language status
 * item and the log in the "Mailzone" output.
 */
import { zoneStatus, type ZoneStatus } from './core/features/status';
import type { Analysis } from './core/service';
import type { ServerSettings } from './settings';

export const STATUS_NOTIFICATION = 'mailzone/status';

/** `analysing` while the document's own findings are computed, `checking` while the second pass follows names beyond it. */
export type AnalysisState = 'analysing' | 'checking' | 'ready';

export interface StatusParams extends Partial<ZoneStatus> {
  readonly uri: string;
  readonly version: number;
  readonly state: AnalysisState;
  /** How long the last analysis took, in milliseconds. */
  readonly durationMs?: number;
  /** Whether the last analysis re-ran only what an edit touched. */
  readonly incremental?: boolean;
}

export function statusParams(uri: string, version: number, state: AnalysisState, analysis?: Analysis, durationMs?: number): StatusParams {
  return { uri, version, state, ...(analysis ? { ...zoneStatus(analysis), incremental: analysis.incremental === true } : {}), ...(durationMs !== undefined ? { durationMs } : {}) };
}

/** The settings in one line, for the log when they change. */
export function describeSettings(settings: ServerSettings, trusted: boolean): string {
  const dns = settings.dns.enabled
    ? `live DNS on (${settings.dns.servers.length > 0 ? settings.dns.servers.join(', ') : 'system resolvers'}, ${settings.dns.timeoutMs} ms timeout)`
    : `live DNS off${trusted ? '' : ' (untrusted workspace)'}`;
  const rules = Object.entries(settings.rules).map(([id, level]) => `${id}=${level}`);
  return `Configuration: DMARC ${settings.dmarcStandard}, ${dns}, formatting ${settings.format.enable ? 'on' : 'off'}, rule severities ${rules.length > 0 ? rules.join(' ') : 'as shipped'}`;
}

/** One analysis in one line: `Analysed example.com.zone (version 3): 12 records, 2 errors, 1 warning, 0 infos in 4.1 ms (incremental)`. */
export function describeAnalysis(name: string, version: number, analysis: Analysis, durationMs: number): string {
  const status = zoneStatus(analysis);
  const counts = `${status.records} record${status.records === 1 ? '' : 's'}, ${plural(status.findings.error, 'error')}, ${plural(status.findings.warning, 'warning')}, ${plural(status.findings.info, 'info')}`;
  return `Analysed ${name} (version ${version}): ${counts} in ${durationMs.toFixed(1)} ms${analysis.incremental ? ' (incremental)' : ''}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
