import * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics/register';
import { registerMappingEditor } from './mappingEditor/register';
import { PlanStore } from './plans/planStore';
import { registerScaffold } from './scaffold/register';
import { registerWaves } from './waves/register';

// activate() only wires features together; each feature folder exposes register…(): Disposable.
export function activate(context: vscode.ExtensionContext): void {
  const plans = new PlanStore();
  context.subscriptions.push(
    plans,
    registerDiagnostics(context, plans),
    registerScaffold(context, plans),
    registerMappingEditor(context, plans),
    registerWaves(context, plans),
  );
  void plans.reloadFolders();
}

export function deactivate(): void {}
