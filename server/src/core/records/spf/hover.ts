/**
 * SPF hover: what the version tag, term, qualifier or macro under the cursor
 * means, read from the tables the parser and the rules read (`terms.ts`,
 * `macro.ts`), what it does in this record, and for include and redirect
 * the lookup tree beneath it — the same tree, over the zone's own names,
 * that `spf-lookup-limit` counts.
 */
import { rfcLink, type ValueHover } from '../../text/answers';
import { HOVER_DETAILS } from '../mail/hoverText';
import type { MacroEscape, MacroExpand, MacroLetter, MacroString } from './macro';
import { MACRO_LETTERS } from './macro';
import { transform, urlEscape } from './expand';
import { allTerm, type SpfTerm } from './parse';
import { providerCost, providerFor } from './providers';
import { treeOf, type SpfTarget } from './rules/common';
import { QUALIFIERS, type Qualifier, type TermDef } from './terms';
import { LOOKUP_LIMIT, VOID_LIMIT, canonical, treeNodes, type LookupNode, type SpfTree } from './tree';
import { isInZone, zoneLookup } from './zoneLookup';

export type SpfResultName = 'pass' | 'fail' | 'softfail' | 'neutral';

export interface SpfResultInfo {
  readonly result: SpfResultName;
  /** What receivers do with the result, one sentence. */
  readonly meaning: string;
  readonly rfc: string;
}

/**
 * What each result a qualifier gives means for the mail (RFC 7208 §8):
 * the qualifier table says which result, this one says what follows.
 */
export const SPF_RESULTS: readonly SpfResultInfo[] = [
  { result: 'pass', meaning: 'the client is authorized to send for the domain; receivers can hold the domain responsible for the message', rfc: 'RFC 7208 §8.3' },
  { result: 'fail', meaning: 'an explicit statement that the client is not authorized; receivers may reject the message (SMTP 550 5.7.1) or mark it as unauthorized', rfc: 'RFC 7208 §8.4' },
  { result: 'softfail', meaning: 'the domain believes the client is not authorized but makes no strong statement; receivers should not reject on this alone, but may look at the message more closely', rfc: 'RFC 7208 §8.5' },
  { result: 'neutral', meaning: 'no statement either way; receivers must treat it exactly like having no SPF record', rfc: 'RFC 7208 §8.2' },
];

/** The section that defines qualifiers and the results they give. */
export const QUALIFIER_RFC = 'RFC 7208 §4.6.2';

/** The version tag: what `v=spf1` is, for hover. */
export const SPF_VERSION_DOC = {
  text: 'v=spf1',
  description: 'SPF version 1: marks this TXT record as an SPF policy. It must come first, followed by a space or the end of the text, and a name may publish only one such record.',
  rfc: 'RFC 7208 §4.5',
} as const;

/** Where the macro letters and their transformers are defined. */
export const MACRO_RFC = { letters: 'RFC 7208 §7.2', processing: 'RFC 7208 §7.3', examples: 'RFC 7208 §7.4' } as const;

