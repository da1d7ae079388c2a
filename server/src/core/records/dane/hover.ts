/**
 * The docs table for TLSA fields (RFC 6698 §2.1, RFC 7218 names), read as
 * DANE for SMTP reads them (RFC 7672): hover names a parameter by its
 * registry entry and says what the data must be, from the parameter tables
 * the rules and the STARTTLS probe read too.
 */
import type { FieldAt, FieldDocs, FieldMeaning } from '../mail/fieldHover';
import { shown } from '../mail/zoneNames';
import { readTlsaOwner, TLSA_MATCHING_TYPES, TLSA_SELECTORS, TLSA_USAGES, tlsaFields, type TlsaParameter } from './tlsa';

/** Who uses the record, from its owner name: `_25._tcp.<host>` is SMTP to that host. */
function usedBy(at: FieldAt): string | undefined {
  const owner = readTlsaOwner(at.record.owner);
  if (owner.kind !== 'service') return undefined;
  if (owner.port === 25 && owner.protocol === '_tcp') return `Used by sending mail servers that connect to \`${shown(owner.host)}\` on port 25 (RFC 7672).`;
  return `Used by clients that connect to \`${shown(owner.host)}\` on port ${owner.port} over ${owner.protocol.slice(1).toUpperCase()}.`;
}

/** The hover of one registry parameter: its name and description, or that the value is not defined. */
function parameterHere(table: readonly TlsaParameter[], field: string, what: string) {
  return (at: FieldAt): FieldMeaning | undefined => {
    const value = at.record.fields?.[field];
    if (typeof value !== 'number') return undefined;
    const entry = table.find((p) => p.value === value);
    if (!entry) return { meaning: `${value} is not a defined ${what}: clients treat the record as unusable (RFC 6698 §2.1).`, resolved: [usedBy(at)] };
    return { meaning: `${entry.name}: ${entry.description}.`, resolved: [usedBy(at)] };
  };
}

function dataHere(at: FieldAt): FieldMeaning | undefined {
  const fields = tlsaFields(at.record);
  if (!fields) return undefined;
  const matching = TLSA_MATCHING_TYPES.find((m) => m.value === fields.matchingType);
  const selector = TLSA_SELECTORS.find((s) => s.value === fields.selector);
  const octets = fields.data.length / 2;
  if (!matching || !selector) return { meaning: `${octets} octets of association data, for a selector or matching type that is not defined.` };
  const content = selector.description.split(':')[0];
  if (matching.octets === undefined) return { meaning: `${content} itself, ${octets} octets.` };
  const meaning = `${matching.description.replace('the selected content', content)}: ${octets} octets.`;
  if (octets === matching.octets) return { meaning };
  return { meaning, resolved: [`⚠ A ${matching.name} digest is ${matching.octets} octets: no certificate can match this record.`] };
}

export const TLSA_FIELDS: FieldDocs = {
  usage: { summary: 'The certificate usage: what the data must match in the server\'s chain, and whether names are checked.', rfc: 'RFC 6698 §2.1.1', here: parameterHere(TLSA_USAGES, 'usage', 'certificate usage') },
  selector: { summary: 'The selector: which part of the certificate is matched.', rfc: 'RFC 6698 §2.1.2', here: parameterHere(TLSA_SELECTORS, 'selector', 'selector') },
  matchingtype: { summary: 'The matching type: the selected content itself, or which digest of it.', rfc: 'RFC 6698 §2.1.3', here: parameterHere(TLSA_MATCHING_TYPES, 'matchingtype', 'matching type') },
  data: { summary: 'The certificate association data, in hexadecimal.', rfc: 'RFC 6698 §2.1.4', here: dataHere },
};
