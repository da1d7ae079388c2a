/**
 * The RR types Mailzone knows: code, rdata fields in order, and a one-line
 * summary. The parser reads the fields, hover reads the summary, completion
 * offers the names. Types not listed are read as `TYPEnnn` or generically.
 */
import { readBase32Hex } from './base32hex';
import { splitLabels } from './names';

export type FieldKind =
  | 'name' // a domain name, made absolute against the origin
  | 'u8'
  | 'u16'
  | 'u32'
  | 'ttl' // a 32-bit period, BIND units allowed (SOA timers): up to 2^32-1, as the field is unsigned (RFC 1035 §3.3.13)
  | 'algorithm' // a DNSSEC algorithm octet, by number or mnemonic (`RSASHA256`, RFC 4034 Appendix A.1), printed as the number
  | 'algorithmname' // as 'algorithm', printed by BIND as the mnemonic where there is one (CERT)
  | 'dsyncscheme' // a DSYNC scheme octet, by number or mnemonic (`NOTIFY`), printed by BIND as the mnemonic where there is one
  | 'digesttype' // a DS digest type octet, by number or BIND's mnemonic (`SHA-256`), printed as the number
  | 'ipv4'
  | 'ipv6'
  | 'string' // one character-string (at most 255 octets on the wire)
  | 'strings' // one or more character-strings (TXT)
  | 'quoted' // one quoted string, of any length (URI target: BIND refuses it bare)
  | 'text' // one quoted or bare token that runs to the end of the rdata on the wire (CAA value, URI target): no length limit
  | 'tag' // one alphanumeric token (CAA tag, RFC 8659 §4.1)
  | 'eui' // a MAC address in hyphenated hex (EUI48, EUI64), printed in lower case
  | 'nsap' // an NSAP address: '0x' then hex digits in pairs, dots anywhere after the '0x' (RFC 1706 §5), printed as '0x' and the digits
  | 'ilnp64' // an ILNP 64-bit node identifier or locator: four groups of 1 to 4 hex digits joined by ':' (RFC 6742 §2.1.2)
  | 'hex' // the rest of the rdata, hexadecimal, spaces allowed
  | 'base64' // the rest of the rdata, base64, spaces allowed
  | 'rest' // the rest of the rdata, kept as written
  | 'svcparams' // SVCB/HTTPS `key=value` parameters, zero or more (RFC 9460 §2.1)
  | 'rrtype' // a record type by mnemonic or `TYPEnnn` (RRSIG's type covered)
  | 'types' // a type bitmap, zero or more types, printed once each by number (NSEC, NSEC3, CSYNC)
  | 'base32hex' // NSEC3's next hashed owner, base32hex without padding (RFC 5155 §3.3)
  | 'salt' // NSEC3 salt: hex, or `-` for none
  | 'time' // an RRSIG time: YYYYMMDDHHmmSS or seconds since 1970, printed in the 14-digit form
  | 'gateway' // IPSECKEY's gateway, read by the gateway type before it: '.', IPv4, IPv6 or a name (RFC 4025 §2.5)
  | 'loc' // LOC's whole rdata: latitude, longitude, altitude and sizes (RFC 1876 §3)
  | 'apl' // APL items `[!]afi:address/prefix`, zero or more (RFC 3123 §4)
  | 'certtype'; // a CERT type, by number or mnemonic (RFC 4398 §2.1)

export interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  /** A trailing field that may be absent: BIND reads the rdata without it. */
  readonly optional?: boolean;
}

export interface RRType {
  readonly name: string;
  readonly code: number;
  readonly fields?: readonly Field[];
  /**
   * What BIND checks across fields once they are read: a digest's length by
   * its type. Given the numbers and hex fields read (hex as upper-case
   * digits), it returns what is wrong, or undefined.
   */
  readonly check?: (fields: Readonly<Record<string, number | string>>) => string | undefined;
  /** What BIND checks of the owner name (its check-names for owners that refuse a zone): given the absolute owner, what is wrong, or undefined. */
  readonly ownerCheck?: (owner: string) => string | undefined;
  readonly summary: string;
  readonly rfc: string;
}

const f = (name: string, kind: FieldKind): Field => ({ name, kind });
const optional = (name: string, kind: FieldKind): Field => ({ name, kind, optional: true });

