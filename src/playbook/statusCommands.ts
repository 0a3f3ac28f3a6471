// The plan's status in its front matter: `Mark Ready for Review` through the gate (§6), `go` with a
// question while go/no-go items are open, `draft` always. Each change is one WorkspaceEdit (one undo).
import * as vscode from 'vscode';
import type { GateCriterion } from '../core/gate';
import { GATE_CRITERION_IDS } from '../core/gate';
import { statusEdits } from '../core/frontMatterEdit';
import { planStatus } from '../core/lint';
import { PLAN_STATUSES } from '../core/plan';
import type { PlanStatus } from '../core/plan';
import { localDate } from '../core/scaffold';
import { toWorkspaceEdit } from '../plans/convert';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';
import { checkPlanGate, planDocument } from './gateCheck';
import type { GateRuns } from './gateRuns';
import type { GateViewProvider } from './gateView';

/** What a status command did; returned to a caller of `executeCommand`. */
export type StatusResult =
  | { status: 'changed'; uri: vscode.Uri; planStatus: PlanStatus; confirmed?: string[] }
  | { status: 'refused'; uri?: vscode.Uri; reasons: string[] }
  | { status: 'cancelled' };

/** An argument that skips the questions: the criteria confirmed, whether to run the commands, and (for go) the answer on unchecked items. */
interface StatusArgument {
  uri?: unknown;
  status?: unknown;
  confirm?: unknown;
  run?: unknown;
  confirmUnchecked?: unknown;
}

function argumentOf(argument: unknown): StatusArgument | undefined {
  return typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) ? (argument as StatusArgument) : undefined;
}

function refuse(uri: vscode.Uri | undefined, reasons: string[], lead: string): StatusResult {
  void vscode.window.showWarningMessage(`${lead} ${reasons.join(' ')} ${vscode.l10n.t('Nothing was changed.')}`);
  return { status: 'refused', uri, reasons };
}

// The edit is made against the version the gate read: a plan typed in since is refused, not overwritten.
async function applyStatus(document: vscode.TextDocument, plan: PlanVersion, status: PlanStatus, review?: { date: string; confirmed: string[] }): Promise<StatusResult> {
  const name = vscode.workspace.asRelativePath(document.uri);
  if (plan.version !== undefined && document.version !== plan.version) {
    return refuse(document.uri, [vscode.l10n.t('{0} changed while it was checked; run the command again.', name)], vscode.l10n.t('Connector Playbook:'));
  }
  const edits = statusEdits(plan.model, status, review);
  if (edits.error !== undefined) return refuse(document.uri, [vscode.l10n.t('{0}: {1}.', name, edits.error)], vscode.l10n.t('Connector Playbook: the status was not set:'));
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document.uri, edits.edits));
  if (!applied) return refuse(document.uri, [vscode.l10n.t('VS Code did not apply the edit to {0}.', name)], vscode.l10n.t('Connector Playbook:'));
  return { status: 'changed', uri: document.uri, planStatus: status, ...(review ? { confirmed: review.confirmed } : {}) };
}

/**
 * `Connector: Mark Ready for Review`: checks the gate (running its commands), then sets
 * `status: ready-for-review` with the date and the confirmed criteria, only when nothing fails and
 * each criterion to confirm is confirmed. `{confirm: [ids], run}` answers without asking.
 */
export async function markReadyForReviewCommand(plans: PlanStore, runs: GateRuns, view: GateViewProvider, argument?: unknown): Promise<StatusResult> {
  try {
    const document = await planDocument(plans, argument);
    if (!document) return { status: 'cancelled' };
    return await markReady(plans, runs, view, document, argumentOf(argument));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not mark the plan ready for review: {0}', message));
    return { status: 'refused', reasons: [message] };
  }
}

