/**
 * The docs table for SRV fields (RFC 2782), read for the mail services
 * (RFC 6186, RFC 8314): hover says how a priority and a weight rank the
 * target among the owner's records, whether the port is the service's own,
 * and where the target leads in the zone.
 */
import { hostLine, siblings, type FieldAt, type FieldDocs, type FieldMeaning } from '../mail/fieldHover';
import { absolute, shown } from '../mail/zoneNames';
import { mailServiceOf } from './services';

const numberField = (at: FieldAt, name: string): number | undefined => {
  const value = at.record.fields?.[name];
  return typeof value === 'number' ? value : undefined;
};

/** RFC 2782: a target of `.` says the service is decidedly not available. */
const isDecline = (at: FieldAt): boolean => at.record.fields?.target === '.';

function priorityHere(at: FieldAt): FieldMeaning | undefined {
  const own = numberField(at, 'priority');
  if (own === undefined) return undefined;
  const priorities = siblings(at).map((r) => r.fields?.priority).filter((p): p is number => typeof p === 'number');
  if (priorities.length <= 1) return { meaning: 'the only target for this service: clients use it whatever the number.' };
  const lower = [...new Set(priorities.filter((p) => p < own))].sort((a, b) => a - b);
  if (lower.length === 0) return { meaning: `tried first: the lowest priority of the ${priorities.length} records here.` };
  return { meaning: `tried only when the targets with priority ${lower.join(', ')} cannot be reached.` };
}

function weightHere(at: FieldAt): FieldMeaning | undefined {
  const own = numberField(at, 'weight');
  const priority = numberField(at, 'priority');
  if (own === undefined || priority === undefined) return undefined;
  const weights = siblings(at)
    .filter((r) => r.fields?.priority === priority)
    .map((r) => r.fields?.weight)
    .filter((w): w is number => typeof w === 'number');
  if (weights.length <= 1) return { meaning: `the only target with priority ${priority}: the weight does not matter.` };
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return { meaning: `every target with priority ${priority} has weight 0: clients pick among them at random.` };
  const share = Math.round((own / total) * 100);
  return { meaning: `this target gets about ${share}% of the connections among the ${weights.length} targets with priority ${priority}${own === 0 ? ' (weight 0: picked only rarely)' : ''}.` };
}

function portHere(at: FieldAt): FieldMeaning | undefined {
  const port = numberField(at, 'port');
  if (port === undefined) return undefined;
  if (isDecline(at)) return { meaning: 'unused: the target `.` says the service is not offered here.' };
  const service = mailServiceOf(at.record.owner);
  if (!service) return { meaning: `clients connect to port ${port} of the target.` };
  if (port === service.port) return { meaning: `the standard port of \`${service.label}\` (${service.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS'}).` };
  return { meaning: `clients connect to port ${port}; \`${service.label}\` normally runs on ${service.port}.` };
}

function targetHere(at: FieldAt): FieldMeaning | undefined {
  const service = mailServiceOf(at.record.owner);
  const what = service ? `\`${service.label}\`` : 'this service';
  if (isDecline(at)) return { meaning: `no host: ${what} is decidedly not offered at this domain.` };
  const target = at.record.fields?.target;
  if (typeof target !== 'string') return undefined;
  return { meaning: `the host that runs ${what}${service ? ` for \`${shown(at.record.owner.split('.').slice(2).join('.') || '.')}\`` : ''}.`, resolved: [hostLine(at.view, absolute(target))] };
}

export const SRV_FIELDS: FieldDocs = {
  priority: { summary: 'The priority: clients try the targets with the lowest number first.', rfc: 'RFC 2782', here: priorityHere },
  weight: { summary: 'The weight: among targets of equal priority, clients choose in proportion to it; 0 means chosen rarely.', rfc: 'RFC 2782', here: weightHere },
  port: { summary: 'The port the service runs on at the target.', rfc: 'RFC 2782', here: portHere },
  target: { summary: 'The host that runs the service; `.` says the service is not available at this domain.', rfc: 'RFC 2782', here: targetHere },
};
