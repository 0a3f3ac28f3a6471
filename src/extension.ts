import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { registerAgents } from './agents/register';
import type { AgentsApi } from './agents/register';

import { registerDashboard } from './dashboard/register';
import type { DashboardApi } from './dashboard/register';
import { registerDiagnostics } from './diagnostics/register';
import { planPreviewPlugin } from './editor/markdownPreview';
import { registerEditorIntelligence } from './editor/register';
import { registerMappingEditor } from './mappingEditor/register';
import { PlanStore } from './plans/planStore';
import { registerPlaybook } from './playbook/register';
import { registerScaffold } from './scaffold/register';
import { registerWaves } from './waves/register';
import type { PlansView } from './waves/register';

// activate() only wires features together; each feature folder exposes register…(): Disposable.
/** What activate() returns: the shared plan store and the Plans view, for integration tests and other extensions. */
export interface ConnectorPlaybookApi {
  plans: PlanStore;
  plansView: PlansView;
  /** VS Code's markdown preview calls it (markdown.markdownItPlugins): a banner and wave badges on plans. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  agents: AgentsApi;
  dashboard: DashboardApi;
}

export function activate(context: vscode.ExtensionContext): ConnectorPlaybookApi {
  const plans = new PlanStore();
  const waves = registerWaves(context, plans);
  const agents = registerAgents(context, plans);
  const dashboard = registerDashboard(context, plans);
  context.subscriptions.push(
    plans,
    registerDiagnostics(context, plans),
    registerScaffold(context, plans),
    registerMappingEditor(context, plans),
    waves,
    registerPlaybook(context, plans),
    registerEditorIntelligence(context, plans),
    agents,
    dashboard,
  );
  // Open plans are checked right after activation, once the folders' settings are read.
  void plans.ready();
  return { plans, plansView: waves.plansView, extendMarkdownIt: planPreviewPlugin(plans), agents: agents.agents, dashboard: dashboard.dashboard };
}

export function deactivate(): void {}
