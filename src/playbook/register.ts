import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import type { PlanStore } from '../plans/planStore';
import { GateRuns } from './gateRuns';
import { GateViewProvider } from './gateView';

/**
 * The playbook in the editor (F7): hovers on phase headings (§4's blueprint) and agent names (§5's
 * ownership), the code action that adds a phase's missing deliverables, the Ready for Review view
 * and its commands (§6), and the plan's status. Each loads its code on first use.
 */
export function registerPlaybook(_context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  const runs = new GateRuns();
  const provider = new GateViewProvider(plans, runs);
  const view = vscode.window.createTreeView(Views.gate, { treeDataProvider: provider });
  provider.attach(view);
  const markdown: vscode.DocumentSelector = { language: 'markdown' };
  return vscode.Disposable.from(
    runs,
    provider,
    view,
    vscode.languages.registerHoverProvider(markdown, {
      async provideHover(document, position) {
        const plan = plans.plan(document);
        return plan ? (await import('./playbookHover')).playbookHover(plan, position) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      markdown,
      {
        async provideCodeActions(document, range, context) {
          const plan = plans.plan(document);
          return plan ? (await import('./blueprintActions')).blueprintActions(document, plan, range, context) : undefined;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] },
    ),
    vscode.commands.registerCommand(Commands.checkReadyForReview, async (argument?: unknown) => (await import('./gateCheck')).checkReadyForReviewCommand(plans, runs, provider, argument)),
    vscode.commands.registerCommand(Commands.markReadyForReview, async (argument?: unknown) => (await import('./statusCommands')).markReadyForReviewCommand(plans, runs, provider, argument)),
    vscode.commands.registerCommand(Commands.setPlanStatus, async (argument?: unknown) => (await import('./statusCommands')).setPlanStatusCommand(plans, runs, provider, argument)),
    vscode.commands.registerCommand(Commands.showGateOutput, () => runs.output().show(true)),
  );
}
