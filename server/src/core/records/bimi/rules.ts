import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, Rule, TextEdit } from '../../rules/rule';
import type { TxtValue } from '../../zone/ast';
import { organizationalDomain } from '../mail/orgDomain';
import { validSibling, valueEdits, versionFirstProblem } from '../mail/strictTags';
import { isAuthoritativeFor, shown } from '../mail/zoneNames';
import { findTag, repeatedTags, type Tag } from '../tagList';
import { insertInTxt, replaceInTxt } from '../txtEdits';
import { dmarcAt, notEnforcedBecause } from './dmarcPolicy';
import { parseBimi, type BimiRecord } from './parse';
import { BIMI_IMAGE_EXTENSIONS, BIMI_VERSION } from './tags';

type Target = RecordTarget<BimiRecord>;

const VERSION = { version: BIMI_VERSION, label: 'BIMI', article: 'a', readers: 'mail receivers' } as const;

const fix = (title: string, edits: TextEdit[] | undefined, preferred = true): Fix[] | undefined => (edits ? [{ title, edits, preferred }] : undefined);

const LOCAL_PART_PREFIX = /^[A-Za-z0-9-]{1,63}$/;

/** The URI tags (`l`, `a`) with a value that is one URI: no white space or comma inside. */
function singleUri(tag: Tag): boolean {
  return tag.value !== '' && !/[\s,]/.test(tag.value);
}

export const bimiSyntax: Rule<Target> = {
  id: 'bimi-syntax',
  severity: 'error',
  summary: 'The BIMI record breaks the tag-list grammar, repeats a tag, or has a malformed l=, a=, lps= or avp= value.',
  rfc: 'BIMI draft §5.3',
  check({ record, txt, parsed }, report) {
    if (!parsed.announced) return;
    const { list } = parsed;
    const file = record.file;
    const at = (start: number, end: number) => txt.map.toSourceSpan(start, end);
    for (const error of list.errors) report(at(error.span.start, error.span.end), error.message, { file });
    for (const tag of repeatedTags(list)) {
      report(at(tag.span.start, tag.span.end), `'${tag.name}' appears twice: a tag list with a repeated tag is invalid as a whole (RFC 6376 §3.2), so receivers ignore the record`, { file });
    }
    for (const tag of [parsed.l, parsed.a]) {
      if (!tag || tag.value === '' || singleUri(tag)) continue;
      report(at(tag.valueSpan.start, tag.valueSpan.end), `'${tag.name}=' holds one URI, not a list: white space and commas inside it are not allowed (a comma in a URI is written %2C)`, { file });
    }
    const lps = findTag(list, 'lps');
    if (lps && lps.value !== '') {
      let offset = lps.valueSpan.start;
      for (const part of lps.value.split(',')) {
        const lead = part.length - part.trimStart().length;
        const prefix = part.trim();
        if (!LOCAL_PART_PREFIX.test(prefix)) {
          const start = offset + lead;
          report(at(start, start + Math.max(prefix.length, 1)), `lps prefix '${prefix}' must be 1 to 63 letters, digits or '-'`, { file });
        }
        offset += part.length + 1;
      }
    }
    const avp = findTag(list, 'avp');
    if (avp && avp.value !== 'brand' && avp.value !== 'personal') {
      const lower = avp.value.toLowerCase();
      report(at(avp.valueSpan.start, Math.max(avp.valueSpan.end, avp.valueSpan.start + 1)), `avp '${avp.value}' is not 'brand' or 'personal': receivers ignore it, and may reject the whole record`, {
        severity: 'warning',
        file,
        fixes: lower === 'brand' || lower === 'personal' ? fix(`Write '${lower}'`, replaceInTxt(txt, avp.valueSpan, lower, file)) : undefined,
      });
    }
  },
};

export const bimiVersion: Rule<Target> = {
  id: 'bimi-version',
  severity: 'error',
  summary: "The BIMI record does not begin with the tag v=BIMI1, exactly: receivers ignore it.",
  rfc: 'BIMI draft §5.3',
  check({ record, txt, parsed, zone }, report) {
    // The tag list allows white space around '=' and before the first tag: `v = BIMI1` is fine.
    const problem = versionFirstProblem(parsed, VERSION, shown(record.owner), validSibling(zone, record, 'bimi', parseBimi));
    if (!problem) return;
    const edits = problem.edits && valueEdits(txt, problem.edits, record.file);
    report(txt.map.toSourceSpan(problem.span.start, problem.span.end), problem.message.replace(' (exact, case-sensitive, at the very start)', ' (the value must match exactly)'), {
      file: record.file,
      fixes: edits && problem.title ? [{ title: problem.title, edits, preferred: true }] : undefined,
    });
  },
};

export const bimiMissingL: Rule<Target> = {
  id: 'bimi-missing-l',
  severity: 'error',
  summary: "The BIMI record has no l= tag; it is required, even if empty.",
  rfc: 'BIMI draft §5.3',
  check({ record, txt, parsed }, report) {
    if (!parsed.announced || parsed.l) return;
    const file = record.file;
    const wrongCase = findTag(parsed.list, 'l', true);
    if (wrongCase) {
      report(txt.map.toSourceSpan(wrongCase.nameSpan.start, wrongCase.nameSpan.end), `'${wrongCase.name}' is not 'l': tag names are case-sensitive, so the record has no l= tag`, {
        file,
        fixes: fix("Write 'l'", replaceInTxt(txt, wrongCase.nameSpan, 'l', file)),
      });
      return;
    }
    report(txt.map.toSourceSpan(0, txt.text.length), "the record has no 'l=' tag: give the HTTPS URI of the SVG logo (or 'l=;' with 'a=;' to decline)", { file });
  },
};

