import type { ResourceRecord } from '../zone/ast';
import { kindForOwner, kindForText, mailKindOf, type MailKind } from '../zone/mailKind';

export { MAIL_KINDS, kindForOwner, kindForText, type MailKind } from '../zone/mailKind';

/**
 * Classifies a TXT (or SPF-type) record by owner name and content, the way
 * receivers find it: they look each kind up at its own name, so the owner
 * decides at the reserved names (a TXT at `_dmarc` is read as DMARC whatever
 * it says, so `dmarc-not-dmarc` can speak about it), and elsewhere the
 * version tag decides. A record at a reserved name that announces another
 * kind (`v=spf1` at `_dmarc`, a DKIM key under `_bimi`) is no record of
 * either kind: the receivers of the owner's kind discard it and those of the
 * text's kind never look there. {@link misplacedKind} names it, and
 * `mail-misplaced-record` speaks about it.
 */
export function classify(record: ResourceRecord): MailKind | undefined {
  return record.txt ? mailKindOf(record.type, record.owner, record.txt.text) : undefined;
}

/** The kind a record's text announces when its owner is reserved for another kind (`v=spf1` at `_dmarc`). */
export function misplacedKind(record: ResourceRecord): { readonly found: MailKind; readonly owner: MailKind } | undefined {
  if (!record.txt || record.type !== 'TXT') return undefined;
  const byText = kindForText(record.txt.text);
  if (!byText) return undefined;
  const byOwner = kindForOwner(record.owner);
  return byOwner && byOwner !== byText ? { found: byText, owner: byOwner } : undefined;
}
