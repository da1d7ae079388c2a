/**
 * Input generators for the property tests: random bytes, zone-like text built
 * from plausible pieces (owners, TTLs, classes, types, quoted strings with
 * escapes, mail-auth record values, parentheses, comments, directives), a
 * stricter generator of valid zones for the print round trip, and mutations
 * of every fixture zone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { FileReader } from '../../server/src/core/io';
import { parseRange, rangeCount } from '../../server/src/core/zone/generate';
import { readOptions } from '../support/fixture';

export const root = path.resolve(__dirname, '../../..');
const fixturesDir = path.join(root, 'test/fixtures');

/** A document to analyse: its text, where it lives (for `$INCLUDE`), its origin, and the files it may include. */
export interface FuzzDocument {
  readonly text: string;
  readonly file: string;
  readonly origin?: string;
  /** Included files by absolute path; anything else reads as missing. */
  readonly files: Readonly<Record<string, string>>;
}

/** Where generated documents pretend to live; their includes resolve beside them. */
export const FUZZ_DIR = '/fuzz/zones';
export const FUZZ_FILE = `${FUZZ_DIR}/main.zone`;

/** An in-memory file tree with the path rules of the node reader (relative to the including file). */
export function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return {
    resolve: (from, target) => (target.startsWith('/') ? path.posix.normalize(target) : path.posix.join(path.posix.dirname(from), target)),
    read: (file) => (Object.prototype.hasOwnProperty.call(files, file) ? { text: files[file] } : { error: `${file}: no such file` }),
  };
}

// ---- fixtures ----

export interface Fixture {
  readonly name: string;
  readonly text: string;
  readonly file: string;
  readonly origin?: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out.sort();
}

let loaded: { fixtures: Fixture[]; files: Record<string, string> } | undefined;

/**
 * Every `test/fixtures/**\/*.zone`, plus every text file beside them so
 * their `$INCLUDE`s resolve in memory (read once; the properties never
 * touch the disk).
 */
export function loadFixtures(): { fixtures: Fixture[]; files: Record<string, string> } {
  if (loaded) return loaded;
  const files: Record<string, string> = {};
  const fixtures: Fixture[] = [];
  for (const file of walk(fixturesDir)) {
    const stat = fs.statSync(file);
    if (stat.size > 1_000_000) continue;
    const text = fs.readFileSync(file, 'utf8');
    files[file] = text;
    if (file.endsWith('.zone')) fixtures.push({ name: path.relative(root, file), text, file, origin: readOptions(text).origin ?? guessFromName(file) });
  }
  loaded = { fixtures, files };
  return loaded;
}

function guessFromName(file: string): string | undefined {
  const base = path.basename(file).replace(/\.zone$/, '');
  return /\./.test(base) ? `${base}.` : 'example.com.';
}

// ---- pieces of zone text ----

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/**
 * Characters drawn as code units and joined. (fc.string with a custom unit
 * precomputes shrinking slices at great cost; arrays of characters do not.)
 */
const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const joined = (unit: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> => fc.array(unit, { maxLength }).map((cs) => cs.join(''));

const label = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/) },
  { weight: 2, arbitrary: pick('www', 'mail', '_dmarc', '_domainkey', 'sel1', 'google', '_mta-sts', 'mta-sts', '_smtp', '_tls', 'default', '_bimi', '_submission', '_tcp', '_imaps', '*', 'spf', '_spf') },
  { weight: 1, arbitrary: pick('a\\.b', '\\065bc', 'x'.repeat(64), 'ünï', '-dash', 'a b', '\\', '\\999', '') },
);

const relativeName = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const absoluteName = relativeName.map((n) => `${n}.example.com.`);
export const domainName = fc.oneof({ weight: 3, arbitrary: relativeName }, { weight: 3, arbitrary: absoluteName }, { weight: 1, arbitrary: pick('@', '.', 'example.com', 'partner.test.', '..', 'a..b') });

