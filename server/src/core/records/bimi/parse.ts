import type { TxtValue } from '../../zone/ast';
import { findTag, parseTagList, type Tag, type TagList } from '../tagList';
import { BIMI_SYNTAX } from './tags';

export interface BimiRecord {
  readonly list: TagList;
  /** The first tag is exactly `v` with the value exactly `BIMI1` (draft §5.3: "MUST match precisely"). */
  readonly versionFirst: boolean;
  /** The record means to be BIMI: it has a `v`, `l` or `a` tag (any case). */
  readonly announced: boolean;
  readonly l?: Tag;
  readonly a?: Tag;
  /** Both `l` and `a` empty (or `a` absent): the domain declines to show a logo (§5.3.1). */
  readonly declines: boolean;
}

export function parseBimi(txt: TxtValue | string): BimiRecord {
  const text = typeof txt === 'string' ? txt : txt.text;
  const list = parseTagList(text, BIMI_SYNTAX);
  const first = list.tags[0];
  const l = findTag(list, 'l');
  const a = findTag(list, 'a');
  return {
    list,
    versionFirst: first !== undefined && first.name === 'v' && first.value === 'BIMI1',
    announced: ['v', 'l', 'a'].some((name) => findTag(list, name, true) !== undefined),
    l,
    a,
    declines: l !== undefined && l.value === '' && (a === undefined || a.value === ''),
  };
}
