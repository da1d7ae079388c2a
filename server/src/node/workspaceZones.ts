/**
 * The zone files of the workspace as resolver sources: an include or
 * redirect that names another zone of the same workspace (a provider zone,
 * the parent of a delegated `_spf` zone) is answered from that file, with
 * or without live DNS. Files are found by the names editors treat as zones
 * (`*.zone`, `*.zonefile`, `db.*`), parsed once per change of size or time,
 * and bounded in number and size so a large checkout cannot stall the
 * server.
 */
import * as fs from 'node:fs';
import type { ZoneSource } from '../core/dns/zoneResolver';
import type { AnalyzeSettings } from '../core/analysis/analyze';
import type { WorkspaceZone, WorkspaceZones as OtherZones } from '../core/model/workspace';
import { ZoneView } from '../core/model/zoneView';
import type { Zone } from '../core/zone/ast';
import { parseZone } from '../core/zone/parser';
import { NodeFileReader } from './fileReader';
import { guessOrigin } from './origin';
import { findZoneFiles } from './zoneFiles';

export interface WorkspaceZonesOptions {
  /** Zone files considered at most, in directory order. */
  readonly maxFiles?: number;
  /** Bytes of zone text parsed at most, over all files. */
  readonly maxBytes?: number;
  /** Directory levels searched below each root. */
  readonly maxDepth?: number;
}

/** Folders of tools and version control: never zones, often huge. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

interface Parsed {
  /** Size and time of the file and of every file it includes: a change to any of them means parsing again. */
  readonly stamp: string;
  readonly zone: Zone;
}

function stampOf(files: Iterable<string>): string {
  const parts: string[] = [];
  for (const file of files) {
    try {
      const stat = fs.statSync(file);
      parts.push(`${stat.size}:${stat.mtimeMs}`);
    } catch {
      parts.push('missing');
    }
  }
  return parts.join('|');
}

const views = new WeakMap<Zone, ZoneView>();

/**
 * A view of another zone, for the core's cross-zone checks: built once per
 * parsed zone, and with no workspace of its own, so analyses that read each
 * other's zones never hold a chain of older analyses alive.
 */
export function workspaceView(zone: Zone): ZoneView {
  let view = views.get(zone);
  if (!view) views.set(zone, (view = new ZoneView(zone)));
  return view;
}

export class WorkspaceZones {
  private readonly parsed = new Map<string, Parsed>();
  private readonly maxFiles: number;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly reader: NodeFileReader;

  constructor(
    private readonly roots: readonly string[],
    options: WorkspaceZonesOptions = {},
  ) {
    this.maxFiles = options.maxFiles ?? 200;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.maxDepth = options.maxDepth ?? 6;
    // `$INCLUDE`s of workspace zones stay inside the workspace, as for open documents.
    this.reader = new NodeFileReader({ roots });
  }

  /** The zone files under the roots, in a stable order, at most `maxFiles` of them over all roots. */
  files(): string[] {
    const found: string[] = [];
    for (const root of this.roots) {
      if (found.length >= this.maxFiles) break;
      found.push(...findZoneFiles(root, { skipped: SKIPPED, maxFiles: this.maxFiles - found.length, maxDepth: this.maxDepth }));
    }
    return found;
  }

  /**
   * Every workspace zone as a resolver source, except the files in
   * `exclude` (the open documents, whose current text the caller supplies).
   */
  sources(exclude: ReadonlySet<string> = new Set()): ZoneSource[] {
    const sources: ZoneSource[] = [];
    let bytes = 0;
    const seen = new Set<string>();
    for (const file of this.files()) {
      seen.add(file);
      if (exclude.has(file)) continue;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (bytes + stat.size > this.maxBytes) break;
      bytes += stat.size;
      let entry = this.parsed.get(file);
      if (!entry || entry.stamp !== stampOf([file, ...entry.zone.files.keys()])) {
        const read = this.reader.read(file);
        if ('error' in read) continue;
        const zone = parseZone(read.text, { file, origin: guessOrigin(file), reader: this.reader });
        entry = { stamp: stampOf([file, ...zone.files.keys()]), zone };
        this.parsed.set(file, entry);
      }
      sources.push({ zone: entry.zone, file });
    }
    // Forget files that are gone, so a deleted zone stops answering.
    for (const file of this.parsed.keys()) if (!seen.has(file)) this.parsed.delete(file);
    return sources;
  }

  /** The same zones as {@link sources}, as the core's `options.workspace` lists them. */
  views(exclude: ReadonlySet<string> = new Set()): WorkspaceZone[] {
    return this.sources(exclude).map(({ zone, file }) => ({ file: file!, view: workspaceView(zone) }));
  }
}

/** A zone another document holds open, for {@link withWorkspace}. */
export interface OpenZone {
  readonly file: string;
  readonly zone: Zone;
}

/**
 * The settings of a document's analysis with the other zones its
 * cross-zone checks read (`options.workspace`: where a DMARC report
 * destination's `_report._dmarc` authorization lives): the other open zone
 * documents as last analysed (`open`, without the document itself), then the
 * workspace's zone files on disk. Gathered when a check first reads them,
 * not before: most documents name no report destination in another zone,
 * and need not pay for the walk of the workspace on every edit. `consulted`
 * says whether a check read them, which decides whether the document is
 * analysed again when another zone changes.
 */
export function withWorkspace(
  settings: AnalyzeSettings,
  ownFile: string | undefined,
  open: () => Iterable<OpenZone>,
  onDisk: WorkspaceZones,
): { readonly settings: AnalyzeSettings; readonly consulted: () => boolean } {
  let zones: OtherZones | undefined;
  const gather = (): OtherZones => {
    const others: WorkspaceZone[] = [];
    for (const { file, zone } of open()) others.push({ file, view: workspaceView(zone) });
    const exclude = new Set(others.map((z) => z.file));
    if (ownFile !== undefined) exclude.add(ownFile);
    return [...others, ...onDisk.views(exclude)];
  };
  return {
    settings: {
      ...settings,
      get workspace(): OtherZones {
        return (zones ??= gather());
      },
    },
    consulted: () => zones !== undefined,
  };
}
