import type { Span } from '../text/span';
import type { TextMap } from '../text/textMap';
import type { CharString, ResourceRecord, Token, TxtValue } from './ast';
import { shiftedToken } from './lexer';
import { readRdata } from './rdata';
import { rrType } from './rrtypes';

/** What the parser knows of a record once its entry is read. Absent spans are -1. */
export interface RecordInit {
  readonly file: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly owner: string;
  readonly ownerStart: number;
  readonly ownerEnd: number;
  readonly ttl: number;
  readonly ttlStart: number;
  readonly ttlEnd: number;
  readonly ttlDefaulted: boolean;
  readonly rrClass: string;
  readonly classStart: number;
  readonly classEnd: number;
  readonly type: string;
  readonly typeCode: number;
  readonly typeStart: number;
  readonly typeEnd: number;
  readonly rdata: readonly Token[];
  /** The origin in force, for the presentation form's names. */
  readonly origin: string | undefined;
  readonly txt: TxtValue | undefined;
  readonly targets: readonly string[] | undefined;
  readonly fields: Readonly<Record<string, number | string>> | undefined;
  readonly generated: boolean;
  /** Where the record stands in `Zone.records`. */
  readonly index: number;
  /** How far `rdata` and `txt` lie before the record's spans (see ZoneRecord.pending). */
  readonly pending?: number;
}

const ignore = (): void => undefined;

/**
 * The parser's {@link ResourceRecord}. A zone of a million records keeps a
 * million of these alive, and every object they own is work for the garbage
 * collector on each pass, so a record is one flat object: its spans are
 * numbers, made into {@link Span}s when asked for, and the canonical
 * presentation form — which only `zone print`, the SOA and DNAME singleton
 * checks and zone lookups read — is rebuilt from the rdata tokens on demand.
 */
export class ZoneRecord implements ResourceRecord {
  readonly file: string | undefined;
  readonly owner: string;
  readonly ttl: number;
  readonly rrClass: string;
  readonly type: string;
  readonly typeCode: number;
  private ownRdata: readonly Token[];
  private ownTxt: TxtValue | undefined;
  /**
   * How far this record's tokens and TXT maps lie before where they are: a
   * copy moved by an edit before it moves its spans at once (numbers), and
   * its tokens and maps only when something reads them, which for most of
   * the records after an edit is never.
   */
  private pending: number;
  readonly targets: readonly string[] | undefined;
  readonly fields: Readonly<Record<string, number | string>> | undefined;
  readonly index: number;
  private readonly origin: string | undefined;
  /** The span's ends as numbers, for scans over every record that should not make a span object each. */
  readonly start: number;
  readonly end: number;
  private readonly ownerStart: number;
  private readonly ownerEnd: number;
  private readonly ttlStart: number;
  private readonly ttlEnd: number;
  private readonly classStart: number;
  private readonly classEnd: number;
  private readonly typeStart: number;
  private readonly typeEnd: number;
  /** Bit 0: the TTL was defaulted; bit 1: the record came from `$GENERATE`. */
  private readonly flags: number;

  constructor(init: RecordInit) {
    this.file = init.file;
    this.owner = init.owner;
    this.ttl = init.ttl;
    this.rrClass = init.rrClass;
    this.type = init.type;
    this.typeCode = init.typeCode;
    this.ownRdata = init.rdata;
    this.ownTxt = init.txt;
    this.pending = init.pending ?? 0;
    this.targets = init.targets;
    this.fields = init.fields;
    this.index = init.index;
    this.origin = init.origin;
    this.start = init.start;
    this.end = init.end;
    this.ownerStart = init.ownerStart;
    this.ownerEnd = init.ownerEnd;
    this.ttlStart = init.ttlStart;
    this.ttlEnd = init.ttlEnd;
    this.classStart = init.classStart;
    this.classEnd = init.classEnd;
    this.typeStart = init.typeStart;
    this.typeEnd = init.typeEnd;
    this.flags = (init.ttlDefaulted ? 1 : 0) | (init.generated ? 2 : 0);
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get ownerSpan(): Span | undefined {
    return this.ownerStart < 0 ? undefined : { start: this.ownerStart, end: this.ownerEnd };
  }

  get ttlSpan(): Span | undefined {
    return this.ttlStart < 0 ? undefined : { start: this.ttlStart, end: this.ttlEnd };
  }

  get classSpan(): Span | undefined {
    return this.classStart < 0 ? undefined : { start: this.classStart, end: this.classEnd };
  }

  get typeSpan(): Span {
    return { start: this.typeStart, end: this.typeEnd };
  }

  get ttlDefaulted(): boolean | undefined {
    return this.flags & 1 ? true : undefined;
  }

  get generated(): boolean | undefined {
    return this.flags & 2 ? true : undefined;
  }

  /** The origin in force where the record was written. */
  get writtenUnder(): string | undefined {
    return this.origin;
  }

  get rdata(): readonly Token[] {
    if (this.pending !== 0) this.settle();
    return this.ownRdata;
  }

  get txt(): TxtValue | undefined {
    if (this.pending !== 0) this.settle();
    return this.ownTxt;
  }

  /** Moves the tokens and TXT maps to where the spans are. Tokens the TXT strings share with the rdata stay shared. */
  private settle(): void {
    const delta = this.pending;
    const moved = new Map<Token, Token>();
    const token = (t: Token): Token => {
      let m = moved.get(t);
      if (!m) moved.set(t, (m = shiftedToken(t, delta)));
      return m;
    };
    this.ownTxt = this.ownTxt && shiftedTxt(this.ownTxt, delta, token);
    this.ownRdata = this.ownRdata.map(token);
    this.pending = 0;
  }

  /** This record over a source whose text moved by `delta` (an edit before it): the same record with every span moved. */
  shifted(delta: number): ZoneRecord {
    const at = (n: number): number => (n < 0 ? n : n + delta);
    return new ZoneRecord({
      file: this.file,
      start: this.start + delta,
      end: this.end + delta,
      owner: this.owner,
      ownerStart: at(this.ownerStart),
      ownerEnd: at(this.ownerEnd),
      ttl: this.ttl,
      ttlStart: at(this.ttlStart),
      ttlEnd: at(this.ttlEnd),
      ttlDefaulted: (this.flags & 1) !== 0,
      rrClass: this.rrClass,
      classStart: at(this.classStart),
      classEnd: at(this.classEnd),
      type: this.type,
      typeCode: this.typeCode,
      typeStart: this.typeStart + delta,
      typeEnd: this.typeEnd + delta,
      // The unmoved tokens and maps, with how far they have to go.
      rdata: this.ownRdata,
      txt: this.ownTxt,
      pending: this.pending + delta,
      origin: this.origin,
      targets: this.targets,
      fields: this.fields,
      generated: (this.flags & 2) !== 0,
      index: this.index,
    });
  }

  get presentation(): string {
    return readRdata(rrType(this.type)?.type, this.type, this.rdata, this.origin, ignore, this.typeSpan).presentation;
  }
}

/** A TXT value over a moved source; a one-string value keeps sharing its string's map. */
function shiftedTxt(txt: TxtValue, delta: number, token: (t: Token) => Token): TxtValue {
  const maps = new Map<TextMap, TextMap>();
  const map = (m: TextMap): TextMap => {
    let moved = maps.get(m);
    if (!moved) maps.set(m, (moved = m.shifted(delta)));
    return moved;
  };
  const strings: CharString[] = txt.strings.map((s) => ({ token: token(s.token), value: s.value, octets: s.octets, map: map(s.map) }));
  return { strings, text: txt.text, map: map(txt.map) };
}
