/**
 * The fields of an MTA-STS policy file (RFC 8461 §3.2), as data: the parser,
 * the checks, hover and completion all read this table.
 */
export interface PolicyValueSpec {
  readonly value: string;
  readonly meaning: string;
}

export interface PolicyFieldSpec {
  readonly name: string;
  /** The value's ABNF, as RFC 8461 §3.2 writes it. */
  readonly grammar: string;
  /** `once`: required exactly once; `mx`: one line per pattern, required unless `mode: none`. */
  readonly occurs: 'once' | 'mx';
  readonly description: string;
  readonly values?: readonly PolicyValueSpec[];
  readonly rfc: string;
}

/** RFC 8461 §3.2: the largest `max_age` a sender honours, one year in seconds. */
export const MAX_AGE_LIMIT = 31557600;
/** Below this `max_age` (one day) a policy expires between the daily refreshes senders make (§3.3). */
export const MAX_AGE_SHORT = 86400;
/** The `max_age` quick fixes propose: one week, the low end of the "weeks or greater" §3.2 expects. */
export const MAX_AGE_SUGGESTED = 604800;

export const POLICY_FIELDS: readonly PolicyFieldSpec[] = [
  {
    name: 'version',
    grammar: '%s"STSv1"',
    occurs: 'once',
    description: 'The policy format version. Only `STSv1` exists; the match is exact and case-sensitive.',
    values: [{ value: 'STSv1', meaning: 'MTA-STS version 1 (RFC 8461).' }],
    rfc: 'RFC 8461 §3.2',
  },
  {
    name: 'mode',
    grammar: '%s"testing" / %s"enforce" / %s"none"',
    occurs: 'once',
    description: 'What a sending MTA does when a receiving MX fails validation (no STARTTLS, a bad certificate, an MX no `mx` line allows).',
    values: [
      { value: 'enforce', meaning: 'Do not deliver to an MX that fails validation (RFC 8461 §5).' },
      { value: 'testing', meaning: 'Deliver anyway, and report the failure through TLS-RPT (RFC 8461 §5).' },
      { value: 'none', meaning: 'No policy: senders drop any cached policy. The first step in removing MTA-STS (RFC 8461 §8.3).' },
    ],
    rfc: 'RFC 8461 §3.2, §5',
  },
  {
    name: 'max_age',
    grammar: '1*10(DIGIT)',
    occurs: 'once',
    description: `How long, in seconds, senders cache the policy after fetching it; at most ${MAX_AGE_LIMIT} (one year). Weeks or more are expected; a day or less gives an attacker who blocks the refresh a short window to wait out.`,
    rfc: 'RFC 8461 §3.2',
  },
  {
    name: 'mx',
    grammar: '["*."] Domain',
    occurs: 'mx',
    description: 'An MX host this policy allows: a full name (`mail.example.com`) or a wildcard for exactly one leftmost label (`*.example.net`). One pattern per `mx:` line; required unless `mode: none`.',
    rfc: 'RFC 8461 §3.2, §4.1',
  },
];

export function policyField(name: string): PolicyFieldSpec | undefined {
  return POLICY_FIELDS.find((f) => f.name === name);
}