/** RFC 8976 §2.2.4: a ZONEMD digest is at least 12 octets; BIND holds SHA-384 (1) and SHA-512 (2) digests to their size. */
function zonemdDigest(fields: Readonly<Record<string, number | string>>): string | undefined {
  const octets = String(fields.digest ?? '').length / 2;
  const size = ({ 1: 48, 2: 64 } as Record<number, number>)[Number(fields.hash)];
  if (size !== undefined && octets !== size) return `ZONEMD digest is ${octets} octets; hash ${fields.hash} (${fields.hash === 1 ? 'SHA-384' : 'SHA-512'}) gives ${size} (RFC 8976 §2.2.4)`;
  if (octets < 12) return `ZONEMD digest is ${octets} octets; it is at least 12 (RFC 8976 §2.2.4)`;
  return undefined;
}

/** The digest sizes BIND 9.18 holds DS-like records to: SHA-1, SHA-256 and SHA-384 (RFC 4034 §5.1.4, RFC 4509 §2.2, RFC 6605 §2). */
const DS_DIGEST_OCTETS: Readonly<Record<number, { octets: number; name: string; rfc: string }>> = {
  1: { octets: 20, name: 'SHA-1', rfc: 'RFC 4034 §5.1.4' },
  2: { octets: 32, name: 'SHA-256', rfc: 'RFC 4509 §2.2' },
  4: { octets: 48, name: 'SHA-384', rfc: 'RFC 6605 §2' },
};

/**
 * A DS, CDS, TA or DLV digest of a known type must have that digest's size:
 * BIND refuses the record otherwise. Other types (GOST, private ones) BIND
 * does not compute, and it takes any length for them.
 */
function dsDigest(fields: Readonly<Record<string, number | string>>): string | undefined {
  const known = DS_DIGEST_OCTETS[Number(fields.digesttype)];
  const octets = String(fields.digest ?? '').length / 2;
  if (known === undefined || octets === known.octets) return undefined;
  return `digest is ${octets} octets; digest type ${fields.digesttype} (${known.name}) gives ${known.octets} (${known.rfc})`;
}

/** The number of labels of an absolute name in presentation form, the root not counted. */
function labelCount(name: string): number {
  return name === '.' ? 0 : splitLabels(name).length - 1;
}

/** BIND 9.18 refuses an RRSIG whose signer has more labels than the labels field says the owner has. */
function rrsigSigner(fields: Readonly<Record<string, number | string>>): string | undefined {
  const labels = labelCount(String(fields.signer ?? '.'));
  if (labels > Number(fields.labels)) return `RRSIG signer '${fields.signer}' has ${labels} labels, more than the labels field (${fields.labels}); BIND refuses it`;
  return undefined;
}

/**
 * NSEC3's next hashed owner must fit in one label (BIND 9.18 takes up to 39
 * octets, 63 base32hex characters), and a SHA-1 hash (algorithm 1, RFC 5155
 * §3.1.7) is 20 octets.
 */
function nsec3Hash(fields: Readonly<Record<string, number | string>>): string | undefined {
  const octets = Math.floor((String(fields.next ?? '').length * 5) / 8);
  if (octets > 39) return `NSEC3 next hashed owner is ${octets} octets; it must fit in one label (at most 39)`;
  if (Number(fields.algorithm) === 1 && octets !== 20) return `NSEC3 next hashed owner is ${octets} octets; a SHA-1 hash (algorithm 1) is 20 (RFC 5155 §3.1.7)`;
  return undefined;
}

/** RFC 4255 §3.1.2, RFC 6594 §3: SHA-1 fingerprints (type 1) are 20 octets, SHA-256 (type 2) 32; BIND holds them to it, and takes an empty one for other types. */
function sshfpFingerprint(fields: Readonly<Record<string, number | string>>): string | undefined {
  const octets = String(fields.fingerprint ?? '').length / 2;
  const size = ({ 1: 20, 2: 32 } as Record<number, number>)[Number(fields.fptype)];
  if (size !== undefined && octets !== size) return `SSHFP fingerprint is ${octets} octets; type ${fields.fptype} (${fields.fptype === 1 ? 'SHA-1' : 'SHA-256'}) gives ${size} (RFC 4255 §3.1.2, RFC 6594 §3)`;
  return undefined;
}

