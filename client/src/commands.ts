// The palette side of the server's commands. languageclient registers every
// command the server announces; when one is run from the palette (with no
// arguments) this asks the user for what the server needs, sends the
// request, and shows the answer. Called with arguments (a code lens, a code
// action, another extension), it only sends and shows. The work itself —
// evaluating SPF, building records, editing — happens in the server.
import * as net from 'node:net';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { SpfTreeView, type SpfTreeAnswer } from './spfTree';

const REPORT_SCHEME = 'mailzone-report';

interface Answer {
  readonly headline?: string;
  readonly result?: string;
  readonly text?: string;
  readonly applied?: boolean;
  readonly previous?: string;
  readonly key?: string;
  /** insertMtaSts: what the zone does for the policy host (see the server's mtaStsInsertion). */
  readonly policyHost?: 'present' | 'cname' | 'comment' | 'elsewhere';
  readonly domain?: string;
  readonly id?: string;
  readonly tlsRptKept?: boolean;
  /** showSpfTree: the record and the tree as nodes, for the tree view. */
  readonly record?: SpfTreeAnswer['record'];
  readonly outline?: SpfTreeAnswer['outline'];
  readonly count?: number;
  readonly voids?: number;
  readonly live?: boolean;
}

/** Read-only documents for reports (SPF lookup tree, check_host() path), kept while open. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(title: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${title}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }
}

type Next = (command: string, args: unknown[]) => Promise<unknown>;

/** The `executeCommand` middleware for the language client, and the report provider to register. */
export function commandMiddleware(client: () => LanguageClient | undefined): {
  executeCommand: (command: string, args: unknown[], next: Next) => Promise<unknown>;
  register: (context: vscode.ExtensionContext) => void;
  spfTree: SpfTreeView;
} {
  const reports = new Reports();
  const spfTree = new SpfTreeView();

  async function send(command: string, args: unknown[]): Promise<Answer | undefined> {
    const running = client();
    if (!running) return undefined;
    try {
      return (await running.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as Answer | undefined;
    } catch (error) {
      // The server's message says what was wrong with the request.
      void vscode.window.showErrorMessage(`Mailzone: ${error instanceof ResponseError || error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  async function executeCommand(command: string, args: unknown[]): Promise<unknown> {
    const filled = args.length > 0 ? args : await ask(command);
    if (!filled) return undefined;
    const answer = await send(command, filled);
    if (answer) await present(command, answer);
    return answer;
  }

  async function present(command: string, answer: Answer): Promise<void> {
    switch (command) {
      case 'mailzone.testSpf': {
        const headline = answer.headline ?? '';
        const shown = answer.result === 'pass' ? vscode.window.showInformationMessage(headline, 'Show details') : vscode.window.showWarningMessage(headline, 'Show details');
        // Not awaited: the command finishes when the answer is in; the details open if asked for.
        void shown.then((choice) => choice && reports.show('SPF check.txt', answer.text ?? ''));
        return;
      }
      case 'mailzone.showSpfTree':
        // A server that sends no nodes (an older one) still has the text report.
        if (!answer.outline || !answer.record || answer.domain === undefined) return reports.show('SPF lookup tree.txt', answer.text ?? '');
        return spfTree.show({ domain: answer.domain, count: answer.count ?? 0, voids: answer.voids ?? 0, live: answer.live === true, record: answer.record, outline: answer.outline });
      case 'mailzone.probe':
        return reports.show(`STARTTLS probe of ${answer.domain ?? 'the domain'}.txt`, answer.text ?? '');
      case 'mailzone.insertDmarc':
      case 'mailzone.insertDkim':
      case 'mailzone.insertBimi':
        if (answer.applied) void vscode.window.showInformationMessage(`Inserted ${answer.key ? `a ${answer.key} key: ` : ''}${answer.text ?? ''}`);
        return;
      case 'mailzone.insertMtaSts':
        if (!answer.applied) return;
        // The record announces a policy file that senders fetch over HTTPS: without it, or without the host, nothing applies.
        void vscode.window.showInformationMessage(
          `Inserted the MTA-STS${answer.tlsRptKept ? '' : ' and TLS-RPT'} records (id=${answer.id ?? ''}). Publish the policy file at ` +
            `https://mta-sts.${answer.domain ?? ''}/.well-known/mta-sts.txt first, and change the id whenever the file changes.` +
            (answer.policyHost === 'comment' ? ` mta-sts.${answer.domain ?? ''} still needs an address (see the comment).` : ''),
        );
        return;
      case 'mailzone.bumpSerial':
        if (answer.applied) void vscode.window.showInformationMessage(`SOA serial ${answer.previous} → ${answer.text}`);
        return;
    }
  }

  return {
    executeCommand: (command, args) => executeCommand(command, args),
    register: (context) => {
      context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
        // The walkthrough's first step: a zone with a few deliberate mistakes, as an untitled copy the user may edit.
        vscode.commands.registerCommand('mailzone.openExample', async () => {
          const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', 'example.com.zone')));
          await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'dns-zone', content: text }));
        }),
      );
      spfTree.register(context);
    },
    spfTree,
  };
}

