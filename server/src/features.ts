/**
 * The editor features over LSP: hover, completion, outline, folding, links,
 * formatting, SPF lookup lenses and refactorings. Each handler finds the
 * document's current analysis, asks the core (server/src/core/features) and
 * converts the answer (convert.ts); none of them knows what a record means.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type DocumentFormattingParams,
  type DocumentLink,
  type DocumentLinkParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type SymbolInformation,
  type Location,
  type ReferenceParams,
  type TextEdit,
  DocumentHighlightKind,
} from 'vscode-languageserver/node';
import type { ClientFeatures } from './clientCapabilities';
import { COMMANDS } from './commands';
import { pathToUri, toCodeLens, toCompletionItem, toDocumentLink, toDocumentSymbol, toFoldingRange, toHover, toSymbolInformation, toTextEdits, type AnalysisView } from './convert';
import { completeList } from './core/features/completion';
import { includeAt } from './core/features/flatten';
import { foldingRanges } from './core/features/folding';
import { formatZone } from './core/features/format';
import { hover } from './core/features/hover';
import { documentLinks } from './core/features/links';
import { includeOccurrences, nameAt, nameDefinitions, nameOccurrences, type NameLocation } from './core/features/names';
import { refactorings } from './core/features/refactor';
import { lookupLenses } from './core/features/spfReport';
import { documentSymbols } from './core/features/symbols';
import type { ZoneView } from './core/model/zoneView';
import type { SpfTree } from './core/records/spf/tree';
import { LineIndex } from './core/text/lineIndex';
import type { ResourceRecord } from './core/zone/ast';
import type { ServerSettings } from './settings';

/** Characters after which clients should ask for completions: terms, tag values, directives, an opened string. */
export const COMPLETION_TRIGGERS = [':', '=', ' ', '$', '"'];

export interface FeatureHost {
  /** The current analysis of an open zone document, or undefined when the URI is not one. */
  analysis(uri: string): Promise<AnalysisView | undefined>;
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

export interface FeatureHandlers {
  hover(params: HoverParams): Promise<Hover | null>;
  completion(params: CompletionParams): Promise<CompletionItem[] | CompletionList>;
  documentSymbols(params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[]>;
  foldingRanges(params: FoldingRangeParams): Promise<FoldingRange[]>;
  documentLinks(params: DocumentLinkParams): Promise<DocumentLink[]>;
  formatting(params: DocumentFormattingParams): Promise<TextEdit[]>;
  codeLenses(params: CodeLensParams): Promise<CodeLens[]>;
  /** Where the name (or `$INCLUDE` file) under the cursor is defined: its records in this zone, else in the others. */
  definition(params: DefinitionParams): Promise<Location[]>;
  /** Every place the name under the cursor is written, in this zone and the others. */
  references(params: ReferenceParams): Promise<Location[]>;
  /** The places in this document that write the name under the cursor; owners are the writes. */
  documentHighlights(params: DocumentHighlightParams): Promise<DocumentHighlight[]>;
  /** Where `name`'s records of `types` are (all its records when it has none of them): the first one, in the first zone that has any. */
  locateName(uri: string, name: string, types: readonly string[]): Promise<Location | undefined>;
  /** Refactorings at the request's range: rewrites without a diagnostic (kind `refactor.rewrite`). */
  refactorActions(params: CodeActionParams): Promise<CodeAction[]>;
}

/** Whether a code-action request's `only` filter lets actions of `kind` through (LSP kinds are dotted hierarchies). */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => wanted === '' || wanted === kind || kind.startsWith(`${wanted}.`));
}

/** Line indexes of other zones' texts, kept as long as their parse is. */
const otherIndexes = new WeakMap<ZoneView, Map<string | undefined, LineIndex>>();

/** A core location in a zone as an LSP location: the zone's own text is at `uri`, an included file at its path. */
function toLocation(zone: { readonly uri: string; readonly view: ZoneView; readonly index?: (file: string | undefined) => LineIndex }, at: NameLocation): Location {
  let index = zone.index?.(at.file);
  if (!index) {
    let indexes = otherIndexes.get(zone.view);
    if (!indexes) otherIndexes.set(zone.view, (indexes = new Map()));
    index = indexes.get(at.file);
    if (!index) indexes.set(at.file, (index = new LineIndex((at.file === undefined ? zone.view.zone.text : zone.view.zone.files.get(at.file)) ?? '')));
  }
  return { uri: at.file === undefined ? zone.uri : pathToUri(at.file), range: index.rangeOf(at.span) };
}

