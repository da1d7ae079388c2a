/**
 * The server's commands (`workspace/executeCommand`): what the VS Code
 * palette runs after asking the user for input, and what any other editor
 * can call with the same arguments. Each takes one object argument. A
 * command that changes a document applies its edit with
 * `workspace/applyEdit`, so it works in every client; one that answers a
 * question returns the answer (with a `text` rendering for display). A
 * request that cannot be carried out is answered with an error whose
 * message says why.
 */
import { ErrorCodes, LSPErrorCodes, MessageType, ResponseError, type CancellationToken, type Location, type Position } from 'vscode-languageserver/node';
import type { AnalysisView } from './convert';
import type { Resolver } from './core/dns/resolver';
import { flattenDomain, flattenEdits, includeAt } from './core/features/flatten';
import { bumpSerial } from './core/features/serial';
import { checkHeadline, renderCheck, renderTree, spfRecordAt, treeOutline, zoneTree, type OutlineNode } from './core/features/spfReport';
import { DMARC_POLICIES, bimiInsertion, dkimInsertion, dmarcInsertion, mtaStsInsertion, type DmarcPolicy, type MtaStsInsertion } from './core/features/templates';
import { checkHost, type SpfResult } from './core/records/spf/evaluate';
import { resolveSpfTrees } from './core/records/spf/liveCheck';
import type { TextEdit } from './core/rules/rule';
import { checkSignal } from './node/dnsResolver';
import * as fs from 'node:fs';
import { formatProbeText, slimReport } from './core/probe/render';
import { runProbe } from './core/probe/run';
import { zoneNames } from './core/records/mail/zoneNames';
import { nodeProbeIo } from './node/probeIo';

export const COMMANDS = {
  testSpf: 'mailzone.testSpf',
  showSpfTree: 'mailzone.showSpfTree',
  insertDmarc: 'mailzone.insertDmarc',
  insertDkim: 'mailzone.insertDkim',
  insertMtaSts: 'mailzone.insertMtaSts',
  insertBimi: 'mailzone.insertBimi',
  bumpSerial: 'mailzone.bumpSerial',
  flattenInclude: 'mailzone.flattenInclude',
  probe: 'mailzone.probe',
} as const;

export const COMMAND_IDS: readonly string[] = Object.values(COMMANDS);

/** What the commands need from the server that runs them. */
export interface CommandHost {
  /** The current analysis of an open zone document, or undefined when the URI is not one. */
  analysis(uri: string): Promise<AnalysisView | undefined>;
  /**
   * The resolver for names the document does not hold: the workspace's
   * other open zones, then live DNS when the settings and workspace trust
   * allow it. `live` says which.
   */
  resolver(uri: string | undefined): Promise<{ readonly resolver: Resolver; readonly live: boolean }>;
  applyEdit(label: string, view: AnalysisView, edits: readonly TextEdit[]): Promise<boolean>;
  showMessage(type: MessageType, message: string): void;
  now(): Date;
  /**
   * The DNS servers a probe may use for the document (empty: the system's),
   * or undefined when live network access is off (the setting, or an
   * untrusted workspace).
   */
  probeNetwork(uri: string): Promise<{ readonly dns: readonly string[] } | undefined>;
  /** Where the records of `name` of the given types are, in the document's zone or another open or workspace zone. */
  locate?(uri: string, name: string, types: readonly string[]): Promise<Location | undefined>;
}

export interface TestSpfResult {
  readonly result: SpfResult;
  /** One sentence: the result, the sender and the matching term. */
  readonly headline: string;
  /** The result with its evaluation path, for a report view. */
  readonly text: string;
  readonly domain: string;
  readonly matched?: { readonly term: string; readonly domain: string; readonly record: string };
  readonly explanation?: string;
  readonly lookups: number;
  readonly voids: number;
  /** Live DNS answered names outside the open zones. */
  readonly live: boolean;
}

