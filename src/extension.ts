import * as vscode from 'vscode';
import { registerDashboard } from './dashboard/register';
import type { DashboardApi } from './dashboard/register';
import { registerDiagnostics } from './diagnostics/register';
import { registerMappingEditor } from './mappingEditor/register';
import { PlanStore } from './plans/planStore';
import { registerScaffold } from './scaffold/register';
import { registerWaves } from './waves/register';
import type { PlansView } from './waves/register';

// activate() only wires features together; each feature folder exposes register…(): Disposable.
/** What activate() returns: the shared plan store and the Plans view, for integration tests and other extensions. */
export interface ConnectorPlaybookApi {
  plans: PlanStore;
  plansView: PlansView;
  dashboard: DashboardApi;
}

export function activate(context: vscode.ExtensionContext): ConnectorPlaybookApi {
  const plans = new PlanStore();
  const waves = registerWaves(context, plans);
  const dashboard = registerDashboard(context, plans);
  context.subscriptions.push(plans, registerDiagnostics(context, plans), registerScaffold(context, plans), registerMappingEditor(context, plans), waves, dashboard);
  // Open plans are checked right after activation, once the folders' settings are read.
  void plans.ready();
  return { plans, plansView: waves.plansView, dashboard: dashboard.dashboard };
}

export function deactivate(): void {}