const owner = fc.oneof(
  { weight: 4, arbitrary: domainName },
  { weight: 2, arbitrary: pick('@', '_dmarc', 'sel._domainkey', '_mta-sts', '_smtp._tls', 'default._bimi', '_submission._tcp', '_dmarc.sub') },
  { weight: 2, arbitrary: fc.constant('') },
);

const ttl = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 31 - 1 }).map(String),
  pick('1h', '1h30m', '2d', '1w', '5q', '4294967296', '-1', '0', '1H2M3S', '99999999999999999999', '1w2d3h4m5s'),
);

const rrClassName = pick('IN', 'in', 'CH', 'HS', 'CLASS1', 'CLASS255', 'CLASS99999', 'NONE');

const typeName = fc.oneof(
  { weight: 6, arbitrary: pick('TXT', 'SPF', 'MX', 'A', 'AAAA', 'CNAME', 'NS', 'SRV') },
  { weight: 2, arbitrary: pick('SOA', 'PTR', 'CAA', 'TLSA', 'DS', 'HTTPS', 'SVCB', 'NULL', 'TYPE16', 'TYPE99', 'TYPE65535', 'TYPE0', 'txt', 'Mx') },
  { weight: 1, arbitrary: pick('FOO', 'TYPE', 'TYPE65536', 'CLASS1') },
);

/** Characters that stress quoting: escapes, quotes, semicolons, brackets, tabs, non-ASCII. */
const stringChar = fc.oneof(
  { weight: 10, arbitrary: ascii },
  { weight: 3, arbitrary: pick('\\"', '\\\\', '\\;', '\\065', '\\255', '\\000', '\\256', '\\1', '\\', ';', '(', ')', '\t', ' ', '%{', '%%', '%_', '%-', '=', ':') },
  { weight: 1, arbitrary: pick('é', '☃', '\u0000', '\ufffd', '\ud800', '😀', '\u200b', '\r', '\n') },
);

const freeText = fc.array(stringChar, { maxLength: 40 }).map((cs) => cs.join(''));

// ---- mail-auth values ----

const qualifier = pick('', '+', '-', '~', '?');
const macro = pick('%{i}', '%{ir}', '%{d2}', '%{l-}', '%{s}', '%{o}', '%{h}', '%{v}', '%{p}', '%{c}', '%{r}', '%{t}', '%{x}', '%{d999}', '%{i.}', '%%', '%_', '%-', '%{', '%');
const spfDomain = fc.oneof(
  { weight: 4, arbitrary: pick('example.com', '_spf.example.com', 'partner.test', 'spf.protection.outlook.com', 'mail.example.com.', 'sub.example.com') },
  { weight: 2, arbitrary: relativeName.map((n) => `${n}.example.com`) },
  { weight: 1, arbitrary: fc.tuple(macro, relativeName).map(([m, n]) => `${m}.${n}.example.com`) },
  { weight: 1, arbitrary: pick('', '.', 'a..b', 'localhost', `${'x'.repeat(70)}.com`, '1.2.3.4', '-bad.com') },
);
const ip4 = fc.tuple(fc.nat(300), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ip6 = pick('2001:db8::1', '2001:db8::', '::1', '::', '2001:db8::/32', 'fe80::1%eth0', '2001:db8:::1', '::ffff:192.0.2.1');
const cidr = fc.option(fc.integer({ min: 0, max: 140 }).map((n) => `/${n}`), { nil: '' });
const spfTerm = fc.oneof(
  fc.tuple(qualifier, pick('all', 'ptr', 'a', 'mx', 'a/24', 'mx//64', 'a/24//64')).map(([q, t]) => q + t),
  fc.tuple(qualifier, ip4, cidr).map(([q, ip, c]) => `${q}ip4:${ip}${c}`),
  fc.tuple(qualifier, ip6, cidr).map(([q, ip, c]) => `${q}ip6:${ip}${c}`),
  fc.tuple(qualifier, pick('include', 'a', 'mx', 'exists', 'ptr'), spfDomain).map(([q, m, d]) => `${q}${m}:${d}`),
  fc.tuple(pick('redirect', 'exp', 'foo', 'ra', 'rp'), spfDomain).map(([m, d]) => `${m}=${d}`),
  fc.tuple(pick('ip4', 'include', 'all', 'v=spf1', 'redirect=', 'a:', 'ip4:', '+', 'exists:', 'mx:'), freeText).map(([a, b]) => a + b),
);
const spfValue = fc
  .tuple(pick('v=spf1', 'v=spf1', 'v=spf1', 'V=SPF1', 'v=spf10', 'spf1', 'v=spf1 '), fc.array(spfTerm, { maxLength: 14 }), pick(' ', '  ', '\t', ''))
  .map(([v, terms, sep]) => [v, ...terms].join(sep || ' '));

const base64 = fc.oneof(
  fc.base64String({ maxLength: 400 }),
  pick(
    'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDGMjj8MVfzgzxcf5Lr2HEBhA1bYhlqH0y0WeqB8ccgnjUh8dZfBhITBXNiG7I9n6BMz7p8/Sx4lJnUqRfS2r+cJ11aI1l7yTWgLkr5b3pDJi7Qd1FMDwaG6I5JHa2Q3EE4fzXn8wWwEwYHvBu1PNNA1aTpwbn0xhIbT4k4DUXU+wIDAQAB',
    '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
    'MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
    '',
    'not base64!',
    'QUJD RA==',
  ),
);
const tagValue = (tags: fc.Arbitrary<string>[], version: string[]) =>
  fc
    .tuple(pick(...version), fc.array(fc.oneof(...tags, fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), freeText).map(([k, v]) => `${k}=${v}`)), { maxLength: 9 }), pick('; ', ';', ' ; ', ';;', ''))
    .map(([v, tagList, sep]) => [v, ...tagList].join(sep || ';'));
