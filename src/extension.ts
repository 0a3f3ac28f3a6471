import * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics/register';
import { registerMappingEditor } from './mappingEditor/register';
import { PlanStore } from './plans/planStore';
import { registerScaffold } from './scaffold/register';
import { registerWaves } from './waves/register';

// activate() only wires features together; each feature folder exposes register…(): Disposable.
/** What activate() returns: the shared plan store, for integration tests and other extensions. */
export interface ConnectorPlaybookApi {
  plans: PlanStore;
}

export function activate(context: vscode.ExtensionContext): ConnectorPlaybookApi {
  const plans = new PlanStore();
  context.subscriptions.push(
    plans,
    registerDiagnostics(context, plans),
    registerScaffold(context, plans),
    registerMappingEditor(context, plans),
    registerWaves(context, plans),
  );
  // Open plans are checked right after activation, once the folders' settings are read.
  void plans.ready();
  return { plans };
}

export function deactivate(): void {}
