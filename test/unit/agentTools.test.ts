// The agent tools' table (F8) over an in-memory port: what each tool answers on fixture plans, task
// ids and their staleness, the one character check_task changes, and every kind of bad input
// answered with a refusal, never an exception, and with nothing written.
import assert from 'node:assert/strict';
import type { TextEdit } from '../../src/core/positions';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT, getDefaultTemplate } from '../../src/core/template';
import type { EditOutcome, PlanProblem, PlanRead, PlansPort } from '../../src/core/tools';
import { AGENT_TOOLS, AGENT_TOOL_NAMES, inputJsonSchema, parseTaskId, planVersionOf, runAgentTool, taskId } from '../../src/core/tools';
import { applyTextEditsToBytes } from '../../src/core/utf8';
import { REPO_DIR, fixture } from '../fixtures/lintFixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HUBSPOT = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const SLACK = 'src/docs/SLACK-ROLLOUT-PLAN.md';
const TEMPLATE = 'src/docs/NEW-ROLLOUT-PLAN.md';

/** Plans in memory; counts writes, and can fail or lose a plan between read and write. */
class MemoryPlans implements PlansPort {
  readonly files = new Map<string, string>();
  writes = 0;
  beforeWrite: (() => void) | undefined;
  gate: PlansPort['gate'];

  constructor(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }
  async listPlans(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }
  async readPlan(path: string): Promise<PlanRead | PlanProblem> {
    const text = this.files.get(path);
    return text === undefined ? { problem: `No plan ${JSON.stringify(path.slice(0, 100))}.` } : { path, text, options: { template: getDefaultTemplate() } };
  }
  async applyEdit(read: PlanRead, edit: TextEdit): Promise<EditOutcome> {
    this.beforeWrite?.();
    const current = this.files.get(read.path);
    if (current === undefined) return { ok: false, message: `${read.path} was deleted.` };
    if (current !== read.text) return { ok: false, message: `${read.path} changed since it was read.` };
    const result = applyTextEditsToBytes(new TextEncoder().encode(current), [edit]);
    if (!result.ok) return { ok: false, message: result.message };
    this.files.set(read.path, new TextDecoder().decode(result.bytes));
    this.writes++;
    return { ok: true };
  }
}

function workspace(): MemoryPlans {
  return new MemoryPlans({
    [HUBSPOT]: fixture('waves/HUBSPOT-ROLLOUT-PLAN.md'),
    [SLACK]: readFileSync(join(REPO_DIR, 'examples', 'src', 'docs', 'SLACK-ROLLOUT-PLAN.md'), 'utf8'),
    [TEMPLATE]: DEFAULT_TEMPLATE_TEXT,
  });
}

async function call(port: PlansPort, name: string, args: unknown, readOnly?: string): Promise<string> {
  const outcome = await runAgentTool(name, args, port, { readOnly });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.text;
}

async function refusal(port: PlansPort, name: string, args: unknown, readOnly?: string): Promise<string> {
  const outcome = await runAgentTool(name, args, port, { readOnly });
  assert.ok(!outcome.ok, `${name} answered instead of refusing`);
  return outcome.message;
}

interface Plan {
  version: string;
  waves: { name: string; status: string; blockedBy: string[]; unblocks: string[]; tasks: { id: string; text: string; done: boolean; line: number; agent: string | null; parent: string | null }[] }[];
  sections: { key: string; state: string }[];
  mapping: { rows: { purpose: string; cardinality: string; line: number }[]; onConflict: string | null } | null;
  goNoGo: { checked: number; total: number; items: { text: string; checked: boolean; line: number }[] };
  gate?: unknown;
}

async function getPlan(port: PlansPort, plan = HUBSPOT): Promise<Plan> {
  return JSON.parse(await call(port, 'get_plan', { plan })) as Plan;
}

/** The positions where two texts differ (same length expected). */
function differences(before: string, after: string): number[] {
  assert.equal(after.length, before.length);
  return [...before].flatMap((c, i) => (after[i] === c ? [] : [i]));
}

