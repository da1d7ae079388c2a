/**
 * What the differential tests compare: records as BIND and Mailzone print
 * them, brought to one form (names lower-cased, BIND's chunked blobs joined,
 * blanks collapsed) and sorted.
 */

/** Splits a line into fields at blanks outside quoted strings; escapes stay as written. */
export function fieldsOf(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      current += line.slice(i, i + 2);
      i++;
    } else if (c === '"') {
      current += c;
      quoted = !quoted;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

/** Domain names compare case-insensitively; escapes (`\065`, `\.`) are left alone. */
export function lowerName(name: string): string {
  return name.replace(/\\\d{3}|\\.|[A-Z]+/g, (m) => (m[0] === '\\' ? m : m.toLowerCase()));
}

/** Which rdata fields are domain names, by type. */
const NAME_FIELDS: Readonly<Record<string, readonly number[]>> = {
  NS: [0], CNAME: [0], DNAME: [0], PTR: [0], MX: [1], SOA: [0, 1], SRV: [3], SVCB: [1], HTTPS: [1],
  RP: [0, 1], AFSDB: [1], KX: [1], NAPTR: [5], NSEC: [0], RRSIG: [7],
};

/** Where a type's base64 or hex blob starts: BIND breaks long ones into chunks, which are joined back. */
const BLOB_FROM: Readonly<Record<string, number>> = {
  DS: 3, CDS: 3, TA: 3, DLV: 3, DNSKEY: 3, CDNSKEY: 3, KEY: 3, TLSA: 3, SMIMEA: 3, SSHFP: 2, OPENPGPKEY: 0, DHCID: 0,
  RRSIG: 8, ZONEMD: 3,
};

/** One record in a form both tools agree on: names lower-cased, blobs joined, blanks collapsed. */
export function normalise(line: string): string {
  const [owner, ttl, rrClass, type, ...rdata] = fieldsOf(line);
  const blobFrom = rdata[0] === '\\#' ? 2 : BLOB_FROM[type];
  let data = rdata;
  if (blobFrom !== undefined && data.length > blobFrom) data = [...data.slice(0, blobFrom), data.slice(blobFrom).join('')];
  data = data.map((field, k) => (NAME_FIELDS[type]?.includes(k) && rdata[0] !== '\\#' ? lowerName(field) : field));
  return [lowerName(owner), ttl, rrClass, type, ...data].join(' ');
}

/** The records of an output; BIND adds comment lines (`; resign=…` after an RRSIG), which are not records. */
export function records(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith(';')).map(normalise).sort();
}
