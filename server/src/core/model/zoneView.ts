import type { ResourceRecord, Zone } from '../zone/ast';
import type { RecordEdit } from '../zone/parser';
import { NameTable } from '../zone/nameTable';
import { ZoneRecord } from '../zone/record';
import { classify, MAIL_KINDS, type MailKind } from './classify';

export type DmarcStandard = 'rfc9989' | 'rfc7489';

export interface AnalysisOptions {
  /** Which DMARC standard decides where RFC 7489 and RFC 9989 differ. */
  readonly dmarcStandard: DmarcStandard;
  /** Other zones the host has loaded, for cross-zone checks (see workspace.ts); none when absent. */
  readonly workspace?: WorkspaceZones;
}

export const defaultAnalysisOptions: AnalysisOptions = { dmarcStandard: 'rfc9989' };

/**
 * Another zone file the host knows about (see workspace.ts). It is declared
 * here, beside the options that carry it, because the two types name each
 * other: a view's options list other zones' views.
 */
export interface WorkspaceZone {
  /** Path or URI of the zone file, for edits that quick fixes make in it. */
  readonly file: string;
  readonly view: ZoneView;
}

export type WorkspaceZones = readonly WorkspaceZone[];

/**
 * What one unit of analysis (a rule over one record) read of the zone
 * through its view, beyond its own record and owner: the owners it looked
 * up, the types and kinds it went through, the derived values it used. The
 * incremental analysis runs a unit again when an edit touched any of them.
 */
export interface Reads {
  owners?: Set<string>;
  types?: Set<string>;
  kinds?: Set<MailKind>;
  derived?: Set<string>;
}

/**
 * What an edit of one record's content changed, told to the analysis in one
 * piece: the view after the edit, the edited record's type and mail kind
 * (what zone rules declare they read), the records whose units run again
 * whatever they read, and which other units' reads the edit touched.
 */
export interface EditEffect {
  readonly view: ZoneView;
  readonly type: string;
  readonly kind: MailKind | undefined;
  /** By record index: the edited record and the others at its owner. */
  readonly again: ReadonlySet<number>;
  /** True when a unit that read `reads` may find something else after the edit. */
  touched(reads: Reads | undefined): boolean;
}

/** A value computed from the whole zone's content, and how to tell whether two of them say the same. */
interface Derived {
  readonly value: unknown;
  readonly compute: (view: ZoneView) => unknown;
  readonly same: (a: unknown, b: unknown) => boolean;
}

/**
 * Parses and other results that depend on one record's own content alone,
 * by record. They hold no offsets into the document, so a record moved by an
 * edit before it takes its earlier self's results (see ZoneView.afterEdit),
 * and the parse of an SPF record survives every keystroke elsewhere in the
 * file.
 */
const ownContent = new WeakMap<ResourceRecord, Map<string, unknown>>();

/**
 * The zone as rules see it: records grouped by owner, by type and by mail
 * kind, and caches so each record's text is parsed once however many rules
 * read it.
 *
 * After an edit that changed one record's content and nothing of the zone's
 * shape (its owner, type and mail kind stay), {@link ZoneView.afterEdit}
 * makes the new view from the old one: the groups and the facts about names
 * carry over, so an edit costs what it touches rather than a pass over the
 * zone.
 */
