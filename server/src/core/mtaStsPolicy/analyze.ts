import type { ZoneView } from '../model/zoneView';
import { absolute, hasNullMx, isAuthoritativeFor, mxHosts, parentName, zoneNames } from '../records/mail/zoneNames';
import type { Finding, Report, SeveritySetting } from '../rules/rule';
import { parsePolicy } from './parse';
import { policyRules, type PolicyTarget } from './rules';

export interface PolicyAnalysisOptions {
  /**
   * The policy domain's zone, when it is open: `mx` patterns are then
   * compared with the domain's MX hosts.
   */
  readonly zoneView?: ZoneView;
  /**
   * The policy domain (`example.com`). Defaults to the domain of the zone's
   * one `_mta-sts` record, else the zone's apex.
   */
  readonly domain?: string;
  /** Per-rule severity overrides from `mailzone.rules.<id>`. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
}

/** The policy domain a zone speaks for: its one `_mta-sts` owner's parent, else its apex. */
function domainFromZone(view: ZoneView): string | undefined {
  const owners = new Set(view.ofKind('mtasts').map((r) => r.owner).filter((o) => o.startsWith('_mta-sts.')));
  if (owners.size === 1) return parentName([...owners][0]);
  const names = zoneNames(view);
  return names.complete ? names.apex : undefined;
}

/**
 * Analyses the text of a `.well-known/mta-sts.txt` policy file (RFC 8461
 * §3.2): the entry point of the `mta-sts-policy` language. Findings come
 * sorted by position. Pure: the host passes the zone of the policy domain
 * when it has one open.
 */
export function analyzePolicy(text: string, options: PolicyAnalysisOptions = {}): Finding[] {
  const policy = parsePolicy(text);
  const view = options.zoneView;
  const domain = options.domain ? absolute(options.domain) : view ? domainFromZone(view) : undefined;
  let hosts: string[] | undefined;
  // Only a zone that holds the domain's MX records can say which hosts the policy must cover.
  if (view && domain && isAuthoritativeFor(view, domain) && !hasNullMx(view, domain)) {
    const found = mxHosts(view, domain);
    if (found.length > 0) hosts = [...new Set(found)];
  }
  const target: PolicyTarget = { policy, domain, mxHosts: hosts };
  const severities = options.severities ?? {};
  const findings: Finding[] = [];
  for (const rule of policyRules) {
    const setting = severities[rule.id];
    if (setting === 'off') continue;
    const report: Report = (span, message, o) => {
      findings.push({ rule: rule.id, severity: setting ?? o?.severity ?? rule.severity, message, span, fixes: o?.fixes });
    };
    rule.check(target, report);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return findings;
}

export { parsePolicy } from './parse';
export { policyRules } from './rules';
export { POLICY_FIELDS } from './fields';