const mailto = fc.oneof(pick('mailto:dmarc@example.com', 'mailto:a@partner.test!10m', 'mailto:x@example.com,mailto:y@other.test', 'https://report.example.com/tls', 'http://x', 'mailto:', 'ftp://a'), freeText.map((t) => `mailto:${t}`));
const dkimValue = tagValue(
  [
    base64.map((b) => `p=${b}`),
    pick('k=rsa', 'k=ed25519', 'k=dsa', 'h=sha1', 'h=sha256', 'h=sha1:sha256', 't=y', 't=s', 't=y:s', 's=email', 's=*', 's=foo', 'g=', 'g=*', 'n=note', 'p='),
  ],
  ['v=DKIM1', 'v=DKIM1', 'v=dkim1', 'k=rsa', 'v=DKIM2'],
);
const dmarcValue = tagValue(
  [
    pick('p=none', 'p=quarantine', 'p=reject', 'p=REJECT', 'p=bogus', 'sp=none', 'np=reject', 'pct=50', 'pct=0', 'pct=101', 'adkim=s', 'aspf=r', 'aspf=x', 'fo=1', 'fo=0:d:s', 'fo=2', 'rf=afrf', 'ri=3600', 't=y', 't=n', 'psd=y'),
    mailto.map((m) => `rua=${m}`),
    mailto.map((m) => `ruf=${m}`),
  ],
  ['v=DMARC1', 'v=DMARC1', 'v=dmarc1', 'p=reject', 'v=DMARC2'],
);
const mtastsValue = tagValue([pick('id=20240101T000000', 'id=abc', 'id=', `id=${'a'.repeat(40)}`, 'id=a_b')], ['v=STSv1', 'v=STSv1', 'v=STSv2']);
const tlsrptValue = tagValue([mailto.map((m) => `rua=${m}`)], ['v=TLSRPTv1', 'v=TLSRPTv1', 'v=TLSRPTv2']);
const bimiValue = tagValue(
  [pick('l=https://example.com/logo.svg', 'l=http://example.com/logo.svg', 'l=', 'a=https://example.com/vmc.pem', 'l=https://example.com/logo.png', 'avp=brand', 's=foo')],
  ['v=BIMI1', 'v=BIMI1', 'v=bimi1'],
);

