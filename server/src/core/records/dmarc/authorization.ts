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
 * has loaded (`options.workspace`).
 */
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
  | { readonly status: 'unknown'; readonly name: string };

/** `<domain>._report._dmarc.<host>`, both absolute. */
export function authorizationName(domain: string, host: string): string {
  return `${domain}_report._dmarc.${host}`;
}

/** RFC 7489 §7.1 step 5: a record that starts with `v=DMARC1` (the rest may override rua/ruf). */
export function authorizes(record: ResourceRecord): boolean {
  if (record.type !== 'TXT' || !record.txt) return false;
  const first = parseTagList(record.txt.text, DMARC_TAG_SYNTAX).tags[0];
  return first !== undefined && first.name.toLowerCase() === 'v' && first.value === 'DMARC1';
}

/** Where reports for `domain` sent to `host` stand. */
export function checkDestination(view: ZoneView, domain: string, host: string): Authorization {
  if (organizationalDomain(domain) === organizationalDomain(host)) return { status: 'internal' };
  const name = authorizationName(domain, host);
  const zones: { view: ZoneView; file?: string }[] = [{ view }, ...(view.options.workspace ?? [])];
  const holder = zones.find((z) => isAuthoritativeFor(z.view, name));
  if (!holder) return { status: 'unknown', name };
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
