import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';

/** Registers the diagnostics feature. */
export function registerDiagnostics(_context: vscode.ExtensionContext, _plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from();
}
