/**
 * Plain-text forms of the core's Markdown and snippets, for editors that
 * declare they show only plain text or insert only plain text (Emacs's
 * eglot without markdown-mode and yasnippet, for one).
 */

/**
 * Markdown as readable plain text: code fences and heading marks go, bold
 * and inline-code marks go, a link keeps its text and shows its address in
 * angle brackets. Single `*` and `_` stay: they occur in DNS names and SPF
 * macros, and the core's Markdown uses them only in those.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\s*```/.test(line))
    .map((line) =>
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, text: string, url: string) => (text === url ? `<${url}>` : `${text} <${url}>`))
        // Bold text may hold escaped marks (`\*` in a wildcard name), which the last step unescapes.
        .replace(/\*\*((?:\\.|[^*\\])+)\*\*/g, '$1')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1'),
    )
    .join('\n');
}

/** Snippet nesting deeper than this is not written by the core; deeper text is kept as it is. */
const MAX_SNIPPET_DEPTH = 8;

/**
 * The text a snippet inserts when nothing is typed into it: a placeholder
 * `${1:text}` becomes its text, a choice `${1|a,b|}` its first option, a tab
 * stop `$1` or `${1}` nothing, and `\$`, `\}`, `\\` their characters.
 */
export function snippetToText(snippet: string, depth = 0): string {
  let out = '';
  let i = 0;
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const stop = /^\$(\d+)/.exec(snippet.slice(i));
    if (stop) {
      i += stop[0].length;
      continue;
    }
    const choice = /^\$\{\d+\|((?:[^|\\]|\\.)*)\|\}/.exec(snippet.slice(i));
    if (choice) {
      out += snippetToText(choice[1].split(/(?<!\\),/)[0], depth + 1);
      i += choice[0].length;
      continue;
    }
    const open = /^\$\{\d+(:|\})/.exec(snippet.slice(i));
    if (!open || depth >= MAX_SNIPPET_DEPTH) {
      out += c;
      i++;
      continue;
    }
    i += open[0].length;
    if (open[1] === '}') continue;
    // The placeholder's text runs to its matching brace; nested placeholders count.
    let level = 1;
    let j = i;
    for (; j < snippet.length && level > 0; j++) {
      if (snippet[j] === '\\') j++;
      else if (snippet[j] === '{' && snippet[j - 1] === '$') level++;
      else if (snippet[j] === '}') level--;
    }
    out += snippetToText(snippet.slice(i, level === 0 ? j - 1 : j), depth + 1);
    i = j;
  }
  return out;
}
