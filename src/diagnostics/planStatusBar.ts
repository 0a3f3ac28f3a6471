import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';

/** The counts the status bar shows for a plan. */
export interface PlanSummary {
  goNoGoChecked: number;
  goNoGoTotal: number;
  /** Empty fields and placeholders still to fill. */
  unfilled: number;
}

/** Summarises a plan from its version's findings and go/no-go checklist. */
function summarisePlan(plan: PlanVersion): PlanSummary {
  const { checked, total } = plan.waves.goNoGo;
  const unfilled = plan.findings.filter((f) => f.rule === 'empty-field' || f.rule === 'placeholder').length;
  return { goNoGoChecked: checked, goNoGoTotal: total, unfilled };
}

/**
 * Shows go/no-go `checked/total` and what is still unfilled for the active plan; sets the
 * `connectorPlaybook.isPlan` context key. Clicking it opens the Problems panel for the plan.
 */
export class PlanStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('connectorPlaybook.planStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private isPlan: boolean | undefined;

  constructor(private readonly plans: PlanStore) {
    this.item.name = vscode.l10n.t('Connector Playbook: plan status');
    this.item.command = Commands.showPlanProblems;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      plans.onDidChange((change) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (!change.uris || change.uris.some((uri) => uri.toString() === active)) this.update();
      }),
    );
  }

  /** Refreshes the item for the active editor. */
  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const isPlan = !!document && this.plans.isPlan(document);
    if (isPlan !== this.isPlan) {
      this.isPlan = isPlan;
      void vscode.commands.executeCommand('setContext', ContextKeys.isPlan, isPlan);
    }
    const plan = isPlan && document ? this.plans.plan(document) : undefined;
    const summary = plan ? summarisePlan(plan) : undefined;
    if (!summary) {
      this.item.hide();
      return;
    }
    const icon = summary.goNoGoTotal > 0 && summary.goNoGoChecked === summary.goNoGoTotal ? '$(pass-filled)' : '$(checklist)';
    this.item.text = vscode.l10n.t('{0} Go/No-Go {1}/{2}  $(edit) {3} to fill', icon, summary.goNoGoChecked, summary.goNoGoTotal, summary.unfilled);
    this.item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t("**Connector Playbook**\n\n- Go/no-go items checked: {0} of {1}\n- Empty fields and placeholders still to fill: {2}\n\nClick to see this plan's problems.", summary.goNoGoChecked, summary.goNoGoTotal, summary.unfilled),
    );
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

const PROBLEMS_ACTIVE_FILE_TOGGLE = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

/**
 * Opens the Problems panel filtered to the active plan. The filter is a toggle whose state an
 * extension cannot read, so it is switched on once per window and left to the user after that.
 */
export function registerShowPlanProblemsCommand(): vscode.Disposable {
  let filterSwitchedOn = false;
  return vscode.commands.registerCommand(Commands.showPlanProblems, async () => {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (!filterSwitchedOn) {
      filterSwitchedOn = true;
      try {
        await vscode.commands.executeCommand(PROBLEMS_ACTIVE_FILE_TOGGLE);
      } catch {
        // Older or other hosts may lack the toggle; the panel is open all the same.
      }
    }
  });
}
