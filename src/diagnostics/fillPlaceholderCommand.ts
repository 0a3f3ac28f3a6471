import * as vscode from 'vscode';
import { Commands } from '../constants';
import { toWorkspaceEdit } from '../plans/convert';
import type { PlanStore } from '../plans/planStore';

/**
 * `connectorPlaybook.fillPlaceholder(uri, placeholder, value?)`: asks for the value once and
 * replaces every occurrence in the plan in one edit (one undo step). `value` skips the question.
 */
export function registerFillPlaceholderCommand(plans: PlanStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.fillPlaceholder, async (uri?: vscode.Uri, placeholder?: string, value?: string) => {
    if (!(uri instanceof vscode.Uri) || typeof placeholder !== 'string') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fill Placeholder is run from a quick fix on a placeholder.'));
      return false;
    }
    const { checkPlaceholderValue, fillPlaceholderEdits } = await import('../core/fixes');
    const document = await vscode.workspace.openTextDocument(uri);
    const answer =
      value ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Fill {0}', placeholder),
        prompt: vscode.l10n.t('Replaces every {0} in {1}', placeholder, vscode.workspace.asRelativePath(uri)),
        placeHolder: placeholder.slice(1, -1),
        validateInput: (text) => checkPlaceholderValue(text),
      }));
    if (answer === undefined) return false;
    const problem = checkPlaceholderValue(answer);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return false;
    }
    // Computed on the version current now, so edits made while the box was open are respected.
    const model = plans.plan(document)?.model;
    const edits = model ? fillPlaceholderEdits(model, placeholder, answer) : [];
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} no longer appears in the plan.', placeholder));
      return false;
    }
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(uri, edits));
    if (!applied) void vscode.window.showErrorMessage(vscode.l10n.t('Could not fill {0}: the plan changed meanwhile. Try again.', placeholder));
    return applied;
  });
}
