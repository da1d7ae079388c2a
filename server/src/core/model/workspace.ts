/**
 * Other zone files the host knows about — the editor's open documents and
 * workspace, the CLI's other arguments — for the checks that cross zones:
 * a DMARC report destination's `_report._dmarc` authorization lives in the
 * destination's zone, not in the zone that names it. Hosts fill the list;
 * the core only reads it, and an empty list means "nothing else is known".
 */
import type { ZoneView } from './zoneView';

export interface WorkspaceZone {
  /** Path or URI of the zone file, for edits that quick fixes make in it. */
  readonly file: string;
  readonly view: ZoneView;
}

export type WorkspaceZones = readonly WorkspaceZone[];
