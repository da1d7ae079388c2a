/**
 * What the dns-tier tests share: the Knot server started by test/dns/run.sh,
 * and the document they analyse, a zone whose SPF records reach into the
 * zones Knot serves.
 */
import * as dgram from 'node:dgram';

/** `127.0.0.1:port` of Knot; the tier is meaningless without it, so its absence fails loudly. */
export function knotAddress(): string {
  const address = process.env.MAILZONE_TEST_DNS;
  if (!address) throw new Error('MAILZONE_TEST_DNS is not set: run the dns tier with bash test/dns/run.sh');
  return address;
}

/**
 * The open document. Its apex is not served by Knot, so every name outside
 * it goes to live DNS:
 * - `@` includes a chain across example.test, partner.test and mail.test
 *   (14 lookups), plus a void lookup of its own;
 * - `voids` reaches three NXDOMAIN names in partner.test and one here;
 * - `none` includes a partner name with no SPF record;
 * - `slow` includes the name the proxy never answers.
 */
export const CLIENT_ZONE = `$ORIGIN client.test.
$TTL 300
@       IN SOA  ns1 hostmaster 2024060101 3600 600 86400 60
@       IN NS   ns1
ns1     IN A    127.0.0.1
@       IN TXT  "v=spf1 include:example.test include:spf.partner.test a:gone.client.test -all"
voids   IN TXT  "v=spf1 include:bulk.partner.test a:gone.client.test -all"
none    IN TXT  "v=spf1 include:nospf.partner.test -all"
slow    IN TXT  "v=spf1 include:slow.partner.test -all"
`;

/** The name the proxy leaves unanswered. */
export const SILENT_NAME = 'slow.partner.test';

/** A loopback UDP port with nothing listening: a stopped server (queries are refused at once). */
export async function closedPort(): Promise<string> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/**
 * A document whose DMARC reports go to three other organizational
 * domains: partner.test publishes the authorization, mail.test does not
 * (NXDOMAIN), and the authorization name of the failure reports' host is
 * one the test's proxy leaves unanswered.
 */
export const DMARC_ZONE = `$ORIGIN shop.test.
$TTL 300
@       IN SOA  ns1 hostmaster 2024060101 3600 600 86400 60
@       IN NS   ns1
ns1     IN A    127.0.0.1
_dmarc  IN TXT  "v=DMARC1; p=reject; rua=mailto:dmarc@partner.test,mailto:dmarc@mail.test; ruf=mailto:dmarc@slow.example.test"
`;

/** The authorization name of DMARC_ZONE's failure reports, which the proxy does not answer. */
export const SILENT_AUTHORIZATION = 'shop.test._report._dmarc.slow.example.test';
