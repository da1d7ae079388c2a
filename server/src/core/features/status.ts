import type { Analysis } from '../service';
import type { Severity } from '../rules/rule';

/**
 * A zone in one line, for an editor's status: which zone it is, how big,
 * and how many findings of each severity it has. The origin is the zone's
 * apex as the file states it — its SOA owner, else its first `$ORIGIN`, else
 * the origin the host guessed from the file name.
 */
export interface ZoneStatus {
  /** Absolute, with the trailing dot; undefined when nothing names the zone. */
  readonly origin?: string;
  /** Whether the origin is only the host's guess from the file name. */
  readonly originGuessed: boolean;
  /** Records of the zone, those of `$INCLUDE`d files and `$GENERATE` too. */
  readonly records: number;
  readonly findings: Readonly<Record<Severity, number>>;
}

export function zoneStatus(analysis: Analysis): ZoneStatus {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of analysis.findings) findings[finding.severity]++;
  const zone = analysis.zone;
  const soa = zone.records.find((r) => r.type === 'SOA');
  const directive = zone.directives.find((d) => d.name === '$ORIGIN' && d.args[0]?.raw.endsWith('.'));
  const stated = soa?.owner ?? directive?.args[0].raw.toLowerCase();
  return { origin: stated ?? zone.origin, originGuessed: stated === undefined && zone.origin !== undefined, records: zone.records.length, findings };
}