describe('agent tools: the table', () => {
  it('has the five tools, each with an object input schema that refuses unknown keys', () => {
    assert.deepEqual(AGENT_TOOLS.map((t) => t.name), [...AGENT_TOOL_NAMES]);
    for (const tool of AGENT_TOOLS) {
      const schema = inputJsonSchema(tool);
      assert.equal(schema.type, 'object', tool.name);
      assert.equal(schema.additionalProperties, false, tool.name);
      assert.ok(tool.description.length > 80, tool.name);
    }
    assert.deepEqual(inputJsonSchema(AGENT_TOOLS.find((t) => t.name === 'check_task')!).required, ['plan', 'taskId', 'text']);
  });

  it('list_plans gives each plan with its path, connector, status, go/no-go and task progress', async () => {
    const { plans } = JSON.parse(await call(workspace(), 'list_plans', {})) as { plans: unknown[] };
    assert.deepEqual(plans, [
      { path: HUBSPOT, connector: 'HubSpot', status: 'ready-for-review', goNoGo: { checked: 2, total: 5 }, tasks: { done: 3, total: 9 }, waves: 3 },
      { path: TEMPLATE, connector: null, status: null, goNoGo: { checked: 0, total: 5 }, tasks: { done: 0, total: 0 }, waves: 3 },
      { path: SLACK, connector: 'Slack', status: 'draft', goNoGo: { checked: 2, total: 5 }, tasks: { done: 3, total: 7 }, waves: 3 },
    ]);
    // Arguments are optional for a tool without any.
    assert.equal(await call(workspace(), 'list_plans', undefined), await call(workspace(), 'list_plans', {}));
  });

  it('get_plan gives sections, mapping rows, waves with task ids and blockers, go/no-go, and no gate without the hook', async () => {
    const port = workspace();
    const plan = await getPlan(port);
    assert.equal(plan.version, planVersionOf(port.files.get(HUBSPOT)!));
    assert.deepEqual(plan.sections.map((s) => s.state), Array(10).fill('filled'));
    assert.deepEqual(plan.mapping?.rows.map((r) => [r.purpose, r.cardinality, r.line]), [['Primary', '1:1', 25], ['Secondary', '1:N', 26]]);
    assert.equal(plan.mapping?.onConflict, 'upsert on (source, external_id), keep the newest updatedAt');
    assert.deepEqual(plan.waves.map((w) => [w.name, w.status, w.blockedBy, w.unblocks]), [
      ['Wave 1', 'in-progress', [], ['Wave 2', 'Wave 3']],
      ['Wave 2', 'blocked', ['Wave 1'], ['Wave 3']],
      ['Wave 3', 'blocked', ['Wave 1', 'Wave 2'], []],
    ]);
    const wave1 = plan.waves[0]!.tasks;
    assert.deepEqual(wave1.map((t) => [t.id, t.text, t.done, t.agent]), [
      [`t40.${plan.version}`, 'Migrations for hubspot_sync_state and mappings', true, 'schema-sync + analytics'],
      [`t41.${plan.version}`, 'Watermark and lease logic', true, 'schema-sync + analytics'],
      [`t42.${plan.version}`, 'Deal-stage velocity algorithm', false, 'schema-sync + analytics'],
      [`t43.${plan.version}`, 'Edge case: deals reopened after close', true, 'schema-sync + analytics'],
      [`t44.${plan.version}`, 'Edge case: stage renamed in HubSpot', false, 'schema-sync + analytics'],
    ]);
    assert.equal(wave1[3]!.parent, wave1[2]!.id);
    assert.deepEqual([plan.goNoGo.checked, plan.goNoGo.total], [2, 5]);
    assert.deepEqual(plan.goNoGo.items[0], { text: 'Auth and connection test pass', checked: true, line: 68 });
    assert.equal('gate' in plan, false);
  });

  it('get_plan tells filled sections from the template\'s own text and missing ones', async () => {
    const port = workspace();
    const fresh = await getPlan(port, TEMPLATE);
    assert.deepEqual(fresh.sections.map((s) => `${s.key}:${s.state}`), ['A:empty', 'B:empty', 'C:empty', 'D:empty', 'E:empty', 'F:empty', 'G:empty', 'H:empty', 'I:empty', 'J:empty']);
    port.files.set(TEMPLATE, DEFAULT_TEMPLATE_TEXT.replace('- Why this connector exists:', '- Why this connector exists: churn alerts').replace(/## G\) Risks \+ Mitigations[\s\S]*?(?=## H\))/, ''));
    const edited = await getPlan(port, TEMPLATE);
    assert.deepEqual(edited.sections.map((s) => `${s.key}:${s.state}`), ['A:filled', 'B:empty', 'C:empty', 'D:empty', 'E:empty', 'F:empty', 'G:missing', 'H:empty', 'I:empty', 'J:empty']);
  });

  it('get_plan adds the gate through the port\'s hook, and a failing gate as an error', async () => {
    const port = workspace();
    port.gate = ({ path, findings }) => ({ path, ready: findings.every((f) => f.severity !== 'error') });
    assert.deepEqual((await getPlan(port)).gate, { path: HUBSPOT, ready: true });
    port.gate = () => {
      throw new Error('criteria unreadable');
    };
    assert.deepEqual((await getPlan(port)).gate, { error: 'The gate could not be checked: criteria unreadable' });
  });

  it('lint_plan gives the findings of the rules with 1-based lines and columns', async () => {
    const port = workspace();
    const { findings } = JSON.parse(await call(port, 'lint_plan', { plan: TEMPLATE })) as { findings: { rule: string; line: number; column: number }[] };
    const expected = lintPlan(parsePlan(DEFAULT_TEMPLATE_TEXT), { template: getDefaultTemplate() });
    assert.ok(expected.length > 10);
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.rule}`), expected.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule}`));
  });

  it('get_agent_brief gives a wave\'s context, ownership, open tasks with ids, dependencies, validation tests and go/no-go', async () => {
    const port = workspace();
    const open = (await getPlan(port, SLACK)).waves[1]!.tasks.find((t) => !t.done)!;
    const brief = await call(port, 'get_agent_brief', { plan: SLACK, wave: 'Wave 2' });
    const has = (text: string) => assert.ok(brief.includes(text), `the brief lacks ${JSON.stringify(text)}:\n${brief}`);
    has('# Agent brief: `api-integration`, Wave 2 (Slack connector)');
    has('#### A) Business Goal');
    has('#### D) Mapping Rules + Cardinality');
    has('- `api-integration`: API routes + validation; typical tasks: test-connection, mappings, sync/analytics endpoints.');
    has(`- [ ] Sync and recompute endpoints with zod validation (id \`${open.id}\`)`);
    assert.ok(!brief.includes('Test-connection and mapping endpoints'), 'a done task is not an open task');
    has('1 of 2 done.');
    has('- Blocked now by: Wave 1 (2 of 3 done).');
    has('- Unblocks: Wave 3.');
    has('### Phase 1: Connection + Mapping');
    has('- Validation tests: kill the worker mid-page and resume without duplicates');
    assert.ok(!brief.includes('### Phase 4'), 'api-integration does not touch phase 4');
    has('- [x] Auth and connection test pass');
    // One agent of a two-agent wave: its own tasks and ownership only.
    const analytics = await call(port, 'get_agent_brief', { plan: HUBSPOT, wave: '1', agent: 'analytics' });
    assert.ok(analytics.startsWith('# Agent brief: `analytics`, Wave 1: Foundations (HubSpot connector)'), analytics.slice(0, 100));
    assert.ok(!analytics.includes('`schema-sync`: DB + sync core'));
  });

  it('get_agent_brief refuses a wave or an agent the plan does not have, naming those it has', async () => {
    assert.equal(await refusal(workspace(), 'get_agent_brief', { plan: HUBSPOT, wave: 'Wave 9' }), `${HUBSPOT} has no wave "Wave 9"; its waves: Wave 1, Wave 2, Wave 3.`);
    assert.equal(await refusal(workspace(), 'get_agent_brief', { plan: HUBSPOT, wave: 'Wave 2', agent: 'ui-ops' }), `Wave 2 of ${HUBSPOT} has no agent "ui-ops"; its agents: api-integration.`);
  });
});

