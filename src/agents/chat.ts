// VS Code's chat, opened with a prompt typed in: for the fast-start prompt and the agent briefs,
// which fall back to the clipboard (each with its own message) where there is no chat.
import * as vscode from 'vscode';

/** VS Code's command that opens the chat view with a query typed in. */
const CHAT_OPEN_COMMAND = 'workbench.action.chat.open';

export interface OpenChatOptions {
  /** Leave the query in the input to edit, rather than send it. */
  partial?: boolean;
  /** Do not open the chat when `chat.disableAIFeatures` is on. */
  unlessAIDisabled?: boolean;
}

/** Opens the chat with `query`; false where this VS Code has no chat (or it cannot open), for the caller's fallback. */
export async function openChatWith(query: string, options: OpenChatOptions = {}): Promise<boolean> {
  if (options.unlessAIDisabled && vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true) return false;
  if (!(await vscode.commands.getCommands(true)).includes(CHAT_OPEN_COMMAND)) return false;
  try {
    await vscode.commands.executeCommand(CHAT_OPEN_COMMAND, options.partial ? { query, isPartialQuery: true } : { query });
    return true;
  } catch {
    // A chat that cannot open (no provider set up): the caller's fallback.
    return false;
  }
}
