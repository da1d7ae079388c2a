import type { Span } from '../text/span';
import type { TextMap } from '../text/textMap';
import type { CharString, ResourceRecord, Token, TxtValue } from './ast';
import { EntryLexer, shiftedToken } from './lexer';
import { MAIL_KINDS, type MailKind } from './mailKind';
import { readRdata } from './rdata';
import { rrType } from './rrtypes';

/** What the parser knows of a record once its entry is read. Absent spans are -1. */
export interface RecordInit {
  readonly file: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly owner: string;
  /** The owner's id in the parse's NameTable (`Zone.names`). */
  readonly ownerId: number;
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
  /** The origin in force, for the presentation form's names. */
  readonly origin: string | undefined;
  /** The content read at parse time, kept when {@link source} is absent or the record is one rules read again. */
  readonly content: RecordContent | undefined;
  /**
   * The text of the file the record was read from, when its content is to
   * be read again from there on demand, with where its entry's lexing began
   * (`lexStart`) and how many of the entry's tokens come before the rdata
   * (`skip`). Absent for `$GENERATE` records, whose text is not in the source.
   */
  readonly source?: string;
  readonly lexStart?: number;
  readonly skip?: number;
  /** What the content has, so that a reader asking for an absent part is answered without reading it. */
  readonly hasTxt: boolean;
  readonly hasTargets: boolean;
  readonly hasFields: boolean;
  /** The mail kind of a TXT or SPF record (zone/mailKind.ts), or undefined. */
  readonly kind: MailKind | undefined;
  readonly generated: boolean;
  /** Where the record stands in `Zone.records`. */
  readonly index: number;
  /** How far `content`'s tokens and maps lie before the record's spans (see ZoneRecord.pending). */
  readonly pending?: number;
}

/** A record's rdata as read: its tokens and what the type's reader made of them. */
export interface RecordContent {
  readonly rdata: readonly Token[];
  readonly txt: TxtValue | undefined;
  readonly targets: readonly string[] | undefined;
  readonly fields: Readonly<Record<string, number | string>> | undefined;
}

/** Flag bits of a record. */
const TTL_DEFAULTED = 1;
const GENERATED = 2;
const HAS_TXT = 4;
const HAS_TARGETS = 8;
const HAS_FIELDS = 16;
/** The mail kind's position in MAIL_KINDS plus one, in the bits from here up (0: none). */
const KIND_SHIFT = 5;

const ignore = (): void => undefined;

/**
 * The parser's {@link ResourceRecord}. A zone of a million records keeps a
 * million of these alive, and every object they own is work for the garbage
 * collector on each pass, so a record is one flat object: its spans are
 * numbers, made into {@link Span}s when asked for, and the canonical
 * presentation form — which only `zone print`, the SOA and DNAME singleton
 * checks and zone lookups read — is rebuilt from the rdata tokens on demand.
 *
 * Most records' content (rdata tokens, TXT value, fields, targets) is not
 * kept either: a record holds where its entry is in its file's text and
 * reads it again, with the lexer and the type's reader, each time it is
 * asked for; the parse read it once already, and reading is deterministic,
 * so what comes back is what the parse saw. Only the records that rules read
 * again and again keep what the parse read (see `keepsContent` in
 * parser.ts): TXT records and the names mail is routed by.
 */
export class ZoneRecord implements ResourceRecord {
  readonly file: string | undefined;
  readonly owner: string;
  /** The owner's id in the parse's NameTable (`Zone.names`), shared by every record at the name. */
  readonly ownerId: number;
  readonly ttl: number;
  readonly rrClass: string;
  readonly type: string;
  readonly typeCode: number;
  /** The content, when it is kept (see the class comment); otherwise read from `source` on demand. */
  private content: RecordContent | undefined;
  private source: string | undefined;
  private readonly lexStart: number;
  private readonly skip: number;
  /**
   * How far this record's tokens and TXT maps lie before where they are: a
   * copy moved by an edit before it moves its spans at once (numbers), and
   * its tokens and maps only when something reads them, which for most of
   * the records after an edit is never.
   */
  private pending: number;
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
  /** TTL_DEFAULTED, GENERATED, what the content has, and the mail kind (see the constants above). */
  private readonly flags: number;

  constructor(init: RecordInit) {
    this.file = init.file;
    this.owner = init.owner;
    this.ownerId = init.ownerId;
    this.ttl = init.ttl;
    this.rrClass = init.rrClass;
    this.type = init.type;
    this.typeCode = init.typeCode;
    this.content = init.content;
    this.source = init.source;
    this.lexStart = init.lexStart ?? 0;
    this.skip = init.skip ?? 0;
    this.pending = init.pending ?? 0;
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
    this.flags =
      (init.ttlDefaulted ? TTL_DEFAULTED : 0) |
      (init.generated ? GENERATED : 0) |
      (init.hasTxt ? HAS_TXT : 0) |
      (init.hasTargets ? HAS_TARGETS : 0) |
      (init.hasFields ? HAS_FIELDS : 0) |
      ((init.kind === undefined ? 0 : MAIL_KINDS.indexOf(init.kind) + 1) << KIND_SHIFT);
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
    return this.flags & TTL_DEFAULTED ? true : undefined;
  }

