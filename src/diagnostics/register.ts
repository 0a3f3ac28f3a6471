import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';
import { DiagnosticsController } from './diagnosticsController';
import { registerFillPlaceholderCommand } from './fillPlaceholderCommand';
import { PlanStatusBar, registerShowPlanProblemsCommand } from './planStatusBar';
import { QuickFixProvider } from './quickFixProvider';

/** Diagnostics while editing (F2): the collection, quick fixes, the status bar item. */
export function registerDiagnostics(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from(
    new DiagnosticsController(plans),
    new PlanStatusBar(plans),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new QuickFixProvider(plans), QuickFixProvider.metadata),
    registerFillPlaceholderCommand(plans),
    registerShowPlanProblemsCommand(),
  );
}
