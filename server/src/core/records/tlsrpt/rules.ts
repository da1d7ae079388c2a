import type { RecordTarget } from '../../rules/recordModule';
import type { Fix, Rule, TextEdit } from '../../rules/rule';
import { missingSeparators, spaceAroundEquals, validSibling, valueEdits, versionFirstByOwner, versionFirstProblem } from '../mail/strictTags';
import { shown } from '../mail/zoneNames';
import { findTag, repeatedTags, tagRemovalRange } from '../tagList';
import { deleteInTxt, insertInTxt, replaceInTxt } from '../txtEdits';
import { parseTlsRpt, type TlsRptRecord } from './parse';
import { TLSRPT_VERSION } from './tags';
import { distinctRecords } from '../../model/rrset';
import type { ZoneRule } from '../../rules/zoneRule';

type Target = RecordTarget<TlsRptRecord>;

const VERSION = { version: TLSRPT_VERSION, label: 'TLS-RPT', article: 'a', readers: 'senders' } as const;

const fix = (title: string, edits: TextEdit[] | undefined, preferred = true): Fix[] | undefined => (edits ? [{ title, edits, preferred }] : undefined);

export const tlsrptSyntax: Rule<Target> = {
  id: 'tlsrpt-syntax',
  severity: 'error',
  summary: 'The TLS-RPT record breaks the RFC 8460 grammar: senders send no reports.',
  rfc: 'RFC 8460 §3',
  check({ record, txt, parsed }, report) {
    if (!parsed.announced) return;
    const { list } = parsed;
    const file = record.file;
    const at = (start: number, end: number) => txt.map.toSourceSpan(start, end);
    const missing = missingSeparators(list);
    for (const m of missing) {
      report(at(m.gap.start, m.gap.end), `';' missing before '${m.next}=': '${m.next}' is read as part of the '${m.tag.name}' value`, {
        file,
        fixes: fix("Insert ';'", replaceInTxt(txt, m.gap, '; ', file)),
      });
    }
    const broken = new Set(missing.map((m) => m.tag));
    for (const error of list.errors) {
      if (error.tag && broken.has(error.tag)) continue;
      // An empty rua is tlsrpt-missing-rua's to report.
      if (error.kind === 'empty-value' && error.tag?.name === 'rua') continue;
      report(at(error.span.start, error.span.end), error.message, { file });
    }
    for (const tag of list.tags) {
      for (const space of spaceAroundEquals(tag)) {
        report(at(space.start, space.end), `white space around '=' in '${tag.name}': RFC 8460 allows none`, {
          file,
          fixes: fix('Remove the white space', deleteInTxt(txt, space, file)),
        });
      }
      if (broken.has(tag)) continue;
      const value = txt.text.slice(tag.valueSpan.start, tag.valueSpan.end);
      if (tag === parsed.rua) {
        // Inside the list, white space may only surround the commas: elsewhere a comma is missing.
        for (const uri of parsed.uris) {
          for (const m of uri.text.matchAll(/[ \t]+/g)) {
            const gap = { start: uri.span.start + m.index!, end: uri.span.start + m.index! + m[0].length };
            report(at(gap.start, gap.end), "white space inside a report URI: separate URIs with ','", {
              file,
              fixes: fix("Insert ','", replaceInTxt(txt, gap, ',', file)),
            });
          }
        }
        continue;
      }
      // Extension values (RFC 8460 §3 tlsrpt-ext-value) exclude '=' and white space, which the shared parser let through for rua.
      for (const m of value.matchAll(/[ \t]+|=+/g)) {
        const start = tag.valueSpan.start + m.index!;
        const what = m[0].startsWith('=') ? "'='" : 'white space';
        report(at(start, start + m[0].length), `${what} is not allowed in the value of '${tag.name}'`, { file });
      }
    }
    for (const tag of repeatedTags(list)) {
      const first = findTag(list, tag.name)!;
      report(at(tag.span.start, tag.span.end), `'${tag.name}' appears again ('${first.value}' first): senders may read either`, {
        severity: 'warning',
        file,
        fixes: fix(`Remove the second '${tag.name}'`, deleteInTxt(txt, tagRemovalRange(list, tag), file)),
      });
    }
  },
};

export const tlsrptVersion: Rule<Target> = {
  id: 'tlsrpt-version',
  severity: 'error',
  summary: "The TLS-RPT record does not begin with exactly 'v=TLSRPTv1': senders discard it.",
  rfc: 'RFC 8460 §3',
  check({ record, txt, parsed, zone }, report) {
    const problem = versionFirstProblem(parsed, VERSION, shown(record.owner), validSibling(zone, record, 'tlsrpt', parseTlsRpt));
    if (!problem) return;
    const edits = problem.edits && valueEdits(txt, problem.edits, record.file);
    report(txt.map.toSourceSpan(problem.span.start, problem.span.end), problem.message, {
      file: record.file,
      fixes: edits && problem.title ? [{ title: problem.title, edits, preferred: true }] : undefined,
    });
  },
};

