// `Connector: Check Ready for Review`: the gate's commands run where they can (a trusted workspace
// on disk, with Node), their output in an output channel, and the six criteria in the view.
import * as vscode from 'vscode';
import type { GateCommandOutcome, GateResult } from '../core/gate';
import { evaluateGate, gateReady, gateRunBlocker } from '../core/gate';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';
import type { GateRun, GateRuns } from './gateRuns';
import type { GateViewProvider } from './gateView';

/** What the check command returns to a caller of `executeCommand`. */
export interface GateCheckResult {
  uri: vscode.Uri;
  /** Nothing fails (criteria to confirm may remain). */
  ready: boolean;
  result: GateResult;
}

/** A plan's gate: the plan as it is now, with the commands' outcomes when they ran under today's configuration. */
export function planGate(plan: PlanVersion, run: GateRun | undefined, options: { ignoreRecorded?: boolean } = {}): GateResult {
  const { lint, build } = plan.settings.config.gate;
  const current = run && run.configured.lint === lint && run.configured.build === build;
  return evaluateGate(plan.model, { findings: plan.findings, configured: { lint, build }, outcomes: current ? run.outcomes : undefined, ignoreRecorded: options.ignoreRecorded });
}

/** The view's one-line summary of a gate. */
export function gateSummary(result: GateResult, run: GateRun | undefined): string {
  const fails = result.criteria.filter((c) => c.state === 'fail').length;
  const confirms = result.criteria.filter((c) => c.state === 'confirm').length;
  const ran = run ? vscode.l10n.t(' Commands last run at {0}.', new Date(run.at).toLocaleTimeString()) : '';
  if (fails) return vscode.l10n.t('Not ready for review: {0} failing, {1} to confirm.', fails, confirms) + ran;
  if (confirms) return vscode.l10n.t('Nothing fails; {0} to confirm when you mark it ready.', confirms) + ran;
  return vscode.l10n.t('Ready for review.') + ran;
}

/** The plan a command acts on: a URI (or `{uri}`) argument, else the active editor's document. */
export async function planDocument(plans: PlanStore, argument: unknown): Promise<vscode.TextDocument | undefined> {
  const given = argument instanceof vscode.Uri ? argument : typeof argument === 'object' && argument !== null ? (argument as { uri?: unknown }).uri : undefined;
  const uri = given instanceof vscode.Uri ? given : typeof given === 'string' ? vscode.Uri.parse(given, true) : undefined;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !plans.isPlan(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: open a rollout plan (a *-ROLLOUT-PLAN.md file) first.'));
    return undefined;
  }
  return document;
}

/**
 * Runs the plan's gate commands where they can run (recording the outcome for the view), then
 * evaluates the gate on the plan as it is now. `run: false` reads the plan alone.
 */
export async function checkPlanGate(plans: PlanStore, runs: GateRuns, document: vscode.TextDocument, options: { run: boolean; ignoreRecorded?: boolean }): Promise<{ plan: PlanVersion; result: GateResult } | undefined> {
  const settings = await plans.settingsOnceReady(document.uri);
  const { lint, build, timeoutSeconds } = settings.config.gate;
  if (options.run && (lint || build)) {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const hasProcess = typeof process !== 'undefined' && !!process.versions?.node;
    const cannot = gateRunBlocker({ trusted: vscode.workspace.isTrusted, hasProcess, folderScheme: folder?.uri.scheme });
    let outcomes: GateRun['outcomes'];
    if (cannot) {
      const notRun = (command: string | undefined): GateCommandOutcome | undefined => (command ? { kind: 'not-run', command, reason: cannot } : undefined);
      outcomes = { lint: notRun(lint), build: notRun(build) };
      void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: the gate\'s lint and build commands did not run: {0}. Confirm them by hand.', cannot));
    } else {
      outcomes = await runCommands(runs, document.uri, folder!, { lint, build, timeoutSeconds });
      const failed = Object.values(outcomes).some((o) => o && !(o.kind === 'exited' && o.exitCode === 0));
      if (failed) runs.output().show(true);
    }
    runs.set(document.uri, { configured: { lint, build }, outcomes, at: Date.now() });
  }
  const plan = plans.plan(document);
  if (!plan) return undefined;
  return { plan, result: planGate(plan, runs.get(document.uri), options) };
}

async function runCommands(runs: GateRuns, uri: vscode.Uri, folder: vscode.WorkspaceFolder, gate: { lint: string | undefined; build: string | undefined; timeoutSeconds: number }): Promise<GateRun['outcomes']> {
  const { runGateCommand } = await import('../cli/gateRunner');
  const output = runs.output();
  output.appendLine(`— ${vscode.workspace.asRelativePath(uri)} · ${new Date().toLocaleString()} · ${folder.uri.fsPath}`);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ready for Review'), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      const outcomes: GateRun['outcomes'] = {};
      for (const key of ['lint', 'build'] as const) {
        const command = gate[key];
        if (!command) continue;
        progress.report({ message: vscode.l10n.t('running {0}…', command) });
        outcomes[key] = await runGateCommand(command, { cwd: folder.uri.fsPath, trusted: vscode.workspace.isTrusted, timeoutSeconds: gate.timeoutSeconds, onOutput: (text) => output.append(text), signal: abort.signal });
      }
      return outcomes;
    } finally {
      cancelled.dispose();
    }
  });
}

/** `Connector: Check Ready for Review`: the six criteria in the view; `{run: false}` skips the commands. */
export async function checkReadyForReviewCommand(plans: PlanStore, runs: GateRuns, view: GateViewProvider, argument?: unknown): Promise<GateCheckResult | undefined> {
  try {
    const document = await planDocument(plans, argument);
    if (!document) return undefined;
    const run = !(typeof argument === 'object' && argument !== null && (argument as { run?: unknown }).run === false);
    const checked = await checkPlanGate(plans, runs, document, { run });
    if (!checked) return undefined;
    view.show(document.uri, true);
    return { uri: document.uri, ready: gateReady(checked.result), result: checked.result };
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not check the plan: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
