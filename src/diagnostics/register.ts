import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';
import { DiagnosticsController } from './diagnosticsController';
import { registerFillPlaceholderCommand } from './fillPlaceholderCommand';
import { PlanStatusBar, registerShowPlanProblemsCommand } from './planStatusBar';
import { QuickFixProvider } from './quickFixProvider';

/** Diagnostics while editing (F2): the collection, quick fixes, the status bar item. */
export function registerDiagnostics(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  const diagnostics = new DiagnosticsController(plans);
  return vscode.Disposable.from(
    diagnostics,
    new PlanStatusBar(plans, diagnostics),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new QuickFixProvider(plans), QuickFixProvider.metadata),
    registerFillPlaceholderCommand(plans),
    registerShowPlanProblemsCommand(),
  );
}
