/**
 * The per-record DMARC rules (RFC 7489, RFC 9989). Where the standards
 * differ, `zone.options.dmarcStandard` decides. Each rule says which record
 * roles it speaks about: a policy at `_dmarc`, a report authorization at
 * `_report._dmarc`, a `v=DMARC1` record elsewhere, or something else at `_dmarc`.
 */
import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, Report, ReportOptions, Rule } from '../../rules/rule';
import type { Span } from '../../text/span';
import { closest } from '../suggest';
import { authorizationInsert, checkDestination } from './authorization';
import { addAfter, addMailto, addVersion, insertSeparator, movePolicySecond, moveVersionFirst, pctZeroFixes, removeSpan, removeTag, setValue } from './fixes';
import { intendedValue, policyOf, policyStrength, type DmarcRecord, type DmarcRole } from './parse';
import { DMARC_TAGS, dmarcTag } from './tags';
import { checkValue } from './values';
import { ownerTypo } from '../mail/placement';

type Target = RecordTarget<DmarcRecord>;
type DmarcRule = Rule<Target>;

/** Roles whose text is meant as DMARC: every rule about the tag list applies to them. */
const DMARC_TEXT: readonly DmarcRole[] = ['policy', 'authorization', 'misplaced'];

function is(t: Target, ...roles: DmarcRole[]): boolean {
  return roles.includes(t.parsed.role);
}

function at(t: Target, report: Report, span: Span, message: string, options: ReportOptions = {}): void {
  report(t.txt.map.toSourceSpan(span.start, span.end), message, { ...options, file: t.record.file });
}

function whole(t: Target): Span {
  return { start: 0, end: t.txt.text.length };
}

function is9989(t: Target): boolean {
  return t.zone.options.dmarcStandard === 'rfc9989';
}

/** True when rua= holds at least one valid URI (RFC 9989 §4.10.1: then an invalid p reads as none). */
function hasValidRua(t: Target): boolean {
  return (t.parsed.uris.get('rua') ?? []).some((u) => !u.problem);
}

function bare(name: string): string {
  return name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
}

export const dmarcVersion: DmarcRule = {
  id: 'dmarc-version',
  severity: 'error',
  summary: 'The record does not start with v=DMARC1: receivers ignore it.',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT) || t.parsed.versionValid) return;
    const { list, tags } = t.parsed;
    const v = tags.get('v');
    if (!v) {
      at(t, report, list.tags[0]?.span ?? whole(t), 'the record does not start with v=DMARC1: receivers ignore it', { fixes: addVersion(t) });
      return;
    }
    const blank = /^\s+/.exec(t.txt.text);
    if (v.index === 0 && blank) {
      at(t, report, { start: 0, end: v.span.end }, `white space before v=${v.value}: the record must start with v=DMARC1, so receivers discard it`, {
        fixes: removeSpan(t, { start: 0, end: blank[0].length }, 'Remove the white space before v=DMARC1'),
      });
      return;
    }
    if (v.index !== 0) {
      at(t, report, v.span, 'v=DMARC1 must be the first tag: receivers ignore this record', { fixes: moveVersionFirst(t, v) });
      return;
    }
    const missing = t.parsed.missingSeparators.find((m) => m.tag === v);
    if (missing && intendedValue(t.parsed, v).value === 'DMARC1') {
      const sep = t.txt.text.slice(missing.gap.start, missing.gap.end).trim() || 'a space';
      at(t, report, v.valueSpan, `v=${v.value}: '${sep === 'a space' ? ' ' : sep}' where a ';' belongs, so the version reads as '${v.value}' and receivers ignore the record`, {
        fixes: insertSeparator(t, missing),
      });
      return;
    }
    const caseOnly = v.value.toUpperCase() === 'DMARC1';
    at(t, report, v.valueSpan, `v=${v.value}: the version must be exactly DMARC1${caseOnly ? ' (case-sensitive)' : ''}; receivers ignore this record`, {
      fixes: /^dmarc/i.test(v.value) ? setValue(t, v.valueSpan, 'v', 'DMARC1') : [],
    });
  },
};

