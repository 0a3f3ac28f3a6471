import * as vscode from 'vscode';
import { fastStartPrompt, readFastStartContext } from '../core/scaffold';
import type { PlanStore } from '../plans/planStore';
import { docsFolderOf } from './docsFolder';

/**
 * `Connector: Copy Fast-Start Prompt` — the playbook's §7 prompt filled from the active plan (or the
 * plan a URI names), copied to the clipboard. Returns the prompt, or undefined when there is none.
 */
export async function copyFastStartPromptCommand(plans: PlanStore, argument?: unknown): Promise<string | undefined> {
  try {
    const document = argument instanceof vscode.Uri ? await vscode.workspace.openTextDocument(argument) : vscode.window.activeTextEditor?.document;
    if (!document || !plans.isPlan(document)) {
      void vscode.window.showInformationMessage('Connector Playbook: open a rollout plan (a *-ROLLOUT-PLAN.md file) to copy its fast-start prompt.');
      return undefined;
    }
    const model = plans.plan(document)?.model;
    if (!model) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const docs = folder ? await docsFolderOf(plans, folder) : undefined;
    const prompt = fastStartPrompt(model, { docsFolder: docs?.ok ? docs.value.relative : undefined });
    const connector = readFastStartContext(model).connector ?? vscode.workspace.asRelativePath(document.uri, false);
    try {
      await vscode.env.clipboard.writeText(prompt);
    } catch (error) {
      // Without a clipboard (a browser may refuse it) the prompt still reaches the user.
      const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: prompt });
      await vscode.window.showTextDocument(untitled, { preview: false });
      void vscode.window.showWarningMessage(`Connector Playbook: the clipboard is not available (${error instanceof Error ? error.message : String(error)}); the fast-start prompt is in a new editor.`);
      return prompt;
    }
    void vscode.window.showInformationMessage(`Fast-start prompt for ${connector} copied to the clipboard: paste it into Claude or Codex.`);
    return prompt;
  } catch (error) {
    void vscode.window.showErrorMessage(`Connector Playbook: could not build the fast-start prompt: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
