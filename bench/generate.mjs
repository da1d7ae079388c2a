/**
 * Deterministic zone generator for the benchmark.
 *
 * A zone of N records looks like what a hosting provider keeps for its
 * customers: one apex (SOA, NS, shared SPF) and then one block per customer
 * subdomain with hosts (A/AAAA), aliases (CNAME), mail exchangers (MX),
 * service records (SRV), verification TXT records and — 5% of all records —
 * mail-auth TXT records: SPF, DMARC, DKIM (RSA-2048 keys written as
 * multi-line parenthesised TXT records, Ed25519 keys on one line),
 * MTA-STS, TLS-RPT and BIMI. About a tenth of the customer blocks live in
 * files the main file pulls in with `$INCLUDE`; half of all blocks switch
 * `$ORIGIN`, and consecutive records often leave the owner blank, as
 * hand-kept BIND zones do.
 *
 * Two profiles share that shape. The stress profile (the default) keeps
 * the mistakes people make in a few percent of the customers' records and
 * piles site-verification tokens on their apexes, so most rules have
 * something to say (about one finding per twenty records). The realistic
 * profile is a provider that keeps its zone in order: real DKIM keys
 * (bench/dkim-keys.json), SPF on every name that receives mail, the MX
 * hosts included, with includes that resolve in the zone, enforcing DMARC
 * policies, MTA-STS always with its policy host and TLS-RPT, and at most
 * two verification tokens per name; what it still finds is rare.
 *
 * Everything comes from a seeded PRNG, so the same size and profile always
 * give the same bytes. The output loads in named-checkzone and nsd-checkzone: CNAME
 * owners hold nothing else, MX and SRV targets are in-zone hosts with
 * addresses, and no TXT string exceeds 255 octets.
 *
 * Usage as a script: node bench/generate.mjs RECORDS DIR [stress|realistic]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORIGIN = 'example.com.';
export const MAIN_FILE = 'example.com.zone';
/** Share of all records that are mail-auth TXT records in the stress profile. */
export const MAIL_AUTH_SHARE = 0.05;
/** Bump when the output changes, so cached zones are regenerated. */
export const GENERATOR_VERSION = 4;
export const PROFILES = ['stress', 'realistic'];

/** Real public keys, made once by bench/make-dkim-keys.mjs, for the realistic profile's DKIM records. */
const DKIM_KEYS = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'dkim-keys.json'), 'utf8'));

/** sfc32: small, fast, and the same sequence on every platform. */
function prng(seed) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

