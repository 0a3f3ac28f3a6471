import * as vscode from 'vscode';
import { Views } from '../constants';
import type { GateCriterion, GateResult } from '../core/gate';
import type { PlanStore } from '../plans/planStore';
import type { GateRuns } from './gateRuns';

/** One criterion of the gate, in the view. */
export interface GateNode {
  uri: vscode.Uri;
  criterion: GateCriterion;
}

/**
 * The Ready for Review view: the gate of the active plan (or the plan last checked), re-read from
 * the plan whenever the store says it changed, with the outcome of the commands as last run.
 */
export class GateViewProvider implements vscode.TreeDataProvider<GateNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GateNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<GateNode> | undefined;
  private target: vscode.Uri | undefined;
  private shown: { uri: vscode.Uri; result: GateResult } | undefined;

  constructor(
    private readonly plans: PlanStore,
    private readonly runs: GateRuns,
  ) {
    this.disposables.push(
      this.changed,
      plans.onDidChange((change) => {
        if (!this.target || !change.uris || change.uris.some((u) => u.toString() === this.target!.toString())) this.changed.fire(undefined);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (document && document.uri.toString() !== this.target?.toString() && this.plans.isPlan(document)) this.show(document.uri, false);
      }),
    );
    const active = vscode.window.activeTextEditor?.document;
    if (active && plans.isPlan(active)) this.target = active.uri;
  }

  attach(view: vscode.TreeView<GateNode>): void {
    this.view = view;
  }

  /** The gate the view shows now, once it has read it. */
  current(): { uri: vscode.Uri; result: GateResult } | undefined {
    return this.shown;
  }

  /** Shows a plan's gate; with `reveal`, brings the view into sight. */
  show(uri: vscode.Uri, reveal: boolean): void {
    this.target = uri;
    this.changed.fire(undefined);
    if (reveal) void vscode.commands.executeCommand(`${Views.gate}.focus`);
  }

  async getChildren(element?: GateNode): Promise<GateNode[]> {
    if (element) return [];
    const read = await (await import('./gateItems')).gateChildren(this.plans, this.runs, this.target);
    if (read.shown) this.shown = read.shown;
    if (this.view) {
      this.view.description = read.description;
      this.view.message = read.message;
    }
    return read.nodes;
  }

  async getTreeItem(node: GateNode): Promise<vscode.TreeItem> {
    return (await import('./gateItems')).gateItem(node);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