/** The joined value of a mail-auth TXT record, or free text. */
export const txtValue = fc.oneof(
  { weight: 4, arbitrary: spfValue },
  { weight: 2, arbitrary: dkimValue },
  { weight: 2, arbitrary: dmarcValue },
  { weight: 1, arbitrary: mtastsValue },
  { weight: 1, arbitrary: tlsrptValue },
  { weight: 1, arbitrary: bimiValue },
  { weight: 1, arbitrary: freeText },
);

/** Escapes a value for a quoted string the way a careful author would. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Splits a value into TXT strings: quoted pieces, sometimes unquoted words, sometimes over lines in parentheses. */
const txtRdata = fc.tuple(txtValue, fc.array(fc.nat(300), { maxLength: 3 }), fc.nat(9)).map(([value, cuts, style]) => {
  const points = [...new Set(cuts.map((c) => Math.min(c, value.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of [...points, value.length]) {
    pieces.push(value.slice(last, p));
    last = p;
  }
  switch (style) {
    case 0:
      return value; // unquoted: words become strings
    case 1:
      return `( ${pieces.map(quote).join('\n\t')} )`;
    case 2:
      return pieces.map(quote).join('');
    case 3:
      return `"${value}"`; // not escaped: quotes and backslashes inside stay raw
    default:
      return pieces.map(quote).join(' ');
  }
});

function buildRdata(type: string): fc.Arbitrary<string> {
  switch (type) {
    case 'TXT':
    case 'SPF':
    case 'TYPE16':
      return txtRdata;
    case 'MX':
      return fc.tuple(fc.oneof(fc.nat(65535).map(String), pick('-1', '65536', 'x')), domainName).map(([p, n]) => `${p} ${n}`);
    case 'A':
      return fc.oneof(ip4, pick('192.0.2.1', '1.2.3', '::1', '010.0.0.1'));
    case 'AAAA':
      return fc.oneof(ip6, pick('2001:db8::1', '192.0.2.1'));
    case 'SRV':
      return fc.tuple(fc.nat(70000), fc.nat(70000), fc.nat(70000), domainName).map((p) => p.join(' '));
    case 'SOA':
      return fc.tuple(domainName, domainName, fc.array(ttl, { minLength: 0, maxLength: 6 })).map(([m, r, n]) => `${m} ${r} ( ${n.join(' ')} )`);
    case 'CAA':
      return fc.tuple(fc.nat(300), pick('issue', 'iodef', 'issuewild', 'bad tag', ''), freeText).map(([f, t, v]) => `${f} ${t} ${quote(v)}`);
    case 'TLSA':
      return fc.tuple(fc.nat(4), fc.nat(2), fc.nat(3), fc.stringMatching(/^[0-9a-f]{0,70}$/)).map((p) => p.join(' '));
    case 'HTTPS':
    case 'SVCB':
      return fc.tuple(fc.nat(3), domainName, pick('', 'alpn=h2,h3', 'port=443', 'ipv4hint=192.0.2.1', 'mandatory=alpn alpn=h2', 'key65535=x', 'alpn="h2,h\\\\,3"', 'ech=AAAA', 'port=99999')).map((p) => p.join(' '));
    default:
      return fc.oneof(domainName, pick('\\# 0', '\\# 4 c0000201', '\\# 3 00', '\\#', 'x y z'), freeText);
  }
}

/** Built once per type: building arbitraries is far dearer than drawing from them. */
const rdataByType = new Map<string, fc.Arbitrary<string>>();
function rdataFor(type: string): fc.Arbitrary<string> {
  const key = type.toUpperCase();
  let arbitrary = rdataByType.get(key);
  if (!arbitrary) rdataByType.set(key, (arbitrary = buildRdata(key)));
  return arbitrary;
}

/** One record line: owner, optional TTL and class in either order, type and rdata. */
const recordEntry = fc
  .tuple(owner, fc.option(ttl, { nil: undefined }), fc.option(rrClassName, { nil: undefined }), fc.boolean(), typeName, pick(' ', '\t', '  '))
  .chain(([o, t, c, classFirst, type, ws]) =>
    rdataFor(type).map((rdata) => {
      const middle = classFirst ? [c, t] : [t, c];
      // An empty owner makes the line start with white space, which means "the previous owner".
      return `${o === '' ? ws : o + ws}${[...middle.filter((x) => x !== undefined), type, rdata].join(ws)}`;
    }),
  );

// ---- directives ----

/** A number as BIND's sscanf may meet it: small, at the 32-bit edges, past 64 bits, signed, with leading zeros. */
const scannedNumber = fc.oneof(
  { weight: 6, arbitrary: fc.nat(300).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -(2 ** 31) - 10, max: 2 ** 31 + 10 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 32 + 10 }).map(String) },
  { weight: 1, arbitrary: pick('2147483647', '-2147483648', '4294967295', '4294967296', '-4294967295', '99999999999999999999', '-99999999999999999999', '+7', '-0', '007', '1'.repeat(40), '') },
);

/** `${offset[,width[,base]]}` with every base, widths around BIND's 127-character limit, and the malformed. */
const generateModifier = fc
  .tuple(
    scannedNumber,
    fc.oneof({ weight: 8, arbitrary: fc.nat(16).map(String) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 140 }).map(String) }, { weight: 1, arbitrary: pick('-1', '4294967296', '+3', '', 'x') }),
    fc.oneof({ weight: 12, arbitrary: pick('d', 'o', 'x', 'X', 'n', 'N') }, { weight: 1, arbitrary: pick('', 'q', 'dd', 'D', '}') }),
    fc.nat(3),
    fc.oneof({ weight: 16, arbitrary: fc.constant('}') }, { weight: 1, arbitrary: pick('', '}}', '}x', ',}', ' }') }),
  )
  .map(([offset, width, base, form, close]) => {
    if (form === 0) return `\${${offset}${close}`;
    if (form === 1) return `\${${offset},${width}${close}`;
    return `\${${offset},${width},${base}${close}`;
  });

