import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { PlanStore } from '../plans/planStore';
import { setTaskChecked } from './checkTask';
import type { PlansTreeNode, TaskNode } from './plansTreeProvider';
import { PlansTreeProvider } from './plansTreeProvider';
import { registerRevealPlanLineCommand } from './revealPlanLine';

/** Internal command the integration tests use to reach the view's provider; not in the palette. */
export const PLANS_VIEW_FOR_TESTS_COMMAND = '_connectorPlaybook.plansViewForTests';

/** What the integration tests get from {@link PLANS_VIEW_FOR_TESTS_COMMAND}. */
export interface PlansViewForTests {
  provider: PlansTreeProvider;
  /** The same path a checkbox click takes. */
  setTaskChecked(node: TaskNode, checked: boolean): Promise<boolean>;
}

/** The agent-wave task panel (F4): the Plans view, its checkboxes and its commands. */
export function registerWaves(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  const provider = new PlansTreeProvider(plans);
  const view = vscode.window.createTreeView<PlansTreeNode>(Views.plans, {
    treeDataProvider: provider,
    showCollapseAll: true,
    // Checking a parent task must not check its subtasks: each box is one character of the plan.
    manageCheckboxStateManually: true,
  });
  const check = (node: TaskNode, checked: boolean) => setTaskChecked(plans, node, checked);
  const forTests: PlansViewForTests = { provider, setTaskChecked: check };
  return vscode.Disposable.from(
    provider,
    view,
    view.onDidChangeCheckboxState(async (e) => {
      for (const [node, state] of e.items) {
        if (node.kind === 'task') await check(node, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    vscode.commands.registerCommand(Commands.refreshPlans, () => provider.refresh()),
    registerRevealPlanLineCommand(),
    vscode.commands.registerCommand(PLANS_VIEW_FOR_TESTS_COMMAND, () => forTests),
  );
}