export const dmarcSyntax: DmarcRule = {
  id: 'dmarc-syntax',
  severity: 'error',
  summary: 'The record breaks the tag=value grammar: a missing or doubled separator, a bad tag name or character.',
  rfc: 'RFC 9989 §4.8',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    // An empty value is a value problem of its tag (dmarc-invalid-value, dmarc-bad-uri, dmarc-unknown-tag).
    for (const error of t.parsed.list.errors) if (error.kind !== 'empty-value') at(t, report, error.span, error.message);
    for (const missing of t.parsed.missingSeparators) {
      // The version's own rule speaks about `v=DMARC1, p=…`, since it decides whether the record counts at all.
      if (missing.tag.name.toLowerCase() === 'v') continue;
      const sep = t.txt.text.slice(missing.gap.start, missing.gap.end).trim();
      at(t, report, missing.gap, `${sep ? `'${sep}'` : 'white space'} where a ';' belongs: '${missing.next}=' is read as part of the value of ${missing.tag.name}=`, {
        fixes: insertSeparator(t, missing),
      });
    }
  },
};

/** Tags about reports and sampling: a broken value changes what is reported, not whether the policy applies. */
const REPORT_TAGS: ReadonlySet<string> = new Set(['pct', 'rf', 'ri', 'fo']);

export const dmarcInvalidValue: DmarcRule = {
  id: 'dmarc-invalid-value',
  severity: 'error',
  summary: 'A tag value outside its grammar (p, sp, np, adkim, aspf, fo, psd, t, pct, ri, rf).',
  rfc: 'RFC 9989 §4.8',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    const standard = t.zone.options.dmarcStandard;
    for (const tag of t.parsed.list.tags) {
      const info = dmarcTag(tag.name);
      if (!info || info.status[standard] !== 'defined' || t.parsed.repeated.includes(tag)) continue;
      const { value, span } = intendedValue(t.parsed, tag);
      for (const problem of checkValue(info, value, span, standard)) {
        if (problem.rule !== 'dmarc-invalid-value') continue;
        const fixes: Fix[] = problem.suggestion ? setValue(t, span, info.name, problem.suggestion) : [];
        const consequence = info.kind === 'policy' && (info.name === 'p' || info.name === 'sp' || info.name === 'np')
          ? hasValidRua(t)
            ? ': receivers act as if p=none'
            : ': receivers apply no DMARC at all, since rua= has no valid URI either'
          : '';
        // An empty value has no characters to underline: underline `p=` instead.
        const where = problem.span.end > problem.span.start ? problem.span : tag.span;
        // Receivers replace a broken value of the reporting tags by its default (RFC 7489 §6.3, RFC 9989 §4.7), and the
        // policy still applies: the reports, or the share of mail, may not be what was meant.
        const reporting = REPORT_TAGS.has(info.name);
        const fallback = reporting && typeof info.default === 'string' ? `: receivers use the default ${info.name}=${info.default} and apply the policy` : '';
        at(t, report, where, `${problem.message}${consequence}${fallback}`, { fixes, ...(reporting ? { severity: 'warning' as const } : {}) });
      }
    }
  },
};

export const dmarcFoConflict: DmarcRule = {
  id: 'dmarc-fo-conflict',
  // Receivers still apply the policy; only which failure reports are sent is unclear.
  severity: 'warning',
  summary: 'fo= has both 0 and 1, which RFC 9989 makes mutually exclusive.',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    const fo = t.parsed.tags.get('fo');
    if (!is(t, ...DMARC_TEXT) || !fo || !is9989(t)) return;
    const { value, span } = intendedValue(t.parsed, fo);
    for (const problem of checkValue(dmarcTag('fo')!, value, span, 'rfc9989')) {
      if (problem.rule === 'dmarc-fo-conflict') at(t, report, problem.span, problem.message);
    }
  },
};

export const dmarcDuplicateTag: DmarcRule = {
  id: 'dmarc-duplicate-tag',
  severity: 'error',
  summary: 'A tag appears twice: receivers may take either value, or reject the record.',
  rfc: 'RFC 6376 §3.2',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    for (const tag of t.parsed.repeated) {
      const first = t.parsed.tags.get(tag.name.toLowerCase())!;
      const same = first.value === tag.value;
      at(t, report, tag.span, `${tag.name}= appears twice${same ? '' : ` (${first.name}=${first.value} earlier)`}: DMARC records follow DKIM's tag-list rule, under which a repeated tag invalidates the record`, {
        fixes: removeTag(t, tag, `Remove the second ${tag.name}=`),
      });
    }
  },
};