  get generated(): boolean | undefined {
    return this.flags & GENERATED ? true : undefined;
  }

  /** The mail kind the parse found for a TXT or SPF record (zone/mailKind.ts): what `classify` gives, without reading the text again. */
  get mailKind(): MailKind | undefined {
    const code = this.flags >> KIND_SHIFT;
    return code === 0 ? undefined : MAIL_KINDS[code - 1];
  }

  /** The origin in force where the record was written. */
  get writtenUnder(): string | undefined {
    return this.origin;
  }

  get rdata(): readonly Token[] {
    return this.read().rdata;
  }

  get txt(): TxtValue | undefined {
    return this.flags & HAS_TXT ? this.read().txt : undefined;
  }

  get targets(): readonly string[] | undefined {
    return this.flags & HAS_TARGETS ? this.read().targets : undefined;
  }

  get fields(): Readonly<Record<string, number | string>> | undefined {
    return this.flags & HAS_FIELDS ? this.read().fields : undefined;
  }

  /** The kept content, moved to where the spans are, or the content read again from the source. */
  private read(): RecordContent {
    if (this.content) {
      if (this.pending !== 0) this.settle(this.content);
      return this.content;
    }
    // The entry is lexed again from where its lexing began, which gives the tokens the parse saw: the lexer
    // reads nothing before that offset. The reader is the parse's, and its problems were reported then.
    const entry = new EntryLexer(this.source!, this.lexStart).next();
    const rdata = entry ? entry.tokens.slice(this.skip) : [];
    const read = readRdata(rrType(this.type)?.type, this.type, rdata, this.origin, ignore, this.typeSpan);
    return { rdata, txt: read.txt, targets: read.targets, fields: read.fields };
  }

  /** Moves the kept tokens and TXT maps to where the spans are. Tokens the TXT strings share with the rdata stay shared. */
  private settle(content: RecordContent): void {
    const delta = this.pending;
    const moved = new Map<Token, Token>();
    const token = (t: Token): Token => {
      let m = moved.get(t);
      if (!m) moved.set(t, (m = shiftedToken(t, delta)));
      return m;
    };
    this.content = { rdata: content.rdata.map(token), txt: content.txt && shiftedTxt(content.txt, delta, token), targets: content.targets, fields: content.fields };
    this.pending = 0;
  }

  /**
   * This record over a source whose text moved by `delta` (an edit before
   * it): the same record with every span moved. `text` is the moved source,
   * from which a record that does not keep its content reads it.
   */
  shifted(delta: number, text: string): ZoneRecord {
    const at = (n: number): number => (n < 0 ? n : n + delta);
    return new ZoneRecord({
      file: this.file,
      start: this.start + delta,
      end: this.end + delta,
      owner: this.owner,
      ownerId: this.ownerId,
      ownerStart: at(this.ownerStart),
      ownerEnd: at(this.ownerEnd),
      ttl: this.ttl,
      ttlStart: at(this.ttlStart),
      ttlEnd: at(this.ttlEnd),
      ttlDefaulted: (this.flags & TTL_DEFAULTED) !== 0,
      rrClass: this.rrClass,
      classStart: at(this.classStart),
      classEnd: at(this.classEnd),
      type: this.type,
      typeCode: this.typeCode,
      typeStart: this.typeStart + delta,
      typeEnd: this.typeEnd + delta,
      // Kept content is the unmoved tokens and maps, with how far they have to go.
      content: this.content,
      pending: this.content ? this.pending + delta : 0,
      source: this.content ? undefined : text,
      lexStart: this.lexStart + delta,
      skip: this.skip,
      hasTxt: (this.flags & HAS_TXT) !== 0,
      hasTargets: (this.flags & HAS_TARGETS) !== 0,
      hasFields: (this.flags & HAS_FIELDS) !== 0,
      kind: this.mailKind,
      origin: this.origin,
      generated: (this.flags & GENERATED) !== 0,
      index: this.index,
    });
  }

  /**
   * Points a record that reads its content from the source at `text`, a
   * newer text of the same file that is the same as the old one up to past
   * this record's entry (an edit after it). The record stays right for
   * either text; what changes is that the old text need not stay in memory
   * for it. Records that keep their content hold no text.
   */
  rebase(text: string): void {
    if (this.source !== undefined) this.source = text;
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
