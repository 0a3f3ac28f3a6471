import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';

/** Registers the mappingEditor feature. */
export function registerMappingEditor(_context: vscode.ExtensionContext, _plans: PlanStore): vscode.Disposable {
  return vscode.Disposable.from();
}
