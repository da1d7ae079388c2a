/**
 * textDocument/definition, references and documentHighlight: where the name
 * (or `$INCLUDE` file) under the cursor is defined and written, in this zone
 * and the others of the workspace; and the lookup the commands use to jump
 * to a name's records.
 */
import {
  DocumentHighlightKind,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type Location,
  type ReferenceParams,
} from 'vscode-languageserver/node';
import { pathToUri } from '../convert';
import { includeOccurrences, nameAt, nameDefinitions, nameOccurrences } from '../core/features/names';
import { toLocation, zonesFor, type FeatureHost } from './host';

/** Where the name under the cursor is defined: its records in this zone, else in the others. */
export function onDefinition(host: FeatureHost): (params: DefinitionParams) => Promise<Location[]> {
  return async (params) => {
    const found = await zonesFor(host, params.textDocument.uri);
    const target = found && nameAt(found.view.analysis.view, found.view.offsetAt(params.position));
    if (!found || !target) return [];
    if (target.kind === 'file') return [{ uri: pathToUri(target.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    // The zone that owns the name answers; the first zone with records at it is the one receivers would ask.
    for (const zone of found.zones) {
      const places = nameDefinitions(zone.view, target.name, target.prefer);
      if (places.length > 0) return places.map((at) => toLocation(zone, at));
    }
    return [];
  };
}

/** Every place the name under the cursor is written, in this zone and the others. */
export function onReferences(host: FeatureHost): (params: ReferenceParams) => Promise<Location[]> {
  return async (params) => {
    const found = await zonesFor(host, params.textDocument.uri);
    const target = found && nameAt(found.view.analysis.view, found.view.offsetAt(params.position));
    if (!found || !target) return [];
    const out: Location[] = [];
    for (const zone of found.zones) {
      if (target.kind === 'file') {
        out.push(...includeOccurrences(zone.view.zone, target.path).map((at) => toLocation(zone, at)));
        continue;
      }
      for (const at of nameOccurrences(zone.view, target.name)) {
        if (at.role === 'owner' && !params.context.includeDeclaration) continue;
        out.push(toLocation(zone, at));
      }
    }
    return out;
  };
}

/** The places in this document that write the name under the cursor; owners are the writes. */
export function onDocumentHighlight(host: FeatureHost): (params: DocumentHighlightParams) => Promise<DocumentHighlight[]> {
  return async (params) => {
    const view = await host.analysis(params.textDocument.uri);
    const target = view && nameAt(view.analysis.view, view.offsetAt(params.position));
    if (!view || !target) return [];
    const index = view.indexOf(undefined);
    if (target.kind === 'file') return includeOccurrences(view.analysis.zone, target.path).filter((at) => at.file === undefined).map((at) => ({ range: index.rangeOf(at.span), kind: DocumentHighlightKind.Text }));
    return nameOccurrences(view.analysis.view, target.name)
      .filter((at) => at.file === undefined)
      .map((at) => ({ range: index.rangeOf(at.span), kind: at.role === 'owner' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
  };
}

/** Where `name`'s records of `types` are (all its records when it has none of them): the first one, in the first zone that has any. */
export function nameLocator(host: FeatureHost): (uri: string, name: string, types: readonly string[]) => Promise<Location | undefined> {
  return async (uri, name, types) => {
    const found = await zonesFor(host, uri);
    for (const zone of found?.zones ?? []) {
      const places = nameDefinitions(zone.view, name, types);
      if (places.length > 0) return toLocation(zone, places[0]);
    }
    return undefined;
  };
}
