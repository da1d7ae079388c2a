// The TextMate grammar of BIND-style zone files (RFC 1035 §5 plus the BIND directives),
// written as data so that its long alternations (RR types, classes, mail-auth tag names)
// are spelled once and shared by every rule that needs them. `build.mjs` writes it out as
// ../dns-zone.tmLanguage.json, the file VS Code loads.
//
// TextMate grammars work line by line, so a record is a region that starts at column 0
// and ends at the end of its line; a parenthesised group is a nested region, which is what
// lets a record continue over several lines. Inside TXT records the first character-string
// decides how all of the record's strings are read: as SPF terms (`"v=spf1 …"`), as a
// `tag=value;` list (DKIM, DMARC, MTA-STS, TLS-RPT, BIMI), or as plain text.

const SCOPE = 'dns-zone';
/** A scope name with this grammar's suffix, so themes can tell it from other languages. */
const s = (name) => `${name}.${SCOPE}`;
const named = (name) => ({ name: s(name) });
const include = (rule) => ({ include: `#${rule}` });
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** An alternation that tries longer words first, so `NSEC3PARAM` is never read as `NSEC3`. */
const oneOf = (words) => [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegExp).join('|');

// --- Data ---------------------------------------------------------------------------

/** Record types a zone file may hold (IANA registry, without query-only and meta types). */
export const RR_TYPES = [
  'A', 'NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'NULL', 'WKS', 'PTR', 'HINFO', 'MINFO', 'MX',
  'TXT', 'RP', 'AFSDB', 'X25', 'ISDN', 'RT', 'NSAP', 'NSAP-PTR', 'SIG', 'KEY', 'PX', 'GPOS', 'AAAA', 'LOC',
  'NXT', 'EID', 'NIMLOC', 'SRV', 'ATMA', 'NAPTR', 'KX', 'CERT', 'A6', 'DNAME', 'SINK', 'APL', 'DS', 'SSHFP',
  'IPSECKEY', 'RRSIG', 'NSEC', 'DNSKEY', 'DHCID', 'NSEC3', 'NSEC3PARAM', 'TLSA', 'SMIMEA', 'HIP', 'NINFO',
  'RKEY', 'TALINK', 'CDS', 'CDNSKEY', 'OPENPGPKEY', 'CSYNC', 'ZONEMD', 'SVCB', 'HTTPS', 'DSYNC', 'SPF',
  'UINFO', 'UID', 'GID', 'UNSPEC', 'NID', 'L32', 'L64', 'LP', 'EUI48', 'EUI64', 'URI', 'CAA', 'AVC', 'DOA',
  'AMTRELAY', 'RESINFO', 'WALLET', 'TA', 'DLV',
];
/** Types whose rdata is text: their strings carry the mail-auth records. */
const TEXT_TYPES = ['TXT', 'SPF'];
/** Types whose rdata is numbers followed by base64 or hex, which would otherwise read as names. */
const ENCODED_TYPES = ['DS', 'CDS', 'DNSKEY', 'CDNSKEY', 'KEY', 'TLSA', 'SMIMEA', 'SSHFP', 'OPENPGPKEY', 'DHCID', 'TA', 'DLV', 'ZONEMD'];
const CAA_TAGS = ['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone'];
const SVC_PARAMS = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp', 'tls-supported-groups'];

const SPF_DOMAIN_MECHANISMS = ['include', 'exists', 'a', 'mx', 'ptr'];
const SPF_MECHANISMS = [...SPF_DOMAIN_MECHANISMS, 'all', 'ip4', 'ip6'];
const SPF_MODIFIERS = ['redirect', 'exp'];

/**
 * The tags of the tag=value records (DKIM RFC 6376 §3.6.1, DMARC RFC 7489 §6.3 and RFC 9989,
 * MTA-STS and TLS-RPT TXT records, BIMI), grouped by the values they take. A group with
 * `values` colours those words; `caseSensitive` follows each record's ABNF (`%x`/`%s` strings
 * are exact, quoted ABNF strings are not).
 */
