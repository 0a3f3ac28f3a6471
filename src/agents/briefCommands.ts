// `Copy Agent Brief` and `Open Agent Brief in Chat` on a wave or an agent of the Plans view
// (loaded on first use): the brief of the plan as it is now.
import * as vscode from 'vscode';
import { agentBrief } from '../core/tools/agentBrief';
import { planVersionOf } from '../core/tools/taskIds';
import type { PlanStore } from '../plans/planStore';
import type { PlansTreeNode } from '../waves/plansTreeProvider';
import { openChatWith } from './chat';
import { planPath } from './workspacePlans';

/** The brief for a wave or agent node, from the plan's current version; undefined (after a message) when there is none. */
async function briefFor(plans: PlanStore, node: unknown): Promise<{ brief: string; what: string } | undefined> {
  const target = node as PlansTreeNode | undefined;
  if (!target || (target.kind !== 'wave' && target.kind !== 'agent')) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: agent briefs are made from a wave or an agent of the Plans view.'));
    return undefined;
  }
  const plan = await plans.planAt(target.plan.uri);
  const path = vscode.workspace.asRelativePath(target.plan.uri);
  if (!('model' in plan)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0}: {1}', path, plan.problem));
    return undefined;
  }
  // The view may show an older version: the wave is found again by its name.
  const wave = plan.waves.waves.find((w) => w.name === target.wave.name && w.title === target.wave.title) ?? plan.waves.waves.find((w) => w.name === target.wave.name);
  if (!wave) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0} no longer has {1}.', path, target.wave.name));
    return undefined;
  }
  const agents = target.kind === 'agent' ? target.wave.agentGroups[target.group]?.agents.map((a) => a.name) : undefined;
  const brief = agentBrief(plan.model, plan.waves, { path: planPath(target.plan.uri), version: planVersionOf(plan.model.source.text), wave, agents });
  return { brief, what: agents?.length ? `${agents.join(' + ')}, ${wave.name}` : wave.name };
}

export async function copyAgentBrief(plans: PlanStore, node: unknown): Promise<boolean> {
  const made = await briefFor(plans, node);
  if (!made) return false;
  await vscode.env.clipboard.writeText(made.brief);
  void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: the agent brief for {0} is on the clipboard.', made.what));
  return true;
}

/** Opens the chat with the brief as its prompt, to edit and send; copies it where there is no chat. */
export async function openAgentBriefInChat(plans: PlanStore, node: unknown): Promise<'chat' | 'copied' | undefined> {
  const made = await briefFor(plans, node);
  if (!made) return undefined;
  if (await openChatWith(made.brief, { partial: true, unlessAIDisabled: true })) return 'chat';
  await vscode.env.clipboard.writeText(made.brief);
  void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: no chat is available here, so the agent brief for {0} is on the clipboard.', made.what));
  return 'copied';
}
