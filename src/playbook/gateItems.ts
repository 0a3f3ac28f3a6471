import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { GateResult, GateState } from '../core/gate';
import type { PlanStore } from '../plans/planStore';
import type { GateRuns } from './gateRuns';
import type { GateNode } from './gateView';

const ICONS: Record<GateState, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  confirm: new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.yellow')),
};

const STATE_TEXT: Record<GateState, string> = { pass: vscode.l10n.t('Pass'), fail: vscode.l10n.t('Fails'), confirm: vscode.l10n.t('To confirm') };

/** A criterion of the gate as the view shows it: its state's icon, its reason, and its place. */
export function gateItem(node: GateNode): vscode.TreeItem {
  const { criterion, uri } = node;
  const item = new vscode.TreeItem(criterion.title, vscode.TreeItemCollapsibleState.None);
  item.id = `${uri.toString()}#gate-${criterion.id}`;
  item.description = criterion.reason;
  item.iconPath = ICONS[criterion.state];
  item.contextValue = `gateCriterion.${criterion.state}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${STATE_TEXT[criterion.state]}** · `).appendText(`${criterion.title} (${criterion.id})`);
  tooltip.appendMarkdown('\n\n').appendText(criterion.reason);
  if (criterion.line !== undefined) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Line {0}', criterion.line + 1));
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `${criterion.title}: ${STATE_TEXT[criterion.state]}. ${criterion.reason}` };
  // Its place: the plan's line, or for a command that failed, the command's output.
  if (criterion.line !== undefined) item.command = { command: Commands.revealPlanLine, title: vscode.l10n.t('Reveal in Plan'), arguments: [uri, criterion.line, 0] };
  else if (criterion.state === 'fail') item.command = { command: Commands.showGateOutput, title: vscode.l10n.t('Show Output') };
  return item;
}

/** The view's items for a plan, and what its header says. */
export async function gateChildren(plans: PlanStore, runs: GateRuns, uri: vscode.Uri | undefined): Promise<{ nodes: GateNode[]; description: string | undefined; message: string; shown?: { uri: vscode.Uri; result: GateResult } }> {
  if (!uri) return { nodes: [], description: undefined, message: vscode.l10n.t('Open a rollout plan to check it against the playbook\'s "Ready For Review" gate.') };
  const plan = await plans.planAt(uri);
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  if (!('model' in plan)) return { nodes: [], description: name, message: plan.problem };
  const { planGate, gateSummary } = await import('./gateCheck');
  const result = planGate(plan, runs.get(uri));
  return { nodes: result.criteria.map((criterion) => ({ uri, criterion })), description: name, message: gateSummary(result, runs.get(uri)), shown: { uri, result } };
}