export const dmarcUnknownTag: DmarcRule = {
  id: 'dmarc-unknown-tag',
  severity: 'warning',
  summary: 'A tag the DMARC standard in use does not define: receivers ignore it (often a typo).',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    const standard = t.zone.options.dmarcStandard;
    const known = DMARC_TAGS.filter((d) => d.status[standard] !== 'absent').map((d) => d.name);
    for (const tag of t.parsed.list.tags) {
      const info = dmarcTag(tag.name);
      if (info && info.status[standard] !== 'absent') continue;
      if (info) {
        // A 9989 tag under RFC 7489: old receivers skip it, which matters most for t=y.
        const p = policyOf(t.parsed, 'p');
        const effect = info.name === 't' && tag.value.toLowerCase() === 'y' && p && p !== 'none' ? `, and apply p=${p} in full` : '';
        at(t, report, tag.nameSpan, `${tag.name}= is an RFC 9989 tag: RFC 7489 receivers ignore it${effect}`);
        continue;
      }
      const guess = closest(tag.name, known);
      at(t, report, tag.nameSpan, `unknown tag '${tag.name}': receivers ignore it${guess ? ` (did you mean ${guess}=?)` : ''}`);
    }
  },
};

/**
 * `dmarc-historic-tag`: pct, rf and ri, which RFC 9989 receivers ignore.
 * What that changes depends on the value: at the RFC 7489 default
 * (`pct=100`, `rf=afrf`, `ri=86400`), or unparseable (which RFC 7489
 * receivers replace by that default), both kinds of receiver do the same,
 * so it is cleanup (info); any other value means RFC 7489 and RFC 9989
 * receivers act differently (warning). `pct=0` on an enforcing policy is
 * `dmarc-pct-zero`'s, which says more.
 */
export const dmarcHistoricTag: DmarcRule = {
  id: 'dmarc-historic-tag',
  severity: 'warning',
  summary: 'pct, rf or ri: tags RFC 9989 removed, which its receivers ignore.',
  rfc: 'RFC 9989 App. C.5.2',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT) || !is9989(t)) return;
    for (const tag of t.parsed.list.tags) {
      const info = dmarcTag(tag.name);
      if (!info || info.status.rfc9989 !== 'historic') continue;
      const { value, span } = intendedValue(t.parsed, tag);
      const pct = info.name === 'pct' ? validPct(t) : undefined;
      if (pct?.tag === tag && pct.value === 0 && is(t, 'policy') && enforces(t)) continue;
      const fallback = typeof info.default === 'string' ? info.default : undefined;
      const valid = checkValue(info, value, span, 'rfc7489').every((p) => p.rule !== 'dmarc-invalid-value');
      if (!valid) {
        at(t, report, tag.span, `${tag.name}=${value} is historic in RFC 9989 and not a valid value: RFC 9989 receivers ignore it, RFC 7489 receivers use the default ${tag.name}=${fallback ?? ''}, so both act as without it`, {
          severity: 'info',
          fixes: removeTag(t, tag),
        });
      } else if (fallback !== undefined && value.toLowerCase() === fallback) {
        at(t, report, tag.span, `${tag.name}=${value} is historic in RFC 9989 and the RFC 7489 default: every receiver acts as without it, so it can go`, { severity: 'info', fixes: removeTag(t, tag) });
      } else {
        at(t, report, tag.span, `${tag.name}= is historic in RFC 9989: ${info.historic}`, { fixes: removeTag(t, tag) });
      }
    }
  },
};

function enforces(t: Target): boolean {
  return (['p', 'sp', 'np'] as const).some((n) => {
    const p = policyOf(t.parsed, n);
    return p !== undefined && p !== 'none';
  });
}

function validPct(t: Target): { tag: import('../tagList').Tag; value: number } | undefined {
  const tag = t.parsed.tags.get('pct');
  if (!tag) return undefined;
  const { value } = intendedValue(t.parsed, tag);
  return /^\d{1,3}$/.test(value) && Number(value) <= 100 ? { tag, value: Number(value) } : undefined;
}

export const dmarcPctZero: DmarcRule = {
  id: 'dmarc-pct-zero',
  severity: 'warning',
  summary: 'pct=0: the policy applies to no mail (RFC 9989 replaces this with t=y).',
  rfc: 'RFC 7489 §6.6.4',
  check(t, report) {
    const pct = validPct(t);
    if (!is(t, 'policy') || pct?.value !== 0 || !enforces(t)) return;
    const message = is9989(t)
      ? 'pct=0: RFC 7489 receivers apply the policy to no mail, while RFC 9989 receivers ignore pct and apply it to all; to test a policy, write t=y instead'
      : 'pct=0: the policy applies to no mail (quarantine becomes no action, reject becomes quarantine)';
    at(t, report, pct.tag.span, message, { fixes: pctZeroFixes(t, pct.tag) });
  },
};

