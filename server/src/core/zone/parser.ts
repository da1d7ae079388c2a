import type { FileReader } from '../io';
import type { StopSignal } from '../stop';
import { lineStart } from '../text/lines';
import type { Span } from '../text/span';
import { APEX_CHECKED_TYPES, apexOf, apexProblems } from './apexChecks';
import type { Directive, DirectiveName, ResourceRecord, Token, TxtValue, Zone, ZoneProblem } from './ast';
import { MAX_LHS_CHARS, MAX_RHS_CHARS, compileTemplate, expand, parseRange, quotedTemplate, rangeCount } from './generate';
import { EntryLexer, lex, shiftedToken, type Entry } from './lexer';
import { absoluteName, type NameResult } from './names';
import { readRdata } from './rdata';
import { ZoneRecord, type RecordContent } from './record';
import { mailKindOf } from './mailKind';
import { NameTable } from './nameTable';
import { isClosed } from './strings';
import { metaType, rrClass, rrType } from './rrtypes';
import { isTtlLike, parseTtl } from './ttl';

export interface ParseOptions {
  /** Path of the document, for resolving `$INCLUDE`. */
  readonly file?: string;
  /** Origin at the top of the document, absolute (`example.com.`). */
  readonly origin?: string;
  readonly reader?: FileReader;
  /** Asked once per entry and per generated record: a host stops a parse that runs past its budget (see stop.ts). */
  readonly stop?: StopSignal;
}

/** `$INCLUDE` nesting deeper than this is reported rather than followed (deep enough for any real tree, shallow enough to stop runaway nesting). */
export const MAX_INCLUDE_DEPTH = 32;
/**
 * `$INCLUDE`s followed in one parse, however they nest: a file that includes
 * another twice, which includes a third twice, and so on, would otherwise
 * read 2^32 files within the depth bound. Past this many the rest are
 * reported rather than read.
 */
export const MAX_INCLUDES = 1000;
/**
 * Records `$GENERATE` expands in one parse, all its directives together; the
 * rest are skipped with a finding. With it, what one parse produces is
 * bounded by its input: at most one record per entry (and an entry spans
 * at least one character) plus this many generated ones.
 */
export const MAX_GENERATED = 100_000;

const DIRECTIVES: readonly DirectiveName[] = ['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE'];

/** State that `$INCLUDE` restores when the included file ends (RFC 1035 §5.1; BIND restores the owner too). */
interface Scope {
  origin?: string;
  owner?: string;
}

/**
 * Parses a master file (RFC 1035 §5, RFC 2308 §4, BIND's `$GENERATE`).
 * Never throws: what it cannot accept becomes a {@link ZoneProblem} and
 * parsing resumes at the next entry.
 */
export function parseZone(text: string, options: ParseOptions = {}): Zone {
  const parser = new ZoneParser(options.reader, options.stop, new NameTable());
  const origin = options.origin ? normaliseOrigin(options.origin) : undefined;
  parser.parseFile(text, undefined, options.file, { origin }, [options.file ?? '']);
  parser.checkSingletons();
  return { origin, records: parser.records, directives: parser.directives, problems: parser.problems, text, files: parser.files, names: parser.names };
}

/** One edit of a document's text: the old text's [start, end) became `newLength` characters. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
  /**
   * The inserted text, when the host has it. The re-parse then reads the
   * edited entry from the old text and this, and never the new text whole:
   * a host's text after an edit is often a string the engine has not yet
   * copied into one piece, and copying a large zone's text costs more than
   * the rest of the re-parse.
   */
  readonly text?: string;
}

/** Characters of the old text after the edited entry that the re-read sees, so that it can tell where the entry ends. */
const REREAD_CONTEXT = 256;

/**
 * What a re-parse changed: the record at `index` in `Zone.records` was read
 * again from the edited text (`previous` is the one it replaces), and every
 * other record is the one at the same index before the edit — the same
 * object, or its copy moved by `delta` when it starts after the change.
 */
export interface RecordEdit {
  readonly index: number;
  readonly previous: ResourceRecord;
  readonly delta: number;
}