export function createFeatures(host: FeatureHost): FeatureHandlers {
  /** The document's zone first, then the others: where names are looked for. */
  async function zonesFor(uri: string): Promise<{ view: AnalysisView; zones: { uri: string; view: ZoneView; index?: (file: string | undefined) => LineIndex }[] } | undefined> {
    const view = await host.analysis(uri);
    if (!view) return undefined;
    const own = { uri, view: view.analysis.view, index: (file: string | undefined) => view.indexOf(file) };
    return { view, zones: [own, ...(host.otherZones?.(uri) ?? []).filter((z) => z.uri !== uri)] };
  }

  return {
    async hover(params) {
      const view = await host.analysis(params.textDocument.uri);
      const found = view && hover(view.analysis, view.offsetAt(params.position));
      return found ? toHover(view.indexOf(undefined), found, host.client()) : null;
    },

    async completion(params) {
      const view = await host.analysis(params.textDocument.uri);
      if (!view) return [];
      const result = completeList(view.analysis, view.offsetAt(params.position));
      const items = result.items.map((item) => toCompletionItem(view.indexOf(undefined), item, params.position, host.client()));
      // A bounded list (a zone's names) is marked incomplete, so the editor asks again as the user types on.
      return result.incomplete ? { isIncomplete: true, items } : items;
    },

    async documentSymbols(params) {
      const view = await host.analysis(params.textDocument.uri);
      if (!view) return [];
      const client = host.client();
      const symbols = documentSymbols(view.analysis);
      return client.hierarchicalSymbols ? symbols.map((s) => toDocumentSymbol(view.indexOf(undefined), s, client)) : toSymbolInformation(view.indexOf(undefined), view.uri, symbols, client);
    },

    async foldingRanges(params) {
      const view = await host.analysis(params.textDocument.uri);
      return view ? foldingRanges(view.analysis, view.indexOf(undefined)).map(toFoldingRange) : [];
    },

    async documentLinks(params) {
      const view = await host.analysis(params.textDocument.uri);
      return view ? documentLinks(view.analysis).map((l) => toDocumentLink(view.indexOf(undefined), l)) : [];
    },

    async formatting(params) {
      // Off unless asked for: a zone file's layout is often deliberate, and formatting on save must not surprise.
      if (!(await host.settings(params.textDocument.uri)).format.enable) return [];
      const view = await host.analysis(params.textDocument.uri);
      return view ? toTextEdits(view.indexOf(undefined), formatZone(view.analysis)) : [];
    },

    async codeLenses(params) {
      const uri = params.textDocument.uri;
      const view = await host.analysis(uri);
      if (!view) return [];
      return lookupLenses(view.analysis, host.liveTrees?.(uri)).map((lens) =>
        toCodeLens(view.indexOf(undefined), lens.span, {
          title: lens.title,
          command: COMMANDS.showSpfTree,
          arguments: [{ uri, position: view.range(lens.span).start }],
        }),
      );
    },

    async definition(params) {
      const found = await zonesFor(params.textDocument.uri);
      const target = found && nameAt(found.view.analysis.view, found.view.offsetAt(params.position));
      if (!found || !target) return [];
      if (target.kind === 'file') return [{ uri: pathToUri(target.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
      // The zone that owns the name answers; the first zone with records at it is the one receivers would ask.
      for (const zone of found.zones) {
        const places = nameDefinitions(zone.view, target.name, target.prefer);
        if (places.length > 0) return places.map((at) => toLocation(zone, at));
      }
      return [];
    },

    async references(params) {
      const found = await zonesFor(params.textDocument.uri);
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
    },

    async locateName(uri, name, types) {
      const found = await zonesFor(uri);
      for (const zone of found?.zones ?? []) {
        const places = nameDefinitions(zone.view, name, types);
        if (places.length > 0) return toLocation(zone, places[0]);
      }
      return undefined;
    },

    async documentHighlights(params) {
      const view = await host.analysis(params.textDocument.uri);
      const target = view && nameAt(view.analysis.view, view.offsetAt(params.position));
      if (!view || !target) return [];
      const index = view.indexOf(undefined);
      if (target.kind === 'file') return includeOccurrences(view.analysis.zone, target.path).filter((at) => at.file === undefined).map((at) => ({ range: index.rangeOf(at.span), kind: DocumentHighlightKind.Text }));
      return nameOccurrences(view.analysis.view, target.name)
        .filter((at) => at.file === undefined)
        .map((at) => ({ range: index.rangeOf(at.span), kind: at.role === 'owner' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
    },

    async refactorActions(params) {
      if (!kindWanted(params.context.only, CodeActionKind.RefactorRewrite)) return [];
      const uri = params.textDocument.uri;
      const view = await host.analysis(uri);
      if (!view) return [];
      const span = view.spanOf(params.range);
      const actions = refactorings(view.analysis, span).map((fix) => view.toRefactorAction(fix));
      const include = includeAt(view.analysis, span.start);
      if (include) {
        // Flattening needs DNS answers, so it runs as a command that resolves and then edits.
        const title = 'Flatten this include';
        actions.push({
          title,
          kind: CodeActionKind.RefactorRewrite,
          command: { title, command: COMMANDS.flattenInclude, arguments: [{ uri, version: view.version, position: params.range.start }] },
        });
      }
      return actions;
    },
  };
}
