// The one table of agent tools (F8): names, descriptions, input schemas and handlers over a
// PlansPort. The extension's language-model tools and `connector-playbook mcp` both serve it.
import * as z from 'zod/mini';
import { english } from '../schema';
import { lintPlan } from '../lint';
import { parsePlan } from '../parser';
import type { PlanModel } from '../plan';
import { applyTextEdits } from '../mappingEdit';
import type { Finding } from '../findings';
import { readWaves, taskCheckEdit } from '../waves';
import type { PlanWaves } from '../waves';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../defaults';
import { getDefaultTemplate } from '../template';
import { agentBrief, findWave } from './agentBrief';
import type { AgentToolName } from './names';
import { AGENT_TOOL_NAMES, WRITING_TOOLS } from './names';
import { findingSummary, planListEntry, planSummary } from './planSummary';
import type { PlanRead, PlansPort } from './port';
import { isPlanProblem } from './port';
import { CheckTaskInput, GetAgentBriefInput, GetPlanInput, LintPlanInput, ListPlansInput } from './schemas';
import { parseTaskId, planVersionOf, taskId } from './taskIds';

/** A tool's answer: text for the agent, or a refusal it can act on. Never an exception. */
export type ToolOutcome = { ok: true; text: string } | { ok: false; message: string };

export interface ToolContext {
  port: PlansPort<PlanRead>;
}

export interface AgentTool<S extends z.ZodMiniType = z.ZodMiniType> {
  name: AgentToolName;
  /** A short human title. */
  title: string;
  /** What the model reads to decide when to call it. */
  description: string;
  input: S;
  run(input: z.infer<S>, context: ToolContext): Promise<ToolOutcome>;
}

function tool<S extends z.ZodMiniType>(definition: AgentTool<S>): AgentTool<S> {
  return definition;
}

const json = (value: unknown): ToolOutcome => ({ ok: true, text: JSON.stringify(value, null, 2) });
const refuse = (message: string): ToolOutcome => ({ ok: false, message });

