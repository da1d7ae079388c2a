// Hovers short first: the server writes a hover's essentials, then a rule
// (`---`), then the reference (syntax, defaults, lookup tree). Every editor
// shows that in order; VS Code can fold the reference away, so here the
// part below the rule goes into a closed <details> block the user opens.
import * as vscode from 'vscode';

/** The server's separator between a hover's essentials and its details (server/src/core/records/mail/hoverText.ts, HOVER_DETAILS). */
const SEPARATOR = '\n\n---\n';

/** The hover with its details folded; a hover without details is returned as it is. */
export function foldDetails(hover: vscode.Hover): vscode.Hover {
  const contents = hover.contents.map((content) => {
    if (!(content instanceof vscode.MarkdownString)) return content;
    const at = content.value.indexOf(SEPARATOR);
    if (at < 0) return content;
    const folded = new vscode.MarkdownString(
      `${content.value.slice(0, at)}\n\n<details><summary>Details</summary>\n\n${content.value.slice(at + SEPARATOR.length)}\n\n</details>`,
      content.supportThemeIcons,
    );
    folded.supportHtml = true;
    folded.isTrusted = content.isTrusted;
    folded.baseUri = content.baseUri;
    return folded;
  });
  return new vscode.Hover(contents, hover.range);
}
