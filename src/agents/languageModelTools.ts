// The agent tools as VS Code's language-model tools (loaded on first use): each call validated and
// run by the core's table over the plan store; check_task asks for confirmation first, and in an
// untrusted workspace the tools only read.
import * as vscode from 'vscode';
import { CheckTaskInput } from '../core/tools/schemas';
import { isPlanProblem } from '../core/tools/port';
import { parseTaskId, planVersionOf } from '../core/tools/taskIds';
import type { AgentToolName } from '../core/tools/names';
import { WRITING_TOOLS } from '../core/tools/names';
import { runAgentTool } from '../core/tools/table';
import type { PlanStore } from '../plans/planStore';
import { WorkspacePlans } from './workspacePlans';

/** Why writing tools are refused, while the workspace is not trusted. */
function untrustedReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : vscode.l10n.t('this workspace is not trusted (Restricted Mode), so the tools only read. Trust the workspace to let agents tick tasks.');
}

export class LanguageModelTools {
  private readonly port: WorkspacePlans;

  constructor(plans: PlanStore) {
    this.port = new WorkspacePlans(plans);
  }

  async invoke(name: AgentToolName, input: unknown): Promise<vscode.LanguageModelToolResult> {
    const outcome = await runAgentTool(name, input, this.port, { readOnly: untrustedReason() });
    // A refusal is the tool's answer, not an exception: the model reads why and what to do.
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(outcome.ok ? outcome.text : vscode.l10n.t('Error: {0}', outcome.message))]);
  }

  /** What the chat shows before the call; check_task (when it may write) asks to be confirmed. */
  async prepare(name: AgentToolName, input: unknown): Promise<vscode.PreparedToolInvocation> {
    if (!WRITING_TOOLS.includes(name)) return { invocationMessage: vscode.l10n.t('Connector Playbook: {0}', name) };
    if (untrustedReason()) return { invocationMessage: vscode.l10n.t('Connector Playbook: check_task (refused: the workspace is not trusted)') };
    const title = vscode.l10n.t('Check a task in a rollout plan?');
    const parsed = CheckTaskInput.safeParse(input);
    if (!parsed.success) return { invocationMessage: vscode.l10n.t('Connector Playbook: check_task'), confirmationMessages: { title, message: vscode.l10n.t('The agent asks to tick a task, with arguments that are not valid; the call will be refused.') } };
    const { plan, taskId, text, done = true } = parsed.data;
    const change = done ? '[ ] → [x]' : '[x] → [ ]';
    let where = vscode.l10n.t('in {0}', plan);
    const read = await this.port.readPlan(plan);
    const id = parseTaskId(taskId);
    if (!isPlanProblem(read) && id && id.version === planVersionOf(read.text)) {
      const wave = read.plan.waves.waves.find((w) => w.tasks.some((t) => t.line === id.line));
      if (wave) where = vscode.l10n.t('in {0}, {1}, line {2}', plan, wave.name, String(id.line + 1));
    }
    return {
      invocationMessage: vscode.l10n.t('Ticking a task in {0}', plan),
      // Plain text, not markdown: the task's text comes from the agent and the plan.
      confirmationMessages: { title, message: vscode.l10n.t('Mark "{0}" {1} ({2}): one character of the plan, {3}. Undo in the editor reverts it.', text, done ? vscode.l10n.t('done') : vscode.l10n.t('not done'), where, change) },
    };
  }
}