describe('agent tools: check_task', () => {
  async function firstOpen(port: MemoryPlans, wave = 1) {
    const plan = await getPlan(port);
    return { plan, task: plan.waves[wave]!.tasks.find((t) => !t.done)! };
  }

  it('ticks the task named by its id and text: one character, and hands out the new version', async () => {
    const port = workspace();
    const before = port.files.get(HUBSPOT)!;
    const { task } = await firstOpen(port);
    const answer = JSON.parse(await call(port, 'check_task', { plan: HUBSPOT, taskId: task.id, text: task.text })) as { changed: boolean; version: string; task: { id: string }; wave: { done: number; total: number } };
    const after = port.files.get(HUBSPOT)!;
    const changed = differences(before, after);
    assert.equal(changed.length, 1);
    assert.equal(before[changed[0]!], ' ');
    assert.equal(after[changed[0]!], 'x');
    assert.equal(port.writes, 1);
    assert.equal(answer.changed, true);
    assert.equal(answer.version, planVersionOf(after));
    assert.equal(answer.task.id, taskId(task.line - 1, answer.version));
    assert.deepEqual(answer.wave, { name: 'Wave 2', done: 1, total: 2 });
    // The new id unticks it again (done: false), back to the same text.
    await call(port, 'check_task', { plan: HUBSPOT, taskId: answer.task.id, text: task.text, done: false });
    assert.equal(port.files.get(HUBSPOT), before);
  });

  it('refuses an id from before a change to the plan, whatever line changed, and writes nothing', async () => {
    const port = workspace();
    const { task } = await firstOpen(port);
    port.files.set(HUBSPOT, port.files.get(HUBSPOT)!.replace('Q1: Do pilots', 'Q1: Do our pilots'));
    const before = port.files.get(HUBSPOT)!;
    const message = await refusal(port, 'check_task', { plan: HUBSPOT, taskId: task.id, text: task.text });
    assert.match(message, /^src\/docs\/HUBSPOT-ROLLOUT-PLAN\.md changed since the id t50\.\w+ was handed out \(it is now version \w+\); nothing was changed\. Call get_plan again and use the new ids\.$/);
    assert.equal(port.files.get(HUBSPOT), before);
    assert.equal(port.writes, 0);
  });

  it('refuses a text that is not the task\'s, a go/no-go item, a line without a task, and a malformed id', async () => {
    const port = workspace();
    const { plan, task } = await firstOpen(port);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: task.id, text: 'Mapping UI' }), `The task at line 50 of ${HUBSPOT} reads "POST /connectors/hubspot/test-connection", not "Mapping UI"; nothing was changed.`);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: `t70.${plan.version}`, text: 'Sync completes with safe resume behavior' }), `Line 70 of ${HUBSPOT} is a go/no-go item: check_task ticks wave tasks only, go/no-go is for people to decide.`);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: `t3.${plan.version}`, text: 'x' }), `${HUBSPOT} has no wave task at line 3 (id t3.${plan.version}); nothing was changed.`);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: '50', text: task.text }), '"50" is not a task id: ids look like "t42.0f3k2m9x1ab" and come from get_plan.');
    assert.equal(port.writes, 0);
  });

  it('leaves a task already in the state asked for as it is', async () => {
    const port = workspace();
    const plan = await getPlan(port);
    const done = plan.waves[0]!.tasks[0]!;
    const answer = JSON.parse(await call(port, 'check_task', { plan: HUBSPOT, taskId: done.id, text: `  ${done.text} ` })) as { changed: boolean; note: string };
    assert.deepEqual([answer.changed, answer.note], [false, 'The task was already done; nothing was changed.']);
    assert.equal(port.writes, 0);
  });

  it('is refused where the tools only read, with the reason', async () => {
    const port = workspace();
    const { task } = await firstOpen(port);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: task.id, text: task.text }, 'the workspace is not trusted.'), 'check_task is not available: the workspace is not trusted.');
    // Reading tools still answer.
    await call(port, 'get_plan', { plan: HUBSPOT }, 'the workspace is not trusted.');
    assert.equal(port.writes, 0);
  });

  it('reports a plan deleted or changed between its read and its write, and writes nothing', async () => {
    const port = workspace();
    const { task } = await firstOpen(port);
    port.beforeWrite = () => port.files.delete(HUBSPOT);
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: task.id, text: task.text }), `${HUBSPOT} was deleted. Nothing was changed.`);
    assert.equal(port.files.has(HUBSPOT), false);
    const other = workspace();
    const second = await firstOpen(other);
    other.beforeWrite = () => other.files.set(HUBSPOT, `${other.files.get(HUBSPOT)!}\n`);
    assert.equal(await refusal(other, 'check_task', { plan: HUBSPOT, taskId: second.task.id, text: second.task.text }), `${HUBSPOT} changed since it was read. Nothing was changed.`);
    assert.equal(other.writes, 0);
  });
});