async function markReady(plans: PlanStore, runs: GateRuns, view: GateViewProvider, document: vscode.TextDocument, given: StatusArgument | undefined): Promise<StatusResult> {
  // Marking is a fresh statement: what an earlier mark recorded is asked again.
  const checked = await checkPlanGate(plans, runs, document, { run: given?.run !== false, ignoreRecorded: true });
  if (!checked) return { status: 'cancelled' };
  view.show(document.uri, true);
  const { plan, result } = checked;
  const failing = result.criteria.filter((c) => c.state === 'fail');
  const lead = vscode.l10n.t('Not marked ready for review:');
  if (failing.length) {
    return refuse(document.uri, failing.map((c) => `${c.id} — ${c.reason}`), lead);
  }
  const toConfirm = result.criteria.filter((c) => c.state === 'confirm');
  let confirmed: string[];
  if (given && given.confirm !== undefined) {
    confirmed = Array.isArray(given.confirm) ? given.confirm.filter((id): id is string => typeof id === 'string' && (GATE_CRITERION_IDS as readonly string[]).includes(id)) : [];
  } else if (toConfirm.length) {
    const picked = await askConfirmations(toConfirm);
    if (!picked) return { status: 'cancelled' };
    confirmed = picked;
  } else confirmed = [];
  const unconfirmed = toConfirm.filter((c) => !confirmed.includes(c.id));
  if (unconfirmed.length) return refuse(document.uri, [vscode.l10n.t('not confirmed: {0}.', unconfirmed.map((c) => c.id).join(', '))], lead);
  const outcome = await applyStatus(document, plan, 'ready-for-review', { date: localDate(), confirmed: toConfirm.map((c) => c.id) });
  if (outcome.status === 'changed') {
    const what = toConfirm.length ? vscode.l10n.t(' You confirmed {0}.', toConfirm.map((c) => c.id).join(', ')) : '';
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is ready for review (status: ready-for-review).', vscode.workspace.asRelativePath(document.uri)) + what);
  }
  return outcome;
}

async function askConfirmations(toConfirm: GateCriterion[]): Promise<string[] | undefined> {
  const items = toConfirm.map((c) => ({ label: c.title, description: c.id, detail: c.reason, id: c.id }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Mark Ready for Review: confirm what the plan cannot show'),
    placeHolder: vscode.l10n.t('Check each criterion you confirm is true, then press Enter'),
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.id);
}

/**
 * `Connector: Set Plan Status…`: `draft` always; `ready-for-review` through the gate; `go` with a
 * question while go/no-go items are unchecked. `{status, confirmUnchecked}` answers without asking.
 */
export async function setPlanStatusCommand(plans: PlanStore, runs: GateRuns, view: GateViewProvider, argument?: unknown): Promise<StatusResult> {
  try {
    const document = await planDocument(plans, argument);
    if (!document) return { status: 'cancelled' };
    const given = argumentOf(argument);
    await plans.ready();
    const plan = plans.plan(document);
    if (!plan) return { status: 'cancelled' };
    let status: PlanStatus | undefined;
    if (given?.status !== undefined) {
      if (!(PLAN_STATUSES as readonly unknown[]).includes(given.status)) return refuse(document.uri, [vscode.l10n.t('"{0}" is not a status: use {1}.', String(given.status), PLAN_STATUSES.join(', '))], vscode.l10n.t('Connector Playbook:'));
      status = given.status as PlanStatus;
    } else {
      status = await askStatus(planStatus(plan.model), plan.waves.goNoGo);
      if (!status) return { status: 'cancelled' };
    }
    if (status === 'ready-for-review') return await markReady(plans, runs, view, document, given);
    if (status === 'go') {
      const open = plan.waves.goNoGo.items.filter((i) => !i.checked);
      if (open.length) {
        const proceed = given?.confirmUnchecked !== undefined ? given.confirmUnchecked === true : await askGoAnyway(open.map((i) => i.text), plan.waves.goNoGo.total);
        if (!proceed) {
          return given?.confirmUnchecked !== undefined ? refuse(document.uri, [vscode.l10n.t('{0} go/no-go items are unchecked.', open.length)], vscode.l10n.t('Not set to go:')) : { status: 'cancelled' };
        }
      }
    }
    return await applyStatus(document, plan, status);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: could not set the status: {0}', message));
    return { status: 'refused', reasons: [message] };
  }
}

async function askStatus(current: PlanStatus | undefined, goNoGo: { checked: number; total: number }): Promise<PlanStatus | undefined> {
  const detail: Record<PlanStatus, string> = {
    draft: vscode.l10n.t('Back to writing: always allowed.'),
    'ready-for-review': vscode.l10n.t('Through the "Ready For Review" gate: nothing may fail, and you confirm what the plan cannot show.'),
    go: vscode.l10n.t('Go/No-Go: {0} of {1} checked; asks first while items are unchecked.', goNoGo.checked, goNoGo.total),
  };
  const picked = await vscode.window.showQuickPick(
    PLAN_STATUSES.map((status) => ({ label: status, description: status === current ? vscode.l10n.t('current') : undefined, detail: detail[status], status })),
    { title: vscode.l10n.t('Set Plan Status'), placeHolder: vscode.l10n.t('The status in the plan\'s front matter') },
  );
  return picked?.status;
}

async function askGoAnyway(open: string[], total: number): Promise<boolean> {
  const setGo = vscode.l10n.t('Set Status to Go');
  const shown = open.slice(0, 5).map((text) => `• ${text}`).join('\n') + (open.length > 5 ? '\n…' : '');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} of {1} go/no-go items are unchecked. Set status: go anyway?', open.length, total),
    { modal: true, detail: shown },
    setGo,
  );
  return choice === setGo;
}
