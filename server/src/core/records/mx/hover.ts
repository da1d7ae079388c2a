/**
 * The docs table for MX fields (RFC 5321 §5.1, RFC 7505): hover says what a
 * preference means among the owner's MX records, and where an exchange
 * leads in the zone.
 */
import { hostLine, siblings, type FieldAt, type FieldDocs } from '../mail/fieldHover';
import { absolute, shown } from '../mail/zoneNames';

const isNull = (at: FieldAt): boolean => at.record.fields?.exchange === '.';

function preferenceHere(at: FieldAt): { meaning: string; resolved?: string[] } | undefined {
  const own = at.record.fields?.preference;
  if (typeof own !== 'number') return undefined;
  if (isNull(at)) return { meaning: 'a null MX: this domain accepts no mail, and senders fail at once instead of retrying (RFC 7505).' };
  const preferences = siblings(at)
    .filter((r) => r.fields?.exchange !== '.')
    .map((r) => r.fields?.preference)
    .filter((p): p is number => typeof p === 'number');
  const owner = shown(at.record.owner);
  if (preferences.length <= 1) return { meaning: `the only mail exchanger of \`${owner}\`: senders deliver all its mail here, so the number does not matter.` };
  const lower = [...new Set(preferences.filter((p) => p < own))].sort((a, b) => a - b);
  const same = preferences.filter((p) => p === own).length;
  const shared = same > 1 ? ` It shares the preference with ${same - 1} other host${same === 2 ? '' : 's'}: senders pick among them at random.` : '';
  if (lower.length === 0) return { meaning: `tried first: the lowest preference of the ${preferences.length} MX records of \`${owner}\`.${shared}` };
  return { meaning: `tried only when the hosts with preference ${lower.join(', ')} cannot take the mail.${shared}` };
}

export const MX_FIELDS: FieldDocs = {
  preference: {
    summary: 'The preference: senders try the exchanges with the lowest number first, and those with equal numbers in random order.',
    rfc: 'RFC 5321 §5.1',
    here: preferenceHere,
  },
  exchange: {
    summary: 'The host that accepts mail for the owner name; `.` with preference 0 is a null MX (no mail accepted).',
    rfc: 'RFC 5321 §5.1',
    here: (at) => {
      if (isNull(at)) return { meaning: 'no host: with preference 0 this is a null MX, so the domain accepts no mail (RFC 7505).' };
      const exchange = at.record.fields?.exchange;
      if (typeof exchange !== 'string') return undefined;
      const host = absolute(exchange);
      return { meaning: `the host that receives mail for \`${shown(at.record.owner)}\`.`, resolved: [hostLine(at.view, host)] };
    },
  },
};
