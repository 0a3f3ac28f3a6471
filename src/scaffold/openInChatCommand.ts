import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';
import { copyPrompt, fastStartPromptFor } from './copyFastStartPromptCommand';

/** VS Code's command that opens the chat view with a query typed in. */
export const CHAT_OPEN_COMMAND = 'workbench.action.chat.open';

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
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes(CHAT_OPEN_COMMAND)) {
      try {
        await vscode.commands.executeCommand(CHAT_OPEN_COMMAND, { query: built.prompt });
        return { opened: 'chat', prompt: built.prompt };
      } catch {
        // A chat that cannot open (no provider set up) falls back to the clipboard, as below.
      }
    }
    await copyPrompt(built.prompt, built.connector, vscode.l10n.t('No chat is available in this VS Code. '));
    return { opened: 'clipboard', prompt: built.prompt };
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not open the fast-start prompt: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
