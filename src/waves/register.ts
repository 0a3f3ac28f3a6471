import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';

/** Registers the waves feature. */
export function registerWaves(_context: vscode.ExtensionContext, _plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from();
}
