// The agent tools' input schemas (zod mini): what both adapters validate every call with, and, as
// JSON Schema, what MCP clients and package.json's languageModelTools declare.
import * as z from 'zod/mini';

/** The longest path, id, wave or agent name a tool takes; anything longer is refused unread. */
const MAX_NAME_CHARS = 1024;
/** The longest task text `check_task` compares. */
const MAX_TASK_TEXT_CHARS = 4000;

const name = (description: string) => z.string().check(z.minLength(1), z.maxLength(MAX_NAME_CHARS), z.describe(description));
const plan = name('The plan\'s path as list_plans gives it, e.g. "src/docs/HUBSPOT-ROLLOUT-PLAN.md".');

export const ListPlansInput = z.strictObject({});
export const GetPlanInput = z.strictObject({ plan });
export const LintPlanInput = z.strictObject({ plan });
export const GetAgentBriefInput = z.strictObject({
  plan,
  wave: name('The wave as get_plan names it, e.g. "Wave 2" (or just "2").'),
  agent: z.optional(name('One agent of the wave, e.g. "api-integration"; without it the brief covers every agent of the wave.')),
});
export const CheckTaskInput = z.strictObject({
  plan,
  taskId: z.string().check(z.minLength(1), z.maxLength(64), z.describe('The task\'s id from get_plan (or get_agent_brief), e.g. "t42.0f3k2m9x1ab".')),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TASK_TEXT_CHARS), z.describe('The task\'s text as get_plan gave it; the call is refused when the plan says something else.')),
  done: z.optional(z.boolean().check(z.describe('true (the default) ticks the task, false unticks it.'))),
});