/** The zone document in front, and the cursor in it. */
function activeZone(): { uri: string; position: vscode.Position; text: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dns-zone') {
    void vscode.window.showWarningMessage('Mailzone: open a zone file first.');
    return undefined;
  }
  return { uri: editor.document.uri.toString(), position: editor.selection.active, text: editor.document.getText() };
}

/** The domain a zone file is for, as a default for prompts: its first absolute $ORIGIN. */
function domainOf(text: string): string {
  return /^\$ORIGIN\s+(\S+)\.\s*$/im.exec(text)?.[1] ?? 'example.com';
}

/** Asks for a command's arguments; undefined when the user cancels. */
async function ask(command: string): Promise<unknown[] | undefined> {
  const zone = activeZone();
  if (!zone) return undefined;
  const { uri, position } = zone;
  const at = { line: position.line, character: position.character };
  const domain = domainOf(zone.text);
  switch (command) {
    case 'mailzone.testSpf': {
      const ip = await vscode.window.showInputBox({
        title: 'Test SPF (1/3)',
        prompt: 'IP address of the sending host',
        placeHolder: '192.0.2.25 or 2001:db8::25',
        validateInput: (v) => (net.isIP(v.trim()) ? undefined : 'an IPv4 or IPv6 address'),
      });
      if (ip === undefined) return undefined;
      const sender = await vscode.window.showInputBox({ title: 'Test SPF (2/3)', prompt: 'Sender (MAIL FROM); empty for a bounce', value: `postmaster@${domain}` });
      if (sender === undefined) return undefined;
      const helo = await vscode.window.showInputBox({ title: 'Test SPF (3/3)', prompt: 'HELO name of the sending host (optional)', value: '' });
      if (helo === undefined) return undefined;
      return [{ uri, ip: ip.trim(), sender: sender.trim(), ...(helo.trim() ? { helo: helo.trim() } : {}) }];
    }
    case 'mailzone.showSpfTree':
      return [{ uri, position: at }];
    case 'mailzone.insertDmarc': {
      const policies = [
        { label: 'none', description: 'monitor', detail: 'Receivers deliver failing mail as usual and send reports. Start here.' },
        { label: 'quarantine', description: 'spam folder', detail: 'Receivers treat failing mail as suspicious.' },
        { label: 'reject', description: 'refuse', detail: 'Receivers refuse failing mail. The goal once reports are clean.' },
      ];
      const policy = await vscode.window.showQuickPick(policies, { title: 'Insert DMARC record (1/2)', placeHolder: 'Policy for mail that fails DMARC' });
      if (!policy) return undefined;
      const rua = await vscode.window.showInputBox({ title: 'Insert DMARC record (2/2)', prompt: 'Address for aggregate reports (rua); empty for none', value: `dmarc-reports@${domain}` });
      if (rua === undefined) return undefined;
      return [{ uri, position: at, policy: policy.label, rua }];
    }
    case 'mailzone.insertDkim': {
      const selector = await vscode.window.showInputBox({ title: 'Insert DKIM record (1/2)', prompt: 'Selector (the s= your mail server signs with)', value: `mail${new Date().getFullYear()}` });
      if (!selector) return undefined;
      const key = await publicKey();
      if (key === undefined) return undefined;
      return [{ uri, position: at, selector, key }];
    }
    case 'mailzone.insertMtaSts': {
      const reports = await vscode.window.showInputBox({ title: 'Insert MTA-STS and TLS-RPT records (1/2)', prompt: 'Address for the daily TLS reports (TLS-RPT rua)', value: `tlsrpt@${domain}` });
      if (reports === undefined) return undefined;
      const policyHost = await vscode.window.showInputBox({
        title: 'Insert MTA-STS and TLS-RPT records (2/2)',
        prompt: `Web host serving https://mta-sts.${domain}/.well-known/mta-sts.txt, for a CNAME at mta-sts.${domain}; empty to add A/AAAA records yourself (not asked for if the zone has them)`,
        placeHolder: 'mta-sts.hosting.example.',
        value: '',
      });
      if (policyHost === undefined) return undefined;
      return [{ uri, position: at, reports, ...(policyHost.trim() ? { policyHost: policyHost.trim() } : {}) }];
    }
    case 'mailzone.insertBimi': {
      const logo = await vscode.window.showInputBox({
        title: 'Insert BIMI record (1/2)',
        prompt: 'HTTPS URI of the logo (SVG Tiny PS)',
        value: `https://${domain}/bimi/logo.svg`,
        validateInput: (v) => (/^https:\/\/\S+\.svgz?$/i.test(v.trim()) ? undefined : 'an https:// URI of an .svg file'),
      });
      if (logo === undefined) return undefined;
      const evidence = await vscode.window.showInputBox({
        title: 'Insert BIMI record (2/2)',
        prompt: 'HTTPS URI of the mark certificate (VMC or CMC, PEM); empty for none',
        value: '',
        validateInput: (v) => (v.trim() === '' || /^https:\/\/\S+$/i.test(v.trim()) ? undefined : 'an https:// URI, or empty'),
      });
      if (evidence === undefined) return undefined;
      return [{ uri, position: at, logo: logo.trim(), ...(evidence.trim() ? { evidence: evidence.trim() } : {}) }];
    }
    case 'mailzone.bumpSerial':
      return [{ uri }];
    case 'mailzone.probe': {
      const target = await vscode.window.showInputBox({ title: 'Probe STARTTLS of the MX hosts', prompt: 'Domain whose MX hosts to connect to (nothing is sent but EHLO, STARTTLS and QUIT)', value: domain });
      if (!target?.trim()) return undefined;
      return [{ uri, domain: target.trim() }];
    }
    default:
      return [];
  }
}

/** The PEM public key: from the clipboard when it holds one, pasted, or read from a file. */
async function publicKey(): Promise<string | undefined> {
  const clipboard = await vscode.env.clipboard.readText();
  const choices = [
    ...(/-----BEGIN (RSA )?PUBLIC KEY-----/.test(clipboard) ? [{ label: 'Use the public key on the clipboard', id: 'clipboard' }] : []),
    { label: 'Paste the public key…', id: 'paste' },
    { label: 'Read it from a .pem file…', id: 'file' },
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: 'Insert DKIM record (2/2)', placeHolder: 'The public key (openssl rsa -in key.pem -pubout)' });
  switch (choice?.id) {
    case 'clipboard':
      return clipboard;
    case 'paste':
      return vscode.window.showInputBox({ title: 'Insert DKIM record (2/2)', prompt: 'The public key, PEM or base64', ignoreFocusOut: true });
    case 'file': {
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'PEM public key': ['pem', 'pub', 'key', 'txt'] } });
      if (!files?.[0]) return undefined;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(files[0]));
    }
    default:
      return undefined;
  }
}
