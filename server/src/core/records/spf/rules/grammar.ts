/**
 * The rules that report what the parser rejected, one rule per error kind:
 * each makes receivers return permerror for the whole record (RFC 7208 §4.6).
 */
import type { Rule } from '../../../rules/rule';
import type { SpfErrorKind } from '../problem';
import { at, options, shouldCheck, type SpfTarget } from './common';

function errorRule(id: string, kind: SpfErrorKind, summary: string, rfc: string): Rule<SpfTarget> {
  return {
    id,
    severity: 'error',
    summary,
    rfc,
    check(target, report) {
      if (!shouldCheck(target)) return;
      for (const error of target.parsed.errors) {
        if (error.kind === kind) report(at(target, error.start, error.end), error.message, options(target));
      }
    },
  };
}

export const spfSyntax = errorRule(
  'spf-syntax',
  'syntax',
  'The SPF record does not follow the RFC 7208 grammar; receivers return permerror. The message says what was expected.',
  'RFC 7208 §12',
);

export const spfNonAscii = errorRule('spf-non-ascii', 'non-ascii', 'The SPF record contains characters outside US-ASCII; receivers return permerror.', 'RFC 7208 §3.1');

export const spfMacroContext = errorRule(
  'spf-macro-context',
  'macro-context',
  'A c, r or t macro is used outside explanation text, where it is not allowed; receivers return permerror.',
  'RFC 7208 §7.3',
);

export const spfDuplicateModifier = errorRule(
  'spf-duplicate-modifier',
  'duplicate-modifier',
  'redirect or exp appears more than once; receivers return permerror.',
  'RFC 7208 §6',
);