const WORDS = [
  'acme', 'alpine', 'amber', 'apex', 'atlas', 'aurora', 'beacon', 'birch', 'blue', 'bolt', 'cedar', 'cobalt',
  'coral', 'crest', 'delta', 'ember', 'falcon', 'fern', 'forge', 'granite', 'harbor', 'helix', 'iris', 'juniper',
  'kestrel', 'lumen', 'maple', 'meadow', 'nimbus', 'north', 'oak', 'onyx', 'orbit', 'pine', 'prism', 'quartz',
  'raven', 'ridge', 'river', 'sable', 'summit', 'terra', 'tidal', 'umber', 'vertex', 'willow', 'zenith', 'zephyr',
];
const HOST_WORDS = ['web', 'app', 'api', 'db', 'cache', 'vpn', 'git', 'ci', 'docs', 'shop', 'crm', 'files', 'mon', 'proxy', 'edge', 'lb'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

class Rng {
  constructor(seed) {
    this.next = prng(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  bytes(n) {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  token(n, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

/** DER length octets. */
function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag, ...content) {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/**
 * An RSA SubjectPublicKeyInfo with a random odd 2048-bit modulus: the same
 * shape and size as `openssl rsa -pubout` output, which is all a zone
 * checker can see of a key.
 */
function rsaSpki(rng, bits = 2048) {
  const modulus = rng.bytes(bits / 8);
  modulus[0] |= 0x80;
  modulus[modulus.length - 1] |= 1;
  const rsaKey = der(0x30, der(0x02, Buffer.from([0]), modulus), der(0x02, Buffer.from([1, 0, 1])));
  const algorithm = der(0x30, der(0x06, Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])), Buffer.from([0x05, 0x00]));
  return der(0x30, algorithm, der(0x03, Buffer.from([0]), rsaKey)).toString('base64');
}

/** Splits text into quoted strings of at most `size` characters. */
function chunks(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * Writes records into the main file or one include part, tracking the
 * previous owner so consecutive records may leave it blank.
 */
class Out {
  constructor(name) {
    this.name = name;
    this.lines = [];
    this.lastOwner = undefined;
  }
  line(text) {
    this.lines.push(text);
  }
  directive(text) {
    this.lines.push(text);
    this.lastOwner = undefined;
  }
}

/**
 * Generates a zone of exactly `records` resource records into `dir`, in
 * `profile` ('stress' or 'realistic', see above). Returns statistics:
 * records by type, mail-auth count, files and bytes.
 */
export function generateZone(records, dir, seed = records, profile = 'stress') {
  if (!PROFILES.includes(profile)) throw new Error(`unknown zone profile ${profile}`);
  const realistic = profile === 'realistic';
  // The realistic profile draws from a stream of its own, so its zones are not the stress zones with fixes.
  const rng = new Rng((seed + (realistic ? 0x5eed : 0)) * 2654435761);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.zone')) fs.rmSync(path.join(dir, f));

  const stats = { records: 0, mailAuth: 0, multiLineTxt: 0, byType: {}, mailByKind: {}, files: [], bytes: 0, includes: 0, tenants: 0 };
  const main = new Out(MAIN_FILE);
  const partCount = records <= 2_000 ? 1 : records <= 20_000 ? 2 : records <= 200_000 ? 4 : 8;
  const parts = Array.from({ length: partCount }, (_, i) => new Out(`example.com.part-${String(i + 1).padStart(2, '0')}.zone`));
  for (const part of parts) {
    part.line(`; Customer zones kept in a file of their own, pulled in by ${MAIN_FILE} with $INCLUDE.`);
    part.directive('$TTL 3600');
  }

  let out = main;
  const ttls = ['300', '3600', '1h', '86400', '4h'];
  /** The TTL field of each RRset written so far (per owner block): all records of an RRset share one TTL. */
  let rrsetTtl = new Map();

  /** Writes one record. `owner` is as written (relative or '@'); `key` identifies the owner for blanking. */
  const emit = (owner, key, type, rdata, mail) => {
    const sameOwner = out.lastOwner === key && rng.chance(0.75);
    const ownerField = sameOwner ? '' : owner;
    const rrset = `${key}|${type}`;
    let ttl = rrsetTtl.get(rrset);
    if (ttl === undefined) rrsetTtl.set(rrset, (ttl = rng.chance(0.15) ? `${rng.pick(ttls)}\t` : ''));
    const cls = rng.chance(0.8) ? 'IN\t' : '';
    const pad = ownerField.length < 24 ? ' '.repeat(24 - ownerField.length) : ' ';
    out.line(`${ownerField}${pad}${ttl}${cls}${type}\t${rdata}`);
    out.lastOwner = key;
    stats.records++;
    stats.byType[type] = (stats.byType[type] ?? 0) + 1;
    if (mail) {
      stats.mailAuth++;
      stats.mailByKind[mail] = (stats.mailByKind[mail] ?? 0) + 1;
    }
    if (rdata.includes('\n')) stats.multiLineTxt++;
  };

  const v4 = () => `10.${rng.int(256)}.${rng.int(256)}.${rng.range(1, 254)}`;
  const v6 = () => `2001:db8:${rng.int(65536).toString(16)}:${rng.int(65536).toString(16)}::${rng.range(1, 65535).toString(16)}`;

  // --- The apex ---------------------------------------------------------------------------------------------
  main.line('; example.com — customer zones of a hosting provider (generated for the Mailzone benchmark).');
  main.directive(`$ORIGIN ${ORIGIN}`);
  main.directive('$TTL 3600');
  main.line('@                       IN SOA  ns1.example.com. hostmaster.example.com. (');
  main.line('                                2026112801 ; serial');
  main.line('                                7200       ; refresh');
  main.line('                                3600       ; retry');
  main.line('                                1209600    ; expire');
  main.line('                                3600 )     ; negative caching TTL');
  main.lastOwner = '@';
  stats.records++;
  stats.byType.SOA = 1;
  emit('@', '@', 'NS', 'ns1');
  emit('@', '@', 'NS', 'ns2');
  emit('@', '@', 'MX', '10 mx1');
  emit('@', '@', 'MX', '20 mx2');
  emit('@', '@', 'A', '192.0.2.10');
  emit('@', '@', 'TXT', '"v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.com -all"', 'spf');
  emit('_dmarc', '_dmarc', 'TXT', '( "v=DMARC1; p=reject; "\n                                  "rua=mailto:dmarc-reports@example.com" )', 'dmarc');
  emit('_spf', '_spf', 'TXT', '"v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/25 ip6:2001:db8:25::/48 -all"', 'spf');
  for (const host of ['ns1', 'ns2', 'mx1', 'mx2']) emit(host, host, 'A', `192.0.2.${host === 'ns1' ? 53 : host === 'ns2' ? 54 : host === 'mx1' ? 25 : 26}`);
  // The provider's mail hosts say what may send as them (their HELO names), as RFC 7208 §2.3 recommends.
  if (realistic) for (const host of ['mx1', 'mx2']) emit(host, host, 'TXT', '"v=spf1 a -all"', 'spf');
  main.line('');

  // --- Customer blocks ----------------------------------------------------------------------------------------
  let tenantId = 0;
  while (stats.records < records) {
    // A customer's first records (address, MX, mail host) come as a group; the realistic zone fills a remainder too
    // small for them with the provider's own hosts, so that it has exactly the records asked for and no half customer.
    if (realistic && records - stats.records < 12) {
      out = main;
      main.line('; the provider\'s own hosts');
      for (let i = 1; stats.records < records; i++) emit(`host${i}`, `host${i}`, 'A', v4());
      break;
    }
    const tenant = `${rng.pick(WORDS)}${++tenantId}`;
    stats.tenants++;
    // About a tenth of the customers live in include parts, spread round-robin.
    const inPart = rng.chance(0.1);
    out = inPart ? parts[tenantId % parts.length] : main;
    const useOrigin = rng.chance(0.5);
    rrsetTtl = new Map();
    const fqdn = `${tenant}.${ORIGIN}`;
    /** The owner as written, for a name relative to the tenant ('' = the tenant itself). */
    const name = (label) => (useOrigin ? label || '@' : label ? `${label}.${tenant}` : tenant);
    if (useOrigin) out.directive(`$ORIGIN ${fqdn}`);
    else out.lastOwner = undefined;
    out.line(`; customer ${tenant}`);

    const size = rng.range(20, 110);
    let written = 0;
    const done = () => written >= size || stats.records >= records;
    const put = (label, type, rdata, mail) => {
      emit(name(label), label, type, rdata, mail);
      written++;
    };

    // Names with addresses (MX and SRV targets must be among them), and names taken by a CNAME.
    const hosts = [];
    const hasV6 = new Set();
    const taken = new Set(['', 'mail']);
    const host = () => {
      let label;
      do label = `${rng.pick(HOST_WORDS)}${rng.int(100)}`;
      while (taken.has(label));
      taken.add(label);
      return label;
    };

    // Preamble: the tenant's apex and mail host, so SPF's mx and the MX target exist.
    put('', 'A', v4());
    if (rng.chance(0.6)) {
      put('', 'AAAA', v6());
      hasV6.add('');
    }
    put('', 'MX', `10 ${name('mail')}`);
    const twoMx = rng.chance(0.4);
    if (twoMx) put('', 'MX', `20 mx2.example.com.`);
    put('mail', 'A', v4());
    hosts.push('', 'mail');

    // The customer's mail-auth records, written as the 5% pacing allows.
    const mailQueue = [];
    // A realistic provider's customers enforce DMARC; one in fifty still only monitors.
    const dmarcPolicy = realistic ? (rng.chance(0.02) ? 'none' : rng.pick(['quarantine', 'reject', 'reject'])) : rng.pick(['none', 'quarantine', 'reject', 'reject']);
    mailQueue.push(() => {
      const terms = ['mx'];
      if (rng.chance(0.4)) terms.push(`ip4:${v4().replace(/\.\d+$/, '.0')}/24`);
      if (rng.chance(0.2)) terms.push(`ip6:2001:db8:${rng.int(65536).toString(16)}::/48`);
      if (rng.chance(realistic ? 0.7 : 0.5)) terms.push('include:_spf.example.com');
      if (rng.chance(0.15)) terms.push('a');
      // A few customers of the stress zone keep the mistakes people make: a pass-all and a ptr.
      const all = !realistic && rng.chance(0.01) ? '+all' : rng.pick(['-all', '-all', '~all']);
      if (!realistic && rng.chance(0.005)) terms.push('ptr');
      put('', 'TXT', `"v=spf1 ${terms.join(' ')} ${all}"`, 'spf');
    });
    mailQueue.push(() => {
      const tags = [`v=DMARC1`, `p=${dmarcPolicy}`];
      // The stress zone's subdomain policies are as often weaker than the domain's as not.
      if (!realistic && rng.chance(0.5)) tags.push(`sp=${rng.pick(['none', 'quarantine', 'reject'])}`);
      tags.push(`rua=mailto:dmarc@${fqdn.slice(0, -1)}`);
      if (rng.chance(0.2)) tags.push('adkim=s');
      if (!realistic && rng.chance(0.01)) tags.push('pct=0');
      const value = tags.join('; ');
      // Long policies are split the way people write them: one string per line.
      if (rng.chance(0.3)) put('_dmarc', 'TXT', `( "${tags.slice(0, 2).join('; ')}; "\n                                  "${tags.slice(2).join('; ')}" )`, 'dmarc');
      else put('_dmarc', 'TXT', `"${value}"`, 'dmarc');
    });
    const dkim = (selector) => () => {
      if (realistic) {
        // A real key from the pool: RSA-2048 in strings of at most 255 octets, as key tools print them, or Ed25519.
        if (rng.chance(0.85)) {
          const text = `v=DKIM1; k=rsa; ${rng.chance(0.2) ? 'h=sha256; ' : ''}p=${rng.pick(DKIM_KEYS.rsa2048)}`;
          put(`${selector}._domainkey`, 'TXT', `( ${chunks(text, 255).map((s) => `"${s}"`).join('\n                                  ')} )`, 'dkim');
        } else {
          put(`${selector}._domainkey`, 'TXT', `"v=DKIM1; k=ed25519; p=${rng.pick(DKIM_KEYS.ed25519)}"`, 'dkim');
        }
        return;
      }
      if (rng.chance(0.8)) {
        const key = rsaSpki(rng);
        const strings = [`v=DKIM1; k=rsa; ${rng.chance(0.2) ? 'h=sha256; ' : ''}p=${key.slice(0, 200)}`, ...chunks(key.slice(200), 250)];
        const testing = rng.chance(0.01) ? 't=y; ' : '';
        strings[0] = strings[0].replace('k=rsa; ', `k=rsa; ${testing}`);
        put(`${selector}._domainkey`, 'TXT', `( ${strings.map((s) => `"${s}"`).join('\n                                  ')} )`, 'dkim');
      } else {
        put(`${selector}._domainkey`, 'TXT', `"v=DKIM1; k=ed25519; p=${rng.bytes(32).toString('base64')}"`, 'dkim');
      }
    };
    mailQueue.push(dkim(`s${2020 + rng.int(7)}`));
    if (rng.chance(0.3)) mailQueue.push(dkim(`mx${rng.int(10)}`));
    if (rng.chance(0.15)) {
      mailQueue.push(() => {
        put('_mta-sts', 'TXT', `"v=STSv1; id=2026${rng.token(8, '0123456789')}"`, 'mtasts');
        // The policy host the MTA-STS record promises.
        if (!done()) put('mta-sts', 'CNAME', 'mta-sts.example.com.');
        taken.add('mta-sts');
        // A realistic customer publishes TLS-RPT with MTA-STS, in the same block, so the zone's last customer has both.
        if (realistic && !done()) put('_smtp._tls', 'TXT', `"v=TLSRPTv1; rua=mailto:tlsrpt@${fqdn.slice(0, -1)}"`, 'tlsrpt');
      });
      if (!realistic) mailQueue.push(() => put('_smtp._tls', 'TXT', `"v=TLSRPTv1; rua=mailto:tlsrpt@${fqdn.slice(0, -1)}"`, 'tlsrpt'));
    }
    if (dmarcPolicy !== 'none' && rng.chance(0.1)) {
      mailQueue.push(() => put('default._bimi', 'TXT', `"v=BIMI1; l=https://${fqdn.slice(0, -1)}/brand/logo.svg;"`, 'bimi'));
    }
    // The mail host says it sends nothing but itself (HELO checks): always in the realistic zone, which puts it first.
    if (realistic) mailQueue.unshift(() => put('mail', 'TXT', '"v=spf1 a -all"', 'spf'));
    else if (rng.chance(0.3)) mailQueue.push(() => put('mail', 'TXT', '"v=spf1 a -all"', 'spf'));
    /** Names given an MX record beyond the tenant and its mail host; the realistic zone gives each an SPF record. */
    const mxNames = new Set();
    /** Site-verification tokens at the tenant's apex; the realistic zone stops at two, within SPF's 450-octet guideline. */
    let tokens = 0;

    const srvUsed = new Set();
    while (!done()) {
      // The stress zone spreads the mail-auth records to make up 5% of all; a realistic customer has all of its own.
      if (mailQueue.length > 0 && (realistic || stats.mailAuth < MAIL_AUTH_SHARE * (stats.records + 1))) {
        mailQueue.shift()();
        continue;
      }
      const roll = rng.int(100);
      if (roll < 38) {
        const label = host();
        hosts.push(label);
        put(label, 'A', v4());
        // Round-robin: a second address now and then.
        if (rng.chance(0.1) && !done()) put(label, 'A', v4());
      } else if (roll < 52) {
        const label = hosts.find((h) => !hasV6.has(h)) ?? host();
        if (!hosts.includes(label)) hosts.push(label);
        hasV6.add(label);
        put(label, 'AAAA', v6());
      } else if (roll < 68) {
        const label = written < 8 && !taken.has('www') ? 'www' : host();
        taken.add(label);
        const target = rng.pick(hosts);
        put(label, 'CNAME', target === '' ? (useOrigin ? '@' : tenant) : name(target));
      } else if (roll < 73) {
        const label = rng.pick(hosts);
        // A name that receives mail appears in addresses: a realistic provider publishes its SPF there too, so the
        // MX is written only where the block has room for both.
        const needsSpf = realistic && label !== '' && label !== 'mail' && !mxNames.has(label);
        if (needsSpf && (written + 2 > size || stats.records + 2 > records)) continue;
        put(label, 'MX', `10 ${name('mail')}`);
        if (needsSpf) put(label, 'TXT', '"v=spf1 include:_spf.example.com -all"', 'spf');
        mxNames.add(label);
      } else if (roll < 80) {
        const service = rng.pick(['_imaps._tcp', '_submissions._tcp', '_submission._tcp', '_sip._tcp', '_xmpp-client._tcp', '_caldavs._tcp']);
        if (srvUsed.has(service)) continue;
        srvUsed.add(service);
        const port = { '_imaps._tcp': 993, '_submissions._tcp': 465, '_submission._tcp': 587, '_sip._tcp': 5060, '_xmpp-client._tcp': 5222, '_caldavs._tcp': 443 }[service];
        const target = service.startsWith('_sip') || service.startsWith('_xmpp') || service.startsWith('_cal') ? rng.pick(hosts) : 'mail';
        put(service, 'SRV', `${rng.int(20)} ${rng.range(1, 100)} ${port} ${target === '' ? (useOrigin ? '@' : tenant) : name(target)}`);
      } else if (roll < 92 && !(realistic && tokens >= 2)) {
        tokens++;
        const value = rng.pick([
          () => `"google-site-verification=${rng.token(43, B64.slice(0, 62))}"`,
          () => `"MS=ms${rng.token(8, '0123456789')}"`,
          () => `"apple-domain-verification=${rng.token(16, B64.slice(0, 62))}"`,
          () => `"facebook-domain-verification=${rng.token(30)}"`,
          () => `"globalsign-domain-verification=${rng.token(40, B64.slice(0, 62))}"`,
        ])();
        put('', 'TXT', value);
      } else {
        const label = rng.pick(hosts.filter((h) => h !== ''));
        if (label === undefined) continue;
        put(label, 'TXT', `"owner=${rng.pick(WORDS)}-team" "ticket=${rng.token(6, '0123456789')}"`);
      }
    }
    if (useOrigin) out.directive(`$ORIGIN ${ORIGIN}`);
    out.line('');
  }

  // The includes sit near the end of the main file, as provider zones tend to append them.
  main.line('; Customer zones kept in separate files.');
  for (const part of parts) {
    if (part.lines.length <= 2) continue;
    main.directive(`$INCLUDE ${part.name}`);
    stats.includes++;
  }

  for (const o of [main, ...parts]) {
    if (o !== main && o.lines.length <= 2) continue;
    const text = `${o.lines.join('\n')}\n`;
    fs.writeFileSync(path.join(dir, o.name), text);
    stats.files.push({ name: o.name, bytes: Buffer.byteLength(text) });
    stats.bytes += Buffer.byteLength(text);
  }
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, dir, profile = 'stress'] = process.argv.slice(2);
  if (!count || !dir || !PROFILES.includes(profile)) {
    process.stderr.write('usage: node bench/generate.mjs RECORDS DIR [stress|realistic]\n');
    process.exit(2);
  }
  const stats = generateZone(Number(count), dir, Number(count), profile);
  process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
}