export class ZoneView {
  // The groups are the records of the view that built them. An edit of one record's content keeps every
  // record's index (its position in zone.records), so the view after such an edit shares the groups, however
  // many records the edit moved, and makes its own lists from them when asked: the record at each index.
  // Groups are keyed by numbers: owners by their id in the zone's name table, types by code.
  private readonly owners: Map<number, ResourceRecord[]>;
  private readonly byType: Map<number, ResourceRecord[]>;
  /** The owner names: the parse's table, whose ids the records carry. */
  private readonly names: NameTable;
  /** Each type mnemonic of the zone's records, with its code. */
  private readonly typeCodes: Map<string, number>;
  private readonly byKind: Map<MailKind, ResourceRecord[]>;
  /** Per record index, its mail kind's position in MAIL_KINDS plus one; 0 for none. */
  private readonly kindCodes: Uint8Array;
  /** The groups as this view's records, when they are not the groups' own (a view made after an edit). */
  private readonly lists: Map<Map<unknown, ResourceRecord[]>, Map<unknown, ResourceRecord[]>> | undefined;
  /** Facts derived from names, types and kinds alone, shared with the views a content edit makes from this one. */
  private readonly nameFacts: Map<string, unknown>;
  private readonly perView = new Map<ResourceRecord, Map<string, { readonly value: unknown; readonly reads: Reads }>>();
  private readonly derivedValues = new Map<string, Derived>();
  private reads: Reads | undefined;
  private readsFor: ResourceRecord | undefined;