/**
 * BIND refuses a zone with an NSEC3 whose owner's first label is not a
 * hash in base32hex without padding ("bad owner name (check-names)"): an
 * NSEC3 owner is the hash of the name it covers (RFC 5155 §3).
 */
function nsec3Owner(owner: string): string | undefined {
  const label = splitLabels(owner)[0];
  const read = readBase32Hex(label);
  if ('error' in read) return `NSEC3 owner '${owner}': the first label must be a base32hex hash (RFC 5155 §3); ${read.error}; BIND's check-names refuses it`;
  return undefined;
}

/** BIND refuses NS records at a wildcard owner ("invalid NS owner name (wildcard)"): a delegation cannot be synthesised (RFC 4592 §4.2). */
function notWildcard(owner: string): string | undefined {
  return owner.startsWith('*.') ? `NS at the wildcard '${owner}': a wildcard cannot own a delegation (RFC 4592 §4.2); BIND refuses it` : undefined;
}

/**
 * KEY flags with the extended-flags bit (0x1000) set are followed by a
 * second flags field (RFC 2535 §3.1.2), which BIND reads: the fields after
 * it shift, and the rdata as written has one field too many for BIND.
 */
function keyFlags(fields: Readonly<Record<string, number | string>>): string | undefined {
  if (Number(fields.flags) & 0x1000) return `KEY flags ${fields.flags} set the extended-flags bit (0x1000), so BIND reads a second flags field before the protocol (RFC 2535 §3.1.2); Mailzone does not read that form`;
  return undefined;
}

