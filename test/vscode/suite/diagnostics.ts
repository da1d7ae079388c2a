// Reading Mailzone's diagnostics back from VS Code in a comparable form.
import * as vscode from 'vscode';

export interface SeenDiagnostic {
  code: string;
  /** `codeDescription.href` as VS Code exposes it (`code.target`), when the server sent one. */
  target?: string;
  line: number;
  severity: vscode.DiagnosticSeverity;
  message: string;
}

/** The diagnostics the `mailzone` source holds for `uri`, with the rule id as a plain string. */
export function mailzoneDiagnostics(uri: vscode.Uri): SeenDiagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'mailzone')
    .map((d) => {
      // A code with a documentation link arrives as `{ value, target }`, otherwise as a string or number.
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
      const target = typeof d.code === 'object' ? d.code.target.toString() : undefined;
      return { code, target, line: d.range.start.line, severity: d.severity, message: d.message };
    });
}

/** Everything VS Code holds for `uri`, from any source, for failure messages. */
export function describeAll(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics';
  return all
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `${d.source ?? '?'}:${String(code)}@${d.range.start.line + 1}`;
    })
    .join(', ');
}
