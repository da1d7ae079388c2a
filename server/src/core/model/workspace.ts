/**
 * Other zone files the host knows about — the editor's open documents and
 * workspace, the CLI's other arguments — for the checks that cross zones:
 * a DMARC report destination's `_report._dmarc` authorization lives in the
 * destination's zone, not in the zone that names it. Hosts fill the list
 * (`AnalysisOptions.workspace`); the core only reads it, and an empty list
 * means "nothing else is known".
 *
 * The types are declared in zoneView.ts, next to the options that carry
 * them, since a view's options name other views; this module is where the
 * hosts import them from, and it depends on the view, never the reverse.
 */
export type { WorkspaceZone, WorkspaceZones } from './zoneView';
