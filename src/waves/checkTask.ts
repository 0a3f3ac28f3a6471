import * as vscode from 'vscode';
import { lineCount } from '../core/source';
import { toWorkspaceEdit } from '../plans/convert';
import type { PlanStore } from '../plans/planStore';
import type { TaskNode } from './plansTreeProvider';

/**
 * Checks or unchecks a task from the view: one WorkspaceEdit of the one character between the
 * brackets (one undo step). Refused with a message when the plan changed since the view showed
 * the task; the view is refreshed either way.
 */
export async function setTaskChecked(plans: PlanStore, node: TaskNode, checked: boolean): Promise<boolean> {
  const { uri } = node.plan;
  const name = vscode.workspace.asRelativePath(uri);
  const wasOpen = plans.openDocument(uri) !== undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: cannot open {0}: {1}', name, error instanceof Error ? error.message : String(error)));
    plans.planChanged(uri);
    return false;
  }
  const { task, snapshot } = node;
  // Same line count and the same text on the task's line: the character is where the view saw it.
  const unchanged = document.lineCount === lineCount(snapshot.model.source) && task.line < document.lineCount && document.lineAt(task.line).text === node.lineText;
  if (!unchanged) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0} changed since the Plans view showed "{1}"; nothing was changed. The view now shows the plan as it is.', name, task.text));
    plans.planChanged(uri);
    return false;
  }
  if (task.checked === checked) return true;
  const { taskCheckEdit } = await import('../core/waves');
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(uri, [taskCheckEdit(task, checked)]));
  if (!applied) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: VS Code did not apply the change to {0}.', name));
    plans.planChanged(uri);
    return false;
  }
  // A plan that was not open would otherwise be left changed but unsaved, out of sight.
  if (!wasOpen) await document.save();
  return true;
}