/** Quotes what an agent sent, cut short: a refusal never echoes a 10 MB argument. */
export function quote(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

interface OpenedPlan {
  read: PlanRead;
  model: PlanModel;
  waves: PlanWaves;
  findings: () => readonly Finding[];
  version: string;
}

async function openPlan(port: PlansPort<PlanRead>, path: string): Promise<OpenedPlan | { problem: string }> {
  const read = await port.readPlan(path);
  if (isPlanProblem(read)) return read;
  const model = read.cached?.model ?? parsePlan(read.text);
  const { agents = DEFAULT_AGENTS, waveSequencing = DEFAULT_WAVE_SEQUENCING } = read.options;
  const waves = read.cached?.waves?.() ?? readWaves(model, { agents, waveSequencing }, read.options.waveOutline);
  let findings: readonly Finding[] | undefined;
  return {
    read,
    model,
    waves,
    findings: () => (findings ??= read.cached?.findings() ?? lintPlan(model, read.options)),
    version: planVersionOf(read.text),
  };
}

const LIST_PLANS = tool({
  name: 'list_plans',
  title: 'List rollout plans',
  description:
    'Lists the connector rollout plans of the workspace: for each, its path (what the other tools take), connector, status (draft, ready-for-review, go), go/no-go checked/total and wave-task progress done/total. Call it first to find a plan.',
  input: ListPlansInput,
  async run(_input, { port }) {
    const plans = [];
    for (const path of await port.listPlans()) {
      const opened = await openPlan(port, path);
      plans.push('problem' in opened ? { path, problem: opened.problem } : planListEntry(path, opened.model, opened.waves));
    }
    return json({ plans });
  },
});

const GET_PLAN = tool({
  name: 'get_plan',
  title: 'Get a rollout plan',
  description:
    "One rollout plan's state: status; each template section A–J filled, empty or missing; the mapping matrix rows (section D); the agent waves (section F) with their agents, status, progress, what blocks them and what they unblock, and their tasks with ids for check_task; the go/no-go checklist (section I); finding counts; and the Ready-For-Review gate when available. Task ids belong to this version of the plan: after any change to it, call get_plan again.",
  input: GetPlanInput,
  async run({ plan }, { port }) {
    const opened = await openPlan(port, plan);
    if ('problem' in opened) return refuse(opened.problem);
    const summary = planSummary(opened.read.path, opened.version, opened.model, opened.waves, opened.findings(), opened.read.options.template ?? getDefaultTemplate(), opened.read.cached?.mapping?.());
    if (port.gate) {
      try {
        summary.gate = await port.gate({ path: opened.read.path, model: opened.model, findings: opened.findings() });
      } catch (error) {
        summary.gate = { error: `The gate could not be checked: ${messageOf(error)}` };
      }
    }
    return json(summary);
  },
});

const LINT_PLAN = tool({
  name: 'lint_plan',
  title: 'Lint a rollout plan',
  description:
    "Checks one rollout plan with the playbook's rules (placeholders left, empty fields, missing sections, unchecked go/no-go items, mapping-matrix and wave problems) and returns each finding with its rule, severity and 1-based line and column.",
  input: LintPlanInput,
  async run({ plan }, { port }) {
    const opened = await openPlan(port, plan);
    if ('problem' in opened) return refuse(opened.problem);
    const findings = opened.findings();
    return json({ plan: opened.read.path, findings: findings.map(findingSummary) });
  },
});

const GET_AGENT_BRIEF = tool({
  name: 'get_agent_brief',
  title: 'Get an agent brief',
  description:
    "A markdown brief to start one wave of a rollout plan from, for the wave's agents or one of them: the plan's context (sections A–D), what the agent owns (playbook §5), its open tasks with ids for check_task, what blocks the wave and what it unblocks, the validation tests of the phases it touches, and the go/no-go items.",
  input: GetAgentBriefInput,
  async run({ plan, wave: waveName, agent }, { port }) {
    const opened = await openPlan(port, plan);
    if ('problem' in opened) return refuse(opened.problem);
    const waves = opened.waves.waves;
    const wave = findWave(waves, waveName);
    if (!wave) return refuse(waves.length ? `${opened.read.path} has no wave ${quote(waveName)}; its waves: ${names(waves.map((w) => w.name))}.` : `${opened.read.path} has no waves (section F has no "### Wave N" headings).`);
    if (agent !== undefined && !wave.agents.some((a) => a.toLowerCase() === agent.trim().toLowerCase())) {
      return refuse(`${wave.name} of ${opened.read.path} has no agent ${quote(agent)}; its agents: ${wave.agents.length ? names(wave.agents) : 'none named'}.`);
    }
    return { ok: true, text: agentBrief(opened.model, opened.waves, { path: opened.read.path, version: opened.version, wave, agents: agent === undefined ? undefined : [agent] }) };
  },
});

const CHECK_TASK = tool({
  name: 'check_task',
  title: 'Check a task',
  description:
    'Marks one wave task of a rollout plan done (or, with done: false, not done) by changing the one character between its brackets. Name the task by its id from get_plan or get_agent_brief and its text as given there: the call is refused, and nothing changes, when the plan changed since the id was handed out or the task reads differently. Go/no-go items are left to people. The answer gives the plan\'s new version: every task id of the plan is then t<line>.<new version>.',
  input: CheckTaskInput,
  async run({ plan, taskId: id, text, done = true }, { port }) {
    const parsedId = parseTaskId(id);
    if (!parsedId) return refuse(`${quote(id)} is not a task id: ids look like "t42.0f3k2m9x1ab" and come from get_plan.`);
    const opened = await openPlan(port, plan);
    if ('problem' in opened) return refuse(opened.problem);
    const path = opened.read.path;
    if (opened.version !== parsedId.version) {
      return refuse(`${path} changed since the id ${id} was handed out (it is now version ${opened.version}); nothing was changed. Call get_plan again and use the new ids.`);
    }
    const wave = opened.waves.waves.find((w) => w.tasks.some((t) => t.line === parsedId.line));
    const task = wave?.tasks.find((t) => t.line === parsedId.line);
    if (!wave || !task) {
      const goNoGo = opened.waves.goNoGo.items.some((i) => i.line === parsedId.line);
      return refuse(goNoGo ? `Line ${parsedId.line + 1} of ${path} is a go/no-go item: check_task ticks wave tasks only, go/no-go is for people to decide.` : `${path} has no wave task at line ${parsedId.line + 1} (id ${id}); nothing was changed.`);
    }
    if (normalizeText(task.text) !== normalizeText(text)) {
      return refuse(`The task at line ${task.line + 1} of ${path} reads ${quote(task.text, 200)}, not ${quote(text, 200)}; nothing was changed.`);
    }
    const answer = (changed: boolean, version: string) => {
      const doneNow = wave.done + (changed ? (done ? 1 : -1) : 0);
      return json({
        plan: path,
        changed,
        task: { id: taskId(task.line, version), text: task.text, done, line: task.line + 1 },
        wave: { name: wave.name, done: doneNow, total: wave.total },
        version,
        note: changed ? `Every task id of this plan is now t<line>.${version}.` : `The task was already ${done ? 'done' : 'not done'}; nothing was changed.`,
      });
    };
    if (task.checked === done) return answer(false, opened.version);
    const edit = taskCheckEdit(task, done);
    const outcome = await port.applyEdit(opened.read, edit);
    if (!outcome.ok) return refuse(`${outcome.message} Nothing was changed.`);
    return answer(true, planVersionOf(applyTextEdits(opened.read.text, [edit])));
  },
});

/** The agent tools, in the order clients list them. */
export const AGENT_TOOLS: readonly AgentTool[] = [LIST_PLANS, GET_PLAN, LINT_PLAN, GET_AGENT_BRIEF, CHECK_TASK] as AgentTool[];

/** A tool by name. */
function agentTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}

