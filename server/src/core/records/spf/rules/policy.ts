/**
 * Rules on what a record says: how it ends (`all`, `redirect`), terms that
 * are never evaluated, deprecated and unknown terms, and the discontinued
 * SPF record type.
 */
import type { Fix, Rule } from '../../../rules/rule';
import { replaceInTxt } from '../../txtEdits';
import { appendToValue, deleteRecord, removeTerm } from '../edits';
import { allTerm, modifier, type SpfTerm } from '../parse';
import { nearest } from '../suggest';
import { MODIFIER_NAMES, termDef } from '../terms';
import { canonical } from '../tree';
import { at, quote, includedNames, options, shouldCheck, type SpfTarget } from './common';

function setAll(target: SpfTarget, term: SpfTerm, replacement: '~all' | '-all', preferred: boolean): Fix | undefined {
  const edits = replaceInTxt(target.txt, { start: term.start, end: term.end }, replacement, target.record.file);
  return edits && { title: `Change ${quote(term)} to '${replacement}'`, edits, ...(preferred ? { preferred } : {}) };
}

/** The quick fixes that end a record with softfail (preferred) or fail instead of `term`. */
function allFixes(target: SpfTarget, term: SpfTerm): (Fix | undefined)[] {
  return [setAll(target, term, '~all', true), setAll(target, term, '-all', false)];
}

/** `spf-pass-all`: `+all` and bare `all` authorize every host. */
export const spfPassAll: Rule<SpfTarget> = {
  id: 'spf-pass-all',
  severity: 'warning',
  summary: '+all (or a bare all) lets every host on the internet send mail as this domain.',
  rfc: 'RFC 7208 §5.1',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const term = allTerm(target.parsed);
    if (!term || term.qualifier !== '+') return;
    const domain = target.record.owner.slice(0, -1);
    const written = term.qualifierExplicit ? `${quote(term)}` : `${quote(term)} (the qualifier defaults to '+')`;
    report(at(target, term.start, term.end), `${written} authorizes every host on the internet to send as ${domain}`, options(target, allFixes(target, term)));
  },
};

/**
 * `spf-neutral-all`: `?all` authorizes nobody but gives every forger a
 * neutral result, so the record protects nothing. Its own id, so a user who
 * publishes `?all` on purpose while collecting senders can turn it off and
 * still hear about `+all`.
 */
export const spfNeutralAll: Rule<SpfTarget> = {
  id: 'spf-neutral-all',
  severity: 'info',
  summary: '?all gives every unlisted host a neutral result: the record does not stop forged mail.',
  rfc: 'RFC 7208 §5.1',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const term = allTerm(target.parsed);
    if (!term || term.qualifier !== '?') return;
    const domain = target.record.owner.slice(0, -1);
    report(at(target, term.start, term.end), `${quote(term)} gives every other host a neutral result: the record does not stop forged mail from ${domain}`, options(target, allFixes(target, term)));
  },
};

/**
 * `spf-no-all`: with neither `all` nor `redirect`, unmatched mail gets
 * neutral (RFC 7208 §4.7). Not reported on records that another SPF record
 * of the zone includes: an include reads only pass or no match, so their
 * ending does not matter.
 */
export const spfNoAll: Rule<SpfTarget> = {
  id: 'spf-no-all',
  severity: 'info',
  summary: 'The record has neither all nor redirect: mail from unlisted hosts gets a neutral result.',
  rfc: 'RFC 7208 §4.7',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const { parsed, txt } = target;
    if (allTerm(parsed) || modifier(parsed, 'redirect')) return;
    if (includedNames(target.zone).has(canonical(target.record.owner))) return;
    const edits = appendToValue(txt, '~all', target.record.file);
    const fix: Fix | undefined = edits && { title: "Add '~all'", edits, preferred: true };
    report(at(target, 0, txt.text.length), "no 'all' and no 'redirect': mail from hosts the record does not list gets 'neutral'; end the record with '~all' or '-all'", options(target, [fix]));
  },
};

/** `spf-after-all`: evaluation stops at `all`; mechanisms after it never run. */
export const spfAfterAll: Rule<SpfTarget> = {
  id: 'spf-after-all',
  severity: 'warning',
  summary: 'Mechanisms after all are never evaluated.',
  rfc: 'RFC 7208 §5.1',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const terms = target.parsed.terms;
    const first = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
    if (first < 0) return;
    const after = terms.slice(first + 1).filter((t) => t.kind === 'mechanism');
    if (after.length === 0) return;
    const names = after.map(quote).join(', ');
    report(
      at(target, after[0].start, after[after.length - 1].end),
      `${after.length === 1 ? 'this mechanism comes' : `${after.length} mechanisms come`} after ${quote(terms[first])} and ${after.length === 1 ? 'is' : 'are'} never evaluated: ${names}`,
      options(target),
    );
  },
};