/** Where a URI's scheme ends, and the scheme (lower case), or undefined for a URI with none. */
function schemeOf(uri: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1].toLowerCase();
}

function httpsFix(txt: TxtValue, tag: Tag, file: string | undefined): Fix[] | undefined {
  const scheme = schemeOf(tag.value);
  if (scheme === 'http') return fix("Use 'https:'", replaceInTxt(txt, { start: tag.valueSpan.start, end: tag.valueSpan.start + 4 }, 'https', file), false);
  if (scheme !== undefined) return undefined;
  // `//cdn.example.com/logo.svg` or `cdn.example.com/logo.svg`: a host name without a scheme.
  const start = tag.value.startsWith('//') ? 'https:' : 'https://';
  return /^(?:\/\/)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#]|$)/.test(tag.value) ? fix(`Insert '${start}'`, insertInTxt(txt, tag.valueSpan.start, start, file)) : undefined;
}

export const bimiNotHttps: Rule<Target> = {
  id: 'bimi-not-https',
  severity: 'error',
  summary: 'The BIMI l= or a= URI is not an https: URI with a host name.',
  rfc: 'BIMI draft §5.3, §8.3',
  check({ record, txt, parsed }, report) {
    for (const tag of [parsed.l, parsed.a]) {
      if (!tag || !singleUri(tag)) continue;
      const scheme = schemeOf(tag.value);
      const span = txt.map.toSourceSpan(tag.valueSpan.start, tag.valueSpan.end);
      const what = tag.name === 'l' ? 'the logo' : 'the mark certificate';
      if (scheme === 'https') {
        if (!/^https:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\.?(?::\d+)?(?:[/?#]|$)/i.test(tag.value)) {
          report(span, `'${tag.value}' has no fully qualified host name: receivers fetch ${what} from https://host/path`, { file: record.file });
        }
        continue;
      }
      const message = scheme === undefined
        ? `'${tag.value}' has no scheme: receivers fetch ${what} over HTTPS only, so write 'https://…'`
        : `'${scheme}:' is not accepted: receivers fetch ${what} over HTTPS only`;
      report(span, message, { file: record.file, fixes: httpsFix(txt, tag, record.file) });
    }
  },
};

export const bimiNotSvg: Rule<Target> = {
  id: 'bimi-not-svg',
  severity: 'error',
  summary: 'The BIMI l= URI names a file that is not SVG (or SVGZ): receivers treat the record as a permanent error.',
  rfc: 'BIMI draft §5.3.2',
  check({ record, txt, parsed }, report) {
    const l = parsed.l;
    if (!l || !singleUri(l)) return;
    // The path of the URI, without scheme, host, query and fragment.
    const path = l.value.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '').replace(/[?#].*$/, '');
    const ext = /\.([A-Za-z0-9]+)$/.exec(path.split('/').pop() ?? '')?.[1];
    // A URI without an extension may well serve SVG: only a named other format is reported.
    if (!ext || (BIMI_IMAGE_EXTENSIONS as readonly string[]).includes(ext.toLowerCase())) return;
    report(txt.map.toSourceSpan(l.valueSpan.start, l.valueSpan.end), `'.${ext}' is not an SVG file: the logo must be SVG (the SVG Tiny PS profile) or SVGZ, and any other image format is a permanent error`, {
      file: record.file,
    });
  },
};

/** `<selector>._bimi.<domain>` → the author domain, or undefined for a record elsewhere. */
function authorDomain(owner: string): string | undefined {
  const labels = owner.split('.');
  const i = labels.indexOf('_bimi');
  return i > 0 ? labels.slice(i + 1).join('.') || '.' : undefined;
}

export const bimiDmarcNotEnforced: Rule<Target> = {
  id: 'bimi-dmarc-not-enforced',
  severity: 'warning',
  summary: "The domain's DMARC policy is not at enforcement (p=none, sp=none, or quarantine with pct under 100), so receivers show no BIMI logo.",
  rfc: 'BIMI draft §8.1',
  check({ record, txt, parsed, zone }, report) {
    if (!parsed.versionFirst || parsed.declines) return;
    const domain = authorDomain(record.owner);
    if (!domain) return;
    const org = organizationalDomain(domain);
    const rfc9989 = zone.options.dmarcStandard === 'rfc9989';
    const span = txt.map.toSourceSpan(0, txt.text.length);
    const own = dmarcAt(zone, domain);
    const orgRecord = org === domain ? undefined : dmarcAt(zone, org);
    // §8.1 steps 7–9 look at both the author domain's and the organizational domain's record.
    for (const dmarc of [own, orgRecord]) {
      const why = dmarc && notEnforcedBecause(dmarc, rfc9989);
      if (!why) continue;
      report(span, `the DMARC record at ${shown(dmarc.record.owner)} has ${why}: receivers show the logo only under a DMARC policy at enforcement (quarantine at 100% or reject)`, { file: record.file });
      return;
    }
    if (own || orgRecord) return;
    // No DMARC record at all: say so only when this zone is where it would be, so its absence is real.
    const lookups = org === domain ? [domain] : [domain, org];
    if (!lookups.every((d) => isAuthoritativeFor(zone, `_dmarc.${d}`))) return;
    report(span, `no DMARC record at ${lookups.map((d) => `_dmarc.${shown(d)}`).join(' or ')}: receivers show BIMI logos only for mail that passes DMARC under a policy at enforcement`, { file: record.file });
  },
};
