// `connector-playbook mcp` as MCP clients run it: the built dist/cli.js as a child process, driven
// through the official SDK's own client over stdio, on a temporary workspace. Each tool answers on
// fixture plans, check_task changes one byte, and traversal and bad input are refused unwritten.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AGENT_TOOLS, inputJsonSchema } from '../../src/core/tools';
import { REPO_DIR, fixture } from '../fixtures/lintFixtures';

const CLI = join(REPO_DIR, 'dist', 'cli.js');
const HUBSPOT = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const SLACK = 'src/docs/SLACK-ROLLOUT-PLAN.md';
const ZENDESK = 'planning/zendesk-rollout.md';

interface Answer {
  text: string;
  isError: boolean;
}

/** Every file's bytes under a folder (links as their targets' paths), to prove nothing was written. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(relative(folder, full), entry.isSymbolicLink() ? `link` : readFileSync(full, 'latin1'));
    }
  };
  visit(folder);
  return files;
}

describe('mcp: connector-playbook mcp through the SDK client', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  let outside: string;
  let client: Client;
  let stderr = '';

  async function connect(args: string[] = []): Promise<Client> {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--root', root, ...args], stderr: 'pipe', cwd: base });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connected = new Client({ name: 'connector-playbook-tests', version: '1.0.0' });
    await connected.connect(transport);
    return connected;
  }

  async function call(name: string, args: Record<string, unknown>, on: Client = client): Promise<Answer> {
    const result = (await on.callTool({ name, arguments: args })) as { content: { type: string; text: string }[]; isError?: boolean };
    assert.equal(result.content.length, 1);
    return { text: result.content[0]!.text, isError: result.isError === true };
  }

  async function ok(name: string, args: Record<string, unknown>): Promise<string> {
    const answer = await call(name, args);
    assert.equal(answer.isError, false, answer.text);
    return answer.text;
  }

  async function refused(name: string, args: Record<string, unknown>, on: Client = client): Promise<string> {
    const answer = await call(name, args, on);
    assert.equal(answer.isError, true, `${name} answered: ${answer.text.slice(0, 200)}`);
    return answer.text;
  }

  before(async () => {
    const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--only=cli'], { cwd: REPO_DIR, encoding: 'utf8', timeout: 110_000 });
    assert.equal(build.status, 0, build.stderr);
    base = mkdtempSync(join(tmpdir(), 'cp-mcp-'));
    root = join(base, 'workspace');
    outside = join(base, 'outside');
    mkdirSync(join(root, 'src', 'docs'), { recursive: true });
    mkdirSync(join(root, 'planning'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, HUBSPOT), fixture('waves/HUBSPOT-ROLLOUT-PLAN.md'));
    writeFileSync(join(root, SLACK), readFileSync(join(REPO_DIR, 'examples', SLACK)));
    writeFileSync(join(root, ZENDESK), readFileSync(join(REPO_DIR, 'examples', ZENDESK)));
    writeFileSync(join(root, 'README.md'), '# Not a plan\n');
    // A plan outside the root, and links from inside the root to it and to a plan inside.
    writeFileSync(join(outside, 'SECRET-ROLLOUT-PLAN.md'), fixture('waves/HUBSPOT-ROLLOUT-PLAN.md'));
    symlinkSync(join(outside, 'SECRET-ROLLOUT-PLAN.md'), join(root, 'src', 'docs', 'LINKED-ROLLOUT-PLAN.md'));
    symlinkSync(outside, join(root, 'escape'));
    client = await connect();
  });

  after(async () => {
    await client?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('lists the five tools with the core\'s input schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['list_plans', 'get_plan', 'lint_plan', 'get_agent_brief', 'check_task']);
    for (const tool of tools) {
      const core = AGENT_TOOLS.find((t) => t.name === tool.name)!;
      assert.deepEqual(tool.inputSchema, inputJsonSchema(core), tool.name);
      assert.equal(tool.description, core.description);
      assert.equal(tool.annotations?.readOnlyHint, tool.name !== 'check_task');
    }
    assert.match(stderr, /connector-playbook mcp: the plans under .*workspace, over stdio/);
  });

  it('list_plans finds the plans by name and by front matter, never through a link', async () => {
    const { plans } = JSON.parse(await ok('list_plans', {})) as { plans: { path: string; connector: string | null; tasks: { done: number; total: number } }[] };
    assert.deepEqual(plans.map((p) => [p.path, p.connector]), [[ZENDESK, 'Zendesk'], [HUBSPOT, 'HubSpot'], [SLACK, 'Slack']]);
    assert.deepEqual(plans.slice(1).map((p) => p.tasks), [{ done: 3, total: 9 }, { done: 3, total: 7 }]);
  });

  it('get_plan, lint_plan and get_agent_brief answer on the fixture plans', async () => {
    const plan = JSON.parse(await ok('get_plan', { plan: HUBSPOT })) as { waves: { name: string; status: string }[]; goNoGo: { checked: number; total: number } };
    assert.deepEqual(plan.waves.map((w) => `${w.name} ${w.status}`), ['Wave 1 in-progress', 'Wave 2 blocked', 'Wave 3 blocked']);
    assert.deepEqual([plan.goNoGo.checked, plan.goNoGo.total], [2, 5]);
    const { findings } = JSON.parse(await ok('lint_plan', { plan: ZENDESK })) as { findings: { rule: string; line: number }[] };
    assert.ok(findings.length > 0 && findings.every((f) => f.line >= 1));
    const brief = await ok('get_agent_brief', { plan: SLACK, wave: 'Wave 3', agent: 'ui-ops' });
    assert.match(brief, /^# Agent brief: `ui-ops`, Wave 3 \(Slack connector\)\n/);
    assert.match(brief, /## Your open tasks\n- \[ \] Mapping UI with a confidence filter \(id `t\d+\.\w{11}`\)/);
  });

  it('check_task changes exactly one byte of the file, and refuses the stale id afterwards', async () => {
    const file = join(root, HUBSPOT);
    const before = readFileSync(file);
    const plan = JSON.parse(await ok('get_plan', { plan: HUBSPOT })) as { waves: { tasks: { id: string; text: string; done: boolean }[] }[] };
    const task = plan.waves[1]!.tasks[0]!;
    const answer = JSON.parse(await ok('check_task', { plan: HUBSPOT, taskId: task.id, text: task.text })) as { changed: boolean; task: { id: string } };
    assert.equal(answer.changed, true);
    const after = readFileSync(file);
    assert.equal(after.length, before.length);
    const changed = [...before.keys()].filter((i) => before[i] !== after[i]);
    assert.equal(changed.length, 1);
    assert.deepEqual([String.fromCharCode(before[changed[0]!]!), String.fromCharCode(after[changed[0]!]!)], [' ', 'x']);
    // The id handed out before the change is stale now; the new one works.
    const stale = await refused('check_task', { plan: HUBSPOT, taskId: plan.waves[1]!.tasks[1]!.id, text: plan.waves[1]!.tasks[1]!.text });
    assert.match(stale, /changed since the id .* was handed out .*nothing was changed\. Call get_plan again/);
    assert.deepEqual(readFileSync(file), after);
    await ok('check_task', { plan: HUBSPOT, taskId: answer.task.id, text: task.text, done: false });
    assert.deepEqual(readFileSync(file), before);
    // Written by a rename: no temporary file is left beside the plan.
    assert.deepEqual(readdirSync(join(root, 'src', 'docs')).sort(), ['HUBSPOT-ROLLOUT-PLAN.md', 'LINKED-ROLLOUT-PLAN.md', 'SLACK-ROLLOUT-PLAN.md']);
  });

  it('check_task writes a new file by rename: another hard link to the old one keeps the old bytes', async () => {
    const file = join(root, SLACK);
    const copy = join(base, 'slack-hard-link.md');
    linkSync(file, copy);
    const mode = statSync(file).mode;
    const plan = JSON.parse(await ok('get_plan', { plan: SLACK })) as { waves: { tasks: { id: string; text: string; done: boolean }[] }[] };
    const task = plan.waves[2]!.tasks.find((t) => !t.done)!;
    await ok('check_task', { plan: SLACK, taskId: task.id, text: task.text });
    assert.notDeepEqual(readFileSync(file), readFileSync(copy));
    assert.equal(statSync(file).mode, mode);
    rmSync(copy);
  });

  it('refuses "..", absolute paths and links that lead outside the root, and writes nothing', async () => {
    const before = [snapshot(root), snapshot(outside)];
    const secret = join(outside, 'SECRET-ROLLOUT-PLAN.md');
    const plan = JSON.parse(await ok('get_plan', { plan: HUBSPOT })) as { waves: { tasks: { id: string; text: string }[] }[] };
    const task = plan.waves[1]!.tasks[1]!;
    for (const path of ['../outside/SECRET-ROLLOUT-PLAN.md', 'src/../../outside/SECRET-ROLLOUT-PLAN.md', '..\\outside\\SECRET-ROLLOUT-PLAN.md']) {
      assert.equal(await refused('get_plan', { plan: path }), 'A path with ".." is refused: the tools read and write only inside the root.');
      assert.equal(await refused('check_task', { plan: path, taskId: task.id, text: task.text }), 'A path with ".." is refused: the tools read and write only inside the root.');
    }
    assert.equal(await refused('get_plan', { plan: secret }), 'Absolute paths are refused: name the plan relative to the root, as list_plans does.');
    assert.equal(await refused('lint_plan', { plan: 'src/docs/LINKED-ROLLOUT-PLAN.md' }), 'src/docs/LINKED-ROLLOUT-PLAN.md leads outside the root through a symbolic link; it is refused.');
    assert.equal(await refused('check_task', { plan: 'escape/SECRET-ROLLOUT-PLAN.md', taskId: task.id, text: task.text }), 'escape/SECRET-ROLLOUT-PLAN.md leads outside the root through a symbolic link; it is refused.');
    assert.deepEqual([snapshot(root), snapshot(outside)], before);
  });

  it('refuses bad input with a clear message, stays up, and writes nothing', async () => {
    const before = snapshot(root);
    assert.equal(await refused('get_plan', { plan: 'src/docs/NOPE-ROLLOUT-PLAN.md' }), 'No plan "src/docs/NOPE-ROLLOUT-PLAN.md" in the root; list_plans gives the plans\' paths.');
    assert.equal(await refused('get_plan', { plan: 'README.md' }), 'README.md is not a rollout plan (its name does not match **/*-ROLLOUT-PLAN.md and its front matter does not say kind: connector-rollout-plan).');
    assert.equal(await refused('get_plan', { plan: 42 }), 'Invalid arguments for get_plan: plan: Invalid input: expected string, received number.');
    assert.equal(await refused('check_task', { plan: HUBSPOT, taskId: 'task-1' }), 'Invalid arguments for check_task: text: Invalid input: expected string, received undefined.');
    assert.equal(await refused('no_such_tool', {}), 'Unknown tool "no_such_tool"; the tools are list_plans, get_plan, lint_plan, get_agent_brief, check_task.');
    const huge = 'x'.repeat(10 * 1024 * 1024);
    assert.equal(await refused('check_task', { plan: HUBSPOT, taskId: 't1.00000000000', text: huge }), 'Invalid arguments for check_task: text: Too big: expected string to have <=4000 characters.');
    assert.equal(await refused('get_plan', { plan: huge }), 'Invalid arguments for get_plan: plan: Too big: expected string to have <=1024 characters.');
    assert.deepEqual(snapshot(root), before);
    // Still serving.
    assert.ok(JSON.parse(await ok('list_plans', {})).plans.length > 0);
  });

  it('refuses to tick a task of a plan deleted since get_plan, and does not create it again', async () => {
    const file = join(root, 'src', 'docs', 'GONE-ROLLOUT-PLAN.md');
    writeFileSync(file, fixture('waves/HUBSPOT-ROLLOUT-PLAN.md'));
    const plan = JSON.parse(await ok('get_plan', { plan: 'src/docs/GONE-ROLLOUT-PLAN.md' })) as { waves: { tasks: { id: string; text: string }[] }[] };
    rmSync(file);
    const task = plan.waves[1]!.tasks[0]!;
    assert.equal(await refused('check_task', { plan: 'src/docs/GONE-ROLLOUT-PLAN.md', taskId: task.id, text: task.text }), 'No plan "src/docs/GONE-ROLLOUT-PLAN.md" in the root; list_plans gives the plans\' paths.');
    assert.equal(readdirSync(join(root, 'src', 'docs')).includes('GONE-ROLLOUT-PLAN.md'), false);
  });

  it('with --read-only, reads and refuses check_task', async () => {
    const readOnly = await connect(['--read-only']);
    try {
      const plan = JSON.parse((await call('get_plan', { plan: HUBSPOT }, readOnly)).text) as { waves: { tasks: { id: string; text: string; done: boolean }[] }[] };
      const task = plan.waves[2]!.tasks[0]!;
      const before = readFileSync(join(root, HUBSPOT));
      assert.equal(await refused('check_task', { plan: HUBSPOT, taskId: task.id, text: task.text }, readOnly), 'check_task is not available: this server runs with --read-only: its tools only read.');
      assert.deepEqual(readFileSync(join(root, HUBSPOT)), before);
    } finally {
      await readOnly.close();
    }
  });

  it('exits 2 with one line on stderr for a root that is not a folder', () => {
    const result = spawnSync(process.execPath, [CLI, 'mcp', '--root', join(base, 'missing')], { encoding: 'utf8', timeout: 30_000, input: '' });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^connector-playbook mcp: --root .*missing: no such folder\n$/);
  });
});

describe('mcp: the bundles', function () {
  this.timeout(120_000);

  it('bundles the MCP SDK into dist/cli.js, and leaves it out of the extension', () => {
    const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--only=cli,extension'], { cwd: REPO_DIR, encoding: 'utf8', timeout: 110_000 });
    assert.equal(build.status, 0, build.stderr);
    const sources = (map: string) => (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
    assert.ok(sources(join(REPO_DIR, 'dist', 'cli.js.map')).some((s) => s.includes('node_modules/@modelcontextprotocol/sdk/')));
    assert.doesNotMatch(readFileSync(CLI, 'utf8'), /require\(["']@modelcontextprotocol/, 'the CLI must not need the SDK installed');
    const extension = join(REPO_DIR, 'dist', 'extension');
    const maps = readdirSync(extension).filter((f) => f.endsWith('.mjs.map'));
    assert.ok(maps.length > 3);
    for (const map of maps) assert.deepEqual(sources(join(extension, map)).filter((s) => s.includes('@modelcontextprotocol')), [], map);
  });
});
