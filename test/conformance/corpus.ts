/**
 * The conformance corpus as cases. Two shapes of peer test data are vendored
 * under test/conformance/data/ (SOURCES.md says where each file comes from):
 *
 * - Zone files (BIND's checkzone zones, dnspython's example zone): the file
 *   is one case, loaded as the zone its table entry names.
 * - Line corpora (Knot's libzscanner tests): every record entry is a case.
 *   They are written for a scanner that goes on after an error, so the cases
 *   of one file share one zone: the harness puts an SOA and NS at the top
 *   and, for files whose cases each stand alone, gives every case its own
 *   owner by writing `$ORIGIN cN.` before it (the cases use `@`), so that
 *   one case's records never form an RRset, or a CNAME conflict, with
 *   another's. Files whose cases build on each other (owner inheritance,
 *   `$ORIGIN`, `$TTL`) are read whole; SOA cases each make a zone of their own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DATA = path.resolve(__dirname, '../../../test/conformance/data');

/** A zone handed to both tools, and where each case's lines are in it. */
export interface CaseZone {
  /** Stable id of the zone, also the file name it is written to. */
  readonly id: string;
  readonly origin: string;
  readonly text: string;
  readonly cases: readonly Case[];
}

export interface Case {
  /** `knot/10_A.in:12` (source line) or `bind/good1.db` (whole file). */
  readonly id: string;
  /** 1-based lines of the zone text the case occupies, inclusive. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** The owner label the harness gave the case (`c12`), when it gave one. */
  readonly label?: string;
}

interface Entry {
  readonly text: string;
  /** 1-based line of the entry's first character in the source. */
  readonly line: number;
  readonly lines: number;
  readonly directive: boolean;
  /** Only blanks and comments. */
  readonly empty: boolean;
}

/**
 * Splits master-file text into entries: a line, or lines joined by
 * parentheses. Quotes, escapes and comments are honoured so that a `(` in a
 * string or a comment does not join lines. The loop visits each character once.
 */
export function entries(text: string): Entry[] {
  const out: Entry[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let depth = 0;
  let quoted = false;
  let comment = false;
  let content = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || (c === '\n' && depth <= 0 && !quoted)) {
      const entryText = text.slice(start, i);
      if (entryText.length > 0 || i < text.length) {
        out.push({ text: entryText, line: startLine, lines: line - startLine + 1, directive: entryText.startsWith('$'), empty: !content });
      }
      start = i + 1;
      line++;
      startLine = line;
      depth = 0;
      comment = false;
      content = false;
      continue;
    }
    if (c === '\n') {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (c === '\\') {
      i++;
      content = true;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ';') comment = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== ';') content = true;
  }
  return out;
}

/** How a line corpus is cut into zones. */
type Mode = 'owner' | 'file' | 'each';

/** Knot's files whose cases build on the lines before them, and the SOA file, whose every case is a zone's SOA. */
function knotMode(name: string): Mode {
  if (/^(00|01|04|05)[-_]/.test(name)) return 'file';
  if (name.startsWith('25_SOA')) return 'each';
  return 'owner';
}

/** The top of a zone made from a line corpus: absolute names and an explicit TTL, so the corpus' own directives do not change it. */
const ROOT_HEAD = ['.\t0\tIN\tSOA\tns.invalid. hostmaster.invalid. 1 1 1 1 1', '.\t0\tIN\tNS\tns.invalid.', 'ns.invalid.\t0\tIN\tA\t192.0.2.1', '.\t0\tIN\tA\t192.0.2.1'];

function lineCorpus(source: string, text: string): CaseZone[] {
  const name = path.basename(source);
  const mode = knotMode(name);
  const all = entries(text);
  const zones: CaseZone[] = [];
  if (mode === 'each') {
    // A zone per case: the directives seen so far, then the case; an NS after an SOA case keeps the zone whole.
    const directives: string[] = [];
    for (const e of all) {
      if (e.empty) continue;
      if (e.directive) {
        directives.push(e.text);
        continue;
      }
      const lines = [...directives, e.text, '@\t0\tIN\tNS\tns.invalid.', 'ns.invalid.\t0\tIN\tA\t192.0.2.1'];
      const firstLine = directives.length + 1;
      const caseText = e.text.split('\n');
      zones.push({
        id: `${source.replace(/\//g, '_')}_${e.line}`,
        origin: '.',
        text: `${lines.join('\n')}\n`,
        cases: [{ id: `${source}:${e.line}`, firstLine, lastLine: firstLine + caseText.length - 1 }],
      });
    }
    return zones;
  }
  const lines = [...ROOT_HEAD];
  const cases: Case[] = [];
  for (const e of all) {
    if (e.empty) {
      // Comments stay where they are, so the zone reads like its source.
      lines.push(...e.text.split('\n'));
      continue;
    }
    let label: string | undefined;
    if (mode === 'owner' && !e.directive) {
      label = `c${e.line}`;
      lines.push(`$ORIGIN ${label}.`);
    }
    const firstLine = lines.length + 1;
    lines.push(...e.text.split('\n'));
    cases.push({ id: `${source}:${e.line}`, firstLine, lastLine: lines.length, label });
  }
  zones.push({ id: source.replace(/\//g, '_'), origin: '.', text: `${lines.join('\n')}\n`, cases });
  return zones;
}

/** Origins of the zone-file corpora that are not `example.` (from the peers' own test scripts). */
const ZONE_ORIGINS: Readonly<Record<string, string>> = {
  'bind/bad-dns-sd-reverse.db': '0.0.0.0.in-addr.arpa.',
  'bind/good-dns-sd-reverse.db': '0.0.0.0.in-addr.arpa.',
  // BIND's tests load these as the zones they hold, not as `example`.
  'bind/zone1.db': 'zone1.com.',
  'bind/ns-address-below-dname.db': 'example.com.',
  'bind/delegating-ns-address-below-dname.db': 'example.com.',
};

function zoneCorpus(source: string, text: string): CaseZone {
  const lines = text.split('\n').length;
  return { id: source.replace(/\//g, '_'), origin: ZONE_ORIGINS[source] ?? 'example.', text, cases: [{ id: source, firstLine: 1, lastLine: lines }] };
}

/** Every zone of the corpus, in a stable order. */
export function corpus(): CaseZone[] {
  const zones: CaseZone[] = [];
  for (const peer of fs.readdirSync(DATA).sort()) {
    const dir = path.join(DATA, peer);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const source = `${peer}/${name}`;
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      if (peer === 'knot') zones.push(...lineCorpus(source, text));
      else zones.push(zoneCorpus(source, text));
    }
  }
  return zones;
}