/** A `$GENERATE` template: labels, the iterator, modifiers, literal dollars and escapes. */
const generateTemplate = fc
  .array(fc.oneof({ weight: 4, arbitrary: generateModifier }, { weight: 3, arbitrary: fc.constant('$') }, { weight: 3, arbitrary: pick('host', 'a', '-', '.', 'x-', '.sub', '_dmarc.') }, { weight: 1, arbitrary: pick('$$', '\\$', '\\', '${', '{', '}', '\\065') }), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));

/**
 * A range whose values at the edges (signs, 32-bit wrap, saturation) are
 * kept, but whose step is raised so that it runs over at most
 * {@link EDGE_VALUES} values: each case stays cheap, and the 100,000-record
 * cap has its own tests.
 */
const EDGE_VALUES = 50;
function cheapRange(start: string, stop: string, step: string | undefined): string {
  const text = `${start}-${stop}${step !== undefined ? `/${step}` : ''}`;
  const range = parseRange(text);
  if ('error' in range || rangeCount(range) <= EDGE_VALUES) return text;
  return `${start}-${stop}/${Math.ceil((range.stop - range.start + 1) / EDGE_VALUES)}`;
}

/** `start-stop[/step]`: mostly small, sometimes at the 32-bit edges, backwards, or with junk after it. */
const generateRange = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat(300), fc.nat(40), fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined })).map(([a, n, step]) => `${a}-${a + n}${step ? `/${step}` : ''}`) },
  { weight: 2, arbitrary: fc.tuple(scannedNumber, scannedNumber, fc.option(scannedNumber, { nil: undefined })).map(([a, b, step]) => cheapRange(a, b, step)) },
  { weight: 1, arbitrary: fc.integer({ min: 2 ** 31 - 50, max: 2 ** 31 - 1 }).map((a) => `${a}-2147483647`) },
  { weight: 1, arbitrary: pick('0-2147483647/100000000', '1-3x', '1-3/', '3-1', '1-3/0', '-1-3', '1', '1-', '0x1-3', '+1-+3', '"1-3"', '4294967296-4294967298') },
);