export const dmarcPctPartial: DmarcRule = {
  id: 'dmarc-pct-partial',
  severity: 'info',
  summary: 'pct between 1 and 99: the policy applies to only part of the failing mail.',
  rfc: 'RFC 7489 §6.6.4',
  check(t, report) {
    const pct = validPct(t);
    if (!is(t, 'policy') || !pct || pct.value === 0 || pct.value === 100 || !enforces(t)) return;
    const message = is9989(t)
      ? `pct=${pct.value}: RFC 7489 receivers apply the policy to ${pct.value}% of failing mail, RFC 9989 receivers ignore pct and apply it to all`
      : `pct=${pct.value}: the policy applies to ${pct.value}% of failing mail; the rest gets one level less (quarantine becomes no action, reject becomes quarantine)`;
    at(t, report, pct.tag.span, message);
  },
};

export const dmarcMissingP: DmarcRule = {
  id: 'dmarc-missing-p',
  severity: 'error',
  summary: 'The policy record has no p=: RFC 7489 receivers ignore it; RFC 9989 reads it as p=none.',
  rfc: 'RFC 7489 §6.3',
  check(t, report) {
    if (!is(t, 'policy') || !t.parsed.versionValid || t.parsed.tags.has('p')) return;
    const v = t.parsed.list.tags[0];
    // Right after the version: `v=DMARC1; rua=…` becomes `v=DMARC1; p=none; rua=…`.
    const fixes = addAfter(t, v, 'p=none');
    if (is9989(t) && hasValidRua(t)) {
      at(t, report, v.span, 'no p= tag: RFC 9989 receivers read it as p=none since rua= has a valid URI, but RFC 7489 receivers ignore a policy record without p=', {
        severity: 'warning',
        fixes,
      });
    } else if (is9989(t)) {
      at(t, report, v.span, 'no p= tag and no valid rua=: RFC 9989 receivers discard the record (and RFC 7489 receivers ignore a policy record without p=), so no DMARC applies', { fixes });
    } else {
      const fallback = hasValidRua(t) ? 'receivers act as if p=none, since rua= has a valid URI' : 'receivers apply no DMARC at all';
      at(t, report, v.span, `no p= tag: a policy record needs p= right after v=DMARC1; ${fallback}`, { fixes });
    }
  },
};

export const dmarcPNotSecond: DmarcRule = {
  id: 'dmarc-p-not-second',
  severity: 'warning',
  summary: 'p= is not directly after v=DMARC1: RFC 7489 requires that order, and receivers built on it may reject the record.',
  rfc: 'RFC 7489 §6.3',
  check(t, report) {
    const p = t.parsed.tags.get('p');
    if (!is(t, 'policy') || !t.parsed.versionValid || !p || p.index === 1) return;
    const message = is9989(t)
      ? 'p= should come directly after v=DMARC1: RFC 9989 allows any order, but RFC 7489 receivers may reject the record'
      : 'p= must come directly after v=DMARC1 (RFC 7489 §6.3)';
    at(t, report, p.span, message, { severity: is9989(t) ? 'warning' : 'error', fixes: movePolicySecond(t, p) });
  },
};

export const dmarcPNone: DmarcRule = {
  id: 'dmarc-p-none',
  severity: 'info',
  summary: 'p=none only monitors: failing mail is delivered as usual. Without rua= it does nothing at all.',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    const p = t.parsed.tags.get('p');
    if (!is(t, 'policy') || !t.parsed.versionValid || !p || policyOf(t.parsed, 'p') !== 'none') return;
    if (hasValidRua(t)) {
      at(t, report, p.span, 'p=none: monitoring only, failing mail is delivered as usual; move to quarantine or reject once the aggregate reports show your mail passes');
    } else {
      at(t, report, p.span, 'p=none without a valid rua=: no policy and no reports, so this record has no effect', { severity: 'warning' });
    }
  },
};

/**
 * `dmarc-no-reports`: an enforcing policy without `rua=`. Receivers apply it,
 * so mail keeps its protection, but nobody hears when legitimate mail fails
 * and is quarantined or rejected. A `rua=` whose every URI is broken is
 * `dmarc-bad-uri`'s, and `p=none` without `rua=` is `dmarc-p-none`'s.
 */
