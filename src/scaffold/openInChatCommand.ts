import * as vscode from 'vscode';
import { openChatWith } from '../agents/chat';
import type { PlanStore } from '../plans/planStore';
import { copyPrompt, fastStartPromptFor } from './copyFastStartPromptCommand';

/** Where the prompt went; returned to a caller of `executeCommand`. */
export type OpenInChatResult = { opened: 'chat' | 'clipboard'; prompt: string } | undefined;

/**
 * `Connector: Open Fast-Start Prompt in Chat` — the §7 prompt filled from the plan, in VS Code's
 * chat where this VS Code has one, else copied as `Copy Fast-Start Prompt` does, with a message.
 */
export async function openFastStartPromptInChatCommand(plans: PlanStore, argument?: unknown): Promise<OpenInChatResult> {
  try {
    const built = await fastStartPromptFor(plans, argument);
    if (!built) return undefined;
    if (await openChatWith(built.prompt)) return { opened: 'chat', prompt: built.prompt };
    await copyPrompt(built.prompt, built.connector, vscode.l10n.t('No chat is available in this VS Code. '));
    return { opened: 'clipboard', prompt: built.prompt };
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not open the fast-start prompt: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