export function resultInfo(qualifier: Qualifier): SpfResultInfo {
  const result = QUALIFIERS.find((q) => q.qualifier === qualifier)!.result;
  return SPF_RESULTS.find((r) => r.result === result)!;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const bare = (name: string): string => (name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name);

/** What a table entry says about a term, shared by hover and completion. */
export function termDoc(def: TermDef, here: readonly string[] = []): string {
  const lines = [`**${def.name}** — ${def.kind}`, '', `\`${def.syntax}\``, '', def.description];
  if (def.default) lines.push('', `Default: ${def.default}.`);
  lines.push(...here.flatMap((line) => ['', line]), '', lookupCost(def), '', rfcLink(def.rfc));
  return lines.join('\n');
}

/** Text for Markdown: the RFC's `<sender>`, `<ip>` would otherwise be read as HTML tags and vanish. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>*_`\\[\]]/g, (c) => `\\${c}`);
}

function lookupCost(def: TermDef): string {
  if (def.dnsLookup) return `Counts 1 of the ${LOOKUP_LIMIT} DNS lookups a record may cause (${rfcLink('RFC 7208 §4.6.4')}); queries ${def.query}.`;
  if (def.query) return `Not counted toward the ${LOOKUP_LIMIT} DNS lookups; queries ${def.query}.`;
  return 'No DNS lookup.';
}

/** Hover at value offset `offset` of an SPF record. */
export function spfHover(target: SpfTarget, offset: number): ValueHover | undefined {
  const spf = target.parsed;
  if (spf.version.end > 0 && offset >= spf.version.start && offset <= spf.version.end) {
    const markdown = [`**${SPF_VERSION_DOC.text}** — ${SPF_VERSION_DOC.description}`, '', recordLine(target), '', rfcLink(SPF_VERSION_DOC.rfc)].join('\n');
    return { start: spf.version.start, end: spf.version.end, markdown };
  }
  const term = spf.terms.find((t) => offset >= t.start && offset <= t.end);
  if (!term) return undefined;
  // A qualifier on a modifier is a syntax error, which the term's hover reports.
  if (term.qualifierExplicit && term.kind === 'mechanism' && offset === term.start) {
    return { start: term.start, end: term.start + 1, markdown: qualifierHover(term) + `\n\n${recordLine(target)}` };
  }
  const macroPart = partAt(term.domainSpec ?? term.value, offset);
  if (macroPart) {
    return { start: macroPart.start, end: macroPart.end, markdown: macroPart.kind === 'macro' ? macroHover(macroPart, target.parsed.text) : escapeHover(macroPart) };
  }
  return { start: term.start, end: term.end, markdown: termHover(target, term) };
}

/** The macro or escape at `offset` (the cursor on or just inside it). */
function partAt(ms: MacroString | undefined, offset: number): MacroExpand | MacroEscape | undefined {
  if (!ms) return undefined;
  for (const part of ms.parts) {
    if (part.kind !== 'literal' && offset >= part.start && offset < part.end) return part;
  }
  return undefined;
}

function qualifierHover(term: SpfTerm): string {
  const info = resultInfo(term.qualifier);
  const own = QUALIFIERS.find((q) => q.qualifier === term.qualifier)!;
  const table = QUALIFIERS.map((q) => `\`${q.qualifier}\` ${q.result}`).join(' · ');
  const what = term.name === 'all' ? 'every client that no earlier mechanism matched gets' : `when \`${term.raw.slice(1)}\` matches, the result is`;
  return [
    `**\`${term.qualifier}\` qualifier — ${own.description}**`,
    '',
    `Here: ${what} **${info.result}**: ${info.meaning} (${rfcLink(info.rfc)}).`,
    '',
    `Qualifiers: ${table}. Default when none is written: \`+\` (pass).`,
    '',
    rfcLink(QUALIFIER_RFC),
  ].join('\n');
}

function termHover(target: SpfTarget, term: SpfTerm): string {
  const spf = target.parsed;
  const out: string[] = [];
  if (!term.def) {
    if (term.kind === 'modifier') {
      out.push(`**${escapeMarkdown(term.name)}** — unknown modifier: receivers ignore it wherever it appears (${rfcLink('RFC 7208 §6')}).`);
    } else {
      out.push(`**${escapeMarkdown(term.raw)}** — not a mechanism: a record with an unknown mechanism is a syntax error, and receivers return permerror for the whole record (${rfcLink('RFC 7208 §4.6')}).`);
    }
  }
  const problem = spf.errors.find((e) => e.start < term.end && e.end > term.start);
  const warning = problem ? `⚠ ${escapeMarkdown(problem.message)}. Receivers return permerror for the whole record.` : '';
  if (!term.def) {
    if (warning) out.push('', warning);
    out.push('', recordLine(target));
    return out.join('\n');
  }
  // Short first: what the term does here, what it resolves to, where it is defined; the reference below a rule.
  const def = term.def;
  const here = effect(target, term);
  const node = term.name === 'include' || term.name === 'redirect' ? nodeOf(treeOf(target), term) : undefined;
  out.push(`**${escapeMarkdown(term.raw)}** — ${here ?? def.kind}`);
  if (warning) out.push('', warning);
  const resolved = node ? resolvedLine(target, term, node) : undefined;
  if (resolved) out.push('', resolved);
  out.push('', rfcLink(def.rfc), '', HOVER_DETAILS);
  out.push(`${def.kind}: \`${def.syntax}\``, '', def.description);
  if (def.default) out.push('', `Default: ${def.default}.`);
  out.push('', lookupCost(def));
  if (node) out.push('', ...subtree(target, node));
  else out.push('', recordLine(target));
  return out.join('\n');
}

export { HOVER_DETAILS };

/** An include's or redirect's result in one line: what it costs of the record's lookups, or why it was not followed. */
function resolvedLine(target: SpfTarget, term: SpfTerm, node: LookupNode): string {
  const tree = treeOf(target);
  const spec = term.domainSpec;
  const provider = spec && !spec.hasMacros ? providerFor(spec.text) : undefined;
  const known = provider ? ` The documented include of ${provider.provider}${provider.variant ? ` (${provider.variant})` : ''}: ${providerCost(provider)}.` : '';
  if (notFollowed(target, node)) return `\`${bare(node.target!)}\` is outside this zone: not resolved without live DNS. This record: at least **${tree.count}/${LOOKUP_LIMIT} DNS lookups**.${known}`;
  const outcome = node.result === 'record' || node.result === 'ignored' ? '' : ` — ${nodeWords(target, node)}`;
  return `\`${node.term.raw}\` costs **${node.count}** of this record's ${atLeast(tree)}**${tree.count}/${LOOKUP_LIMIT} DNS lookups**, voids **${tree.voids}/${VOID_LIMIT}**${outcome}.${known}`;
}

/** The top-level node of the record's tree for `term`. */
function nodeOf(tree: SpfTree, term: SpfTerm): LookupNode | undefined {
  return tree.children.find((n) => n.term.start === term.start);
}

/** What the term does in this record, in one or two sentences. */
function effect(target: SpfTarget, term: SpfTerm): string | undefined {
  const spf = target.parsed;
  const all = allTerm(spf);
  if (term.kind === 'mechanism' && all && term.start > all.start) return `never evaluated: it comes after \`${all.raw}\`, which always matches (${rfcLink('RFC 7208 §5.1')}).`;
  const result = resultInfo(term.qualifier);
  const gets = `get **${result.result}**`;
  const spec = term.domainSpec;
  const name = spec ? (spec.hasMacros ? `\`${spec.text}\` (built from macros when the mail arrives)` : `\`${bare(spec.text)}\``) : `the current domain (\`${bare(target.record.owner)}\`)`;
  switch (term.name) {
    case 'all':
      return `every client that no earlier mechanism matched gets **${result.result}**: ${result.meaning}.${term.qualifier === '+' ? ' That authorizes every host on the Internet to send as this domain.' : ''}`;
    case 'include':
      return `when the SPF record of ${name} gives pass for the client, the result is **${result.result}**; otherwise evaluation goes on with the next term.`;
    case 'a':
      return `clients at an A or AAAA address of ${name}${cidrWords(term)} ${gets}.`;
    case 'mx':
      return `clients at an address of one of the MX hosts of ${name}${cidrWords(term)} ${gets}.${mxHosts(target, term)}`;
    case 'ptr':
      return `clients whose validated reverse DNS name ends in ${name} ${gets}. This costs several queries per message and fails with many senders: use ip4, ip6 or include instead (${rfcLink('RFC 7208 §5.5')}).`;
    case 'ip4':
    case 'ip6':
      return networkWords(target.parsed.text, term, gets);
    case 'exists':
      return `when ${name} has an A record, the client gets **${result.result}**.`;
    case 'redirect':
      if (all) return `this record has \`${all.raw}\`, so redirect is never used and costs nothing (${rfcLink('RFC 7208 §6.1')}).`;
      return `when no mechanism matches, the result is that of the SPF record of ${name}, as if it were this domain's record.`;
    case 'exp':
      return `on fail, receivers may show the sender the text of the TXT record at ${name}.${explanationText(target, term)}`;
  }
  return undefined;
}

function cidrWords(term: SpfTerm): string {
  const parts = [term.cidr4 !== undefined ? `within /${term.cidr4} for IPv4` : '', term.cidr6 !== undefined ? `within //${term.cidr6} for IPv6` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function mxHosts(target: SpfTarget, term: SpfTerm): string {
  const node = nodeOf(treeOf(target), term);
  if (node?.mxHosts === undefined) return '';
  return ` In this zone the target has ${plural(node.mxHosts, 'MX host')}${node.mxHosts > 10 ? ': more than 10, so receivers return permerror (RFC 7208 §4.6.4)' : ''}.`;
}

function networkWords(text: string, term: SpfTerm, gets: string): string | undefined {
  if (!term.ipSpan || !term.ip) return undefined;
  const bits = term.ip.length * 8;
  const prefix = (bits === 32 ? term.cidr4 : term.cidr6) ?? bits;
  const address = text.slice(term.ipSpan.start, term.ipSpan.end);
  const free = bits - prefix;
  const size = free === 0 ? 'one address' : free <= 32 ? `${2 ** free} addresses` : `2^${free} addresses`;
  return `clients in \`${address}/${prefix}\` (${size}) ${gets}.`;
}

function explanationText(target: SpfTarget, term: SpfTerm): string {
  const spec = term.domainSpec;
  if (!spec || spec.hasMacros || !term.valid) return '';
  const name = canonical(spec.text);
  if (!isInZone(target.zone, name)) return ` ${bare(name)} is outside this zone: not resolved without live DNS.`;
  const response = zoneLookup(target.zone)(name, 'TXT');
  if (response.status !== 'answer') return ` ${response.message}.`;
  if (response.answers.length === 0) return ` This zone has no TXT record at ${bare(name)}: receivers fall back to their own explanation.`;
  return ` In this zone: "${response.answers[0].join('')}".`;
}

/** The lookup subtree under an include or redirect, one line per node with its count. */
function subtree(target: SpfTarget, node: LookupNode): string[] {
  const lines: string[] = [];
  const walk = (n: LookupNode, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}${n.term.raw} — ${nodeWords(target, n)}`);
    for (const child of n.children) walk(child, depth + 1);
  };
  walk(node, 0);
  return [`Lookup tree over this zone's names (${rfcLink('RFC 7208 §4.6.4')}):`, '', '```text', ...lines, '```'];
}

function nodeWords(target: SpfTarget, n: LookupNode): string {
  const cost = n.counted ? plural(n.count, 'lookup') : 'not counted';
  const voids = n.voids ? `, ${plural(n.voids, 'void lookup')}` : '';
  switch (n.result) {
    case 'record':
      if (n.record) return `${cost}${voids}`;
      if (n.mxHosts !== undefined) return `${cost}, ${plural(n.mxHosts, 'MX host')}`;
      return cost;
    case 'void':
      return `${cost}, void: ${n.message ?? 'no answer'}`;
    case 'none':
      return `${cost}, no SPF record: ${n.message ?? ''} (permerror)`;
    case 'loop':
      return `${cost}, ${n.message ?? 'loop'} (permerror)`;
    case 'ignored':
      return `${cost}: ${n.message ?? 'never evaluated'}`;
    case 'error':
      return `${cost}, error: ${n.message ?? 'cannot be evaluated'}`;
    case 'unresolved':
      if (notFollowed(target, n)) return `${cost}, ${bare(n.target!)}: not resolved without live DNS`;
      return `${cost}, ${n.message ?? 'not resolved'}`;
  }
}

/** A node whose name lies outside the zone: only live DNS can follow it. */
function notFollowed(target: SpfTarget, n: LookupNode): boolean {
  return n.result === 'unresolved' && !!n.target && !n.macro && n.term.name !== 'ptr' && !isInZone(target.zone, n.target);
}

function atLeast(tree: SpfTree): string {
  return unfollowed(tree) > 0 ? 'at least ' : '';
}

/** Names in the tree that only live DNS could follow, or whose lookup failed: the counts are a minimum. */
function unfollowed(tree: SpfTree): number {
  let n = 0;
  for (const path of treeNodes(tree.children)) {
    const node = path[path.length - 1];
    if ((node.result === 'unresolved' && node.target && !node.macro && node.term.name !== 'ptr') || (node.result === 'error' && node.target)) n++;
  }
  return n;
}

/** The record-level line: its total lookups and voids over the zone's own names. */
function recordLine(target: SpfTarget): string {
  const tree = treeOf(target);
  const missing = unfollowed(tree);
  const over = tree.count > LOOKUP_LIMIT || tree.voids > VOID_LIMIT ? ' — over the limit: receivers return permerror' : '';
  const tail = missing ? ` (${plural(missing, 'name')} not resolved without live DNS)` : '';
  return `This record: ${atLeast(tree)}**${tree.count}/${LOOKUP_LIMIT} DNS lookups**, **${tree.voids}/${VOID_LIMIT} void lookups**${tail}${over}.`;
}

// Macros.

/** RFC 7208 §7.4's example: what each letter expands to there. `h`, `r` and `t` depend on the session, the receiver and the clock. */
const EXAMPLE: Readonly<Partial<Record<MacroLetter, string>>> = {
  s: 'strong-bad@email.example.com',
  l: 'strong-bad',
  o: 'email.example.com',
  d: 'email.example.com',
  i: '192.0.2.3',
  p: 'mx.example.org',
  v: 'in-addr',
  c: '192.0.2.3',
};

/** The letter's meaning as a noun phrase: its table description without the RFC's `<name>:` prefix or trailing aside. */
export function letterNoun(letter: MacroLetter): string {
  const info = MACRO_LETTERS.find((m) => m.letter === letter)!;
  return info.description.replace(/^<[a-z]+>: /, '').replace(/ \([^()]*\)$/, '');
}

/** `%{ir}` in words: "the client address, reversed, dot-separated". */
export function macroWords(macro: Pick<MacroExpand, 'letter' | 'urlEscape' | 'digits' | 'reverse' | 'delimiters'>): string {
  const words = [letterNoun(macro.letter)];
  if (macro.delimiters) words.push(`split on ${[...macro.delimiters].map((d) => `"${d}"`).join(' and ')}`);
  if (macro.reverse) words.push('reversed');
  if (macro.digits !== undefined) words.push(`its rightmost ${plural(macro.digits, 'part')}`);
  if (macro.delimiters || macro.reverse || macro.digits !== undefined) words.push('dot-separated');
  if (macro.urlEscape) words.push('URL-escaped');
  return words.join(', ');
}

function macroHover(macro: MacroExpand, text: string): string {
  const written = text.slice(macro.start, macro.end);
  const info = MACRO_LETTERS.find((m) => m.letter === macro.letter)!;
  const lines = [`**\`${written}\`**: ${escapeMarkdown(macroWords(macro))}`, '', `- \`${macro.letter}\` — ${escapeMarkdown(info.description)}`];
  if (macro.digits !== undefined) lines.push(`- \`${macro.digits}\` — keep the rightmost ${plural(macro.digits, 'part')} (after reversal)`);
  if (macro.reverse) lines.push('- `r` — reverse the order of the parts');
  if (macro.delimiters) lines.push(`- \`${macro.delimiters}\` — split on these characters instead of "."; the parts are joined with "." again`);
  if (macro.urlEscape) lines.push('- upper-case letter — the value is URL-escaped after expansion');
  lines.push('', 'Default: the whole value, split on ".", in order, not escaped.');
  if (info.explainOnly) lines.push('', `⚠ \`${macro.letter}\` is allowed only in explanation text (the TXT record \`exp=\` names); in a term receivers return permerror (${rfcLink(MACRO_RFC.processing)}).`);
  const example = EXAMPLE[macro.letter];
  if (example !== undefined) {
    const value = transform(example, macro);
    lines.push('', `Example, with ${rfcLink(MACRO_RFC.examples)}'s values (sender strong-bad@email.example.com, client 192.0.2.3): \`${written}\` → \`${macro.urlEscape ? urlEscape(value) : value}\``);
  }
  lines.push('', `${rfcLink(MACRO_RFC.letters)}, ${rfcLink(MACRO_RFC.processing)}`);
  return lines.join('\n');
}

const ESCAPE_WORDS: Readonly<Record<string, string>> = { '%': 'a literal "%"', ' ': 'a space', '%20': 'a URL-encoded space, "%20"' };

function escapeHover(escape: MacroEscape): string {
  const written = escape.value === '%' ? '%%' : escape.value === ' ' ? '%_' : '%-';
  return `**\`${written}\`**: ${ESCAPE_WORDS[escape.value]}\n\n${rfcLink('RFC 7208 §7.1')}`;
}
