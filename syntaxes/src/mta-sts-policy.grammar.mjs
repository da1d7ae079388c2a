// The TextMate grammar of MTA-STS policy files (`/.well-known/mta-sts.txt`, RFC 8461 §3.2):
// `key: value` lines, with no comments and no leading whitespace. Known keys whose value
// is outside the RFC's grammar are marked invalid, since a receiver would reject the policy.
// `build.mjs` writes it out as ../mta-sts-policy.tmLanguage.json.

const SCOPE = 'mta-sts-policy';
const s = (name) => `${name}.${SCOPE}`;
const named = (name) => ({ name: s(name) });

/** One `key: value` line whose value is `valid`, or else marked invalid. */
function field(key, valid, validCaptures) {
  const validGroups = Object.keys(validCaptures).length;
  return {
    match: String.raw`^(${key})(:)[ \t]*(?:${valid}|(.*?))[ \t]*$`,
    captures: {
      1: named('support.type.property-name'),
      2: named('punctuation.separator.key-value'),
      ...Object.fromEntries(Object.entries(validCaptures).map(([group, name]) => [Number(group) + 2, named(name)])),
      [validGroups + 3]: named('invalid.illegal.value'),
    },
  };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'MTA-STS Policy',
  scopeName: `source.${SCOPE}`,
  patterns: [
    field('version', '(STSv1)', { 1: 'constant.language.version' }),
    field('mode', '(enforce|testing|none)', { 1: 'constant.language.mode' }),
    field('max_age', '([0-9]{1,10})', { 1: 'constant.numeric.integer' }),
    // `mx: *.example.net`: the wildcard covers exactly one leftmost label (§4.1).
    field('mx', String.raw`(?:(\*)(\.))?([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?)`, {
      1: 'variable.language.wildcard',
      2: 'punctuation.separator.label',
      3: 'entity.name.domain',
    }),
    {
      // sts-policy-extension: name (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."), any value.
      match: String.raw`^([A-Za-z0-9][A-Za-z0-9_.-]{0,31})(:)[ \t]*(.*?)[ \t]*$`,
      captures: {
        1: named('support.type.property-name.extension'),
        2: named('punctuation.separator.key-value'),
        3: named('string.unquoted.value'),
      },
    },
    { match: String.raw`^.*\S.*$`, name: s('invalid.illegal.line') },
  ],
};

export default grammar;