export interface SpfTreeResult {
  readonly domain: string;
  readonly count: number;
  readonly voids: number;
  readonly text: string;
  readonly live: boolean;
  /** The record the tree is of, its text, and the tree as nodes with the place of each queried name's records. */
  readonly record: { readonly text: string; readonly location: Location };
  readonly outline: readonly LocatedNode[];
}

/** A tree node with where its target's records are, for a jump to them. */
export interface LocatedNode extends Omit<OutlineNode, 'children'> {
  readonly location?: Location;
  readonly children: readonly LocatedNode[];
}

export interface AppliedResult {
  /** The client applied the edit (it may refuse, e.g. when the document changed). */
  readonly applied: boolean;
  /** What was inserted or written, for the confirmation. */
  readonly text: string;
}

function failed(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' ? value : undefined;
}

function position(args: Record<string, unknown>): Position | undefined {
  const p = args.position;
  return isObject(p) && typeof p.line === 'number' && typeof p.character === 'number' ? { line: p.line, character: p.character } : undefined;
}

/** The cancellation of a request as an AbortSignal, under the overall deadline of a check. */
function signalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return checkSignal(controller.signal);
}

export function createCommands(host: CommandHost): (params: { command: string; arguments?: unknown[] }, token: CancellationToken) => Promise<unknown> {
  async function zone(args: Record<string, unknown>): Promise<AnalysisView | ResponseError<void>> {
    const uri = str(args, 'uri');
    if (!uri) return invalid('the command needs the document: { "uri": "file:///…" }');
    return (await host.analysis(uri)) ?? failed(`${uri} is not an open zone file`);
  }

  async function testSpf(args: Record<string, unknown>, token: CancellationToken): Promise<TestSpfResult | ResponseError<void>> {
    const ip = str(args, 'ip')?.trim();
    const sender = str(args, 'sender')?.trim();
    if (!ip || sender === undefined) return invalid('mailzone.testSpf needs { "ip": "192.0.2.1", "sender": "user@example.com" } and optionally "helo", "domain" and "uri"');
    const uri = str(args, 'uri');
    let resolver: Resolver;
    let live: boolean;
    if (uri) {
      const view = await zone(args);
      if (view instanceof ResponseError) return view;
      ({ resolver, live } = await host.resolver(uri));
    } else {
      ({ resolver, live } = await host.resolver(undefined));
    }
    const result = await checkHost({ ip, sender, helo: str(args, 'helo'), domain: str(args, 'domain') || undefined }, { resolver, signal: signalOf(token) });
    return {
      result: result.result,
      headline: checkHeadline(ip, result),
      text: renderCheck(ip, result) + (live ? '' : '\n\nLive DNS is off: names outside the open zone files were not looked up.'),
      domain: result.domain,
      ...(result.matched ? { matched: { term: result.matched.term, domain: result.matched.domain, record: result.matched.record } } : {}),
      ...(result.explanation ? { explanation: result.explanation } : {}),
      lookups: result.lookups,
      voids: result.voids,
      live,
    };
  }

  async function showSpfTree(args: Record<string, unknown>, token: CancellationToken): Promise<SpfTreeResult | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const at = position(args);
    const record = spfRecordAt(view.analysis, at && view.offsetAt(at));
    if (!record) return failed('the document has no SPF record');
    const { resolver, live } = await host.resolver(view.uri);
    // The names outside the document are looked up the way the live diagnostics look them up.
    const resolved = await resolveSpfTrees(view.analysis.view, resolver, signalOf(token));
    const tree = resolved.trees.get(record) ?? zoneTree(view.analysis, record);
    const note = live ? '' : '\n\nLive DNS is off: names outside the open zone files were not followed.';
    // Each target is looked up once, however often the tree names it; the tree itself is bounded (tree.ts).
    const places = new Map<string, Promise<Location | undefined>>();
    const locate = (node: OutlineNode): Promise<Location | undefined> => {
      if (!node.target || !host.locate) return Promise.resolve(undefined);
      const key = `${node.target} ${node.types.join(',')}`;
      let place = places.get(key);
      if (!place) places.set(key, (place = host.locate(view.uri, node.target, node.types)));
      return place;
    };
    const withPlaces = async (node: OutlineNode): Promise<LocatedNode> => ({ ...node, location: await locate(node), children: await Promise.all(node.children.map(withPlaces)) });
    const outline = await Promise.all(treeOutline(tree).map(withPlaces));
    const recordPlace = { uri: view.uri, range: view.range(record.span) };
    return { domain: tree.domain, count: tree.count, voids: tree.voids, text: renderTree(tree) + note, live, record: { text: tree.record.text, location: recordPlace }, outline };
  }

  async function insertDmarc(args: Record<string, unknown>): Promise<AppliedResult | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const policy = str(args, 'policy') ?? 'none';
    if (!(DMARC_POLICIES as readonly string[]).includes(policy)) return invalid(`"policy" must be one of ${DMARC_POLICIES.join(', ')}`);
    const at = position(args);
    const inserted = dmarcInsertion(view.analysis, {
      policy: policy as DmarcPolicy,
      rua: str(args, 'rua'),
      domain: str(args, 'domain'),
      offset: at && view.offsetAt(at),
    });
    if ('error' in inserted) return failed(inserted.error);
    return { applied: await host.applyEdit('Insert DMARC record', view, [inserted.edit]), text: inserted.entry };
  }

  async function insertDkim(args: Record<string, unknown>): Promise<(AppliedResult & { readonly key: string }) | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const selector = str(args, 'selector');
    const key = str(args, 'key');
    if (selector === undefined || key === undefined) return invalid('mailzone.insertDkim needs { "uri", "selector": "mail2026", "key": "-----BEGIN PUBLIC KEY-----…" }');
    const at = position(args);
    const inserted = dkimInsertion(view.analysis, { selector, key, domain: str(args, 'domain'), offset: at && view.offsetAt(at) });
    if ('error' in inserted) return failed(inserted.error);
    return { applied: await host.applyEdit('Insert DKIM record', view, [inserted.edit]), text: inserted.entry, key: inserted.key.description };
  }

  async function insertMtaSts(
    args: Record<string, unknown>,
  ): Promise<(AppliedResult & Pick<MtaStsInsertion, 'domain' | 'id' | 'policyHost' | 'tlsRptKept'>) | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const at = position(args);
    const inserted = mtaStsInsertion(
      view.analysis,
      { domain: str(args, 'domain'), reports: str(args, 'reports'), policyHost: str(args, 'policyHost'), offset: at && view.offsetAt(at) },
      host.now(),
    );
    if ('error' in inserted) return failed(inserted.error);
    const applied = await host.applyEdit('Insert MTA-STS and TLS-RPT records', view, [inserted.edit]);
    return { applied, text: inserted.entry, domain: inserted.domain, id: inserted.id, policyHost: inserted.policyHost, tlsRptKept: inserted.tlsRptKept };
  }

  async function insertBimi(args: Record<string, unknown>): Promise<AppliedResult | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const at = position(args);
    const inserted = bimiInsertion(view.analysis, {
      domain: str(args, 'domain'),
      selector: str(args, 'selector'),
      logo: str(args, 'logo'),
      evidence: str(args, 'evidence'),
      offset: at && view.offsetAt(at),
    });
    if ('error' in inserted) return failed(inserted.error);
    return { applied: await host.applyEdit('Insert BIMI record', view, [inserted.edit]), text: inserted.entry };
  }

  async function bump(args: Record<string, unknown>): Promise<(AppliedResult & { readonly previous: string }) | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const edit = bumpSerial(view.analysis, host.now());
    if (!edit) return failed('the document has no SOA record with a numeric serial');
    const previous = view.analysis.text.slice(edit.span.start, edit.span.end);
    return { applied: await host.applyEdit('Bump SOA serial', view, [edit]), text: edit.newText, previous };
  }

  async function flatten(args: Record<string, unknown>, token: CancellationToken): Promise<(AppliedResult & { readonly networks: readonly string[] }) | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const at = position(args);
    if (!at) return invalid('mailzone.flattenInclude needs { "uri", "position" } on an include: term');
    // The position was computed on the version the code action was offered for.
    if (typeof args.version === 'number' && args.version !== view.version) return failed('the document changed since the action was offered: try again');
    const include = includeAt(view.analysis, view.offsetAt(at));
    if (!include) return failed('there is no include: term of an SPF record at that position');
    const { resolver, live } = await host.resolver(view.uri);
    const flat = await flattenDomain(include.target, resolver, signalOf(token));
    if ('error' in flat) return failed(live ? flat.error : `${flat.error} (live DNS is off, so only the open zone files were asked)`);
    const date = host.now().toISOString().slice(0, 10);
    const edits = flattenEdits(view.analysis, include, flat.networks, date);
    if ('error' in edits) return failed(edits.error);
    const applied = await host.applyEdit(`Flatten include:${include.term.domainSpec!.text}`, view, edits);
    if (applied) {
      host.showMessage(
        MessageType.Warning,
        `include:${include.term.domainSpec!.text} was replaced by ${flat.networks.length} network${flat.networks.length === 1 ? '' : 's'} as of today. ` +
          'Flattened records go stale: when the provider changes its servers, their mail fails SPF. The original is kept in a comment above the record.',
      );
    }
    return { applied, text: flat.networks.join(' '), networks: flat.networks };
  }

  /**
   * The STARTTLS probe of the zone's domain (its apex, or `domain`): the
   * same as `mailzone probe`, whose options the other arguments mirror
   * (`smtpPort`, `httpsPort`, `caFile`, `submission`, … for test servers).
   */
  async function probe(args: Record<string, unknown>): Promise<{ readonly domain: string; readonly status: string; readonly text: string; readonly report: unknown } | ResponseError<void>> {
    const view = await zone(args);
    if (view instanceof ResponseError) return view;
    const domain = str(args, 'domain') ?? zoneNames(view.analysis.view).apex;
    if (!domain || domain === '.') return failed('the zone names no domain (no SOA or $ORIGIN): pass { "domain": "example.com" }');
    const network = await host.probeNetwork(view.uri);
    if (!network) return failed('live network access is off (mailzone.dns.enabled, or the workspace is not trusted): the probe connects to the MX hosts');
    const port = (key: string): number | undefined => (typeof args[key] === 'number' && Number.isInteger(args[key]) && (args[key] as number) > 0 && (args[key] as number) < 65536 ? (args[key] as number) : undefined);
    const caFile = str(args, 'caFile');
    let caPem: string | undefined;
    if (caFile) {
      try {
        caPem = fs.readFileSync(caFile, 'utf8');
      } catch {
        return invalid(`cannot read caFile ${caFile}`);
      }
    }
    const submission = Array.isArray(args.submission) ? args.submission.filter((h): h is string => typeof h === 'string') : [];
    const io = nodeProbeIo({ dns: network.dns, caPem, httpsPort: port('httpsPort'), timeoutMs: port('timeoutMs') });
    const report = await runProbe(io, domain, { now: host.now(), smtpPort: port('smtpPort'), submissionHosts: submission, submissionPort: port('submissionPort'), submissionsPort: port('submissionsPort') });
    return { domain: report.domain, status: report.status, text: formatProbeText(report), report: slimReport(report) };
  }

  return async (params, token) => {
    const raw = params.arguments?.[0];
    const args = isObject(raw) ? raw : {};
    switch (params.command) {
      case COMMANDS.testSpf:
        return testSpf(args, token);
      case COMMANDS.showSpfTree:
        return showSpfTree(args, token);
      case COMMANDS.insertDmarc:
        return insertDmarc(args);
      case COMMANDS.insertDkim:
        return insertDkim(args);
      case COMMANDS.insertMtaSts:
        return insertMtaSts(args);
      case COMMANDS.insertBimi:
        return insertBimi(args);
      case COMMANDS.bumpSerial:
        return bump(args);
      case COMMANDS.flattenInclude:
        return flatten(args, token);
      case COMMANDS.probe:
        return probe(args);
      default:
        return invalid(`unknown command ${params.command}`);
    }
  };
}
