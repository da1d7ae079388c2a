import type { MailKind } from '../model/classify';
import type { ZoneView } from '../model/zoneView';
import type { ResourceRecord, TxtValue } from '../zone/ast';
import type { ValueCompletion, ValueHover } from '../text/answers';
import type { Rule } from './rule';
import type { ZoneRule } from './zoneRule';

/** What a per-record rule sees: the record, its text, its parse, and the zone around it. */
export interface RecordTarget<P> {
  readonly record: ResourceRecord;
  readonly txt: TxtValue;
  readonly parsed: P;
  readonly zone: ZoneView;
}

/**
 * One module per mail record kind (`records/spf`, `records/dkim`, ...): how to
 * parse its text, and its rules. The analyser parses each record once and
 * hands the result to every rule of its kind.
 */
export interface RecordModule<P> {
  readonly kind: MailKind;
  parse(txt: TxtValue, record: ResourceRecord): P;
  /** Rules run once per record of this kind. */
  readonly rules: readonly Rule<RecordTarget<P>>[];
  /** Rules that look across records (duplicates at one owner, cross-record checks). */
  readonly zoneRules?: readonly ZoneRule[];
  /**
   * Hover at `offset` in the record's value text (the joined, unescaped
   * strings): the tag, mechanism or value there, explained from the same
   * table the parser and rules read.
   */
  hover?(target: RecordTarget<P>, offset: number): ValueHover | undefined;
  /** Completion at `offset` in the value text: what may stand there. */
  complete?(target: RecordTarget<P>, offset: number): ValueCompletion | undefined;
}
