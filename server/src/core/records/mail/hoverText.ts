/**
 * The one shape every record hover takes, short first: a line saying what
 * the thing under the cursor means here, the lines that say what it
 * resolves to in this zone, the link to where it is defined, and below a
 * rule the reference (grammar, defaults, the other values) that an editor
 * may fold away. Every editor shows the text in that order; the VS Code
 * client folds what follows the rule (client/src/hoverDetails.ts).
 */

/** Where a hover's details begin: below it, the reference an editor may fold away. */
export const HOVER_DETAILS = '---';

export interface ShortHover {
  /** What is hovered, as written (`p=quarantine`, `MX preference 10`); shown bold. */
  readonly title: string;
  /** One sentence: what it means here. */
  readonly meaning: string;
  /** What it resolves to in this record or zone, one line each. */
  readonly resolved?: readonly (string | undefined)[];
  /** Markdown links to where it is defined. */
  readonly links?: readonly string[];
  /** The reference below the rule, one paragraph each. */
  readonly details?: readonly string[];
}

/** The Markdown of a short hover. The title is escaped: it holds names and values as written, which may contain `*` or `_`. */
export function shortHoverMarkdown(hover: ShortHover): string {
  const out = [`**${escapeTitle(hover.title)}** — ${hover.meaning}`];
  for (const line of hover.resolved ?? []) if (line) out.push('', line);
  if (hover.links?.length) out.push('', hover.links.join(' · '));
  const details = (hover.details ?? []).filter((d) => d.length > 0);
  if (details.length) out.push('', HOVER_DETAILS, details.join('\n\n'));
  return out.join('\n');
}

/** Markdown's emphasis, code and link characters escaped, as plainText.ts's markdownToText reverses. */
function escapeTitle(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** Text as inline code, fenced with enough backticks for any it holds. */
export function inlineCode(text: string): string {
  const run = (text.match(/`+/g) ?? []).reduce((longest, m) => Math.max(longest, m.length), 0);
  const fence = '`'.repeat(run + 1);
  return run ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/**
 * A resolver for a tag that lists report addresses (DMARC `rua=`/`ruf=`,
 * TLS-RPT `rua=`): where the reports go, with `mailto:` dropped and a DMARC
 * size limit (`!10m`) left out. At most a few addresses are named; a longer
 * list is counted.
 */
export function reportsGoTo(what: string): (value: string) => string | undefined {
  return (value) => {
    const targets = value
      .split(',')
      .map((uri) => uri.trim().replace(/![0-9]+[kmgt]?$/i, ''))
      .filter((uri) => uri.length > 0)
      .map((uri) => (/^mailto:/i.test(uri) ? uri.slice('mailto:'.length) : uri));
    if (targets.length === 0) return undefined;
    const shown = targets.slice(0, MAX_NAMED).map(inlineCode);
    const more = targets.length > MAX_NAMED ? ` and ${targets.length - MAX_NAMED} more` : '';
    const joined = shown.length > 1 && !more ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join(', ');
    return `${what} go to ${joined}${more}.`;
  };
}

/** How many report addresses a hover names before it counts the rest. */
const MAX_NAMED = 3;
