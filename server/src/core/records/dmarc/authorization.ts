/**
 * External report destinations (RFC 7489 §7.1; the DMARC aggregate
 * reporting document, §"Verifying External Destinations"): when a report
 * URI's host lies in another organizational domain than the policy, the
 * receiver asks for TXT at `<policy-domain>._report._dmarc.<host>` and sends
 * reports only if a record there starts with `v=DMARC1`. A wildcard
 * `*._report._dmarc.<host>` authorizes every domain.
 *
 * The answer can be read from a zone file only when that file is
 * authoritative for the name: the analysed zone or another zone the host
 * has loaded (`options.workspace`). Otherwise only a TXT query can say:
 * the live pass (liveCheck.ts) asks it and runs the rule again with the
 * answers attached to the view.
 */
import { ViewAttachment } from '../../model/attachment';
import type { ZoneView } from '../../model/zoneView';
import type { TextEdit } from '../../rules/rule';
import type { ResourceRecord } from '../../zone/ast';
import { isAuthoritativeFor, recordsFor } from '../mail/zoneNames';
import { organizationalDomain } from '../mail/orgDomain';
import { parseTagList } from '../tagList';
import { DMARC_TAG_SYNTAX } from './tags';

export type Authorization =
  /** Same organizational domain: no authorization is needed. */
  | { readonly status: 'internal' }
  | { readonly status: 'authorized'; readonly name: string; readonly records: readonly ResourceRecord[] }
  /** The destination's zone is loaded and has no authorizing record. */
  | { readonly status: 'missing'; readonly name: string; readonly zone: ZoneView; readonly file?: string }
  /** The destination's zone is not loaded. */
  | { readonly status: 'unknown'; readonly name: string }
  /** Not loaded, and live DNS answered with a record that starts with `v=DMARC1`. */
  | { readonly status: 'live-authorized'; readonly name: string }
  /** Not loaded, and live DNS answered without such a record: NXDOMAIN, or NOERROR with none. */
  | { readonly status: 'live-missing'; readonly name: string; readonly rcode: 'NOERROR' | 'NXDOMAIN' }
  /** Not loaded, and the TXT query failed (timeout, SERVFAIL, refused...). */
  | { readonly status: 'live-failed'; readonly name: string; readonly message: string };

/** What a TXT query for an authorization name told the live pass. */
export type LiveAnswer =
  | { readonly result: 'authorized' }
  | { readonly result: 'missing'; readonly rcode: 'NOERROR' | 'NXDOMAIN' }
  | { readonly result: 'failed'; readonly message: string };

/** Live answers by authorization name, per view, while the live pass runs the rule (see {@link withLiveAnswers}). */
const liveAnswers = new ViewAttachment<ReadonlyMap<string, LiveAnswer>>();

/**
 * Runs `run` with the live answers visible to {@link checkDestination} on
 * `view`, and only then: the synchronous analysis, and anything else that
 * reads the view later, never depends on DNS.
 */
export function withLiveAnswers<T>(view: ZoneView, answers: ReadonlyMap<string, LiveAnswer>, run: () => T): T {
  return liveAnswers.during(view, answers, run);
}

/** `<domain>._report._dmarc.<host>`, both absolute. */
export function authorizationName(domain: string, host: string): string {
  return `${domain}_report._dmarc.${host}`;
}

/** RFC 7489 §7.1 step 5: a record that starts with `v=DMARC1` (the rest may override rua/ruf). */
export function authorizes(record: ResourceRecord): boolean {
  return record.type === 'TXT' && record.txt !== undefined && authorizesText(record.txt.text);
}

/** The same test on a TXT record's text (its strings joined), as a DNS answer gives it. */
export function authorizesText(text: string): boolean {
  const first = parseTagList(text, DMARC_TAG_SYNTAX).tags[0];
  return first !== undefined && first.name.toLowerCase() === 'v' && first.value === 'DMARC1';
}

/** Where reports for `domain` sent to `host` stand. */
export function checkDestination(view: ZoneView, domain: string, host: string): Authorization {
  if (organizationalDomain(domain) === organizationalDomain(host)) return { status: 'internal' };
  const name = authorizationName(domain, host);
  const zones: { view: ZoneView; file?: string }[] = [{ view }, ...(view.options.workspace ?? [])];
  const holder = zones.find((z) => isAuthoritativeFor(z.view, name));
  if (!holder) {
    const live = liveAnswers.get(view)?.get(name);
    switch (live?.result) {
      case 'authorized':
        return { status: 'live-authorized', name };
      case 'missing':
        return { status: 'live-missing', name, rcode: live.rcode };
      case 'failed':
        return { status: 'live-failed', name, message: live.message };
      default:
        return { status: 'unknown', name };
    }
  }
  // recordsFor applies wildcard synthesis: `*._report._dmarc.<host>` answers when the name itself does not exist.
  const records = recordsFor(holder.view, name).filter(authorizes);
  if (records.length > 0) return { status: 'authorized', name, records };
  return { status: 'missing', name, zone: holder.view, file: holder.file };
}

/** The edit that appends the authorization record to the end of the destination zone's file. */
export function authorizationInsert(status: Extract<Authorization, { status: 'missing' }>): TextEdit {
  const text = status.zone.zone.text;
  const line = `${status.name} IN TXT "v=DMARC1"\n`;
  const newText = text.length === 0 || text.endsWith('\n') ? line : `\n${line}`;
  return { file: status.file, span: { start: text.length, end: text.length }, newText };
}