export const MAIL_TAGS = [
  { tags: ['v'], values: ['DMARC1', 'DKIM1', 'STSv1', 'TLSRPTv1', 'BIMI1'], scope: 'constant.language.version', caseSensitive: true },
  { tags: ['p', 'sp', 'np'], values: ['none', 'quarantine', 'reject'], scope: 'constant.language.policy' },
  { tags: ['adkim', 'aspf'], values: ['r', 's'], scope: 'constant.language.alignment' },
  { tags: ['fo'], values: ['0', '1', 'd', 's'], scope: 'constant.language.failure-option', list: ':' },
  { tags: ['t'], values: ['y', 'n', 's'], scope: 'constant.language.flag', list: ':' },
  { tags: ['psd'], values: ['y', 'n', 'u'], scope: 'constant.language.flag' },
  { tags: ['k'], values: ['rsa', 'ed25519'], scope: 'constant.language.key-type' },
  { tags: ['h'], values: ['sha1', 'sha256'], scope: 'constant.language.hash-algorithm', list: ':' },
  { tags: ['s'], values: ['email', '*'], scope: 'constant.language.service-type', list: ':' },
  { tags: ['rf'], values: ['afrf', 'iodef'], scope: 'constant.language.report-format', list: ':' },
  { tags: ['avp'], values: ['brand', 'personal'], scope: 'constant.language.avatar-preference' },
  { tags: ['pct', 'ri'], numeric: true },
  { tags: ['rua', 'ruf', 'l', 'a'], uris: true },
  { tags: ['id', 'n', 'g', 'lps'] },
];

// --- Regular-expression fragments ------------------------------------------------------

/** Where a zone-file token ends: whitespace, a comment, a parenthesis, a quote or the line end. */
const TOKEN_END = String.raw`(?=[\s;()"]|$)`;
/** Where a token starts: the line start, or after whitespace or a parenthesis. */
const TOKEN_START = String.raw`(?<![^\s()])`;
/** A name or other unquoted token; `\X` and `\DDD` escapes may hide any character. */
const NAME = String.raw`(?:\\(?:[0-9]{3}|.)|[^\s;()"\\])+`;
/** A TTL in seconds or in BIND units (`1h30m`, `2W`). */
const TTL = String.raw`[0-9]+(?:[WwDdHhMmSs][0-9]*)*`;
const CLASS = String.raw`(?i:IN|CH|CS|HS|CLASS[0-9]+)`;
const WS = String.raw`[ \t]+`;
/** Type mnemonics; `TYPEnnn` (RFC 3597 §5) only where the rdata is read generically. */
const typeAlternation = (types, generic) => String.raw`(?i:${oneOf(types)}${generic ? '|TYPE[0-9]+' : ''})`;
/** A term of an SPF record starts after whitespace or at the start of a character-string. */
const TERM_START = String.raw`(?<=[\s"])`;
const TERM_END = String.raw`(?=[\s"]|$)`;
const QUALIFIER = String.raw`([+~?-])?`;
/** An SPF domain-spec or an unknown modifier's value: up to whitespace or the string's end. */
const SPF_VALUE = String.raw`(?:\\.|[^\s"\\])*`;
/** A tag starts a character-string or follows a `;`. */
const TAG_START = String.raw`(?<=[;"])[ \t]*`;

/**
 * The start of a record: owner (column 0, absent when the line starts with whitespace),
 * then TTL and class in either order, both optional, then the type.
 */
function recordHeader(types, generic) {
  return String.raw`^(${NAME})?(?:${WS}(${TTL})(?:${WS}(${CLASS}))?|${WS}(${CLASS})(?:${WS}(${TTL}))?)?${WS}(${typeAlternation(types, generic)})${TOKEN_END}`;
}
const recordHeaderCaptures = {
  1: { name: s('entity.name.tag.owner'), patterns: [include('name-parts')] },
  2: named('constant.numeric.ttl'),
  3: named('keyword.other.class'),
  4: named('keyword.other.class'),
  5: named('constant.numeric.ttl'),
  6: named('storage.type.rr'),
};

