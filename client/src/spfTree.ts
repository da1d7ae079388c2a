// The SPF lookup tree in a tree view ("SPF Lookup Tree" in the Explorer):
// the record, then each term that queries DNS with its place in evaluation
// order and its cost, nested as receivers follow includes. Clicking a node
// opens the records it reads. The server computes everything
// (mailzone.showSpfTree); this only turns its answer into tree items.
import * as vscode from 'vscode';

interface Place {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

/** A node as the server sends it (server/src/commands.ts, LocatedNode). */
export interface SpfTreeNode {
  readonly label: string;
  readonly lookup?: number;
  readonly count: number;
  readonly voids: number;
  readonly outcome: string;
  readonly status: 'ok' | 'void' | 'error' | 'unresolved' | 'ignored' | 'over';
  readonly location?: Place;
  readonly children: readonly SpfTreeNode[];
}

/** The command's answer (server/src/commands.ts, SpfTreeResult). */
export interface SpfTreeAnswer {
  readonly domain: string;
  readonly count: number;
  readonly voids: number;
  readonly live: boolean;
  readonly record: { readonly text: string; readonly location: Place };
  readonly outline: readonly SpfTreeNode[];
}

export const SPF_TREE_VIEW = 'mailzone.spfTree';

const ICONS: Record<SpfTreeNode['status'], vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  void: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  over: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unresolved: new vscode.ThemeIcon('question'),
  ignored: new vscode.ThemeIcon('circle-slash'),
};

type Item = { readonly root: SpfTreeAnswer } | { readonly node: SpfTreeNode };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function open(place: Place): vscode.Command {
  const { start, end } = place.range;
  return {
    title: 'Go to the record',
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(place.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
  };
}

export class SpfTreeView implements vscode.TreeDataProvider<Item> {
  private answer: SpfTreeAnswer | undefined;
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.window.createTreeView(SPF_TREE_VIEW, { treeDataProvider: this, showCollapseAll: true }), this.changed);
  }

  /** Shows a new tree and brings the view forward. */
  async show(answer: SpfTreeAnswer): Promise<void> {
    this.answer = answer;
    await vscode.commands.executeCommand('setContext', 'mailzone.hasSpfTree', true);
    this.changed.fire(undefined);
    await vscode.commands.executeCommand(`${SPF_TREE_VIEW}.focus`);
  }

  getChildren(item?: Item): Item[] {
    if (!item) return this.answer ? [{ root: this.answer }] : [];
    const nodes = 'root' in item ? item.root.outline : item.node.children;
    return nodes.map((node) => ({ node }));
  }

  getTreeItem(item: Item): vscode.TreeItem {
    if ('root' in item) {
      const { root } = item;
      const tree = new vscode.TreeItem(root.domain.replace(/\.$/, ''), vscode.TreeItemCollapsibleState.Expanded);
      tree.description = `${root.count}/10 DNS lookups · ${root.voids}/2 void${root.live ? '' : ' · live DNS off'}`;
      tree.tooltip = new vscode.MarkdownString().appendCodeblock(root.record.text, 'text');
      tree.iconPath = root.count > 10 || root.voids > 2 ? ICONS.over : new vscode.ThemeIcon('mail');
      tree.command = open(root.record.location);
      return tree;
    }
    const { node } = item;
    const tree = new vscode.TreeItem(node.label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const cost = node.lookup !== undefined ? `#${node.lookup} · ${plural(node.count, 'lookup')}` : 'not counted';
    tree.description = `${cost}${node.voids ? ` · ${plural(node.voids, 'void')}` : ''} — ${node.outcome}`;
    tree.tooltip = `${node.label}\n${cost}\n${node.outcome}${node.status === 'over' ? '\nPast the limit: receivers return permerror here.' : ''}`;
    tree.iconPath = ICONS[node.status];
    if (node.location) tree.command = open(node.location);
    return tree;
  }
}