/** A whole `$GENERATE` line: range, owner template, optional TTL and class, type, rdata template (quoted when it has spaces). */
export const generateLine = fc
  .tuple(
    generateRange,
    generateTemplate,
    fc.option(pick('300', '1h', 'IN', '60 IN', 'IN 60', 'CH'), { nil: undefined }),
    pick('A', 'AAAA', 'PTR', 'CNAME', 'TXT', 'MX', 'SRV', 'FOO'),
    generateTemplate,
    fc.nat(5),
  )
  .map(([range, lhs, ttlClass, type, rhs, style]) => {
    const data = { A: `192.0.2.${rhs}`, AAAA: `2001:db8::${rhs}`, MX: `"10 ${rhs}"`, SRV: `"0 0 25 ${rhs}"`, TXT: style === 0 ? rhs : `"${rhs}"` }[type] ?? rhs;
    // Now and then the rdata is left as several tokens, which BIND refuses.
    const rdata = style === 5 && (type === 'MX' || type === 'SRV') ? data.slice(1, -1) : data;
    return ['$GENERATE', range, lhs, ttlClass, type, rdata].filter((x) => x !== undefined).join(' ');
  });

/** Every directive, well and badly formed, and ones that do not exist. */
export const directiveLine = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(pick('$ORIGIN', '$origin', '$Origin'), domainName, fc.option(domainName, { nil: undefined })).map((p) => p.filter((x) => x !== undefined).join(' ')) },
  { weight: 2, arbitrary: fc.tuple(pick('$TTL', '$ttl'), ttl, fc.option(ttl, { nil: undefined })).map((p) => p.filter((x) => x !== undefined).join(' ')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick('$INCLUDE', '$include'), pick('inc.zone', 'sub/inc2.zone', 'main.zone', 'missing.zone', '/fuzz/zones/inc.zone', '../outside.zone', '"inc.zone"', '"sub/inc2.zone', ''), fc.option(domainName, { nil: undefined }), fc.option(pick('extra', ';comment'), { nil: undefined }))
      .map((p) => p.filter((x) => x !== undefined && x !== '').join(' ')),
  },
  { weight: 4, arbitrary: generateLine },
  { weight: 1, arbitrary: fc.tuple(pick('$FOO', '$DATE', '$', '$$', '$ORIGINX', '$GENERATEX', '$include_', '$TTL;'), freeText).map(([d, rest]) => `${d} ${rest.replace(/[\r\n]/g, ' ')}`) },
  { weight: 1, arbitrary: pick('$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '$GENERATE 1-3', '$GENERATE 1-3 h$', '$GENERATE 1-3 h$ A', '$generate 1-3 h$ A 10.0.0.$') },
);

const directive = directiveLine;

const comment = freeText.map((t) => `; ${t.replace(/[\r\n]/g, ' ')}`);

const line = fc.oneof(
  { weight: 10, arbitrary: recordEntry },
  { weight: 2, arbitrary: directive },
  { weight: 1, arbitrary: comment },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.tuple(recordEntry, comment).map(([r, c]) => `${r} ${c}`) },
  { weight: 1, arbitrary: pick('(', ')', '( (', '"', '\\', ')(', 'a A ( 192.0.2.1', '"unterminated') },
);

const lineEnd = fc.oneof({ weight: 8, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

/** Zone-like text: a plausible header most of the time, then random entries with mixed line ends. */
export const zoneText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(line, lineEnd), { maxLength: 25 }),
    fc.boolean(),
  )
  .map(([header, lines, bom]) => {
    const head = header ? '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster ( 2024010101 3600 600 86400 60 )\n@ IN NS ns1\n' : '';
    return (bom ? '\ufeff' : '') + head + lines.map(([l, e]) => l + e).join('');
  });

