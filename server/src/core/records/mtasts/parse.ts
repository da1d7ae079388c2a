import type { TxtValue } from '../../zone/ast';
import { findTag, parseTagList, type Tag, type TagList } from '../tagList';
import { MTASTS_SYNTAX } from './tags';

export interface MtaStsRecord {
  readonly list: TagList;
  /**
   * True when the text begins with exactly `v=STSv1` followed by `;`, white
   * space or the end: the test senders apply before anything else (RFC 8461 §3.1).
   */
  readonly versionFirst: boolean;
  /** The record means to be MTA-STS: it has a `v` tag (in any case) or an `id` tag. Others are someone else's TXT. */
  readonly announced: boolean;
  readonly id?: Tag;
}

const VERSION_FIRST = /^v=STSv1(?=[ \t;]|$)/;

export function isMtaStsVersionFirst(text: string): boolean {
  return VERSION_FIRST.test(text);
}

export function parseMtaSts(txt: TxtValue | string): MtaStsRecord {
  const text = typeof txt === 'string' ? txt : txt.text;
  const list = parseTagList(text, MTASTS_SYNTAX);
  return {
    list,
    versionFirst: VERSION_FIRST.test(text),
    announced: findTag(list, 'v', true) !== undefined || findTag(list, 'id') !== undefined,
    id: findTag(list, 'id'),
  };
}