export const RR_TYPES: readonly RRType[] = [
  { name: 'A', code: 1, fields: [f('address', 'ipv4')], summary: 'An IPv4 address of the name.', rfc: 'RFC 1035 §3.4.1' },
  { name: 'NS', code: 2, fields: [f('nsdname', 'name')], ownerCheck: notWildcard, summary: 'An authoritative name server for the zone.', rfc: 'RFC 1035 §3.3.11' },
  { name: 'CNAME', code: 5, fields: [f('target', 'name')], summary: 'The name is an alias of another name; it can have no other data (RFC 1034 §3.6.2).', rfc: 'RFC 1035 §3.3.1' },
  { name: 'MD', code: 3, fields: [f('madname', 'name')], summary: 'Mail destination (obsolete: use MX).', rfc: 'RFC 1035 §3.3.4' },
  { name: 'MF', code: 4, fields: [f('madname', 'name')], summary: 'Mail forwarder (obsolete: use MX).', rfc: 'RFC 1035 §3.3.5' },
  {
    name: 'SOA', code: 6,
    fields: [f('mname', 'name'), f('rname', 'name'), f('serial', 'u32'), f('refresh', 'ttl'), f('retry', 'ttl'), f('expire', 'ttl'), f('minimum', 'ttl')],
    summary: 'Start of authority: the primary server, the contact mailbox, the serial and the timers of the zone.', rfc: 'RFC 1035 §3.3.13',
  },
  { name: 'MB', code: 7, fields: [f('madname', 'name')], summary: 'Mailbox domain name (experimental).', rfc: 'RFC 1035 §3.3.3' },
  { name: 'MG', code: 8, fields: [f('mgmname', 'name')], summary: 'Mail group member (experimental).', rfc: 'RFC 1035 §3.3.6' },
  { name: 'MR', code: 9, fields: [f('newname', 'name')], summary: 'Mail rename domain name (experimental).', rfc: 'RFC 1035 §3.3.8' },
  { name: 'WKS', code: 11, fields: [f('services', 'rest')], summary: 'Well-known services (obsolete).', rfc: 'RFC 1035 §3.4.2' },
  { name: 'PTR', code: 12, fields: [f('target', 'name')], summary: 'A pointer to another name, used for reverse DNS.', rfc: 'RFC 1035 §3.3.12' },
  { name: 'HINFO', code: 13, fields: [f('cpu', 'string'), f('os', 'string')], summary: 'Host information: CPU and operating system.', rfc: 'RFC 1035 §3.3.2' },
  { name: 'MINFO', code: 14, fields: [f('rmailbx', 'name'), f('emailbx', 'name')], summary: 'Mailbox or mail list information (experimental).', rfc: 'RFC 1035 §3.3.7' },
  { name: 'MX', code: 15, fields: [f('preference', 'u16'), f('exchange', 'name')], summary: 'A mail exchanger for the name: lower preference is tried first. `0 .` is a null MX (RFC 7505): no mail accepted.', rfc: 'RFC 1035 §3.3.9' },
  { name: 'TXT', code: 16, fields: [f('text', 'strings')], summary: 'Text: one or more character-strings of up to 255 octets. SPF, DKIM, DMARC, MTA-STS, TLS-RPT and BIMI records are TXT records.', rfc: 'RFC 1035 §3.3.14' },
  { name: 'RP', code: 17, fields: [f('mbox', 'name'), f('txt', 'name')], summary: 'The responsible person.', rfc: 'RFC 1183 §2.2' },
  { name: 'AFSDB', code: 18, fields: [f('subtype', 'u16'), f('hostname', 'name')], summary: 'An AFS database location.', rfc: 'RFC 1183 §1' },
  { name: 'X25', code: 19, fields: [f('address', 'string')], summary: 'An X.25 address (experimental).', rfc: 'RFC 1183 §3.1' },
  { name: 'ISDN', code: 20, fields: [f('address', 'rest')], summary: 'An ISDN address (experimental).', rfc: 'RFC 1183 §3.2' },
  { name: 'RT', code: 21, fields: [f('preference', 'u16'), f('host', 'name')], summary: 'Route through (experimental).', rfc: 'RFC 1183 §3.3' },
  { name: 'NSAP', code: 22, fields: [f('address', 'nsap')], summary: 'An NSAP address.', rfc: 'RFC 1706' },
  { name: 'NSAP-PTR', code: 23, fields: [f('target', 'name')], summary: 'An NSAP reverse pointer (obsolete).', rfc: 'RFC 1348' },
  { name: 'SIG', code: 24, fields: [f('signature', 'rest')], summary: 'A signature (obsolete: DNSSEC uses RRSIG).', rfc: 'RFC 2535' },
  { name: 'KEY', code: 25, fields: [f('flags', 'u16'), f('protocol', 'u8'), f('algorithm', 'algorithm'), f('key', 'base64')], check: keyFlags, summary: 'A public key (SIG(0), TKEY; DNSSEC uses DNSKEY).', rfc: 'RFC 2535, RFC 3445' },
  { name: 'PX', code: 26, fields: [f('preference', 'u16'), f('map822', 'name'), f('mapx400', 'name')], summary: 'X.400 mail mapping.', rfc: 'RFC 2163' },
  { name: 'GPOS', code: 27, fields: [f('position', 'rest')], summary: 'A geographical position (obsolete: use LOC).', rfc: 'RFC 1712' },
  { name: 'AAAA', code: 28, fields: [f('address', 'ipv6')], summary: 'An IPv6 address of the name.', rfc: 'RFC 3596 §2.2' },
  { name: 'LOC', code: 29, fields: [f('location', 'loc')], summary: 'A geographical location.', rfc: 'RFC 1876' },
  { name: 'NXT', code: 30, fields: [f('next', 'name'), optional('types', 'types')], summary: 'Next domain (obsolete: DNSSEC uses NSEC).', rfc: 'RFC 2535' },
  { name: 'SRV', code: 33, fields: [f('priority', 'u16'), f('weight', 'u16'), f('port', 'u16'), f('target', 'name')], summary: 'Where a service runs: priority, weight, port and host. `_submission._tcp`, `_imaps._tcp` and friends point mail clients at servers (RFC 6186).', rfc: 'RFC 2782' },
  {
    name: 'NAPTR', code: 35,
    fields: [f('order', 'u16'), f('preference', 'u16'), f('flags', 'string'), f('services', 'string'), f('regexp', 'string'), f('replacement', 'name')],
    summary: 'A naming authority pointer.', rfc: 'RFC 3403 §4',
  },
  { name: 'KX', code: 36, fields: [f('preference', 'u16'), f('exchanger', 'name')], summary: 'A key exchanger.', rfc: 'RFC 2230' },
  { name: 'CERT', code: 37, fields: [f('certtype', 'certtype'), f('keytag', 'u16'), f('algorithm', 'algorithmname'), f('certificate', 'base64')], summary: 'A certificate.', rfc: 'RFC 4398' },
  { name: 'A6', code: 38, fields: [f('address', 'rest')], summary: 'IPv6 address in pieces (historic: use AAAA).', rfc: 'RFC 6563' },
  { name: 'DNAME', code: 39, fields: [f('target', 'name')], summary: 'Redirects the whole subtree below the name to another name.', rfc: 'RFC 6672' },
  { name: 'APL', code: 42, fields: [optional('prefixes', 'apl')], summary: 'Address prefix lists.', rfc: 'RFC 3123' },
  { name: 'DS', code: 43, fields: [f('keytag', 'u16'), f('algorithm', 'algorithm'), f('digesttype', 'digesttype'), f('digest', 'hex')], check: dsDigest, summary: 'Delegation signer: the digest of a child zone\u2019s DNSKEY.', rfc: 'RFC 4034 §5' },
  { name: 'SSHFP', code: 44, fields: [f('algorithm', 'u8'), f('fptype', 'u8'), optional('fingerprint', 'hex')], check: sshfpFingerprint, summary: 'An SSH host key fingerprint.', rfc: 'RFC 4255' },
  // RFC 4025 §2.6 lets the public key be absent; BIND 9.18 refuses IPSECKEY without one, and Mailzone follows BIND.
  { name: 'IPSECKEY', code: 45, fields: [f('precedence', 'u8'), f('gatewaytype', 'u8'), f('algorithm', 'u8'), f('gateway', 'gateway'), f('key', 'base64')], summary: 'An IPsec key.', rfc: 'RFC 4025' },
  { name: 'RRSIG', code: 46, fields: [f('covered', 'rrtype'), f('algorithm', 'algorithm'), f('labels', 'u8'), f('originalttl', 'u32'), f('expiration', 'time'), f('inception', 'time'), f('keytag', 'u16'), f('signer', 'name'), f('signature', 'base64')], check: rrsigSigner, summary: 'A DNSSEC signature.', rfc: 'RFC 4034 §3' },
  { name: 'NSEC', code: 47, fields: [f('next', 'name'), f('types', 'types')], summary: 'DNSSEC authenticated denial of existence.', rfc: 'RFC 4034 §4' },
  { name: 'DNSKEY', code: 48, fields: [f('flags', 'u16'), f('protocol', 'u8'), f('algorithm', 'algorithm'), f('key', 'base64')], summary: 'A DNSSEC public key.', rfc: 'RFC 4034 §2' },
  { name: 'DHCID', code: 49, fields: [f('data', 'base64')], summary: 'DHCP information.', rfc: 'RFC 4701' },
  { name: 'NSEC3', code: 50, fields: [f('algorithm', 'u8'), f('flags', 'u8'), f('iterations', 'u16'), f('salt', 'salt'), f('next', 'base32hex'), optional('types', 'types')], check: nsec3Hash, ownerCheck: nsec3Owner, summary: 'Hashed authenticated denial of existence.', rfc: 'RFC 5155' },
  { name: 'NSEC3PARAM', code: 51, fields: [f('algorithm', 'u8'), f('flags', 'u8'), f('iterations', 'u16'), f('salt', 'salt')], summary: 'NSEC3 parameters.', rfc: 'RFC 5155' },
  { name: 'TLSA', code: 52, fields: [f('usage', 'u8'), f('selector', 'u8'), f('matchingtype', 'u8'), f('data', 'hex')], summary: 'A TLS certificate association (DANE), used for SMTP at `_25._tcp.<mx host>` (RFC 7672).', rfc: 'RFC 6698 §2' },
  { name: 'SMIMEA', code: 53, fields: [f('usage', 'u8'), f('selector', 'u8'), f('matchingtype', 'u8'), f('data', 'hex')], summary: 'An S/MIME certificate association.', rfc: 'RFC 8162' },
  { name: 'HIP', code: 55, fields: [f('hip', 'rest')], summary: 'Host identity protocol.', rfc: 'RFC 8005' },
  { name: 'CDS', code: 59, fields: [f('keytag', 'u16'), f('algorithm', 'algorithm'), f('digesttype', 'digesttype'), f('digest', 'hex')], check: dsDigest, summary: 'Child copy of DS.', rfc: 'RFC 7344' },
  { name: 'CDNSKEY', code: 60, fields: [f('flags', 'u16'), f('protocol', 'u8'), f('algorithm', 'algorithm'), f('key', 'base64')], summary: 'Child copy of DNSKEY.', rfc: 'RFC 7344' },
  { name: 'OPENPGPKEY', code: 61, fields: [f('key', 'base64')], summary: 'An OpenPGP public key.', rfc: 'RFC 7929' },
  { name: 'CSYNC', code: 62, fields: [f('serial', 'u32'), f('flags', 'u16'), optional('types', 'types')], summary: 'Child-to-parent synchronisation.', rfc: 'RFC 7477' },
  { name: 'ZONEMD', code: 63, fields: [f('serial', 'u32'), f('scheme', 'u8'), f('hash', 'u8'), f('digest', 'hex')], check: zonemdDigest, summary: 'A message digest of the zone.', rfc: 'RFC 8976' },
  { name: 'SVCB', code: 64, fields: [f('priority', 'u16'), f('target', 'name'), optional('params', 'svcparams')], summary: 'Service binding.', rfc: 'RFC 9460' },
  { name: 'HTTPS', code: 65, fields: [f('priority', 'u16'), f('target', 'name'), optional('params', 'svcparams')], summary: 'Service binding for HTTPS.', rfc: 'RFC 9460' },
  { name: 'DSYNC', code: 66, fields: [f('rrtype', 'rrtype'), f('scheme', 'dsyncscheme'), f('port', 'u16'), f('target', 'name')], summary: 'Where a child zone\u2019s operator sends DNSSEC changes to the parent (generalized notification).', rfc: 'RFC 9859' },
  { name: 'SPF', code: 99, fields: [f('text', 'strings')], summary: 'The discontinued SPF RR type: RFC 7208 §3.1 says publish SPF as TXT only.', rfc: 'RFC 7208 §3.1' },
  { name: 'NID', code: 104, fields: [f('preference', 'u16'), f('nodeid', 'ilnp64')], summary: 'ILNP node identifier.', rfc: 'RFC 6742' },
  { name: 'L32', code: 105, fields: [f('preference', 'u16'), f('locator', 'ipv4')], summary: 'ILNP 32-bit locator.', rfc: 'RFC 6742' },
  { name: 'L64', code: 106, fields: [f('preference', 'u16'), f('locator', 'ilnp64')], summary: 'ILNP 64-bit locator.', rfc: 'RFC 6742' },
  { name: 'LP', code: 107, fields: [f('preference', 'u16'), f('fqdn', 'name')], summary: 'ILNP locator pointer.', rfc: 'RFC 6742' },
  { name: 'EUI48', code: 108, fields: [f('address', 'eui')], summary: 'A 48-bit MAC address.', rfc: 'RFC 7043' },
  { name: 'EUI64', code: 109, fields: [f('address', 'eui')], summary: 'A 64-bit MAC address.', rfc: 'RFC 7043' },
  { name: 'URI', code: 256, fields: [f('priority', 'u16'), f('weight', 'u16'), f('target', 'quoted')], summary: 'A URI for a service.', rfc: 'RFC 7553' },
  { name: 'CAA', code: 257, fields: [f('flags', 'u8'), f('tag', 'tag'), f('value', 'text')], summary: 'Which certificate authorities may issue certificates for the name.', rfc: 'RFC 8659' },
  { name: 'AVC', code: 258, fields: [f('text', 'strings')], summary: 'Application visibility and control.', rfc: 'IANA' },
  { name: 'RESINFO', code: 261, fields: [f('text', 'strings')], summary: 'Resolver information as key=value character-strings.', rfc: 'RFC 9606' },
  { name: 'WALLET', code: 262, fields: [f('text', 'strings')], summary: 'Public wallet addresses as character-strings.', rfc: 'IANA' },
  { name: 'AMTRELAY', code: 260, fields: [f('relay', 'rest')], summary: 'Automatic multicast tunneling relay.', rfc: 'RFC 8777' },
  { name: 'TA', code: 32768, fields: [f('keytag', 'u16'), f('algorithm', 'algorithm'), f('digesttype', 'digesttype'), f('digest', 'hex')], check: dsDigest, summary: 'DNSSEC trust authority.', rfc: 'IANA' },
  { name: 'DLV', code: 32769, fields: [f('keytag', 'u16'), f('algorithm', 'algorithm'), f('digesttype', 'digesttype'), f('digest', 'hex')], check: dsDigest, summary: 'DNSSEC lookaside validation (historic).', rfc: 'RFC 8749' },
];

