/**
 * SPF completion: what may stand at the cursor. Where a term starts, the
 * mechanisms and modifiers from the term table, ranked by how often a
 * record needs them and filtered by what the record already has; after
 * `include:`, `a:`, `mx:`, `exists:`, `ptr:`, `redirect=` and `exp=`, the
 * zone's own names and, where an SPF record is expected, the well-known
 * provider includes; inside `%{`, the macro letters. Where only the user
 * knows the value (an address after `ip4:`), nothing is offered.
 */
import { rfcLink, type CompletionItem, type ValueCompletion } from '../../text/answers';
import type { ResourceRecord } from '../../zone/ast';
import { MACRO_LETTERS } from './macro';
import { allTerm, type SpfTerm } from './parse';
import { escapeMarkdown, letterNoun, MACRO_RFC, resultInfo, termDoc } from './hover';
import { providerCost, SPF_PROVIDERS } from './providers';
import { parsedSpf, treeOf, type SpfTarget } from './rules/common';
import { QUALIFIERS, SPF_TERMS, termDef, type Qualifier, type TermDef } from './terms';
import { canonical } from './tree';

type Item = Omit<CompletionItem, 'replace'>;

/**
 * The order terms are offered in: what nearly every record needs first, the
 * closing `all` variants next, the rarer terms after, and `ptr`, which the
 * RFC asks publishers not to use, last. Names not listed sort after these.
 */
const TERM_RANK: readonly string[] = ['include', 'ip4', 'ip6', 'mx', 'a', '~all', '-all', '?all', 'exists', 'redirect', 'exp', 'ptr'];

/**
 * The `all` variants offered when no qualifier is typed. `+all` (and a bare
 * `all`) authorizes every host on the Internet — `spf-pass-all` warns about
 * it — so it is never suggested; typing `+` still offers it, last.
 */
const ALL_VARIANTS: readonly Qualifier[] = ['~', '-', '?'];

/** Mechanisms and modifiers whose argument is a domain, and whether an SPF record is expected there. */
const DOMAIN_TERMS: Readonly<Record<string, 'spf' | 'address' | 'mx' | 'txt' | 'any'>> = {
  include: 'spf',
  redirect: 'spf',
  a: 'address',
  mx: 'mx',
  exists: 'any',
  ptr: 'any',
  exp: 'txt',
};