/**
 * The zone of `text`, which is `previous.text` with `change` applied, made
 * by re-reading only the entry the change falls in: the usual edit, inside
 * one record of a large zone, costs one entry's parse and moving the spans
 * after it, not a parse of the whole file. Undefined when that cannot be
 * done safely — the change crosses entries, touches a directive, an SOA or
 * a DNAME, changes what the entries after it inherit (owner, TTL, class),
 * or gives or removes a syntax problem — and the caller parses the whole
 * text instead. The result equals `parseZone(text)` (a test checks it
 * against random edits).
 */
export function reparseZone(previous: Zone, text: string, change: TextChange, options: ParseOptions = {}): { readonly zone: Zone; readonly edit: RecordEdit } | undefined {
  const delta = change.newLength - (change.end - change.start);
  if (text.length !== previous.text.length + delta || (change.text !== undefined && change.text.length !== change.newLength)) return undefined;
  const index = previous.records.findIndex((r) => r.file === undefined && r instanceof ZoneRecord && !r.generated && r.start <= change.start && change.end <= r.end);
  const edited = previous.records[index];
  if (!(edited instanceof ZoneRecord) || edited.index !== index || edited.type === 'SOA' || edited.type === 'DNAME' || edited.ttlDefaulted) return undefined;
  const entryStart = lineStart(previous.text, edited.start);
  const oldEntry = new EntryLexer(previous.text, entryStart);
  const before = oldEntry.next();
  if (!before || before.span.start !== edited.start || before.span.end !== edited.end || before.problems.length > 0) return undefined;
  // The old entry's extent, comments and line end included: nothing of the document outside it may hold a problem.
  const oldNext = oldEntry.offset;
  if (previous.problems.some((p) => p.file === undefined && p.span.end >= entryStart && p.span.start <= oldNext)) return undefined;
  // An unclosed '(' above ends where the lexer decides a new entry starts, which depends on how the lines after it
  // begin: an edit there may move that end, so a document with one is read whole.
  if (previous.problems.some((p) => p.file === undefined && p.span.start < entryStart && p.message.startsWith('unbalanced parentheses'))) return undefined;
  // The new entry, read from a window of the new text that starts where the entry does.
  const windowEnd = Math.min(previous.text.length, oldNext + REREAD_CONTEXT);
  const window =
    change.text !== undefined
      ? previous.text.slice(entryStart, change.start) + change.text + previous.text.slice(change.end, windowEnd)
      : text.slice(entryStart, windowEnd + delta);
  const newEntry = new EntryLexer(window);
  const read = newEntry.next();
  if (!read || read.problems.length > 0 || entryStart + newEntry.offset !== oldNext + delta) return undefined;
  const entry: Entry = { tokens: read.tokens.map((t) => shiftedToken(t, entryStart)), blankStart: read.blankStart, span: shiftedSpan(read.span, entryStart), problems: read.problems };
  if (entry.span.start !== edited.start || entry.span.end !== edited.end + delta || entry.blankStart !== before.blankStart) return undefined;
  if (!entry.blankStart && entry.tokens[0].raw.startsWith('$')) return undefined;

  // The re-read record is at the owner it had (reread() checks), so it takes its id from the same table.
  const parser = new ZoneParser(options.reader, undefined, previous.names ?? new NameTable());
  const record = parser.reread(entry, edited);
  if (!record) return undefined;
  // The checks at the top of the zone read records across the zone: an edit of a record they read is parsed whole
  // when it changes what they find (a one-pass check over the records, cheaper than the parse it may save).
  if (APEX_CHECKED_TYPES.has(edited.type) || APEX_CHECKED_TYPES.has(record.type)) {
    const apex = apexOf(previous.records);
    if (apex !== undefined) {
      const after = previous.records.map((r) => (r === edited ? record : r));
      if (apexProblems(previous.records, apex).map((p) => p.message).join('\n') !== apexProblems(after, apex).map((p) => p.message).join('\n')) return undefined;
      if ((edited.type === 'DS' && edited.owner === apex) !== (record.type === 'DS' && record.owner === apex)) return undefined;
    }
  }
  const editedEnd = edited.end;
  // An edit that keeps the length moves nothing: every other record stays the same object. The records before
  // the edit, and after it when nothing moved, read their content from the new text from now on, which is the
  // old one where they are: the old text is then held by nothing the new zone holds.
  const records = previous.records.map((r) => {
    if (r === edited) return record;
    if (r.file !== undefined || !(r instanceof ZoneRecord)) return r;
    if (delta !== 0 && r.start > editedEnd) return r.shifted(delta, text);
    r.rebase(text);
    return r;
  });
  const moved = (start: number): boolean => delta !== 0 && start > editedEnd;
  const zone: Zone = {
    origin: previous.origin,
    records,
    directives: previous.directives.map((d) => (d.file === undefined && moved(d.span.start) ? shiftedDirective(d, delta) : d)),
    problems: previous.problems.map((p) => (p.file === undefined && moved(p.span.start) ? { file: p.file, span: shiftedSpan(p.span, delta), message: p.message } : p)),
    text,
    files: previous.files,
    names: parser.names,
  };
  return { zone, edit: { index, previous: edited, delta } };
}

function shiftedSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftedDirective(d: Directive, delta: number): Directive {
  return { file: d.file, name: d.name, span: shiftedSpan(d.span, delta), nameSpan: shiftedSpan(d.nameSpan, delta), args: d.args.map((t) => shiftedToken(t, delta)), target: d.target };
}

function normaliseOrigin(origin: string): string | undefined {
  const r = absoluteName(origin.endsWith('.') ? origin : `${origin}.`, undefined);
  return 'name' in r ? r.name : undefined;
}

class ZoneParser {
  readonly records: ResourceRecord[] = [];
  readonly directives: Directive[] = [];
  readonly problems: ZoneProblem[] = [];
  readonly files = new Map<string, string>();
  /** `$TTL` value, once set (RFC 2308 §4). */
  private defaultTtl?: number;
  /** The last TTL written on a record, the RFC 1035 default when there is no `$TTL`. */
  private lastTtl?: number;
  private zoneClass?: string;
  /** The one "no TTL" problem, once reported. */
  private noTtl?: ZoneProblem;
  /** What is left of the parse's {@link MAX_GENERATED} and {@link MAX_INCLUDES}. */
  private generatedLeft = MAX_GENERATED;
  private includesLeft = MAX_INCLUDES;

  /** The index the first record read gets: 0, or the edited record's when one entry is read again. */
  private firstIndex = 0;
  private readonly written = new Map<string, NameResult>();
  private writtenOrigin: string | undefined;

  constructor(
    private readonly reader: FileReader | undefined,
    private readonly stop: StopSignal | undefined,
    /** The owner names read, each once (see nameTable.ts). */
    readonly names: NameTable,
  ) {}

  parseFile(text: string, file: string | undefined, path: string | undefined, scope: Scope, stack: string[]): void {
    // One entry at a time: the tokens of a large file never all exist at once. Bound: one pass per
    // entry, so at most one per character; an entry gives at most one record, except a $GENERATE
    // (MAX_GENERATED records per parse in all) and an $INCLUDE (MAX_INCLUDES files per parse, each
    // nested at most MAX_INCLUDE_DEPTH deep). The work of one record is linear in its entry's text.
    const lexer = new EntryLexer(text);
    for (let entry = lexer.next(); entry; entry = lexer.next()) {
      this.stop?.check();
      for (const p of entry.problems) this.problem(file, p.span, p.message);
      if (entry.tokens.length === 0) continue;
      const first = entry.tokens[0];
      if (!entry.blankStart && !first.quoted && first.raw.startsWith('$')) this.directive(entry, file, path, scope, stack);
      else this.record(entry, file, scope, false, text, lexer.entryStart);
    }
  }