/**
 * DNSSEC algorithm mnemonics BIND reads in KEY, DNSKEY, DS and their kin
 * (RFC 4034 Appendix A.1 and the IANA registry); it prints the number.
 */
export const DNSSEC_ALGORITHMS: Readonly<Record<string, number>> = {
  // BIND 9.18 knows algorithms 6 and 7 only by these names, not by the registry's DSA-NSEC3-SHA1 and RSASHA1-NSEC3-SHA1.
  RSAMD5: 1, DH: 2, DSA: 3, ECC: 4, RSASHA1: 5, NSEC3DSA: 6, NSEC3RSASHA1: 7,
  RSASHA256: 8, RSASHA512: 10, ECCGOST: 12, ECDSAP256SHA256: 13, ECDSAP384SHA384: 14, ED25519: 15, ED448: 16,
  INDIRECT: 252, PRIVATEDNS: 253, PRIVATEOID: 254,
};

/** The mnemonic BIND prints for an algorithm number (its first name in {@link DNSSEC_ALGORITHMS}). */
export const ALGORITHM_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(DNSSEC_ALGORITHMS).reverse().map(([name, code]) => [code, name]),
);

/** DS digest type mnemonics BIND reads (RFC 4034 Appendix A.2, RFC 4509, RFC 6605). */
export const DS_DIGEST_TYPES: Readonly<Record<string, number>> = { 'SHA-1': 1, SHA1: 1, 'SHA-256': 2, SHA256: 2, GOST: 3, 'SHA-384': 4, SHA384: 4 };