export const tlsrptMissingRua: Rule<Target> = {
  id: 'tlsrpt-missing-rua',
  severity: 'error',
  summary: "The TLS-RPT record has no 'rua' (or an empty one): there is nowhere to send reports.",
  rfc: 'RFC 8460 §3',
  check({ record, txt, parsed }, report) {
    if (!parsed.announced) return;
    const file = record.file;
    const rua = parsed.rua;
    if (rua) {
      if (rua.value === '') report(txt.map.toSourceSpan(rua.span.start, rua.span.end), "'rua=' is empty: the record must name at least one mailto: or https: URI", { file });
      return;
    }
    // `v=TLSRPTv1 rua=…` has its rua inside the version value; tlsrpt-syntax reports the missing ';'.
    if (missingSeparators(parsed.list).some((m) => m.next === 'rua')) return;
    const wrongCase = findTag(parsed.list, 'rua', true);
    if (wrongCase) {
      report(txt.map.toSourceSpan(wrongCase.nameSpan.start, wrongCase.nameSpan.end), `'${wrongCase.name}' is not 'rua': field names are case-sensitive, so the record has no rua`, {
        file,
        fixes: fix("Write 'rua'", replaceInTxt(txt, wrongCase.nameSpan, 'rua', file)),
      });
      return;
    }
    const ruf = findTag(parsed.list, 'ruf');
    if (ruf) {
      report(txt.map.toSourceSpan(ruf.nameSpan.start, ruf.nameSpan.end), "the record has no 'rua': 'ruf' is DMARC's failure-report tag, and TLS-RPT has only rua", {
        file,
        fixes: fix("Write 'rua'", replaceInTxt(txt, ruf.nameSpan, 'rua', file)),
      });
      return;
    }
    report(txt.map.toSourceSpan(0, txt.text.length), "the record has no 'rua': it must name where reports go (rua=mailto:… or rua=https://…)", { file });
  },
};

/** A DMARC-style size limit (`!10m`, RFC 7489 §6.2) that TLS-RPT does not have. */
const SIZE_SUFFIX = /!\d*[kmgt]?$/i;

export const tlsrptBadUri: Rule<Target> = {
  id: 'tlsrpt-bad-uri',
  severity: 'error',
  summary: "A 'rua' entry is not a mailto: or https: URI.",
  rfc: 'RFC 8460 §3',
  check({ record, txt, parsed }, report) {
    if (!parsed.rua || missingSeparators(parsed.list).some((m) => m.tag === parsed.rua)) return;
    const file = record.file;
    const uris = parsed.uris;
    uris.forEach((uri, i) => {
      const span = txt.map.toSourceSpan(uri.span.start, uri.span.end);
      if (uri.text === '') {
        // Remove the comma that leaves this item empty: the one before it, or after it for the first item.
        const range = i > 0 ? { start: uris[i - 1].span.end, end: uri.span.end } : { start: uri.span.start, end: uris[1]?.span.start ?? uri.span.end };
        report(txt.map.toSourceSpan(range.start, range.end), "empty entry in the 'rua' list: an extra ','", { file, fixes: fix("Remove the extra ','", deleteInTxt(txt, range, file)) });
        return;
      }
      if (/[ \t]/.test(uri.text)) return; // tlsrpt-syntax: a missing comma
      const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri.text)?.[1];
      if (!scheme) {
        if (uri.text.includes('@')) {
          report(span, `'${uri.text}' has no scheme: a mail address is written 'mailto:${uri.text}'`, {
            file,
            fixes: fix("Insert 'mailto:'", insertInTxt(txt, uri.span.start, 'mailto:', file)),
          });
        } else {
          report(span, `'${uri.text}' is not a URI: reports go to mailto: or https: URIs`, { file });
        }
        return;
      }
      const rest = uri.text.slice(scheme.length + 1);
      switch (scheme.toLowerCase()) {
        case 'mailto': {
          const size = SIZE_SUFFIX.exec(rest);
          if (size) {
            const start = uri.span.end - size[0].length;
            report(span, `'${size[0]}' is a DMARC-style size limit: TLS-RPT has none, and a '!' in a URI must be written '%21'`, {
              file,
              fixes: fix(`Remove '${size[0]}'`, deleteInTxt(txt, { start, end: uri.span.end }, file)),
            });
            return;
          }
          const address = rest.split('?')[0];
          if (!/^[^@]+@[^@.]+(?:\.[^@.]+)+$/.test(address)) report(span, `'${uri.text}' has no mail address (local-part@domain) after 'mailto:'`, { file });
          return;
        }
        case 'https':
          if (!/^\/\/[^/?#]+/.test(rest)) report(span, `'${uri.text}' has no host: an https URI is 'https://host/path'`, { file });
          return;
        case 'http':
          report(span, `'${uri.text}': reports are sent over https only`, {
            file,
            // Not preferred: the report endpoint has to answer on https first.
            fixes: fix("Use 'https:'", replaceInTxt(txt, { start: uri.span.start, end: uri.span.start + 4 }, 'https', file), false),
          });
          return;
        default:
          report(span, `'${scheme}:' is not a TLS-RPT scheme: reports go to mailto: or https: URIs`, { file });
      }
    });
  },
};

export const tlsrptMultipleRecords: ZoneRule = {
  id: 'tlsrpt-multiple-records',
  severity: 'error',
  summary: 'More than one TLS-RPT record at one name: senders then send no reports.',
  rfc: 'RFC 8460 §3',
  reads: { kinds: ['tlsrpt'] },
  check(view, report) {
    for (const [owner, all] of versionFirstByOwner(view, 'tlsrpt', parseTlsRpt)) {
      // Identical records are one record in DNS (RFC 2181 §5).
      const records = distinctRecords(all);
      if (records.length < 2) continue;
      for (const record of records) {
        report(record.span, `${records.length} TLS-RPT records at ${shown(owner)}: senders ignore them all; list every URI in one record's rua`, { file: record.file });
      }
    }
  },
};