/**
 * A zone made mostly of directives: a header most of the time, then
 * `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE` and unknown directives among
 * a few records, so that what the directives leave behind (origin, TTL,
 * owner, the generated records) meets the records after them.
 */
export const directiveText = fc
  .tuple(fc.boolean(), fc.array(fc.oneof({ weight: 4, arbitrary: directiveLine }, { weight: 1, arbitrary: recordEntry }), { minLength: 1, maxLength: 12 }))
  .map(([header, lines]) => (header ? '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster ( 2024010101 3600 600 86400 60 )\n@ IN NS ns1\n' : '') + lines.join('\n') + '\n');

/** Files a generated zone may include: one well formed, one zone-like. */
export const includedFiles = fc.tuple(zoneText, zoneText).map(([a, b]) => ({
  [`${FUZZ_DIR}/inc.zone`]: a,
  [`${FUZZ_DIR}/sub/inc2.zone`]: b,
  // Outside the zone folder: the language server would refuse it, the core does not know folders.
  '/fuzz/outside.zone': 'outside A 192.0.2.99\n',
}));

export const directiveDocument: fc.Arbitrary<FuzzDocument> = fc
  .tuple(directiveText, includedFiles, pick<string | undefined>('example.com.', 'example.com.', undefined, 'a.b.'))
  .map(([text, files, origin]) => ({ text, file: FUZZ_FILE, origin, files }));

export const zoneDocument: fc.Arbitrary<FuzzDocument> = fc
  .tuple(zoneText, includedFiles, pick<string | undefined>('example.com.', 'example.com.', undefined, 'a.b.', 'bad..origin'))
  .map(([text, files, origin]) => ({ text, file: FUZZ_FILE, origin, files }));

// ---- random bytes ----

/** Random bytes decoded as the server sees them: UTF-8 (invalid sequences become U+FFFD) or Latin-1. */
export const byteDocument: fc.Arbitrary<FuzzDocument> = fc
  .tuple(fc.uint8Array({ maxLength: 2000 }), fc.boolean())
  .map(([bytes, utf8]) => ({ text: Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1'), file: FUZZ_FILE, origin: 'example.com.', files: {} }));

/** Random strings of any code units, lone surrogates included. */
export const unicodeDocument: fc.Arbitrary<FuzzDocument> = joined(fc.oneof(ascii, codeUnit, pick(' ', '\n', '"', '(', ')', ';', '\\', '$', '.', '@', '😀')), 600).map((text) => ({ text, file: FUZZ_FILE, origin: 'example.com.', files: {} }));

// ---- mutations of fixtures ----

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number };

const insertion = fc.oneof(pick('"', '(', ')', ';', '\\', '\n', '\r', ' ', '\t', '$INCLUDE inc.zone\n', '$ORIGIN .\n', '\\0', '%{', '=', ':', '\u0000', '\ufffd', '"v=spf1 '), freeText, txtValue);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(15) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const at = n === 0 ? 0 : m.at % (n + 1);
  switch (m.kind) {
    case 'flip': {
      if (n === 0) return text;
      const i = at % n;
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << m.bit)) + text.slice(i + 1);
    }
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate': {
      const piece = text.slice(at, at + m.length);
      const to = n === 0 ? 0 : m.to % (n + 1);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A fixture with 1 to 8 mutations applied in turn; its includes still resolve to the other fixture files. */
export function fixtureDocument(): fc.Arbitrary<FuzzDocument & { fixture: string }> {
  const { fixtures, files } = loadFixtures();
  return fc.tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([fixture, mutations]) => ({
    text: mutations.reduce(mutate, fixture.text),
    file: fixture.file,
    origin: fixture.origin,
    files,
    fixture: fixture.name,
  }));
}

