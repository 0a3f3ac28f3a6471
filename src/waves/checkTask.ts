import * as vscode from 'vscode';
import { lineCount } from '../core/source';
import { taskCheckEdit } from '../core/waves';
import type { PlanIndex } from './planIndex';
import type { TaskNode } from './plansTreeProvider';

/**
 * Checks or unchecks a task from the view: one WorkspaceEdit of the one character between the
 * brackets (one undo step). Refused with a message when the plan changed since the view showed
 * the task; the view is refreshed either way.
 */
export async function setTaskChecked(index: PlanIndex, node: TaskNode, checked: boolean): Promise<boolean> {
  const { uri } = node.plan;
  const name = vscode.workspace.asRelativePath(uri);
  const wasOpen = index.openDocument(uri) !== undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Connector Playbook: cannot open ${name}: ${error instanceof Error ? error.message : String(error)}`);
    index.planChanged(uri);
    return false;
  }
  const { task, snapshot } = node;
  // Same line count and the same text on the task's line: the character is where the view saw it.
  const unchanged = document.lineCount === lineCount(snapshot.model.source) && task.line < document.lineCount && document.lineAt(task.line).text === node.lineText;
  if (!unchanged) {
    void vscode.window.showWarningMessage(`Connector Playbook: ${name} changed since the Plans view showed "${task.text}"; nothing was changed. The view now shows the plan as it is.`);
    index.planChanged(uri);
    return false;
  }
  if (task.checked === checked) return true;
  const edit = taskCheckEdit(task, checked);
  const workspaceEdit = new vscode.WorkspaceEdit();
  const { start, end } = edit.range;
  workspaceEdit.replace(uri, new vscode.Range(start.line, start.character, end.line, end.character), edit.newText);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  if (!applied) {
    void vscode.window.showWarningMessage(`Connector Playbook: VS Code did not apply the change to ${name}.`);
    index.planChanged(uri);
    return false;
  }
  // A plan that was not open would otherwise be left changed but unsaved, out of sight.
  if (!wasOpen) await document.save();
  return true;
}