export const dmarcNoReports: DmarcRule = {
  id: 'dmarc-no-reports',
  severity: 'warning',
  summary: 'An enforcing policy (quarantine or reject) with no rua=: mail that fails is dropped and nobody is told.',
  rfc: 'RFC 9989 §4.7 (rua), RFC 7489 §7.2',
  check(t, report) {
    const p = t.parsed.tags.get('p');
    const policy = policyOf(t.parsed, 'p');
    if (!is(t, 'policy') || !t.parsed.versionValid || !p || (policy !== 'quarantine' && policy !== 'reject')) return;
    const rua = t.parsed.tags.get('rua');
    if (rua && rua.value.trim() !== '') return;
    at(t, report, p.span, `p=${policy} with no rua=: receivers ${policy} mail that fails DMARC and send no aggregate reports, so legitimate mail that fails (a new sender, a forwarder) is lost without anyone hearing; add rua=mailto:<an address you read>`);
  },
};

export const dmarcSpWeaker: DmarcRule = {
  id: 'dmarc-sp-weaker',
  severity: 'info',
  summary: 'sp= or np= asks for less than p=: subdomains are protected less than the domain.',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    if (!is(t, 'policy') || !t.parsed.versionValid) return;
    const p = policyOf(t.parsed, 'p');
    if (!p) return;
    for (const name of ['sp', 'np'] as const) {
      const sub = policyOf(t.parsed, name);
      if (!sub || policyStrength(sub) >= policyStrength(p)) continue;
      const who = name === 'sp' ? 'subdomains' : 'non-existent subdomains, the names spoofers like best,';
      at(t, report, t.parsed.tags.get(name)!.span, `${name}=${sub} is weaker than p=${p}: ${who} get less protection than the domain`);
    }
  },
};

export const dmarcBadUri: DmarcRule = {
  id: 'dmarc-bad-uri',
  severity: 'error',
  summary: 'A rua/ruf entry that is not a URI: no scheme, an unencoded , or !, a bad address.',
  rfc: 'RFC 7489 §6.2',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    for (const [name, uris] of t.parsed.uris) {
      const tag = t.parsed.tags.get(name)!;
      if (intendedValue(t.parsed, tag).value === '') {
        at(t, report, tag.span, `${name}= lists no URI: receivers send no ${name === 'rua' ? 'aggregate' : 'failure'} reports`);
        continue;
      }
      for (const uri of uris) {
        if (!uri.problem) continue;
        const fixes = uri.problem.bareAddress ? addMailto(t, uri.span.start) : [];
        at(t, report, uri.problem.span, `${name}: ${uri.problem.message}`, { fixes });
      }
    }
  },
};

export const dmarcSizeSuffix: DmarcRule = {
  id: 'dmarc-size-suffix',
  severity: 'warning',
  summary: 'A !size limit on a report URI: obsolete in RFC 9989, whose reporters ignore it.',
  rfc: 'RFC 9989 §4.8',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT) || !is9989(t)) return;
    for (const [name, uris] of t.parsed.uris) {
      for (const uri of uris) {
        if (!uri.size) continue;
        at(t, report, uri.size.span, `${name}: the size limit ${uri.size.text} is obsolete in RFC 9989; reporters ignore it`, {
          fixes: removeSpan(t, uri.size.span, `Remove ${uri.size.text}`),
        });
      }
    }
  },
};

export const dmarcTooManyUris: DmarcRule = {
  id: 'dmarc-too-many-uris',
  severity: 'warning',
  summary: 'More than two URIs in rua or ruf: receivers need only report to two.',
  rfc: 'RFC 7489 §6.2',
  check(t, report) {
    if (!is(t, ...DMARC_TEXT)) return;
    for (const [name, uris] of t.parsed.uris) {
      if (uris.length <= 2) continue;
      const extra = { start: uris[2].span.start, end: uris[uris.length - 1].span.end };
      at(t, report, extra, `${uris.length} URIs in ${name}=: receivers need only send to the first two, so these may get no reports`);
    }
  },
};

export const dmarcFoWithoutRuf: DmarcRule = {
  id: 'dmarc-fo-without-ruf',
  severity: 'warning',
  summary: 'fo= without ruf=: failure-report options with nowhere to send failure reports.',
  rfc: 'RFC 9989 §4.7',
  check(t, report) {
    const fo = t.parsed.tags.get('fo');
    if (!is(t, 'policy') || !fo || t.parsed.tags.has('ruf')) return;
    at(t, report, fo.span, 'fo= has no effect without ruf=: receivers ignore it when no failure-report address is given', {
      fixes: removeTag(t, fo),
    });
  },
};