/** `spf-redirect-with-all`: `redirect` is used only when nothing matched, and `all` always matches. */
export const spfRedirectWithAll: Rule<SpfTarget> = {
  id: 'spf-redirect-with-all',
  severity: 'warning',
  summary: 'redirect is ignored because the record also has all.',
  rfc: 'RFC 7208 §6.1',
  check(target, report) {
    if (!shouldCheck(target)) return;
    const all = allTerm(target.parsed);
    const redirect = modifier(target.parsed, 'redirect');
    if (!all || !redirect) return;
    report(at(target, redirect.start, redirect.end), `${quote(redirect)} is ignored: the record has ${quote(all)}, which always matches first`, options(target));
  },
};

/** `spf-ptr`: `ptr` and the `%{p}` macro SHOULD NOT be published (RFC 7208 §5.5, §7.3). */
export const spfPtr: Rule<SpfTarget> = {
  id: 'spf-ptr',
  severity: 'warning',
  summary: 'The ptr mechanism (or the %{p} macro) is slow, unreliable and SHOULD NOT be used.',
  rfc: 'RFC 7208 §5.5',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const term of target.parsed.terms) {
      if (term.kind === 'mechanism' && term.name === 'ptr') {
        const edits = removeTerm(target.txt, term, target.record.file);
        const fix: Fix | undefined = edits && { title: `Remove ${quote(term)}`, edits, preferred: true };
        report(
          at(target, term.start, term.end),
          `${quote(term)} SHOULD NOT be used: it costs a reverse lookup and up to 10 address lookups per message, and many receivers skip it; list the senders with ip4/ip6, a or include`,
          options(target, [fix]),
        );
      }
      const spec = term.domainSpec ?? term.value;
      for (const part of spec?.parts ?? []) {
        if (part.kind === 'macro' && part.letter === 'p') {
          report(at(target, part.start, part.end), `the '${target.txt.text.slice(part.start, part.end)}' macro SHOULD NOT be used: it needs the same reverse lookups as 'ptr'`, options(target));
        }
      }
    }
  },
};

/** `spf-unknown-modifier`: receivers ignore it (RFC 7208 §6); usually a typo. */
export const spfUnknownModifier: Rule<SpfTarget> = {
  id: 'spf-unknown-modifier',
  severity: 'warning',
  summary: 'An unknown modifier is ignored by receivers; it is usually a typo of redirect or exp, or a mechanism written with "=".',
  rfc: 'RFC 7208 §6',
  check(target, report) {
    if (!shouldCheck(target)) return;
    for (const term of target.parsed.terms) {
      if (term.kind !== 'modifier' || term.def) continue;
      const asMechanism = termDef(term.name, 'mechanism');
      const near = nearest(term.name, MODIFIER_NAMES);
      const hint = asMechanism
        ? `; '${term.name}' is a mechanism: write '${term.name}:${term.value?.text ?? ''}'`
        : near
          ? `; did you mean '${near}='?`
          : '';
      report(at(target, term.start, term.end), `unknown modifier '${term.name}' is ignored by receivers${hint}`, options(target));
    }
  },
};

/** `spf-type99`: RR type SPF (99) is discontinued; receivers read only TXT (RFC 7208 §3.1, §14.1). */
export const spfType99: Rule<SpfTarget> = {
  id: 'spf-type99',
  severity: 'warning',
  summary: 'The record is published as RR type SPF (99), which is discontinued and ignored by receivers; publish it as TXT.',
  rfc: 'RFC 7208 §3.1',
  check(target, report) {
    const { record, zone } = target;
    if (record.type !== 'SPF') return;
    const twin = zone.recordsAt(record.owner, 'TXT').some((r) => r.txt?.text === record.txt?.text);
    let fix: Fix | undefined;
    if (twin) {
      const edits = deleteRecord(zone.zone, record);
      fix = edits && { title: 'Remove the SPF-type record (the same text is published as TXT)', edits, preferred: true };
    } else {
      fix = { title: 'Publish it as TXT', edits: [{ file: record.file, span: record.typeSpan, newText: 'TXT' }], preferred: true };
    }
    const message = twin
      ? 'RR type SPF (99) is discontinued and ignored by receivers; the same text is already published as TXT, so this record can go'
      : 'RR type SPF (99) is discontinued and ignored by receivers: publish this record as TXT';
    report(record.typeSpan, message, { file: record.file, fixes: [fix].filter((f): f is Fix => f !== undefined) });
  },
};