describe('agent tools: bad input', () => {
  it('refuses an unknown tool, an unknown plan, and malformed arguments with a clear message', async () => {
    const port = workspace();
    assert.equal(await refusal(port, 'delete_plan', {}), 'Unknown tool "delete_plan"; the tools are list_plans, get_plan, lint_plan, get_agent_brief, check_task.');
    assert.equal(await refusal(port, 'get_plan', { plan: 'src/docs/NOPE.md' }), 'No plan "src/docs/NOPE.md".');
    assert.equal(await refusal(port, 'get_plan', {}), 'Invalid arguments for get_plan: plan: Invalid input: expected string, received undefined.');
    assert.equal(await refusal(port, 'get_plan', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md'), 'Invalid arguments for get_plan: arguments: Invalid input: expected object, received string.');
    assert.equal(await refusal(port, 'get_plan', { plan: HUBSPOT, extra: 1 }), 'Invalid arguments for get_plan: arguments: Unrecognized key: "extra".');
    assert.equal(await refusal(port, 'check_task', { plan: HUBSPOT, taskId: 't1.00000000000', text: 'x', done: 'yes' }), 'Invalid arguments for check_task: done: Invalid input: expected boolean, received string.');
    assert.equal(port.writes, 0);
  });

  it('refuses a 10 MB argument, or key, without quoting it back', async () => {
    const port = workspace();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    for (const args of [{ plan: huge }, { plan: HUBSPOT, [huge]: 1 }, { plan: HUBSPOT, taskId: 't1.00000000000', text: huge }]) {
      const message = await refusal(port, args.plan === HUBSPOT && 'taskId' in args ? 'check_task' : 'get_plan', args);
      assert.ok(message.length < 400, `${message.length} characters`);
      assert.match(message, /^Invalid arguments for (get_plan|check_task): /);
    }
    assert.equal(port.writes, 0);
  });

  it('answers an exception in the port with a refusal, never an exception', async () => {
    const port = workspace();
    port.readPlan = async () => {
      throw new Error('disk on fire');
    };
    assert.equal(await refusal(port, 'get_plan', { plan: HUBSPOT }), 'get_plan failed: disk on fire. Nothing was changed.');
  });
});

describe('agent tools: task ids', () => {
  it('carry the plan\'s version as VS Code reads it: a BOM or CRLF line breaks do not change it, any character does', () => {
    const text = fixture('waves/HUBSPOT-ROLLOUT-PLAN.md');
    assert.equal(planVersionOf(`\uFEFF${text.replace(/\n/g, '\r\n')}`), planVersionOf(text));
    assert.notEqual(planVersionOf(text.replace('[ ] POST', '[x] POST')), planVersionOf(text));
    assert.deepEqual(parseTaskId(taskId(49, planVersionOf(text))), { line: 49, version: planVersionOf(text) });
    for (const id of ['t0.00000000000', 't1.0000000000', 't1.000000000000', 'T1.00000000000', 't1.0000000000A', ' t1.00000000000']) assert.equal(parseTaskId(id), undefined, id);
  });
});
