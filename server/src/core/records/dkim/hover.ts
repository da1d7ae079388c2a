/**
 * Hover and completion inside DKIM key records, from the tag table; on
 * `p=`, what the key is: its type and size, read by the key reader.
 */
import { rfcLink, type ValueCompletion, type ValueHover } from '../../text/answers';
import type { RecordTarget } from '../../rules/recordModule';
import { shortHoverMarkdown } from '../mail/hoverText';
import { tagComplete, tagHover } from '../mail/tagHover';
import { describeKey } from './key';
import type { DkimRecord } from './parse';
import { DKIM_TAGS, dkimTag } from './tags';

function keyText(parsed: DkimRecord): string {
  const { key } = parsed;
  switch (key.status) {
    case 'absent':
      return 'no key';
    case 'revoked':
      return 'empty: the key is revoked';
    case 'bad-base64':
      return key.message;
    case 'decoded':
      return `${describeKey(key.key)}, ${key.bytes.length} bytes`;
  }
}

/** What verifiers do with the key, in one line, for the states where that is not plain. */
function keyUse(parsed: DkimRecord): string | undefined {
  switch (parsed.key.status) {
    case 'revoked':
      return 'Verifiers treat signatures with this selector as failing (RFC 6376 §3.6.1).';
    case 'bad-base64':
      return 'Verifiers cannot read the key, so signatures with this selector fail.';
    default:
      return undefined;
  }
}

export function dkimHover(target: RecordTarget<DkimRecord>, offset: number): ValueHover | undefined {
  const p = target.parsed.tags.get('p');
  if (p && offset > p.equals && offset <= p.valueSpan.end) {
    const info = dkimTag('p')!;
    const markdown = shortHoverMarkdown({
      title: 'p=',
      meaning: `the public key: ${keyText(target.parsed)}.`,
      resolved: [keyUse(target.parsed)],
      links: [rfcLink(info.rfc)],
      details: [info.summary, `\`${info.grammar}\``, 'Required.'],
    });
    return { start: p.valueSpan.start, end: p.valueSpan.end, markdown };
  }
  return tagHover(DKIM_TAGS, target.parsed.list, offset);
}

/** Completion offers the current tags only: `g=` is historic. */
const CURRENT_TAGS = DKIM_TAGS.filter((t) => !t.historic);

export function dkimComplete(target: RecordTarget<DkimRecord>, offset: number): ValueCompletion | undefined {
  // An empty record: the generic completion offers the version start (`v=DKIM1; `).
  if (target.parsed.list.tags.length === 0) return undefined;
  return tagComplete(CURRENT_TAGS, target.parsed.list, offset);
}