// ---- valid zones, for the round trip ----

const validLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const validName = fc.array(validLabel, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));
const validOwner = fc.oneof(fc.constant('@'), validName, validName.map((n) => `${n}.example.com.`), pick('_dmarc', 'sel._domainkey', '_mta-sts', '_smtp._tls', 'default._bimi', '*.wild'));
const printable = joined(fc.oneof({ weight: 20, arbitrary: ascii }, { weight: 1, arbitrary: pick('é', '☃', '\t') }), 120);
const validTxtString = fc.oneof(txtValue, printable).map((v) => v.slice(0, 200));
const validRecord = fc.oneof(
  fc.tuple(validOwner, fc.array(validTxtString, { minLength: 1, maxLength: 3 })).map(([o, strings]) => `${o} IN TXT ${strings.map(quote).join(' ')}`),
  fc.tuple(validOwner, ip4.filter((ip) => ip.split('.').every((p) => Number(p) < 256))).map(([o, ip]) => `${o} IN A ${ip}`),
  fc.tuple(validOwner, pick('2001:db8::1', '::1', '2001:db8:0:0:1::', '::ffff:192.0.2.1')).map(([o, ip]) => `${o} IN AAAA ${ip}`),
  fc.tuple(validOwner, fc.nat(65535), validName).map(([o, p, n]) => `${o} IN MX ${p} ${n}`),
  fc.tuple(validOwner, validName).map(([o, n]) => `${o} IN NS ${n}.example.net.`),
  fc.tuple(validName, validName).map(([o, n]) => `${o}.cn IN CNAME ${n}`),
  fc.tuple(fc.nat(65535), fc.nat(65535), fc.nat(65535), validName).map(([a, b, c, n]) => `_submission._tcp IN SRV ${a} ${b} ${c} ${n}`),
  fc.tuple(validOwner, fc.nat(255), pick('issue', 'iodef', 'issuewild'), pick('letsencrypt.org', 'mailto:a@example.com', ';')).map(([o, f, t, v]) => `${o} IN CAA ${f} ${t} "${v}"`),
  fc.tuple(validOwner, fc.uint8Array({ maxLength: 20 })).map(([o, b]) => `${o} IN TYPE65280 \\# ${b.length} ${Buffer.from(b).toString('hex')}`),
  fc.tuple(validOwner, fc.integer({ min: 0, max: 2_147_483_647 }), validTxtString).map(([o, t, v]) => `${o} ${t} IN SPF ${quote(v)}`),
);

/** A zone that should parse without problems: header, SOA, NS, then valid records. */
export const validZone: fc.Arbitrary<FuzzDocument> = fc.array(validRecord, { minLength: 1, maxLength: 30 }).map((records) => ({
  text: `$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 2024010101 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 192.0.2.53\n${records.join('\n')}\n`,
  file: FUZZ_FILE,
  origin: 'example.com.',
  files: {},
}));

/** About `size` characters of zone text, made of generated entries and fixture pieces, for the time bound. */
export function largeDocument(size: number): fc.Arbitrary<FuzzDocument> {
  const { fixtures } = loadFixtures();
  const chunk = fc.oneof(zoneText, fc.tuple(fc.constantFrom(...fixtures), fc.array(mutation, { maxLength: 3 })).map(([f, ms]) => ms.reduce(mutate, f.text)));
  return fc.tuple(fc.array(chunk, { minLength: 4, maxLength: 12 }), fc.boolean()).map(([chunks, oneLine]) => {
    let body = chunks.join('\n');
    if (body.length === 0) body = '@ TXT "v=spf1 -all"\n';
    let text = '$ORIGIN example.com.\n$TTL 3600\n';
    while (text.length < size) text += body;
    text = text.slice(0, size);
    // Some runs make it one huge line, the worst case for line-based code.
    if (oneLine) text = text.replace(/[\r\n]/g, ' ');
    return { text, file: FUZZ_FILE, origin: 'example.com.', files: {} };
  });
}
