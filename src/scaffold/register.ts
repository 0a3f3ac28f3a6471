import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { PlanStore } from '../plans/planStore';
import { addPlaybookCommand } from './addPlaybookCommand';
import { copyFastStartPromptCommand } from './copyFastStartPromptCommand';
import { newPlanCommand } from './newPlanCommand';

/**
 * Scaffolding (F1): `Connector: New Rollout Plan…`, `Copy Fast-Start Prompt`, `Add Playbook to Workspace`.
 * Each command also takes an argument so scripts and tests can run it without the input, e.g.
 * `executeCommand('connectorPlaybook.newPlan', { name: 'Acme', system: 'HubSpot' })`.
 */
export function registerScaffold(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.newPlan, (argument?: unknown) => newPlanCommand(plans, argument)),
    vscode.commands.registerCommand(Commands.copyFastStartPrompt, (argument?: unknown) => copyFastStartPromptCommand(plans, argument)),
    vscode.commands.registerCommand(Commands.addPlaybook, (argument?: unknown) => addPlaybookCommand(plans, argument)),
  );
}
