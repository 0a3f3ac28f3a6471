import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { PlanStore } from '../plans/planStore';

/**
 * Scaffolding (F1): `Connector: New Rollout Plan…`, `Copy Fast-Start Prompt` (and `Open … in Chat`), `Add Playbook to Workspace`.
 * Each command also takes an argument so scripts and tests can run it without the input, e.g.
 * `executeCommand('connectorPlaybook.newPlan', { name: 'Acme', system: 'HubSpot' })`.
 */
export function registerScaffold(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from(
    // Each command's code is loaded the first time it runs.
    vscode.commands.registerCommand(Commands.newPlan, async (argument?: unknown) => (await import('./newPlanCommand')).newPlanCommand(plans, argument)),
    vscode.commands.registerCommand(Commands.copyFastStartPrompt, async (argument?: unknown) => (await import('./copyFastStartPromptCommand')).copyFastStartPromptCommand(plans, argument)),
    vscode.commands.registerCommand(Commands.openFastStartPromptInChat, async (argument?: unknown) => (await import('./openInChatCommand')).openFastStartPromptInChatCommand(plans, argument)),
    vscode.commands.registerCommand(Commands.addPlaybook, async (argument?: unknown) => (await import('./addPlaybookCommand')).addPlaybookCommand(plans, argument)),
  );
}