  /**
   * What BIND refuses once every entry is read: a zone has one SOA, at its
   * top (RFC 1035 §5.2), no DS at its top (RFC 4034 §5: the DS set
   * belongs to the parent), a name at most one DNAME (RFC 6672), and the
   * CDS, CDNSKEY and NS sets at the top agree with the rest (apexChecks.ts). A second
   * CNAME is `cname-conflict`'s. A file with no SOA may be a fragment that
   * another file includes, so that is not reported.
   */
  checkSingletons(): void {
    // The first SOA marks the top: the origin given from outside may be a guess from the file name.
    let apex: string | undefined;
    let soa: string | undefined;
    // A record repeated exactly is one record (RFC 2181 §5), so only a different second one counts.
    const dnames = new Map<string, string>();
    const ds: ResourceRecord[] = [];
    // Bound: one pass over the records, a map lookup each.
    for (const r of this.records) {
      if (r.type === 'DS') ds.push(r);
      if (r.type === 'SOA') {
        apex ??= r.owner;
        if (r.owner !== apex) this.problem(r.file, r.span, `SOA at ${r.owner}, not at the top of the zone ${apex}: a zone's SOA is at its top (RFC 1035 §5.2)`);
        else if (soa !== undefined && soa !== r.presentation) this.problem(r.file, r.span, 'second SOA record: a zone has exactly one (RFC 1035 §5.2)');
        soa ??= r.presentation;
      } else if (r.type === 'DNAME') {
        const first = dnames.get(r.owner);
        if (first !== undefined && first !== r.presentation) this.problem(r.file, r.span, `second DNAME at ${r.owner}: a name has at most one (RFC 6672)`);
        if (first === undefined) dnames.set(r.owner, r.presentation);
      }
    }
    for (const r of ds) if (r.owner === apex) this.problem(r.file, r.span, `DS at the top of the zone ${apex}: a DS record belongs in the parent zone, at the delegation (RFC 4034 §5); BIND refuses it`);
    if (apex === undefined) return;
    for (const p of apexProblems(this.records, apex)) this.problem(p.record.file, p.record.span, p.message);
  }

  /**
   * Owner names as written, made absolute once per origin: a name written on
   * several entries is one string, shared by all its records.
   */
  private ownerName(text: string, origin: string | undefined): NameResult {
    if (origin !== this.writtenOrigin) {
      this.written.clear();
      this.writtenOrigin = origin;
    }
    let r = this.written.get(text);
    if (!r) {
      r = absoluteName(text, origin);
      // A zone of unique names would only grow the table: past a bound it is cleared and refills with what recurs.
      if (this.written.size >= 4096) this.written.clear();
      this.written.set(text, r);
    }
    return r;
  }

  /**
   * Reads `entry` again as the record `old` was, in the state the parse was
   * in there: the same origin and owner, and `old`'s TTL and class where the
   * entry inherits them. Undefined unless it gives one record without
   * problems that leaves what later entries inherit (owner, TTL, class)
   * as it was.
   */
  reread(entry: Entry, old: ZoneRecord): ZoneRecord | undefined {
    this.defaultTtl = old.ttl;
    this.zoneClass = old.rrClass;
    this.firstIndex = old.index;
    this.record(entry, undefined, { origin: old.writtenUnder, owner: old.owner });
    const record = this.records[0];
    if (this.problems.length > 0 || this.records.length !== 1 || !(record instanceof ZoneRecord)) return undefined;
    if (record.owner !== old.owner || record.ttl !== old.ttl || record.rrClass !== old.rrClass) return undefined;
    // A TTL or class written on the entry is what the entries after it inherit: it must stay written.
    if ((record.ttlSpan === undefined) !== (old.ttlSpan === undefined) || (record.classSpan === undefined) !== (old.classSpan === undefined)) return undefined;
    if (record.type === 'SOA' || record.type === 'DNAME') return undefined;
    return record;
  }

  private problem(file: string | undefined, span: Span, message: string): void {
    this.problems.push({ file, span, message });
  }