  constructor(readonly zone: Zone, readonly options: AnalysisOptions = defaultAnalysisOptions, from?: ZoneView) {
    if (from) {
      this.owners = from.owners;
      this.byType = from.byType;
      this.names = from.names;
      this.typeCodes = from.typeCodes;
      this.byKind = from.byKind;
      this.kindCodes = from.kindCodes;
      this.nameFacts = from.nameFacts;
      this.lists = new Map();
      return;
    }
    this.owners = new Map();
    this.byType = new Map();
    this.byKind = new Map();
    this.kindCodes = new Uint8Array(zone.records.length);
    this.nameFacts = new Map();
    this.typeCodes = new Map();
    // The parser's records carry their owner's id; a zone made some other way has its names interned here.
    const parsed = zone.names;
    this.names = parsed ?? new NameTable();
    const records = zone.records;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      add(this.owners, parsed && record instanceof ZoneRecord ? record.ownerId : this.names.intern(record.owner), record);
      if (!this.byType.has(record.typeCode)) this.typeCodes.set(record.type, record.typeCode);
      add(this.byType, record.typeCode, record);
      // The parser marked each record's kind as it read the text: asking the record spares reading its text again.
      const kind = record instanceof ZoneRecord ? record.mailKind : classify(record);
      if (!kind) continue;
      this.kindCodes[i] = MAIL_KINDS.indexOf(kind) + 1;
      add(this.byKind, kind, record);
    }
  }

  /**
   * The view of `zone`, which `edit` made from this view's zone, built from
   * this view when the edit changed only the content of its record (rdata;
   * owner, type and mail kind unchanged): the groups are this view's, since
   * every record kept its index. With it comes what the edit changed for the
   * units of analysis that read this view (see {@link EditEffect}), and the
   * per-view results (lookup trees) the edit left alone are carried over.
   * Undefined when the zone's shape changed and a view must be built afresh.
   * `options` are the new view's (the same settings, but the host's current
   * list of other zones).
   */
  afterEdit(zone: Zone, edit: RecordEdit, options: AnalysisOptions = this.options): EditEffect | undefined {
    const old = this.zone.records;
    const now = zone.records;
    const before = edit.previous;
    const after = now[edit.index];
    if (now.length !== old.length || old[edit.index] !== before || after.index !== edit.index || zone.names !== this.zone.names) return undefined;
    if (after.owner !== before.owner || after.type !== before.type || after.file !== before.file) return undefined;
    const kind = after.txt ? classify(after) : undefined;
    if (kind !== this.kindOf(before)) return undefined;
    // A record the edit moved has the content of its earlier self, and so its parses.
    if (edit.delta !== 0) {
      for (const group of this.byKind.values()) {
        for (const { index } of group) if (index !== edit.index && now[index!] !== old[index!]) moveOwnContent(old[index!], now[index!]);
      }
    }
    const view = new ZoneView(zone, options, this);
    const { owner, type } = after;
    const changed = [...this.changedDerived(view)];
    // The edited record and the others at its owner: every unit of theirs runs again, whatever it read.
    const again: ReadonlySet<number> = new Set(view.recordsAt(owner).map((r) => r.index!));
    const touched = (reads: Reads | undefined): boolean =>
      reads !== undefined &&
      (reads.owners?.has(owner) === true || reads.types?.has(type) === true || (kind !== undefined && reads.kinds?.has(kind) === true) || changed.some((key) => reads.derived?.has(key)));
    // Lookup trees and the like that the edit did not touch stay built.
    view.keepResultsOf(this, (index, reads) => !again.has(index) && !touched(reads));
    return { view, type, kind, again, touched };
  }

  recordsAt(owner: string, type?: string): ResourceRecord[] {
    const name = owner.toLowerCase();
    if (this.reads && this.readsFor?.owner !== name) (this.reads.owners ??= new Set()).add(name);
    const id = this.names.idOf(name);
    const all = id === undefined ? [] : this.records(this.owners, id);
    return type ? all.filter((r) => r.type === type) : all;
  }

  /** Every owner name in the zone, in the order of their first records. */
  *ownerNames(): IterableIterator<string> {
    for (const id of this.owners.keys()) yield this.names.name(id);
  }

  /** The records of one type (`MX`, `SRV`), in file order. */
  ofType(type: string): readonly ResourceRecord[] {
    if (this.reads) (this.reads.types ??= new Set()).add(type);
    const code = this.typeCodes.get(type);
    return code === undefined ? [] : this.records(this.byType, code);
  }

  kindOf(record: ResourceRecord): MailKind | undefined {
    const i = record.index;
    if (i === undefined || this.zone.records[i] !== record) return undefined;
    const code = this.kindCodes[i];
    return code === 0 ? undefined : MAIL_KINDS[code - 1];
  }

  ofKind(kind: MailKind): readonly ResourceRecord[] {
    if (this.reads) (this.reads.kinds ??= new Set()).add(kind);
    return this.records(this.byKind, kind);
  }

  /** A group as this view's records. */
  private records<K>(groups: Map<K, ResourceRecord[]>, key: K): ResourceRecord[] {
    const group = groups.get(key);
    if (!this.lists) return group ?? [];
    let lists = this.lists.get(groups as Map<unknown, ResourceRecord[]>);
    if (!lists) this.lists.set(groups as Map<unknown, ResourceRecord[]>, (lists = new Map()));
    let list = lists.get(key);
    if (!list) {
      const records = this.zone.records;
      list = group?.map((r) => records[r.index!]) ?? [];
      lists.set(key, list);
    }
    return list;
  }

  /**
   * Computes `compute()` once per record and key, for results that depend on
   * the record's own content alone (its parse): kept across edits elsewhere.
   */
  cached<T>(record: ResourceRecord, key: string, compute: () => T): T {
    let entry = ownContent.get(record);
    if (!entry) ownContent.set(record, (entry = new Map()));
    if (!entry.has(key)) entry.set(key, compute());
    return entry.get(key) as T;
  }

  /**
   * Computes `compute()` once per record and key in this view, for results
   * that read other records too (an SPF lookup tree). What the computation
   * read counts as read by every unit that uses the result, not only by the
   * one that happened to compute it first.
   */
  cachedInView<T>(record: ResourceRecord, key: string, compute: () => T): T {
    let entries = this.perView.get(record);
    if (!entries) this.perView.set(record, (entries = new Map()));
    let entry = entries.get(key);
    if (!entry) {
      const reads: Reads = {};
      entry = { value: this.reading(reads, compute), reads };
      entries.set(key, entry);
    }
    if (this.reads) mergeReads(this.reads, entry.reads, this.readsFor?.owner);
    return entry.value as T;
  }

  /**
   * Takes over the per-view results ({@link cachedInView}) of `previous`,
   * the view this one was made from by an edit, that `keep` says the edit
   * left alone: an SPF record's lookup tree is built again only when the
   * edit touched what the tree read.
   */
  private keepResultsOf(previous: ZoneView, keep: (index: number, reads: Reads) => boolean): void {
    const records = this.zone.records;
    for (const [record, entries] of previous.perView) {
      const index = record.index!;
      let kept: Map<string, { readonly value: unknown; readonly reads: Reads }> | undefined;
      for (const [key, entry] of entries) if (keep(index, entry.reads)) (kept ??= new Map()).set(key, entry);
      if (kept) this.perView.set(records[index], kept);
    }
  }

  /**
   * A fact about the zone's names, types and mail kinds alone (its apex, its
   * delegations, which names exist), computed once and kept by the views a
   * content edit makes from this one. It must hold no records.
   */
  nameFact<T>(key: string, compute: () => T): T {
    if (!this.nameFacts.has(key)) this.nameFacts.set(key, this.reading(undefined, compute));
    return this.nameFacts.get(key) as T;
  }

  /**
   * A value computed from records' content across the zone (the names SPF
   * records include), once per view. A unit that reads it runs again after
   * an edit only when the new value is not `same` as the old.
   */
  derived<T>(key: string, compute: (view: ZoneView) => T, same: (a: T, b: T) => boolean): T {
    if (this.reads) (this.reads.derived ??= new Set()).add(key);
    let entry = this.derivedValues.get(key);
    if (!entry) {
      // What the computation reads belongs to the value, not to the unit that first asked for it.
      entry = { value: this.reading(undefined, () => compute(this)), compute: compute as (view: ZoneView) => unknown, same: same as (a: unknown, b: unknown) => boolean };
      this.derivedValues.set(key, entry);
    }
    return entry.value as T;
  }

  /** The keys of the derived values this view computed whose value in `next` differs. */
  private changedDerived(next: ZoneView): Set<string> {
    const changed = new Set<string>();
    for (const [key, entry] of this.derivedValues) {
      if (!entry.same(entry.value, next.derived(key, entry.compute, entry.same))) changed.add(key);
    }
    return changed;
  }

  /**
   * Runs `run` noting all it reads in `reads` (nothing when undefined), then
   * goes back to noting the reads of the unit it interrupted.
   */
  private reading<T>(reads: Reads | undefined, run: () => T): T {
    const outer = this.reads;
    const outerFor = this.readsFor;
    this.reads = reads;
    this.readsFor = undefined;
    try {
      return run();
    } finally {
      this.reads = outer;
      this.readsFor = outerFor;
    }
  }

  /**
   * From now until {@link endTracking}, notes in `reads` what is read through
   * this view beyond `record` and its owner. Not nested: a unit of analysis
   * is tracked on its own (results it uses that others computed bring their
   * reads along, see cachedInView).
   */
  beginTracking(record: ResourceRecord, reads: Reads): void {
    this.reads = reads;
    this.readsFor = record;
  }

  endTracking(): void {
    this.reads = undefined;
    this.readsFor = undefined;
  }
}

function add<K>(groups: Map<K, ResourceRecord[]>, key: K, record: ResourceRecord): void {
  const group = groups.get(key);
  if (group) group.push(record);
  else groups.set(key, [record]);
}

/** Adds `from` to `into`, leaving out reads of `own`, the reading unit's owner. */
function mergeReads(into: Reads, from: Reads, own: string | undefined): void {
  if (from.owners) for (const owner of from.owners) if (owner !== own) (into.owners ??= new Set()).add(owner);
  if (from.types) for (const type of from.types) (into.types ??= new Set()).add(type);
  if (from.kinds) for (const kind of from.kinds) (into.kinds ??= new Set()).add(kind);
  if (from.derived) for (const key of from.derived) (into.derived ??= new Set()).add(key);
}

/** Gives a record's copy the parses of the record it was copied from (a moved record has the same content). */
function moveOwnContent(from: ResourceRecord, to: ResourceRecord): void {
  const entry = ownContent.get(from);
  if (entry) ownContent.set(to, entry);
}