export const dmarcExternalUnauthorized: DmarcRule = {
  id: 'dmarc-external-unauthorized',
  severity: 'warning',
  summary: "A report destination in another organizational domain without (or not known to have) that domain's _report._dmarc authorization.",
  rfc: 'RFC 7489 §7.1',
  check(t, report) {
    const domain = t.parsed.domain;
    if (!is(t, 'policy') || !t.parsed.versionValid || !domain) return;
    for (const [name, uris] of t.parsed.uris) {
      for (const uri of uris) {
        if (uri.problem || !uri.host) continue;
        const status = checkDestination(t.zone, domain, uri.host);
        if (status.status === 'missing') {
          const where = status.file ? ` (${status.file})` : '';
          at(t, report, uri.uriSpan, `${name}: ${bare(uri.host)} is in another organizational domain and its zone${where} has no TXT "v=DMARC1" at ${bare(status.name)}: receivers will not send reports there`, {
            fixes: [{ title: `Add ${bare(status.name)} TXT "v=DMARC1"${where}`, edits: [authorizationInsert(status)], preferred: true }],
          });
        } else if (status.status === 'live-missing') {
          // The zone is not in the workspace, so there is no file to insert the record into.
          const answer = status.rcode === 'NXDOMAIN' ? 'the name does not exist (NXDOMAIN)' : 'no TXT record there starts with v=DMARC1';
          at(t, report, uri.uriSpan, `${name}: ${bare(uri.host)} is in another organizational domain and live DNS has no TXT "v=DMARC1" at ${bare(status.name)} (checked by a TXT query: ${answer}): receivers will not send reports there`);
        } else if (status.status === 'unknown' || status.status === 'live-failed') {
          const why = status.status === 'unknown' ? 'that zone is not loaded' : `the live DNS query failed: ${status.message}`;
          at(t, report, uri.uriSpan, `${name}: ${bare(uri.host)} is in another organizational domain; receivers send reports there only if it publishes TXT "v=DMARC1" at ${bare(status.name)} (not checked: ${why})`, {
            severity: 'info',
          });
        }
      }
    }
  },
};

export const dmarcWrongOwner: DmarcRule = {
  id: 'dmarc-wrong-owner',
  severity: 'warning',
  summary: 'A v=DMARC1 record that is not at _dmarc.<domain>: receivers never look there.',
  rfc: 'RFC 7489 §6.1',
  check(t, report) {
    // A misspelt `_dmarc` label (`_dmark`) is mail-owner-typo's, which names the label.
    if (!is(t, 'misplaced') || ownerTypo(t.record.owner)) return;
    const owner = t.record.owner;
    at(t, report, whole(t), `a DMARC record at ${bare(owner)} is never read: receivers look for the policy of ${bare(owner)} at _dmarc.${bare(owner)}`);
  },
};

export const dmarcNotDmarc: DmarcRule = {
  id: 'dmarc-not-dmarc',
  severity: 'warning',
  summary: 'A TXT record at _dmarc that is not a DMARC record: receivers discard it.',
  rfc: 'RFC 7489 §6.6.3',
  check(t, report) {
    if (!is(t, 'not-dmarc')) return;
    const text = t.txt.text.length > 40 ? `${t.txt.text.slice(0, 40)}…` : t.txt.text;
    at(t, report, whole(t), `'${text}' at ${bare(t.record.owner)} is not a DMARC record (it does not start with v=DMARC1): receivers discard it; TXT records for other purposes belong elsewhere`);
  },
};

export const dmarcRecordRules: readonly DmarcRule[] = [
  dmarcVersion,
  dmarcSyntax,
  dmarcInvalidValue,
  dmarcDuplicateTag,
  dmarcUnknownTag,
  dmarcPctZero,
  dmarcPctPartial,
  dmarcHistoricTag,
  dmarcMissingP,
  dmarcPNotSecond,
  dmarcPNone,
  dmarcNoReports,
  dmarcSpWeaker,
  dmarcBadUri,
  dmarcSizeSuffix,
  dmarcTooManyUris,
  dmarcFoWithoutRuf,
  dmarcFoConflict,
  dmarcExternalUnauthorized,
  dmarcWrongOwner,
  dmarcNotDmarc,
];
