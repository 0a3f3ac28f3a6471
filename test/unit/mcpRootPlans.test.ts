// The MCP server's port on its own: a plan deleted, changed or swapped for a link between its read
// and its write is never written, nor created again; what is written is one byte, by rename.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RootPlans, resolveInRoot } from '../../src/cli/mcp/rootPlans';
import { runAgentTool } from '../../src/core/tools';
import type { RootPlanRead } from '../../src/cli/mcp/rootPlans';
import { parsePlan } from '../../src/core/parser';
import { readWaves, taskCheckEdit } from '../../src/core/waves';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/defaults';
import { fixture } from '../fixtures/lintFixtures';

const PLAN = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';

describe('mcp: the root folder port', () => {
  let base: string;
  let root: string;
  let plans: RootPlans;

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'cp-root-')));
    root = join(base, 'root');
    mkdirSync(join(root, 'src', 'docs'), { recursive: true });
    writeFileSync(join(root, PLAN), fixture('waves/HUBSPOT-ROLLOUT-PLAN.md'));
    plans = new RootPlans(root);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  async function read(): Promise<RootPlanRead> {
    const plan = await plans.readPlan(PLAN);
    assert.ok(!('problem' in plan), 'problem' in plan ? plan.problem : '');
    return plan;
  }

  it('gives get_plan the Ready-for-Review gate, with the commands the root configures reported, not run', async () => {
    writeFileSync(join(root, '.connector-playbook.yaml'), 'gate:\n  lint: npm run lint\n');
    const answer = await runAgentTool('get_plan', { plan: PLAN }, plans);
    assert.ok(answer.ok, answer.ok ? '' : answer.message);
    const { gate } = JSON.parse(answer.text) as { gate: { ready: boolean; criteria: { id: string; state: string; reason: string }[] } };
    assert.deepEqual(gate.criteria.map((c) => c.id), ['lint-clean', 'build-compiles', 'sync-edge-cases', 'mapping-remap', 'docs-match', 'open-questions']);
    const build = gate.criteria.find((c) => c.id === 'build-compiles')!;
    assert.equal(build.state, 'confirm');
    assert.match(build.reason, /No build command is configured/);
    assert.equal(typeof gate.ready, 'boolean');
  });

  function openTaskEdit(plan: RootPlanRead) {
    const waves = readWaves(parsePlan(plan.text), { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING });
    return taskCheckEdit(waves.waves[1]!.tasks[0]!, true);
  }

  it('writes one byte by a rename, leaving no temporary file', async () => {
    const plan = await read();
    const before = readFileSync(join(root, PLAN));
    assert.deepEqual(await plans.applyEdit(plan, openTaskEdit(plan)), { ok: true });
    const after = readFileSync(join(root, PLAN));
    assert.equal([...before.keys()].filter((i) => before[i] !== after[i]).length, 1);
    assert.deepEqual(readdirSync(join(root, 'src', 'docs')), ['HUBSPOT-ROLLOUT-PLAN.md']);
  });

  it('does not write, nor create again, a plan deleted between its read and its write', async () => {
    const plan = await read();
    rmSync(join(root, PLAN));
    const outcome = await plans.applyEdit(plan, openTaskEdit(plan));
    assert.equal(outcome.ok, false);
    assert.deepEqual(readdirSync(join(root, 'src', 'docs')), []);
  });

  it('does not overwrite a plan changed between its read and its write', async () => {
    const plan = await read();
    writeFileSync(join(root, PLAN), `${plan.text}\n- an edit of someone else\n`);
    assert.deepEqual(await plans.applyEdit(plan, openTaskEdit(plan)), { ok: false, message: `${PLAN} changed on disk since it was read.` });
    assert.ok(readFileSync(join(root, PLAN), 'utf8').endsWith('- an edit of someone else\n'));
  });

  it('does not write through a link that replaced the plan since its read, even to a file inside', async () => {
    const plan = await read();
    writeFileSync(join(root, 'other.md'), plan.text);
    rmSync(join(root, PLAN));
    symlinkSync(join(root, 'other.md'), join(root, PLAN));
    assert.deepEqual(await plans.applyEdit(plan, openTaskEdit(plan)), { ok: false, message: `${PLAN} was moved or replaced since it was read.` });
    assert.equal(readFileSync(join(root, 'other.md'), 'utf8'), plan.text);
  });

  it('resolves only relative paths inside the root', () => {
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'X.md'), 'x');
    symlinkSync(join(base, 'outside'), join(root, 'out'));
    assert.deepEqual(resolveInRoot(root, './src//docs/HUBSPOT-ROLLOUT-PLAN.md'), { ok: true, relative: PLAN, real: join(root, PLAN) });
    for (const path of ['../outside/X.md', '/etc/passwd', 'C:\\x.md', '\\\\server\\x.md', 'a\0b', 'out/X.md', '', '.']) assert.equal(resolveInRoot(root, path).ok, false, JSON.stringify(path));
  });
});
