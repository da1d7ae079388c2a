import type { ZoneView } from '../../model/zoneView';
import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, Rule, TextEdit } from '../../rules/rule';
import { addressState, isAuthoritativeFor, parentName, shown } from '../mail/zoneNames';
import { appendPoint, missingSeparators, spaceAroundEquals, validSibling, valueEdits, versionFirstByOwner, versionFirstProblem } from '../mail/strictTags';
import { findTag, repeatedTags, tagRemovalRange } from '../tagList';
import { deleteInTxt, insertInTxt, replaceInTxt } from '../txtEdits';
import { parseMtaSts, type MtaStsRecord } from './parse';
import { nowFrom, POLICY_ID, timestampId } from './policyId';
import { MTASTS_VERSION } from './tags';
import { distinctRecords } from '../../model/rrset';
import type { ZoneRule } from '../../rules/zoneRule';

const VERSION = { version: MTASTS_VERSION, label: 'MTA-STS', article: 'an', readers: 'senders' } as const;

type Target = RecordTarget<MtaStsRecord>;

const fix = (title: string, edits: TextEdit[] | undefined, preferred = true): Fix[] | undefined => (edits ? [{ title, edits, preferred }] : undefined);

export const mtastsSyntax: Rule<Target> = {
  id: 'mtasts-syntax',
  severity: 'error',
  summary: 'The MTA-STS record breaks the RFC 8461 grammar: senders treat the domain as having no policy.',
  rfc: 'RFC 8461 §3.1',
  check({ record, txt, parsed }, report) {
    if (!parsed.announced) return;
    const { list } = parsed;
    const at = (start: number, end: number) => txt.map.toSourceSpan(start, end);
    const missing = missingSeparators(list);
    for (const m of missing) {
      report(at(m.gap.start, m.gap.end), `';' missing before '${m.next}=': '${m.next}' is read as part of the '${m.tag.name}' value`, {
        file: record.file,
        fixes: fix("Insert ';'", replaceInTxt(txt, m.gap, '; ', record.file)),
      });
    }
    for (const error of list.errors) {
      // A value with a missing ';' inside says so once, above; the id's value has mtasts-id-invalid.
      if (error.tag && missing.some((m) => m.tag === error.tag) && (error.kind === 'inner-whitespace' || error.kind === 'bad-value-char')) continue;
      if (error.tag === parsed.id && (error.kind === 'bad-value-char' || error.kind === 'empty-value' || error.kind === 'inner-whitespace')) continue;
      report(at(error.span.start, error.span.end), error.message, { file: record.file });
    }
    for (const tag of list.tags) {
      for (const space of spaceAroundEquals(tag)) {
        report(at(space.start, space.end), `white space around '=' in '${tag.name}': RFC 8461 allows none`, {
          file: record.file,
          fixes: fix('Remove the white space', deleteInTxt(txt, space, record.file)),
        });
      }
    }
    for (const tag of repeatedTags(list)) {
      const first = findTag(list, tag.name)!;
      report(at(tag.span.start, tag.span.end), `'${tag.name}' appears again ('${first.value}' first): senders may read either`, {
        severity: 'warning',
        file: record.file,
        fixes: fix(`Remove the second '${tag.name}'`, deleteInTxt(txt, tagRemovalRange(list, tag), record.file)),
      });
    }
  },
};

export const mtastsVersion: Rule<Target> = {
  id: 'mtasts-version',
  severity: 'error',
  summary: "The MTA-STS record does not begin with exactly 'v=STSv1': senders discard it.",
  rfc: 'RFC 8461 §3.1',
  check({ record, txt, parsed, zone }, report) {
    const problem = versionFirstProblem(parsed, VERSION, shown(record.owner), validSibling(zone, record, 'mtasts', parseMtaSts));
    if (!problem) return;
    const edits = problem.edits && valueEdits(txt, problem.edits, record.file);
    report(txt.map.toSourceSpan(problem.span.start, problem.span.end), problem.message, {
      file: record.file,
      fixes: edits && problem.title ? [{ title: problem.title, edits, preferred: true }] : undefined,
    });
  },
};