/** A tool's input as JSON Schema (draft 2020-12, `$schema` left out): what clients and package.json declare. */
export function inputJsonSchema(tool: AgentTool): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(tool.input) as Record<string, unknown>;
  return schema;
}

export interface RunOptions {
  /** Why writing tools are refused here (an untrusted workspace, a read-only server); undefined where they may write. */
  readOnly?: string;
}

/**
 * Runs a tool by name on arguments from an agent: validated first, any problem (unknown tool, bad
 * arguments, an unreadable or changed plan, even an exception in the port) comes back as a refusal.
 */
export async function runAgentTool(name: string, args: unknown, port: PlansPort<PlanRead>, options: RunOptions = {}): Promise<ToolOutcome> {
  const definition = agentTool(name);
  if (!definition) return refuse(`Unknown tool ${quote(name)}; the tools are ${AGENT_TOOL_NAMES.join(', ')}.`);
  const parsed = definition.input.safeParse(args ?? {}, english);
  if (!parsed.success) return refuse(`Invalid arguments for ${name}: ${describeIssues(parsed.error.issues)}`);
  if (options.readOnly !== undefined && WRITING_TOOLS.includes(definition.name)) return refuse(`${name} is not available: ${options.readOnly}`);
  try {
    return await definition.run(parsed.data, { port });
  } catch (error) {
    return refuse(`${name} failed: ${messageOf(error)}. Nothing was changed.`);
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : 'arguments';
    const message = issue.message.length > 160 ? `${issue.message.slice(0, 160)}…` : issue.message;
    return `${where.length > 60 ? `${where.slice(0, 60)}…` : where}: ${message}`;
  });
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return `${shown.join('; ')}.`;
}

function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 20).join(', ');
  return list.length > 20 ? `${shown} and ${list.length - 20} more` : shown;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