function record(kind, types, rdata, generic = false) {
  return {
    name: s(`meta.record.${kind}`),
    begin: recordHeader(types, generic),
    beginCaptures: recordHeaderCaptures,
    end: '$',
    patterns: [include(rdata)],
  };
}

/** A parenthesised group; groups nest, as BIND's lexer counts them. */
function parens(self, patterns) {
  return {
    name: s('meta.parens'),
    begin: String.raw`\(`,
    beginCaptures: { 0: named('punctuation.section.parens.begin') },
    end: String.raw`\)`,
    endCaptures: { 0: named('punctuation.section.parens.end') },
    patterns: [include('comment'), ...patterns, include(self)],
  };
}

/** A double-quoted character-string whose content is read by `patterns`. */
function quoted(patterns) {
  return {
    name: s('string.quoted.double'),
    begin: '"',
    beginCaptures: { 0: named('punctuation.definition.string.begin') },
    // A zone-file string cannot continue on the next line: ending it at the line end keeps
    // an unterminated quote from colouring the rest of the file.
    end: '(")|$',
    endCaptures: { 1: named('punctuation.definition.string.end') },
    patterns: [include('escape'), ...patterns],
  };
}

/**
 * A TXT record's strings read in one mode until the record ends. `begin` looks at the first
 * string; `end` is the record's line end, or the closing parenthesis when the strings are
 * inside one (the record then spans lines and only `)` can end it).
 */
function txtMode(kind, lookahead, stringRule, parensRule, inParens) {
  return {
    name: s(`meta.${kind}`),
    begin: lookahead,
    end: inParens ? String.raw`(?=\))` : '$',
    patterns: [include('comment'), include(parensRule), include(stringRule), include('txt-unquoted'), ...(inParens ? [] : [include('stray-close-paren')])],
  };
}
const SPF_AHEAD = String.raw`(?="(?i:v=spf1)(?:[ \t"]|$))`;
const TAG_LIST_AHEAD = String.raw`(?="[ \t]*[A-Za-z][A-Za-z0-9_]*[ \t]*=)`;

// --- Mail-auth tag lists ---------------------------------------------------------------

function tagValuePatterns(group) {
  const patterns = [include('escape')];
  if (group.values) {
    const words = oneOf(group.values);
    const boundaryBefore = String.raw`(?<![A-Za-z0-9_.*-])`;
    const boundaryAfter = String.raw`(?![A-Za-z0-9_.*-])`;
    patterns.push({
      match: `${boundaryBefore}${group.caseSensitive ? `(?:${words})` : `(?i:${words})`}${boundaryAfter}`,
      name: s(group.scope),
    });
  }
  if (group.numeric) patterns.push({ match: String.raw`(?<![A-Za-z0-9])[0-9]+(?![A-Za-z0-9])`, name: s('constant.numeric.integer') });
  if (group.uris) {
    patterns.push(
      { match: String.raw`(?i:mailto|https?):[^\s,;!"]*`, name: s('markup.underline.link') },
      // DMARC's `!10m` report-size suffix (RFC 7489 §6.4; obsolete in RFC 9989).
      { match: String.raw`![0-9]+[KkMmGgTt]?`, name: s('constant.numeric.size') },
      { match: ',', name: s('punctuation.separator.list') },
    );
  }
  if (group.list) patterns.push({ match: escapeRegExp(group.list), name: s('punctuation.separator.list') });
  return patterns;
}

/** One region per tag group: from `tag=` to the next `;` or the end of the string. */
function tagRule(group) {
  return {
    name: s('meta.tag-spec'),
    begin: `${TAG_START}(${oneOf(group.tags)})[ \\t]*(=)`,
    beginCaptures: { 1: named('variable.parameter.tag'), 2: named('keyword.operator.assignment') },
    end: String.raw`(?=[;"]|$)`,
    patterns: tagValuePatterns(group),
  };
}