export const mtastsIdInvalid: Rule<Target> = {
  id: 'mtasts-id-invalid',
  severity: 'error',
  summary: "The MTA-STS record's id is missing, or not 1 to 32 letters and digits.",
  rfc: 'RFC 8461 §3.1',
  check({ record, txt, parsed, zone }, report) {
    if (!parsed.announced) return;
    const id = parsed.id;
    const file = record.file;
    const fresh = timestampId(nowFrom(zone.options));
    if (!id) {
      // `v=STSv1 id=1` has its id inside the version value; mtasts-syntax reports the missing ';'.
      if (missingSeparators(parsed.list).some((m) => m.next === 'id')) return;
      const wrongCase = findTag(parsed.list, 'id', true);
      if (wrongCase) {
        report(txt.map.toSourceSpan(wrongCase.nameSpan.start, wrongCase.nameSpan.end), `'${wrongCase.name}' is not 'id': field names are case-sensitive, so the record has no id and senders see no policy`, {
          file,
          fixes: fix("Write 'id'", replaceInTxt(txt, wrongCase.nameSpan, 'id', file)),
        });
        return;
      }
      const { at, endsWithSeparator } = appendPoint(txt.text);
      report(txt.map.toSourceSpan(0, txt.text.length), "the record has no 'id': senders cannot tell when the policy changes and treat the domain as having no policy", {
        file,
        fixes: fix(`Add 'id=${fresh}'`, insertInTxt(txt, at, endsWithSeparator ? ` id=${fresh};` : `; id=${fresh}`, file)),
      });
      return;
    }
    if (POLICY_ID.test(id.value)) return;
    const why = id.value.length > 32 ? `has ${id.value.length} characters (at most 32)` : `has characters other than letters and digits ('${[...new Set(id.value.replace(/[A-Za-z0-9]/g, ''))].join('')}')`;
    const span = id.value === '' ? id.span : id.valueSpan;
    const what = id.value === '' ? "'id=' is empty" : `id '${id.value}' ${why}`;
    report(txt.map.toSourceSpan(span.start, span.end), `${what}: an id is 1 to 32 letters and digits, and with an invalid one senders see no policy`, {
      file,
      fixes: fix(`Use the timestamp id '${fresh}'`, replaceInTxt(txt, id.valueSpan, fresh, file)),
    });
  },
};

const byOwner = (view: ZoneView) => versionFirstByOwner(view, 'mtasts', parseMtaSts);

export const mtastsMultipleRecords: ZoneRule = {
  id: 'mtasts-multiple-records',
  severity: 'error',
  summary: 'More than one MTA-STS record at one name: senders then use none of them.',
  rfc: 'RFC 8461 §3.1',
  reads: { kinds: ['mtasts'] },
  check(view, report) {
    for (const [owner, all] of byOwner(view)) {
      // Identical records are one record in DNS (RFC 2181 §5).
      const records = distinctRecords(all);
      if (records.length < 2) continue;
      for (const record of records) {
        report(record.span, `${records.length} MTA-STS records at ${shown(owner)}: senders ignore them all; keep one`, { file: record.file });
      }
    }
  },
};

export const mtastsNoPolicyHost: ZoneRule = {
  id: 'mtasts-no-policy-host',
  severity: 'warning',
  summary: 'The zone has an MTA-STS record but no address for the mta-sts host that serves the policy file.',
  rfc: 'RFC 8461 §3.2',
  // Of content, only the MTA-STS records' (which begin with the version); the host's addresses are the zone's shape.
  reads: { kinds: ['mtasts'] },
  check(view, report) {
    for (const [owner, records] of byOwner(view)) {
      if (!owner.startsWith('_mta-sts.')) continue;
      const domain = parentName(owner)!;
      const host = `mta-sts.${domain}`;
      // A delegated mta-sts host, or a domain this zone does not hold, is answered elsewhere.
      if (!isAuthoritativeFor(view, host)) continue;
      if (addressState(view, host) !== 'none') continue;
      report(records[0].span, `no A, AAAA or CNAME record for ${shown(host)}: senders cannot fetch https://${shown(host)}/.well-known/mta-sts.txt, so the policy is never applied`, {
        file: records[0].file,
      });
    }
  },
};
