import * as vscode from 'vscode';
import { fastStartPrompt, readFastStartContext } from '../core/scaffold';
import type { PlanStore } from '../plans/planStore';
import { docsFolderOf } from './docsFolder';

/** The playbook's §7 prompt filled from the active plan (or the plan a URI names); undefined when there is none. */
export async function fastStartPromptFor(plans: PlanStore, argument?: unknown): Promise<{ prompt: string; connector: string } | undefined> {
  const document = argument instanceof vscode.Uri ? await vscode.workspace.openTextDocument(argument) : vscode.window.activeTextEditor?.document;
  if (!document || !plans.isPlan(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: open a rollout plan (a *-ROLLOUT-PLAN.md file) to copy its fast-start prompt.'));
    return undefined;
  }
  const model = plans.plan(document)?.model;
  if (!model) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const docs = folder ? await docsFolderOf(plans, folder) : undefined;
  const prompt = fastStartPrompt(model, { docsFolder: docs?.ok ? docs.value.relative : undefined });
  const connector = readFastStartContext(model).connector ?? vscode.workspace.asRelativePath(document.uri, false);
  return { prompt, connector };
}

/** Copies a prompt; without a clipboard (a browser may refuse it) it opens in a new editor instead. */
export async function copyPrompt(prompt: string, connector: string, note = ''): Promise<void> {
  try {
    await vscode.env.clipboard.writeText(prompt);
  } catch (error) {
    const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: prompt });
    await vscode.window.showTextDocument(untitled, { preview: false });
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: the clipboard is not available ({0}); the fast-start prompt is in a new editor.', error instanceof Error ? error.message : String(error)));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('{0}Fast-start prompt for {1} copied to the clipboard: paste it into Claude or Codex.', note, connector));
}

/**
 * `Connector: Copy Fast-Start Prompt` — the playbook's §7 prompt filled from the active plan (or the
 * plan a URI names), copied to the clipboard. Returns the prompt, or undefined when there is none.
 */
export async function copyFastStartPromptCommand(plans: PlanStore, argument?: unknown): Promise<string | undefined> {
  try {
    const built = await fastStartPromptFor(plans, argument);
    if (!built) return undefined;
    await copyPrompt(built.prompt, built.connector);
    return built.prompt;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not build the fast-start prompt: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