/** DSYNC schemes by mnemonic (the IANA DSYNC Location of Synchronization Endpoints registry, as BIND 9.18 knows it). */
export const DSYNC_SCHEMES: Readonly<Record<string, number>> = { NOTIFY: 1 };
export const DSYNC_SCHEME_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(DSYNC_SCHEMES).map(([name, code]) => [code, name]));

/**
 * Meta types (RFC 6895 §3.1): they exist only in queries and messages, and
 * BIND refuses them in a zone file. Named so the error can say which.
 */
export const META_TYPES: Readonly<Record<string, number>> = { OPT: 41, TKEY: 249, TSIG: 250, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255 };
const META_CODES = new Set(Object.values(META_TYPES));

/** A meta type's code, given a type's mnemonic or `TYPEnnn` form; undefined for a data type. */
export function metaType(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (upper in META_TYPES) return META_TYPES[upper];
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  return generic && META_CODES.has(Number(generic[1])) ? Number(generic[1]) : undefined;
}

const BY_NAME = new Map(RR_TYPES.map((t) => [t.name, t]));
const BY_CODE = new Map(RR_TYPES.map((t) => [t.code, t]));

/** Looks up a type by mnemonic (any case) or by RFC 3597 `TYPEnnn`. */
export function rrType(text: string): { type: RRType | undefined; code: number; name: string } | undefined {
  const upper = text.toUpperCase();
  const known = BY_NAME.get(upper);
  if (known) return { type: known, code: known.code, name: known.name };
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  if (generic && Number(generic[1]) <= 65535) {
    const code = Number(generic[1]);
    const type = BY_CODE.get(code);
    return { type, code, name: type?.name ?? `TYPE${code}` };
  }
  return undefined;
}

export const CLASSES: Readonly<Record<string, string>> = {
  IN: 'The Internet class: nearly every zone.',
  CH: 'Chaos: used for server identity queries (`version.bind`).',
  HS: 'Hesiod.',
  CS: 'CSNET (obsolete).',
};

/** `IN`, `CH`, `HS`, `CS` or RFC 3597 `CLASSnnn`, upper-cased; undefined for anything else. */
export function rrClass(text: string): string | undefined {
  // Asked of the token after every owner and TTL: most are `IN` or a type, decided without a pattern.
  if (text === 'IN') return text;
  const upper = text.toUpperCase();
  if (upper in CLASSES) return upper;
  if (!upper.startsWith('CLASS')) return undefined;
  const generic = /^CLASS(\d{1,5})$/.exec(upper);
  if (generic && Number(generic[1]) <= 65535) {
    const code = Number(generic[1]);
    return ({ 1: 'IN', 3: 'CH', 4: 'HS', 2: 'CS' } as Record<number, string>)[code] ?? `CLASS${code}`;
  }
  return undefined;
}