  private directive(entry: Entry, file: string | undefined, path: string | undefined, scope: Scope, stack: string[]): void {
    const [nameToken, ...args] = entry.tokens;
    const name = nameToken.raw.toUpperCase() as DirectiveName;
    if (!DIRECTIVES.includes(name)) {
      this.problem(file, nameToken.span, `unknown directive '${nameToken.raw}': expected $ORIGIN, $TTL, $INCLUDE or $GENERATE`);
      return;
    }
    const directive: { -readonly [K in keyof Directive]: Directive[K] } = { file, name, span: entry.span, nameSpan: nameToken.span, args };
    this.directives.push(directive);
    const need = (count: number, usage: string): boolean => {
      if (args.length >= count) return true;
      this.problem(file, entry.span, `${name} needs ${usage}`);
      return false;
    };

    switch (name) {
      case '$ORIGIN': {
        if (!need(1, 'a domain name')) return;
        if (args.length > 1) this.problem(file, args[1].span, '$ORIGIN takes one name');
        const r = absoluteName(args[0].raw, scope.origin);
        if ('error' in r) this.problem(file, args[0].span, `$ORIGIN: ${r.error}`);
        else scope.origin = r.name;
        return;
      }
      case '$TTL': {
        if (!need(1, 'a TTL')) return;
        if (args.length > 1) this.problem(file, args[1].span, '$TTL takes one value');
        const r = parseTtl(args[0].raw);
        if ('error' in r) this.problem(file, args[0].span, `$TTL: ${r.error}`);
        else this.defaultTtl = r.value;
        return;
      }
      case '$INCLUDE':
        if (need(1, 'a file name')) this.include(directive, args, file, path, scope, stack);
        return;
      case '$GENERATE':
        if (need(4, 'a range, an owner template, a type and an rdata template')) this.generate(entry, args, file, scope);
        return;
    }
  }

  private include(directive: { target?: string }, args: Token[], file: string | undefined, path: string | undefined, scope: Scope, stack: string[]): void {
    const target = args[0].quoted ? args[0].raw.slice(1, -1) : args[0].raw;
    let origin = scope.origin;
    if (args[1]) {
      const r = absoluteName(args[1].raw, scope.origin);
      if ('error' in r) {
        this.problem(file, args[1].span, `$INCLUDE origin: ${r.error}`);
        return;
      }
      origin = r.name;
    }
    if (args.length > 2) this.problem(file, args[2].span, '$INCLUDE takes a file name and an optional origin');
    if (!this.reader) {
      this.problem(file, args[0].span, `$INCLUDE '${target}' cannot be read here: no file access`);
      return;
    }
    const resolved = this.reader.resolve(path ?? '', target);
    directive.target = resolved;
    if (stack.includes(resolved)) {
      const cycle = [...stack.slice(stack.indexOf(resolved)), resolved].map(baseName).join(' → ');
      this.problem(file, args[0].span, `$INCLUDE cycle: ${cycle}`);
      return;
    }
    if (stack.length > MAX_INCLUDE_DEPTH) {
      this.problem(file, args[0].span, `$INCLUDE nested more than ${MAX_INCLUDE_DEPTH} deep`);
      return;
    }
    if (this.includesLeft <= 0) {
      this.problem(file, args[0].span, `$INCLUDE '${target}' not read: Mailzone follows at most ${MAX_INCLUDES} $INCLUDEs in one zone`);
      return;
    }
    this.includesLeft--;
    const read = this.reader.read(resolved);
    if ('error' in read) {
      this.problem(file, args[0].span, `$INCLUDE: ${read.error}`);
      return;
    }
    this.files.set(resolved, read.text);
    const before = this.problems.length;
    // RFC 1035 §5.1: the included file starts at the given origin and does not change the parent's.
    const inner: Scope = { origin, owner: scope.owner };
    this.parseFile(read.text, resolved, resolved, inner, [...stack, resolved]);
    const errors = this.problems.length - before;
    if (errors > 0 && this.problems.slice(before).some((p) => p.file === resolved)) {
      this.problem(file, args[0].span, `$INCLUDE '${target}' has ${errors} syntax error${errors === 1 ? '' : 's'}`);
    }
  }

