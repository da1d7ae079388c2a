import type { ResourceRecord } from '../zone/ast';

/**
 * The records of `records` as DNS serves them: an RRset holds each record
 * once, so a record repeated exactly — written twice, or in a file that is
 * `$INCLUDE`d twice — is one record (RFC 2181 §5). Rules that count records
 * at a name ("more than one SPF record") count these; the first of each
 * stays, in file order.
 */
export function distinctRecords<R extends ResourceRecord>(records: readonly R[]): R[] {
  if (records.length < 2) return [...records];
  const seen = new Set<string>();
  const out: R[] = [];
  for (const record of records) {
    // Owner, class and type, then the rdata in canonical form: TXT strings compare exactly, names case-insensitively.
    const key = `${record.owner} ${record.rrClass} ${record.type} ${record.presentation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(record);
  }
  return out;
}
