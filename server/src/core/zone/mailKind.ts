/**
 * Which mail-authentication record a TXT value at an owner is, told from the
 * two things a receiver goes by: the name it looks the record up at and the
 * version tag the text starts with. It lives beside the parser, below the
 * model, because the parser marks each record's kind while the text is in
 * hand: the view then groups records by kind without reading their text
 * again (model/classify.ts builds the record-level questions on it).
 */

/** The mail-authentication record kinds Mailzone understands. */
export type MailKind = 'spf' | 'dkim' | 'dmarc' | 'mtasts' | 'tlsrpt' | 'bimi';

/** Every mail kind, in a fixed order: a kind's position here plus one is its code in a record's flags. */
export const MAIL_KINDS: readonly MailKind[] = ['spf', 'dkim', 'dmarc', 'mtasts', 'tlsrpt', 'bimi'];

/** How each kind announces itself in its text: the version tag, matched as each spec says. */
const VERSION_TAGS: ReadonlyArray<{ kind: MailKind; pattern: RegExp }> = [
  // RFC 7208 §4.5: exactly "v=spf1" followed by a space or the end; case-insensitive (§12).
  { kind: 'spf', pattern: /^v=spf1(?: |$)/i },
  { kind: 'dmarc', pattern: /^\s*v\s*=\s*DMARC1\b/i },
  { kind: 'dkim', pattern: /^\s*v\s*=\s*DKIM1\b/i },
  { kind: 'mtasts', pattern: /^\s*v\s*=\s*STSv1\b/i },
  { kind: 'tlsrpt', pattern: /^\s*v\s*=\s*TLSRPTv1\b/i },
  { kind: 'bimi', pattern: /^\s*v\s*=\s*BIMI1\b/i },
];

/** The owner-name prefixes at which each kind is published. */
export function kindForOwner(owner: string): MailKind | undefined {
  // Read label by label without splitting: every TXT record of a zone passes here, most of them no mail record.
  if (hasFirstLabels(owner, '_dmarc')) return 'dmarc';
  if (hasFirstLabels(owner, '_mta-sts')) return 'mtasts';
  if (hasFirstLabels(owner, '_smtp._tls')) return 'tlsrpt';
  // ADSP's `_adsp._domainkey` (RFC 5617, Historic) is no selector: mail-historic-record speaks about it.
  if (hasFirstLabels(owner, '_adsp._domainkey')) return undefined;
  // A selector may have several labels: <selector>._domainkey.<domain>.
  if (hasInnerLabel(owner, '_domainkey')) return 'dkim';
  if (hasInnerLabel(owner, '_bimi')) return 'bimi';
  return undefined;
}

/** `name` starts with the labels `labels` (`_smtp._tls` for `_smtp._tls.example.`). */
function hasFirstLabels(name: string, labels: string): boolean {
  return name.startsWith(labels) && (name.length === labels.length || name.charCodeAt(labels.length) === 46);
}

/** `name` has `label` as one of its labels after the first. */
function hasInnerLabel(name: string, label: string): boolean {
  const at = name.indexOf(`.${label}`);
  if (at < 0) return false;
  const after = at + label.length + 1;
  return after === name.length || name.charCodeAt(after) === 46 || hasInnerLabel(name.slice(after), label);
}

export function kindForText(text: string): MailKind | undefined {
  // Every version tag starts with `v` after optional blanks: most TXT records are decided by one character.
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  const c = text.charCodeAt(i);
  if (c !== 118 && c !== 86) return undefined;
  for (const { kind, pattern } of VERSION_TAGS) if (pattern.test(text)) return kind;
  return undefined;
}

/**
 * The kind of a record of type `type` at `owner` whose character-strings
 * join to `text`, the way receivers find it: they look each kind up at its
 * own name, so the owner decides at the reserved names (a TXT at `_dmarc` is
 * read as DMARC whatever it says, so `dmarc-not-dmarc` can speak about it),
 * and elsewhere the version tag decides. A record at a reserved name that
 * announces another kind (`v=spf1` at `_dmarc`, a DKIM key under `_bimi`) is
 * no record of either kind: the receivers of the owner's kind discard it and
 * those of the text's kind never look there.
 */
export function mailKindOf(type: string, owner: string, text: string): MailKind | undefined {
  const byText = kindForText(text);
  if (type === 'SPF') return byText === 'spf' ? 'spf' : undefined;
  const byOwner = kindForOwner(owner);
  if (byOwner && byText && byText !== byOwner) return undefined;
  return byOwner ?? byText;
}