  private generate(entry: Entry, args: Token[], file: string | undefined, scope: Scope): void {
    const [rangeToken, lhsToken, ...rest] = args;
    const range = parseRange(rangeToken.raw);
    if ('error' in range) {
      this.problem(file, rangeToken.span, range.error);
      return;
    }
    let i = 0;
    let ttl: number | undefined;
    let rrclass: string | undefined;
    // Bound: two passes at most (a TTL and a class, in either order).
    for (let k = 0; k < 2 && i < rest.length - 2; k++) {
      if (ttl === undefined && isTtlLike(rest[i].raw)) {
        const r = parseTtl(rest[i].raw);
        if ('error' in r) return this.problem(file, rest[i].span, r.error);
        ttl = r.value;
        i++;
      } else if (rrclass === undefined && rrClass(rest[i].raw)) {
        rrclass = rrClass(rest[i].raw);
        i++;
      }
    }
    const typeToken = rest[i];
    const type = typeToken && rrType(typeToken.raw);
    if (!type) return this.problem(file, typeToken?.span ?? entry.span, `$GENERATE: unknown type '${typeToken?.raw ?? ''}'`);
    // BIND reads the rhs as one token: rdata with spaces is quoted ("10 mail$"), and anything after it is an error.
    const [rhs, ...extra] = rest.slice(i + 1);
    if (!rhs) return this.problem(file, entry.span, '$GENERATE needs an rdata template');
    if (extra.length > 0) {
      return this.problem(file, { start: extra[0].span.start, end: extra[extra.length - 1].span.end }, `$GENERATE takes its rdata as one token: quote it when it has spaces, as in "${[rhs, ...extra].map((t) => t.raw).join(' ')}"`);
    }
    const rhsText = rhs.quoted ? quotedTemplate(rhs.raw) : rhs.raw;
    // Both templates are read once; only the numbers change from one value to the next.
    const lhs = compileTemplate(lhsToken.raw);
    if ('error' in lhs) return this.problem(file, lhsToken.span, lhs.error);
    const rhsTemplate = compileTemplate(rhsText);
    if ('error' in rhsTemplate) return this.problem(file, rhs.span, rhsTemplate.error);
    const count = rangeCount(range);
    const limit = Math.min(count, this.generatedLeft);
    if (limit < count) {
      this.problem(file, rangeToken.span, `$GENERATE range makes ${count} records; Mailzone reads at most ${MAX_GENERATED} generated records in a zone, here the first ${limit}`);
    }
    this.generatedLeft -= limit;
    // At most `limit` passes (so at most MAX_GENERATED over the whole parse), each the work of one
    // record whose text is at most MAX_LHS_CHARS + MAX_RHS_CHARS characters.
    for (let n = 0, value = range.start; n < limit; n++, value += range.step) {
      this.stop?.check();
      const owner = expand(lhs, value, MAX_LHS_CHARS);
      if ('error' in owner) return this.problem(file, lhsToken.span, owner.error);
      const data = expand(rhsTemplate, value, MAX_RHS_CHARS);
      if ('error' in data) return this.problem(file, rhs.span, data.error);
      // The expanded rhs is read as rdata text; its tokens point at the template in the source.
      const expanded = lex(data.text);
      const problem = expanded.flatMap((e) => e.problems)[0];
      if (problem) return this.problem(file, rhs.span, `$GENERATE rdata '${data.text}': ${problem.message}`);
      const rdata = expanded.flatMap((e) => e.tokens).map((t): Token => ({ quoted: t.quoted, span: rhs.span, raw: t.raw }));
      const tokens: Token[] = [
        { quoted: lhsToken.quoted, span: lhsToken.span, raw: owner.text },
        ...(ttl !== undefined ? [{ quoted: false, span: rest[0].span, raw: String(ttl) }] : []),
        ...(rrclass ? [{ quoted: false, span: typeToken.span, raw: rrclass }] : []),
        typeToken,
        ...rdata,
      ];
      const records = this.records.length;
      const problems = this.problems.length;
      this.record({ tokens, blankStart: false, span: entry.span, problems: [] }, file, scope, true);
      // A template that gives a bad record is reported once, not once per value. A missing TTL is not the template's fault.
      if (this.records.length === records || this.problems.slice(problems).some((p) => p !== this.noTtl)) return;
    }
  }

