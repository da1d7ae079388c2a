/**
 * The asynchronous pass of `dmarc-external-unauthorized`: a report
 * destination whose zone is neither the document nor a loaded zone can only
 * be judged by the TXT query a receiver makes (RFC 7489 §7.1). This pass
 * asks those queries through a resolver (live DNS through the session cache
 * in the editor; never in the CLI, which stays offline) and runs the rule
 * again with the answers at hand. Its findings replace the
 * synchronous ones of the rule, as the SPF live pass's replace the tree
 * rules' (spf/liveCheck.ts): an authorized destination loses its
 * information, a missing authorization becomes a warning, a failed query
 * says so, and a name no source may answer keeps the "not checked" note.
 */
import { BudgetedResolver } from '../../dns/budget';
import type { DnsResponse, Resolver } from '../../dns/resolver';
import type { ZoneView } from '../../model/zoneView';
import type { Finding, Report, SeveritySetting } from '../../rules/rule';
import { authorizesText, checkDestination, withLiveAnswers, type LiveAnswer } from './authorization';
import { parsedDmarc } from './index';
import { dmarcExternalUnauthorized } from './rules';

/** The one rule this pass re-runs; its synchronous findings are the ones replaced. */
export const AUTHORIZATION_RULE_ID = dmarcExternalUnauthorized.id;

/**
 * Questions one pass asks at most. A domain names at most a few report
 * destinations; a zone of many subdomains may name more, and the rest are
 * reported as not asked rather than flooding a server.
 */
export const DEFAULT_AUTHORIZATION_BUDGET = 32;

export interface AuthorizationCheckOptions {
  /** Per-rule severities, as for the synchronous analysis. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  readonly budget?: number;
}

export interface AuthorizationCheck {
  /** Findings of {@link AUTHORIZATION_RULE_ID}; put them in place with {@link mergeAuthorizationFindings}. */
  readonly findings: readonly Finding[];
  /** Questions passed to the resolver. */
  readonly queries: number;
  /** The signal fired before the answers were in: discard the result. */
  readonly cancelled: boolean;
}

/** Each policy record's well-formed report destinations with the policy's domain. */
function* destinations(view: ZoneView): Generator<{ domain: string; host: string }> {
  for (const record of view.ofKind('dmarc')) {
    if (!record.txt) continue;
    const parsed = parsedDmarc(view, record);
    if (parsed.role !== 'policy' || !parsed.versionValid || !parsed.domain) continue;
    for (const uris of parsed.uris.values()) {
      for (const uri of uris) if (!uri.problem && uri.host) yield { domain: parsed.domain, host: uri.host };
    }
  }
}

/**
 * The authorization names the document and the loaded zones cannot answer,
 * each once, in document order: the questions of the live pass. Empty when
 * there is nothing to ask, so a host can skip the pass.
 */
export function unansweredAuthorizations(view: ZoneView): string[] {
  const names = new Set<string>();
  for (const { domain, host } of destinations(view)) {
    const status = checkDestination(view, domain, host);
    if (status.status === 'unknown') names.add(status.name);
  }
  return [...names];
}

/** What a TXT answer means for the authorization; undefined when no source may answer (live DNS off). */
function liveAnswer(response: DnsResponse<'TXT'>): LiveAnswer | undefined {
  if (response.status === 'answer') {
    // A TXT record's strings are one text (RFC 7489 §7.1 reads the record like a DMARC record).
    if (response.answers.some((strings) => authorizesText(strings.join('')))) return { result: 'authorized' };
    return { result: 'missing', rcode: response.rcode };
  }
  if (response.status === 'unavailable' || response.status === 'cancelled') return undefined;
  // The resolvers' messages name the question and say what went wrong (`… TXT: no answer within 1000 ms`).
  return { result: 'failed', message: response.message };
}

/**
 * Asks TXT at every unanswered authorization name (all at once, bounded by
 * the budget) and returns the rule's findings as the answers make them.
 */
export async function checkReportAuthorizations(
  view: ZoneView,
  resolver: Resolver,
  signal?: AbortSignal,
  options: AuthorizationCheckOptions = {},
): Promise<AuthorizationCheck> {
  const names = unansweredAuthorizations(view);
  const budgeted = new BudgetedResolver(resolver, options.budget ?? DEFAULT_AUTHORIZATION_BUDGET);
  const responses = await Promise.all(names.map((name) => budgeted.query(name, 'TXT', signal)));
  if (responses.some((r) => r.status === 'cancelled')) return { findings: [], queries: budgeted.used, cancelled: true };
  const answers = new Map<string, LiveAnswer>();
  names.forEach((name, i) => {
    const answer = liveAnswer(responses[i]);
    if (answer) answers.set(name, answer);
  });
  // The same view, with the answers attached only while the rule runs: no second view of a large zone is built.
  const findings = withLiveAnswers(view, answers, () => runRule(view, options.severities ?? {}));
  return { findings, queries: budgeted.used, cancelled: false };
}

function runRule(view: ZoneView, severities: Readonly<Record<string, SeveritySetting>>): Finding[] {
  const rule = dmarcExternalUnauthorized;
  const setting = severities[rule.id];
  if (setting === 'off') return [];
  const findings: Finding[] = [];
  const report: Report = (span, message, options) =>
    findings.push({ rule: rule.id, severity: setting ?? options?.severity ?? rule.severity, message, span, file: options?.file, fixes: options?.fixes });
  for (const record of view.ofKind('dmarc')) {
    if (record.txt) rule.check({ record, txt: record.txt, parsed: parsedDmarc(view, record), zone: view }, report);
  }
  return sortFindings(findings);
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
}

/** The findings with the live pass's in place of the synchronous ones of the same rule. */
export function mergeAuthorizationFindings(findings: readonly Finding[], live: readonly Finding[]): Finding[] {
  return sortFindings([...findings.filter((f) => f.rule !== AUTHORIZATION_RULE_ID), ...live]);
}