// --- The grammar -----------------------------------------------------------------------

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'DNS Zone',
  scopeName: `source.${SCOPE}`,
  fileTypes: ['zone', 'zonefile'],
  patterns: [
    include('comment'),
    include('directive-origin'),
    include('directive-ttl'),
    include('directive-include'),
    include('directive-generate'),
    include('directive-unknown'),
    include('record-text'),
    include('record-caa'),
    include('record-svcb'),
    include('record-encoded'),
    include('record'),
    include('record-unknown'),
    include('stray-close-paren'),
  ],
  repository: {
    comment: {
      match: '(;).*$',
      name: s('comment.line.semicolon'),
      captures: { 1: named('punctuation.definition.comment') },
    },
    escape: {
      patterns: [
        { match: String.raw`\\(?:25[0-5]|2[0-4][0-9]|[01][0-9]{2})`, name: s('constant.character.escape.decimal') },
        // `\DDD` above 255, or fewer than three digits: RFC 1035 §5.1 allows neither.
        { match: String.raw`\\[0-9]{1,3}`, name: s('invalid.illegal.escape') },
        { match: String.raw`\\.`, name: s('constant.character.escape') },
        { match: String.raw`\\$`, name: s('invalid.illegal.escape') },
      ],
    },
    'stray-close-paren': { match: String.raw`\)`, name: s('invalid.illegal.unbalanced-paren') },

    // --- Names ---
    'name-parts': {
      patterns: [
        include('escape'),
        { match: String.raw`${TOKEN_START}@${TOKEN_END}`, name: s('variable.language.origin') },
        { match: String.raw`${TOKEN_START}\*(?=\.|[\s;()"]|$)`, name: s('variable.language.wildcard') },
        // Underscored labels (RFC 8552) name the mail-auth records: _dmarc, _domainkey, _mta-sts.
        { match: String.raw`(?<![^\s().])_[A-Za-z0-9-]+(?=\.|[\s;()"]|$)`, name: s('support.type.attribute-leaf') },
        { match: String.raw`\.(?=[\s;()"]|$)`, name: s('punctuation.definition.absolute') },
      ],
    },
    name: {
      match: `${TOKEN_START}${NAME}`,
      name: s('entity.name.domain'),
      captures: { 0: { patterns: [include('name-parts')] } },
    },

    // --- Directives ---
    'directive-origin': {
      name: s('meta.directive.origin'),
      begin: String.raw`^(\$(?i:ORIGIN))${TOKEN_END}`,
      beginCaptures: { 1: named('keyword.control.directive') },
      end: '$',
      patterns: [include('comment'), include('name'), include('stray-close-paren')],
    },
    'directive-ttl': {
      name: s('meta.directive.ttl'),
      begin: String.raw`^(\$(?i:TTL))${TOKEN_END}`,
      beginCaptures: { 1: named('keyword.control.directive') },
      end: '$',
      patterns: [
        include('comment'),
        { match: `${TOKEN_START}${TTL}${TOKEN_END}`, name: s('constant.numeric.ttl') },
        { match: `${TOKEN_START}${NAME}`, name: s('invalid.illegal.ttl') },
      ],
    },
    'directive-include': {
      name: s('meta.directive.include'),
      begin: String.raw`^(\$(?i:INCLUDE))${TOKEN_END}(?:${WS}("(?:\\.|[^"\\])*"?|${NAME}))?(?:${WS}(${NAME}))?`,
      beginCaptures: {
        1: named('keyword.control.directive'),
        2: {
          name: s('meta.path'),
          patterns: [include('string'), { match: '.+', name: s('string.unquoted.path') }],
        },
        3: { name: s('entity.name.domain'), patterns: [include('name-parts')] },
      },
      end: '$',
      patterns: [include('comment'), include('rdata-tokens')],
    },
    'directive-generate': {
      name: s('meta.directive.generate'),
      // $GENERATE range lhs [ttl] [class] type rhs (BIND 9 ARM, "BIND Primary File Extension").
      begin: String.raw`^(\$(?i:GENERATE))${TOKEN_END}(?:${WS}([0-9]+-[0-9]+(?:/[0-9]+)?)${TOKEN_END})?(?:${WS}(${NAME})(?:(?:${WS}(${TTL}))?(?:${WS}(${CLASS}))?${WS}(${typeAlternation(RR_TYPES, true)})${TOKEN_END})?)?`,
      beginCaptures: {
        1: named('keyword.control.directive'),
        2: named('constant.numeric.range'),
        3: { name: s('entity.name.domain'), patterns: [include('generate-iterator'), include('name-parts')] },
        4: named('constant.numeric.ttl'),
        5: named('keyword.other.class'),
        6: named('storage.type.rr'),
      },
      end: '$',
      patterns: [
        include('comment'),
        include('string'),
        {
          match: `${TOKEN_START}${NAME}`,
          name: s('entity.name.domain'),
          captures: { 0: { patterns: [include('generate-iterator'), include('name-parts')] } },
        },
      ],
    },
    'generate-iterator': {
      // `$` or `${offset,width,base}`; `\$` is a literal dollar and is matched as an escape first.
      match: String.raw`(?<!\\)\$(?:\{[^}\s]*\})?`,
      name: s('variable.language.iterator'),
    },
    'directive-unknown': {
      name: s('meta.directive'),
      begin: String.raw`^(\$[A-Za-z0-9_-]*)`,
      beginCaptures: { 1: named('invalid.illegal.directive') },
      end: '$',
      patterns: [include('comment'), include('rdata-tokens')],
    },

    // --- Records ---
    'record-text': record('txt', TEXT_TYPES, 'txt-rdata'),
    'record-caa': record('caa', ['CAA'], 'caa-rdata'),
    'record-svcb': record('svcb', ['SVCB', 'HTTPS'], 'svcb-rdata'),
    'record-encoded': record('encoded', ENCODED_TYPES, 'encoded-rdata'),
    record: record('generic', RR_TYPES, 'rdata', true),
    'record-unknown': {
      // A line whose type is missing or unknown still gets its owner, strings and comments.
      name: s('meta.record'),
      begin: String.raw`^(${NAME})${TOKEN_END}|^(?=[ \t]+[^\s;])`,
      beginCaptures: recordHeaderCaptures,
      end: '$',
      patterns: [include('rdata')],
    },

    // --- Generic rdata ---
    rdata: { patterns: [include('comment'), include('rdata-parens'), include('rdata-tokens'), include('stray-close-paren')] },
    'rdata-parens': parens('rdata-parens', [include('rdata-tokens')]),
    'rdata-tokens': {
      patterns: [
        include('string'),
        include('unknown-rdata-marker'),
        include('ipv6'),
        include('ipv4'),
        { match: `${TOKEN_START}[0-9]+[WwDdHhMmSs](?:[0-9]+[WwDdHhMmSs])*${TOKEN_END}`, name: s('constant.numeric.ttl') },
        include('number'),
        include('name'),
      ],
    },
    string: quoted([]),
    // RFC 3597 §5: `\# length hex` gives the rdata of any type as bytes.
    'unknown-rdata-marker': { match: String.raw`${TOKEN_START}\\#${TOKEN_END}`, name: s('keyword.other.unknown-rdata') },
    number: { match: `${TOKEN_START}[0-9]+${TOKEN_END}`, name: s('constant.numeric.integer') },
    ipv4: { match: String.raw`${TOKEN_START}[0-9]{1,3}(?:\.[0-9]{1,3}){3}${TOKEN_END}`, name: s('constant.numeric.ipv4') },
    ipv6: {
      // Two colons at least, hex digits, and an optional dotted-quad tail (::ffff:192.0.2.1).
      match: String.raw`${TOKEN_START}(?=[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:]+(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3})?${TOKEN_END}`,
      name: s('constant.numeric.ipv6'),
    },

    // --- Type-specific rdata ---
    'encoded-rdata': { patterns: [include('comment'), include('encoded-parens'), include('encoded-tokens'), include('stray-close-paren')] },
    'encoded-parens': parens('encoded-parens', [include('encoded-tokens')]),
    'encoded-tokens': {
      patterns: [
        include('string'),
        include('unknown-rdata-marker'),
        include('number'),
        { match: `${TOKEN_START}[A-Za-z0-9+/=-]+${TOKEN_END}`, name: s('constant.other.encoded') },
        include('name'),
      ],
    },
    'caa-rdata': { patterns: [include('comment'), include('caa-parens'), include('caa-tokens'), include('stray-close-paren')] },
    'caa-parens': parens('caa-parens', [include('caa-tokens')]),
    'caa-tokens': {
      patterns: [
        include('string'),
        include('unknown-rdata-marker'),
        include('number'),
        { match: `${TOKEN_START}(?i:${oneOf(CAA_TAGS)})${TOKEN_END}`, name: s('keyword.other.caa-tag') },
        include('name'),
      ],
    },
    'svcb-rdata': { patterns: [include('comment'), include('svcb-parens'), include('svcb-tokens'), include('stray-close-paren')] },
    'svcb-parens': parens('svcb-parens', [include('svcb-tokens')]),
    'svcb-tokens': {
      patterns: [
        include('string'),
        include('unknown-rdata-marker'),
        {
          // RFC 9460 §2.1: key=value, key="value", or a key alone.
          match: String.raw`${TOKEN_START}((?i:${oneOf(SVC_PARAMS)}|key[0-9]+))(?:(=)("(?:\\.|[^"\\])*"?|(?:\\.|[^\s;()"\\])*))?${TOKEN_END}`,
          captures: {
            1: named('variable.parameter.svc-param'),
            2: named('keyword.operator.assignment'),
            3: {
              patterns: [
                include('string'),
                { match: ',', name: s('punctuation.separator.list') },
                { match: String.raw`(?:\\.|[^,"\\])+`, name: s('string.unquoted.svc-param-value') },
              ],
            },
          },
        },
        include('number'),
        include('name'),
      ],
    },

    // --- TXT rdata ---
    'txt-rdata': {
      patterns: [
        include('comment'),
        include('txt-parens'),
        include('spf-record'),
        include('tag-list-record'),
        include('txt-tokens'),
        include('stray-close-paren'),
      ],
    },
    'txt-parens': parens('txt-parens', [include('spf-record-in-parens'), include('tag-list-record-in-parens'), include('txt-tokens')]),
    'txt-tokens': { patterns: [include('string'), include('unknown-rdata-marker'), include('txt-unquoted')] },
    'txt-unquoted': {
      // Unquoted TXT data is legal but joins without spaces; the checks report it as `txt-unquoted`.
      match: `${TOKEN_START}${NAME}`,
      name: s('string.unquoted.txt'),
      captures: { 0: { patterns: [include('escape')] } },
    },

    // --- SPF (RFC 7208 §4.6, §5, §6, §7) ---
    'spf-record': txtMode('spf', SPF_AHEAD, 'spf-string', 'spf-parens', false),
    'spf-record-in-parens': txtMode('spf', SPF_AHEAD, 'spf-string', 'spf-parens', true),
    'spf-parens': parens('spf-parens', [include('spf-string'), include('txt-unquoted')]),
    'spf-string': quoted([include('spf-term'), include('spf-macro')]),
    'spf-term': {
      patterns: [
        { match: String.raw`${TERM_START}(?i:v=spf1)${TERM_END}`, name: s('keyword.other.version.spf') },
        {
          match: String.raw`${TERM_START}${QUALIFIER}((?i:ip4))(:)([^\s"/]*)(?:(/)([0-9]*))?${TERM_END}`,
          captures: {
            1: named('keyword.operator.qualifier.spf'),
            2: named('support.function.mechanism.spf'),
            3: named('punctuation.separator.mechanism.spf'),
            4: named('constant.numeric.ipv4'),
            5: named('punctuation.separator.cidr'),
            6: named('constant.numeric.cidr'),
          },
        },
        {
          match: String.raw`${TERM_START}${QUALIFIER}((?i:ip6))(:)([^\s"/]*)(?:(/)([0-9]*))?${TERM_END}`,
          captures: {
            1: named('keyword.operator.qualifier.spf'),
            2: named('support.function.mechanism.spf'),
            3: named('punctuation.separator.mechanism.spf'),
            4: named('constant.numeric.ipv6'),
            5: named('punctuation.separator.cidr'),
            6: named('constant.numeric.cidr'),
          },
        },
        {
          // The domain-spec is lazy so that a trailing `/24` or `//64` is read as a prefix length.
          match: String.raw`${TERM_START}${QUALIFIER}((?i:${oneOf(SPF_DOMAIN_MECHANISMS)}))(?:(:)(${SPF_VALUE}?))?(?:(/)([0-9]+))?(?:(//)([0-9]+))?${TERM_END}`,
          captures: {
            1: named('keyword.operator.qualifier.spf'),
            2: named('support.function.mechanism.spf'),
            3: named('punctuation.separator.mechanism.spf'),
            4: { name: s('entity.name.domain'), patterns: [include('spf-macro'), include('escape')] },
            5: named('punctuation.separator.cidr'),
            6: named('constant.numeric.cidr'),
            7: named('punctuation.separator.cidr'),
            8: named('constant.numeric.cidr'),
          },
        },
        {
          match: String.raw`${TERM_START}${QUALIFIER}((?i:all))${TERM_END}`,
          captures: { 1: named('keyword.operator.qualifier.spf'), 2: named('support.function.mechanism.spf') },
        },
        {
          match: String.raw`${TERM_START}((?i:${oneOf(SPF_MODIFIERS)}))(=)(${SPF_VALUE})`,
          captures: {
            1: named('support.function.modifier.spf'),
            2: named('keyword.operator.assignment'),
            3: { name: s('entity.name.domain'), patterns: [include('spf-macro'), include('escape')] },
          },
        },
        {
          // RFC 7208 §6: unknown modifiers are legal and ignored.
          match: String.raw`${TERM_START}([A-Za-z][A-Za-z0-9._-]*)(=)`,
          captures: { 1: named('variable.parameter.modifier.spf'), 2: named('keyword.operator.assignment') },
        },
        {
          // A mechanism whose argument does not parse still shows its name and qualifier.
          match: String.raw`${TERM_START}${QUALIFIER}((?i:${oneOf(SPF_MECHANISMS)}))(?=[\s":/]|$)`,
          captures: { 1: named('keyword.operator.qualifier.spf'), 2: named('support.function.mechanism.spf') },
        },
      ],
    },
    'spf-macro': {
      // RFC 7208 §7.1: %{letter digits r delimiters}, %%, %_, %-.
      patterns: [
        { match: String.raw`%\{[SLODIPHCRTVslodiphcrtv][0-9]*[Rr]?[-.+,/_=]*\}`, name: s('constant.other.placeholder.macro.spf') },
        { match: '%[%_-]', name: s('constant.character.escape.macro.spf') },
        { match: String.raw`%(?:\{[^}\s"]*\}?)?`, name: s('invalid.illegal.macro.spf') },
      ],
    },

    // --- Tag lists: DKIM, DMARC, MTA-STS, TLS-RPT, BIMI ---
    'tag-list-record': txtMode('tag-list', TAG_LIST_AHEAD, 'tag-list-string', 'tag-list-parens', false),
    'tag-list-record-in-parens': txtMode('tag-list', TAG_LIST_AHEAD, 'tag-list-string', 'tag-list-parens', true),
    'tag-list-parens': parens('tag-list-parens', [include('tag-list-string'), include('txt-unquoted')]),
    'tag-list-string': quoted([
      { match: ';', name: s('punctuation.separator.tag') },
      ...MAIL_TAGS.map(tagRule),
      {
        // Any other tag after a `;`. At the start of a string only the known tags count,
        // because a DKIM key split over strings may start a string with `xyz=`.
        match: String.raw`(?<=;)[ \t]*([A-Za-z][A-Za-z0-9_.-]*)[ \t]*(=)`,
        captures: { 1: named('variable.parameter.tag.unknown'), 2: named('keyword.operator.assignment') },
      },
    ]),
  },
};

export default grammar;
