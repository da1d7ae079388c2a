import type { ZoneView } from '../model/zoneView';

/** `.well-known/mta-sts.txt`, or a file named `mta-sts.txt`: the name RFC 8461 §3.2 serves the policy under. */
export function isPolicyFile(path: string): boolean {
  return /(?:^|[\\/])mta-sts\.txt$/i.test(path);
}

/**
 * The policy domain a path names, when it is laid out as served:
 * `…/mta-sts.example.com/.well-known/mta-sts.txt` → `example.com`.
 */
export function policyDomainFromPath(path: string): string | undefined {
  return /(?:^|[\\/])mta-sts\.([^\\/]+?)\.?[\\/](?:\.well-known[\\/])?mta-sts\.txt$/i.exec(path)?.[1]?.toLowerCase();
}

/**
 * The zone to compare a policy's `mx` lines with: the one for the domain the
 * path names, or else the only zone at hand. With several zones and no
 * domain in the path, none is guessed.
 */
export function zoneForPolicy(path: string, zones: readonly ZoneView[]): ZoneView | undefined {
  const domain = policyDomainFromPath(path);
  if (domain) return zones.find((z) => z.zone.records.some((r) => r.type === 'SOA' && r.owner === `${domain}.`));
  return zones.length === 1 ? zones[0] : undefined;
}
