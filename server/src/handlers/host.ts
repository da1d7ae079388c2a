/**
 * What the LSP feature handlers (one module each in this folder) get from
 * the server: the current model of an open document, its settings, the
 * client's capabilities and the other zones names are looked up in. None of
 * them knows what a record means (that is the core's business) or how
 * documents are scheduled (the server's).
 */
import type { Location, Position } from 'vscode-languageserver/node';
import type { ClientFeatures } from '../clientCapabilities';
import { pathToUri, type AnalysisView } from '../convert';
import type { NameLocation } from '../core/features/names';
import type { ZoneView } from '../core/model/zoneView';
import type { SpfTree } from '../core/records/spf/tree';
import { LineIndex } from '../core/text/lineIndex';
import type { ResourceRecord } from '../core/zone/ast';
import type { Analysis } from '../core/service';
import type { Span } from '../core/text/span';
import type { ServerSettings } from '../settings';

export interface FeatureHost {
  /**
   * The model of an open zone document's current version (its parse, with
   * the findings once its analysis has finished), or undefined when the URI
   * is not one. Answered without waiting for an analysis that is running.
   */
  analysis(uri: string): Promise<AnalysisView | undefined>;
  /**
   * `compute` at `position` of an open zone's current text, answered at once
   * from the model of the version before a pending edit when the edit cannot
   * change the answer (see beforeEdit.ts), with `respan` moving the answer's
   * spans into the current text; `lines` is the current text's line index.
   * Undefined when the handler must ask {@link analysis} for the current model.
   */
  beforeEdit?<T>(uri: string, position: Position, compute: (analysis: Analysis, offset: number) => T, respan: (value: T, move: (span: Span) => Span) => T): { readonly value: T; readonly lines: LineIndex } | undefined;
  settings(uri: string): Promise<ServerSettings>;
  /** Fuller SPF lookup trees of a document, when a pass with live DNS has them. */
  liveTrees?(uri: string): ReadonlyMap<ResourceRecord, SpfTree> | undefined;
  /** What the editor declared it can show (plain text or Markdown, snippets, symbol trees). */
  client(): ClientFeatures;
  /** The other zones a name may be defined or used in: open documents first, then the workspace's zone files. */
  otherZones?(uri: string): readonly OtherZone[];
}

/** Another zone, by the URI its own text is at. */
export interface OtherZone {
  readonly uri: string;
  readonly view: ZoneView;
}

/** A zone names are looked for in, with the line index of its own text and its included files when the server keeps them. */
export interface NamedZone extends OtherZone {
  readonly index?: (file: string | undefined) => LineIndex;
}

/** Whether a code-action request's `only` filter lets actions of `kind` through (LSP kinds are dotted hierarchies). */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => wanted === '' || wanted === kind || kind.startsWith(`${wanted}.`));
}

/** The document's zone first, then the others: where names are looked for. */
export async function zonesFor(host: FeatureHost, uri: string): Promise<{ view: AnalysisView; zones: NamedZone[] } | undefined> {
  const view = await host.analysis(uri);
  if (!view) return undefined;
  const own: NamedZone = { uri, view: view.analysis.view, index: (file) => view.indexOf(file) };
  return { view, zones: [own, ...(host.otherZones?.(uri) ?? []).filter((z) => z.uri !== uri)] };
}

/** Line indexes of other zones' texts, kept as long as their parse is. */
const otherIndexes = new WeakMap<ZoneView, Map<string | undefined, LineIndex>>();

/** A core location in a zone as an LSP location: the zone's own text is at `uri`, an included file at its path. */
export function toLocation(zone: NamedZone, at: NameLocation): Location {
  let index = zone.index?.(at.file);
  if (!index) {
    let indexes = otherIndexes.get(zone.view);
    if (!indexes) otherIndexes.set(zone.view, (indexes = new Map()));
    index = indexes.get(at.file);
    if (!index) indexes.set(at.file, (index = new LineIndex((at.file === undefined ? zone.view.zone.text : zone.view.zone.files.get(at.file)) ?? '')));
  }
  return { uri: at.file === undefined ? zone.uri : pathToUri(at.file), range: index.rangeOf(at.span) };
}
