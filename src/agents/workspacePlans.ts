// The agent tools' port over the plan store: the workspace's plans by their relative paths, read
// from the store (open documents as they are in the editor), and a task's one character changed
// through a WorkspaceEdit, so that undo, dirty state and save stay VS Code's own.
import * as vscode from 'vscode';
import type { TextEdit } from '../core/positions';
import { readGateWithoutRunning } from '../core/gate';
import type { EditOutcome, GateInput, PlanProblem, PlanRead, PlansPort } from '../core/tools/port';
import { planVersionOf } from '../core/tools/taskIds';
import { toRange, toWorkspaceEdit } from '../plans/convert';
import { MAX_PLAN_CHARS } from '../plans/planStore';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';

export interface WorkspacePlanRead extends PlanRead {
  uri: vscode.Uri;
  /** The store's version of the plan that was read. */
  plan: PlanVersion;
}

/** A plan's path as the tools name it: relative to its folder, with the folder's name when the workspace has several. */
export function planPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

export class WorkspacePlans implements PlansPort<WorkspacePlanRead> {
  constructor(private readonly plans: PlanStore) {}

  /** The Ready-For-Review gate of a plan, with the commands its folder configures (reported, not run). */
  readonly gate = async ({ path, model, findings }: GateInput): Promise<unknown> => {
    const uri = (await this.plans.planUris()).find((u) => planPath(u) === path);
    const settings = uri ? await this.plans.settingsOnceReady(uri) : undefined;
    return readGateWithoutRunning(model, findings, settings?.config.gate ?? {});
  };

  async listPlans(): Promise<string[]> {
    await this.plans.ready();
    return (await this.plans.planUris()).map(planPath);
  }

  async readPlan(path: string): Promise<WorkspacePlanRead | PlanProblem> {
    await this.plans.ready();
    const uri = (await this.plans.planUris()).find((u) => planPath(u) === path);
    if (!uri) return { problem: `No plan ${JSON.stringify(path.length > 120 ? `${path.slice(0, 120)}…` : path)} in the workspace; list_plans gives the plans' paths.` };
    const plan = await this.plans.planAt(uri);
    // Agent tools answer in English, as the MCP server does.
    if (!('model' in plan)) return { problem: plan.reason === 'too-large' ? `${path} is too large to check (over ${MAX_PLAN_CHARS / 1_000_000} million characters).` : `${path} cannot be read: ${plan.detail}.` };
    const { config, template } = plan.settings;
    return {
      path,
      uri,
      plan,
      text: plan.model.source.text,
      options: { template, severities: config.rules, agents: config.agents, waveSequencing: config.waveSequencing, waveOutline: plan.outline },
      cached: { model: plan.model, findings: () => plan.findings, waves: () => plan.waves, mapping: () => plan.mapping },
    };
  }

  // Its answers go to the agent, in English like the rest of the tools' answers (and the MCP server's).
  async applyEdit(read: WorkspacePlanRead, edit: TextEdit): Promise<EditOutcome> {
    const wasOpen = this.plans.openDocument(read.uri) !== undefined;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(read.uri);
    } catch (error) {
      return { ok: false, message: `${read.path} cannot be opened (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (planVersionOf(document.getText()) !== planVersionOf(read.text)) return { ok: false, message: `${read.path} changed since it was read.` };
    if (document.getText(toRange(edit.range)).length !== 1 || edit.newText.length !== 1) return { ok: false, message: `${read.path}: the edit would change more than one character.` };
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(read.uri, [edit]));
    if (!applied) {
      this.plans.planChanged(read.uri);
      return { ok: false, message: `VS Code did not apply the change to ${read.path}.` };
    }
    // A plan that was not open would otherwise be left changed but unsaved, out of sight.
    if (!wasOpen) await document.save();
    return { ok: true };
  }
}
