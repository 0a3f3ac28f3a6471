import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { PlanStore } from '../plans/planStore';
import { setTaskChecked } from './checkTask';
import type { PlansTreeNode, TaskNode } from './plansTreeProvider';
import { PlansTreeProvider } from './plansTreeProvider';
import { registerRevealPlanLineCommand } from './revealPlanLine';

/** The Plans view as the extension's API gives it (integration tests, other extensions). */
export interface PlansView {
  provider: PlansTreeProvider;
  /** The same path a checkbox click takes. */
  setTaskChecked(node: TaskNode, checked: boolean): Promise<boolean>;
}

/** The agent-wave task panel (F4): the Plans view, its checkboxes and its commands. */
export function registerWaves(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable & { plansView: PlansView } {
  const provider = new PlansTreeProvider(plans);
  const view = vscode.window.createTreeView<PlansTreeNode>(Views.plans, {
    treeDataProvider: provider,
    showCollapseAll: true,
    // Checking a parent task must not check its subtasks: each box is one character of the plan.
    manageCheckboxStateManually: true,
  });
  const check = (node: TaskNode, checked: boolean) => setTaskChecked(plans, node, checked);
  const registrations = vscode.Disposable.from(
    provider,
    view,
    view.onDidChangeCheckboxState(async (e) => {
      for (const [node, state] of e.items) {
        if (node.kind === 'task') await check(node, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    vscode.commands.registerCommand(Commands.refreshPlans, () => provider.refresh()),
    registerRevealPlanLineCommand(),
  );
  return Object.assign(registrations, { plansView: { provider, setTaskChecked: check } });
}