  /**
   * Reads one record entry. `source` and `lexStart` say where the entry is
   * in its file's text, for a record that reads its content again from there
   * (see ZoneRecord); without them the record keeps what was read.
   */
  private record(entry: Entry, file: string | undefined, scope: Scope, generated = false, source?: string, lexStart = 0): void {
    const tokens = entry.tokens;
    let i = 0;
    let owner: string | undefined;
    let ownerSpan: Span | undefined;
    if (!entry.blankStart) {
      const t = tokens[i++];
      // BIND takes a quoted owner as the name inside the quotes.
      const r = this.ownerName(t.quoted ? t.raw.slice(1, isClosed(t.raw) ? -1 : undefined) : t.raw, scope.origin);
      if ('error' in r) {
        this.problem(file, t.span, `owner: ${r.error}`);
        return;
      }
      owner = r.name;
      ownerSpan = t.span;
      scope.owner = owner;
    } else {
      owner = scope.owner;
      if (!owner) {
        this.problem(file, entry.span, 'no owner: the first record of a file must start with its owner name in column 1');
        return;
      }
    }

    let ttl: number | undefined;
    let ttlSpan: Span | undefined;
    let cls: string | undefined;
    let classSpan: Span | undefined;
    // RFC 1035 §5.1: TTL and class may come in either order, each at most once.
    for (let k = 0; k < 2 && i < tokens.length; k++) {
      const t = tokens[i];
      if (t.quoted) break;
      if (ttl === undefined && isTtlLike(t.raw)) {
        const r = parseTtl(t.raw);
        if ('error' in r) {
          this.problem(file, t.span, r.error);
          return;
        }
        ttl = r.value;
        ttlSpan = t.span;
        i++;
      } else {
        const named = cls === undefined ? rrClass(t.raw) : undefined;
        if (!named) break;
        cls = named;
        classSpan = t.span;
        i++;
      }
    }

    const typeToken = tokens[i++];
    if (!typeToken) {
      this.problem(file, entry.span, 'missing record type');
      return;
    }
    const meta = typeToken.quoted ? undefined : metaType(typeToken.raw);
    if (meta !== undefined) {
      // RFC 6895 §3.1: meta types live in messages only; BIND refuses them in a zone ("meta RR type").
      this.problem(file, typeToken.span, `'${typeToken.raw}' is a meta type (${meta}), which exists only in DNS messages: a zone file cannot hold it (RFC 6895 §3.1)`);
      return;
    }
    const type = typeToken.quoted ? undefined : rrType(typeToken.raw);
    if (type?.code === 0) {
      // RFC 6895 §3.1: type 0 is reserved; BIND refuses it in a zone.
      this.problem(file, typeToken.span, 'type 0 is reserved and cannot be used in a zone (RFC 6895 §3.1)');
      return;
    }
    if (!type) {
      const hint = isTtlLike(typeToken.raw) ? ' (a second TTL?)' : rrClass(typeToken.raw) ? ' (a second class?)' : '';
      const message = /^\d/.test(typeToken.raw) && !hint
        ? `'${typeToken.raw}' is not a TTL (use seconds or units like 1h30m) nor a record type`
        : `unknown record type '${typeToken.raw}'${hint}`;
      this.problem(file, typeToken.span, message);
      return;
    }

    const rrclass = cls ?? this.zoneClass ?? 'IN';
    if (cls && this.zoneClass && cls !== this.zoneClass) {
      this.problem(file, classSpan!, `class ${cls} differs from the zone's class ${this.zoneClass} (RFC 1035 §5.2: one class per zone)`);
    }
    this.zoneClass ??= rrclass;