export function spfComplete(target: SpfTarget, offset: number): ValueCompletion | undefined {
  const text = target.parsed.text;
  if (offset <= target.parsed.version.end) return undefined;
  const wordStart = Math.max(text.lastIndexOf(' ', offset - 1) + 1, stringStart(target, offset));
  const word = text.slice(wordStart, offset);

  if (/^[+\-~?]?[A-Za-z]*$/.test(word)) {
    return { start: wordStart, end: offset, items: termItems(target, wordStart, word) };
  }
  const arg = /^([+\-~?]?)([A-Za-z][A-Za-z0-9_.-]*)([:=])/.exec(word);
  const name = arg?.[2].toLowerCase();
  const def = name ? termDef(name, arg![3] === '=' ? 'modifier' : 'mechanism') : undefined;
  if (!arg || !def || !(def.name in DOMAIN_TERMS)) return { start: offset, end: offset, items: [] };
  const argStart = wordStart + arg[0].length;
  const partial = text.slice(argStart, offset);
  // Inside a macro being typed: the letters.
  const macro = /%\{([A-Za-z]?)$/.exec(partial);
  if (macro) return { start: offset - macro[1].length, end: offset, items: macroItems() };
  // Past the domain (a `/` cidr length): only the user knows it.
  if (partial.includes('/')) return { start: offset, end: offset, items: [] };
  const names = domainItems(target, def, wordStart, partial);
  return { start: argStart, end: offset, items: names.items, incomplete: names.incomplete };
}

/** Value offset where the character-string holding the cursor starts: a replaced word never spans two strings. */
function stringStart(target: SpfTarget, offset: number): number {
  let start = 0;
  for (const s of target.txt.strings) {
    const end = start + s.value.length;
    if (offset > start && offset <= end) return start;
    start = end;
  }
  return 0;
}

function rank(key: string): string {
  const i = TERM_RANK.indexOf(key);
  return i >= 0 ? String(i).padStart(2, '0') : `50${key}`;
}

/** The terms of the record other than the one being typed at `wordStart`. */
function otherTerms(target: SpfTarget, wordStart: number): SpfTerm[] {
  return target.parsed.terms.filter((t) => t.start !== wordStart);
}

function termItems(target: SpfTarget, wordStart: number, word: string): Item[] {
  const others = otherTerms(target, wordStart);
  const all = allTerm({ ...target.parsed, terms: others });
  const has = (name: string): boolean => others.some((t) => t.kind === 'modifier' && t.name === name);
  // Past `all` a mechanism is never evaluated (RFC 7208 §5.1): only modifiers belong there.
  const afterAll = all !== undefined && wordStart > all.start;
  const typed = '+-~?'.includes(word[0] ?? '') ? (word[0] as Qualifier) : undefined;
  const items: Item[] = [];
  for (const def of SPF_TERMS) {
    if (def.kind === 'modifier') {
      if (typed || has(def.name) || (def.name === 'redirect' && all)) continue;
      items.push(termItem(def, '', rank(def.name)));
      continue;
    }
    if (afterAll) continue;
    if (def.name === 'all') {
      if (all) continue;
      // Beside a redirect, `all` would silently switch the redirect off (RFC 7208 §6.1).
      if (has('redirect')) continue;
      // With a qualifier typed, `all` is what usually follows it (`+all` aside); without one, the safe closing variants.
      if (typed) items.push(termItem(def, typed, typed === '+' ? '99' : '00'));
      else for (const q of ALL_VARIANTS) items.push(termItem(def, q, rank(`${q}all`)));
      continue;
    }
    // A bare `a` or `mx` the record already has would only cost another lookup.
    if (def.argument === 'optional-domain-cidr' && others.some((t) => t.name === def.name && t.raw.replace(/^[+\-~?]/, '').toLowerCase() === def.name)) continue;
    items.push(termItem(def, typed ?? '', rank(def.name)));
  }
  return items;
}

function termItem(def: TermDef, qualifier: string, sortText: string): Item {
  const suffix = def.kind === 'modifier' ? '=' : def.argument === 'domain' || def.argument === 'ip4' || def.argument === 'ip6' ? ':' : '';
  const label = `${qualifier}${def.name}${suffix}`;
  const result = def.kind === 'mechanism' ? resultInfo((qualifier || '+') as Qualifier) : undefined;
  const detail = [
    def.name === 'ptr' ? 'not recommended (RFC 7208 §5.5)' : '',
    def.name === 'all' && result ? `${result.result} for every other client` : '',
    def.dnsLookup ? '1 DNS lookup' : def.query ? 'not counted' : 'no DNS lookup',
  ]
    .filter(Boolean)
    .join(' · ');
  const effect = def.name === 'all' && result ? `\n\n\`${label}\`: every client no earlier mechanism matched gets **${result.result}**: ${result.meaning}.` : '';
  return {
    label,
    kind: def.kind === 'modifier' ? 'property' : 'keyword',
    detail,
    documentation: termDoc(def) + effect,
    insertText: label,
    sortText,
  };
}

/**
 * How many of the zone's names one answer offers. A hosting zone has tens of
 * thousands; listing them all makes every keystroke slow in the editor. The
 * answer holds the best fits among the names containing what is typed, and
 * says it is incomplete, so the editor asks again as the user types on.
 */
export const MAX_NAME_ITEMS = 100;

function domainItems(target: SpfTarget, def: TermDef, wordStart: number, partial: string): { items: Item[]; incomplete: boolean } {
  const want = DOMAIN_TERMS[def.name];
  const view = target.zone;
  const own = target.record.owner;
  const typed = partial.toLowerCase();
  const already = new Set(
    otherTerms(target, wordStart)
      .filter((t) => t.name === def.name && t.domainSpec && !t.domainSpec.hasMacros)
      .map((t) => canonical(t.domainSpec!.text)),
  );
  const offered = (owner: string): boolean =>
    // A wildcard owner is not a name anyone queries; the record's own name would be a loop for include and redirect.
    // The root (an owner written '.') is no name a term can hold; it would be an item with an empty label (found by the fuzzer).
    !owner.startsWith('*') && !already.has(owner) && !(want === 'spf' && owner === own) && owner !== '.' && (!typed || owner.includes(typed));
  // Names that have what the term looks for come first, then the others, each in name order, up to the bound;
  // the costly details are made only for the names offered.
  const chosen: string[] = [];
  let more = false;
  const fitting = namesFor(view, want);
  for (const list of [fitting.sorted, namesFor(view, 'all').sorted]) {
    const second = list !== fitting.sorted;
    // Every name fits (exists:, ptr:): the first list was all of them.
    if (second && !fitting.set) break;
    for (const owner of list) {
      if (!offered(owner) || (second && fitting.set!.has(owner))) continue;
      if (chosen.length === MAX_NAME_ITEMS) {
        more = true;
        break;
      }
      chosen.push(owner);
    }
    if (more) break;
  }
  const items: Item[] = chosen.map((owner) => {
    const name = owner.replace(/\.$/, '');
    const fit = fitness(target, want, view.recordsAt(owner));
    return { label: name, kind: 'reference', detail: fit.detail, documentation: fit.documentation, insertText: name, sortText: `${fit.rank}${name}` };
  });
  const incomplete = more;
  if (want === 'spf') {
    SPF_PROVIDERS.forEach((p, i) => {
      if (already.has(canonical(p.include))) return;
      items.push({
        label: p.include,
        kind: 'module',
        detail: `${p.provider}${p.variant ? ` (${p.variant})` : ''} · ${p.lookups === 'varies' ? '1 lookup + nested (varies)' : `${1 + p.lookups} lookups`}`,
        documentation: `**${p.provider}**${p.variant ? ` — ${p.variant}` : ''}\n\n${p.description}\n\nDocumented include: \`${def.name}${def.kind === 'modifier' ? '=' : ':'}${p.include}\`\n\nCost: ${providerCost(p)}. Providers change their records; the lookup tree with live DNS shows today's count.`,
        insertText: p.include,
        sortText: `1${String(i).padStart(2, '0')}`,
      });
    });
  }
  return { items, incomplete };
}

interface ZoneNames {
  /** Sorted. */
  readonly sorted: readonly string[];
  /** For membership; undefined when every name is in the list. */
  readonly set?: ReadonlySet<string>;
}

/**
 * The zone's names that fit a term (`spf`, `address`, `mx`, `txt`), or all
 * of them (`all`), sorted: computed once per analysis, since completion is
 * asked for on every keystroke and a zone may have a hundred thousand names.
 */
function namesFor(view: SpfTarget['zone'], want: string): ZoneNames {
  // Which names have SPF records, addresses or MX is a fact about names and types: it outlives edits of records' content.
  return view.nameFact(`spf-completion-names:${want}`, () => {
    const records = want === 'all' ? undefined : fittingRecords(view, want);
    if (records === undefined) return { sorted: [...view.ownerNames()].sort() };
    const set = new Set(records.map((r) => r.owner));
    return { sorted: [...set].sort(), set };
  });
}

/** The records that make a name fit the term: an SPF record for include, addresses for a, MX for mx, a plain TXT for exp; undefined when every name fits. */
function fittingRecords(view: SpfTarget['zone'], want: string): readonly ResourceRecord[] | undefined {
  switch (want) {
    case 'spf':
      return view.ofKind('spf').filter((r) => r.type === 'TXT');
    case 'address':
      return [...view.ofType('A'), ...view.ofType('AAAA')];
    case 'mx':
      return view.ofType('MX');
    case 'txt':
      return view.ofType('TXT').filter((r) => r.txt !== undefined && !view.kindOf(r));
    default:
      return undefined;
  }
}

/**
 * How well a zone name fits the argument, from the records at it: `0`
 * sorts the names that have what the term looks for (an SPF record for
 * include, addresses for a, MX for mx) before the providers (`1`), and the
 * rest after them (`2`).
 */
function fitness(target: SpfTarget, want: string, records: readonly ResourceRecord[]): { rank: string; detail: string; documentation?: string } {
  const view = target.zone;
  const types = [...new Set(records.map((r) => r.type))].join(', ');
  switch (want) {
    case 'spf': {
      const spf = records.find((r) => r.txt && view.kindOf(r) === 'spf' && r.type === 'TXT');
      if (!spf) return { rank: '2', detail: `no SPF record here (${types})` };
      const tree = treeOf({ record: spf, txt: spf.txt!, parsed: parsedSpf(view, spf), zone: view });
      const cost = 1 + tree.count;
      return { rank: '0', detail: `SPF in this zone · ${cost} lookup${cost === 1 ? '' : 's'}`, documentation: `\`${spf.txt!.text}\`\n\nCosts ${cost} of the 10 DNS lookups: the include and ${tree.count} beneath it, over this zone's names.` };
    }
    case 'address':
      return records.some((r) => r.type === 'A' || r.type === 'AAAA') ? { rank: '0', detail: 'has addresses in this zone' } : { rank: '2', detail: `no A or AAAA record here (${types})` };
    case 'mx': {
      const mx = records.filter((r) => r.type === 'MX').length;
      return mx ? { rank: '0', detail: `${mx} MX host${mx === 1 ? '' : 's'} in this zone` } : { rank: '2', detail: `no MX record here (${types})` };
    }
    case 'txt': {
      const txt = records.find((r) => r.type === 'TXT' && r.txt && !view.kindOf(r));
      return txt ? { rank: '0', detail: 'TXT record here', documentation: `"${escapeMarkdown(txt.txt!.text)}"` } : { rank: '2', detail: `no TXT record here (${types})` };
    }
    default:
      return { rank: '0', detail: types };
  }
}

function macroItems(): Item[] {
  // Outside the explanation text `c`, `r` and `t` are errors (RFC 7208 §7.3); `exp=` names a domain, so the same holds there.
  return MACRO_LETTERS.filter((m) => !m.explainOnly).map((m, i) => ({
    label: m.letter,
    kind: 'constant' as const,
    detail: letterNoun(m.letter),
    documentation: `\`%{${m.letter}}\` — ${escapeMarkdown(m.description)}\n\nAfter the letter: digits keep the rightmost parts, \`r\` reverses, and delimiters from \`.-+,/_=\` split the value (the parts are joined with "."); an upper-case letter URL-escapes the value.\n\n${rfcLink(MACRO_RFC.letters)}`,
    insertText: `${m.letter}}`,
    filterText: m.letter,
    sortText: String(i).padStart(2, '0'),
  }));
}
