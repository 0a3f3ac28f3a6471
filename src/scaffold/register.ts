import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';

/** Registers the scaffold feature. */
export function registerScaffold(_context: vscode.ExtensionContext, _plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from();
}