    const rdataTokens = tokens.slice(i);
    const before = this.problems.length;
    const rdata = readRdata(type.type, type.name, rdataTokens, scope.origin, (span, message) => this.problem(file, span, message), typeToken.span);
    const wrongOwner = type.type?.ownerCheck?.(owner);
    if (wrongOwner) this.problem(file, ownerSpan ?? typeToken.span, wrongOwner);
    const broken = this.problems.length > before;

    let ttlDefaulted = false;
    if (ttl !== undefined) this.lastTtl = ttl;
    else if (this.defaultTtl !== undefined) ttl = this.defaultTtl;
    else if (this.lastTtl !== undefined) ttl = this.lastTtl;
    else {
      // BIND falls back to the SOA minimum when nothing sets a TTL. Any other
      // record with no TTL from anywhere makes BIND reject the zone ("no TTL
      // specified"): RFC 1035 §5.1 defaults only to a TTL stated earlier.
      ttl = type.name === 'SOA' && typeof rdata.fields?.minimum === 'number' ? rdata.fields.minimum : 0;
      ttlDefaulted = true;
      if (type.name === 'SOA') this.lastTtl = ttl;
      else if (!broken && !this.noTtl) {
        // Once is enough: every later record has the same cause and the same fix.
        this.noTtl = { file, span: { start: tokens[0].span.start, end: typeToken.span.end }, message: 'no TTL: neither this record, a $TTL above it nor an earlier record gives one; add $TTL at the top of the file (RFC 2308 §4)' };
        this.problems.push(this.noTtl);
      }
    }

    if (broken && !rdata.txt) return;
    const last = tokens[tokens.length - 1];
    const fields = rdata.fields;
    let hasFields = false;
    for (const _ in fields) {
      hasFields = true;
      break;
    }
    // The owner as the table holds it: one string for every record at the name, however it was written.
    const ownerId = this.names.intern(owner);
    owner = this.names.name(ownerId);
    const txt = generated ? undefined : rdata.txt;
    const kind = txt && mailKindOf(type.name, owner, txt.text);
    const content: RecordContent = { rdata: rdataTokens, txt, targets: rdata.targets, fields: hasFields ? fields : undefined };
    const keep = source === undefined || keepsContent(type.name, txt);
    this.records.push(
      new ZoneRecord({
        file,
        start: generated ? entry.span.start : tokens[0].span.start,
        end: generated ? entry.span.end : last.span.end,
        owner,
        ownerId,
        ownerStart: ownerSpan?.start ?? -1,
        ownerEnd: ownerSpan?.end ?? -1,
        ttl,
        ttlStart: ttlSpan?.start ?? -1,
        ttlEnd: ttlSpan?.end ?? -1,
        ttlDefaulted,
        rrClass: rrclass,
        classStart: classSpan?.start ?? -1,
        classEnd: classSpan?.end ?? -1,
        type: type.name,
        typeCode: type.code,
        typeStart: typeToken.span.start,
        typeEnd: typeToken.span.end,
        origin: scope.origin,
        content: keep ? content : undefined,
        source: keep ? undefined : source,
        lexStart,
        skip: i,
        hasTxt: txt !== undefined,
        hasTargets: rdata.targets !== undefined,
        hasFields,
        kind,
        generated,
        index: this.firstIndex + this.records.length,
      }),
    );
  }
}

/**
 * The types whose records keep the content the parse read rather than read
 * it again when asked: the ones the rules look up across the zone, many
 * times per analysis and again after every edit (the names mail is routed
 * by, the zone's top). Records with a TXT value keep theirs too: a dozen
 * checks read every TXT record's text in one analysis, and reading it again
 * for each would cost more than the parse (on the realistic 100k zone, 160k
 * re-reads of 16k ordinary TXT records). The rest — the bulk of a large
 * zone: addresses, PTR — are read by the checks on the record itself, once
 * or twice per analysis.
 */
const KEPT_TYPES: ReadonlySet<string> = new Set(['MX', 'SRV', 'TLSA', 'CNAME', 'DNAME', 'NS', 'SOA', 'SVCB', 'HTTPS']);

function keepsContent(type: string, txt: TxtValue | undefined): boolean {
  return txt !== undefined || KEPT_TYPES.has(type);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
