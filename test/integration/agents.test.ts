// Agents work the plan (F8) in a real extension host: our language-model tools in vscode.lm.tools,
// each answering through vscode.lm.invokeTool, check_task's confirmation and its one-character
// edit that one undo reverts, the MCP server VS Code would start, and the agent-brief commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Commands } from '../../src/constants';
import type { ConnectorPlaybookApi } from '../../src/extension';
import type { PlansTreeNode } from '../../src/waves/plansTreeProvider';
import { EXTENSION_ID, api, folder } from './support';

const TOOLS = ['list_plans', 'get_plan', 'lint_plan', 'get_agent_brief', 'check_task'].map((name) => `connectorPlaybook_${name}`);
const PLAN = 'agents-it/src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const decoder = new TextDecoder();

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

async function invoke(name: string, input: object): Promise<string> {
  return text(await vscode.lm.invokeTool(`connectorPlaybook_${name}`, { input, toolInvocationToken: undefined }));
}

/** Lets invokeTool run check_task without the confirmation dialog, the way VS Code's own API tests do. */
async function autoApprove(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('chat.tools.global').update('autoApprove', on ? true : undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('setContext', 'vscode.chat.tools.global.autoApprove.testMode', on ? true : undefined);
}

describe('Agent tools (language-model tools, MCP server, briefs)', function () {
  this.timeout(60_000);
  let connector: ConnectorPlaybookApi;
  let uri: vscode.Uri;
  let original: string;

  before(async () => {
    connector = await api();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    original = decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'waves', 'HUBSPOT-ROLLOUT-PLAN.md')));
    uri = vscode.Uri.joinPath(folder().uri, PLAN);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    // The file watcher adds it to the store's plans.
    for (const deadline = Date.now() + 15_000; !(await connector.plans.planUris()).some((u) => u.toString() === uri.toString()); ) {
      assert.ok(Date.now() < deadline, 'the plan never reached the store');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await autoApprove(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, 'agents-it'), { recursive: true });
  });

  it('lists our five tools in vscode.lm.tools, with their input schemas', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('connectorPlaybook_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const tool of ours) assert.equal((tool.inputSchema as { type?: string }).type, 'object', tool.name);
    assert.deepEqual((ours.find((t) => t.name === 'connectorPlaybook_check_task')!.inputSchema as { required: string[] }).required, ['plan', 'taskId', 'text']);
  });

  it('answers list_plans, get_plan, lint_plan and get_agent_brief through vscode.lm.invokeTool', async () => {
    const listed = JSON.parse(await invoke('list_plans', {})) as { plans: { path: string; connector: string }[] };
    const entry = listed.plans.find((p) => p.path === PLAN);
    assert.ok(entry, JSON.stringify(listed.plans.map((p) => p.path)));
    assert.equal(entry.connector, 'HubSpot');
    const plan = JSON.parse(await invoke('get_plan', { plan: PLAN })) as { waves: { name: string; status: string }[] };
    assert.deepEqual(plan.waves.map((w) => `${w.name} ${w.status}`), ['Wave 1 in-progress', 'Wave 2 blocked', 'Wave 3 blocked']);
    const { findings } = JSON.parse(await invoke('lint_plan', { plan: PLAN })) as { findings: { rule: string }[] };
    // The same findings the Problems panel shows for it.
    const version = await connector.plans.planAt(uri);
    assert.ok('findings' in version);
    assert.deepEqual(findings.map((f) => f.rule), version.findings.map((f) => f.rule));
    const brief = await invoke('get_agent_brief', { plan: PLAN, wave: 'Wave 2' });
    assert.match(brief, /^# Agent brief: `api-integration`, Wave 2: API \(HubSpot connector\)\n/);
  });

  it('answers bad input with an error text, not an exception', async () => {
    assert.equal(await invoke('get_plan', { plan: 'nope/X-ROLLOUT-PLAN.md' }), 'Error: No plan "nope/X-ROLLOUT-PLAN.md" in the workspace; list_plans gives the plans\' paths.');
    assert.equal(await invoke('get_plan', { plan: 'x'.repeat(10 * 1024 * 1024) }), 'Error: Invalid arguments for get_plan: plan: Too big: expected string to have <=1024 characters.');
  });

  it('asks to confirm check_task, naming the task, its line and the change; the reading tools ask nothing', async () => {
    const plan = JSON.parse(await invoke('get_plan', { plan: PLAN })) as { waves: { tasks: { id: string; text: string }[] }[] };
    const task = plan.waves[1]!.tasks[0]!;
    const token = new vscode.CancellationTokenSource().token;
    const prepared = await connector.agents.tools.get('connectorPlaybook_check_task')!.prepareInvocation!({ input: { plan: PLAN, taskId: task.id, text: task.text } }, token);
    assert.equal(prepared?.confirmationMessages?.title, 'Check a task in a rollout plan?');
    assert.equal(prepared?.confirmationMessages?.message, `Mark "POST /connectors/hubspot/test-connection" done (in ${PLAN}, Wave 2, line 50): one character of the plan, [ ] → [x]. Undo in the editor reverts it.`);
    const reading = await connector.agents.tools.get('connectorPlaybook_get_plan')!.prepareInvocation!({ input: { plan: PLAN } }, token);
    assert.equal(reading?.confirmationMessages, undefined);
  });

  it('check_task changes one character of the open plan through a WorkspaceEdit, and one undo reverts it', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const plan = JSON.parse(await invoke('get_plan', { plan: PLAN })) as { waves: { tasks: { id: string; text: string }[] }[] };
    const task = plan.waves[1]!.tasks[0]!;
    await autoApprove(true);
    try {
      const answer = JSON.parse(await invoke('check_task', { plan: PLAN, taskId: task.id, text: task.text })) as { changed: boolean };
      assert.equal(answer.changed, true);
    } finally {
      await autoApprove(false);
    }
    const after = document.getText();
    assert.equal(after.length, before.length);
    assert.deepEqual([...before].flatMap((c, i) => (after[i] === c ? [] : [[c, after[i]]])), [[' ', 'x']]);
    assert.equal(document.isDirty, true, 'an open plan is left for the user to save');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    // The id from before the edit is refused once the plan changed again.
    await vscode.commands.executeCommand('redo');
    assert.match(await invoke('check_task', { plan: PLAN, taskId: plan.waves[1]!.tasks[1]!.id, text: plan.waves[1]!.tasks[1]!.text }), /^Error: .* changed since the id t51\.\w+ was handed out/);
    await vscode.commands.executeCommand('undo');
    await document.save();
  });

  it('offers VS Code the MCP server for the folder, and that server lists the tools', async () => {
    const definitions = connector.agents.mcpServerDefinitions();
    assert.equal(definitions.length, 1);
    const [definition] = definitions;
    assert.deepEqual(definition!.args.slice(1), ['mcp', '--root', folder().uri.fsPath]);
    assert.ok(definition!.args[0]!.endsWith('/dist/cli.js'));
    const client = new Client({ name: 'integration', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: definition!.command, args: definition!.args, env: { ...process.env, ...(definition!.env as Record<string, string>) } as Record<string, string> }));
    try {
      assert.deepEqual((await client.listTools()).tools.map((t) => t.name), ['list_plans', 'get_plan', 'lint_plan', 'get_agent_brief', 'check_task']);
      const listed = JSON.parse(((await client.callTool({ name: 'list_plans', arguments: {} })) as { content: { text: string }[] }).content[0]!.text) as { plans: { path: string }[] };
      assert.ok(listed.plans.some((p) => p.path === PLAN));
    } finally {
      await client.close();
    }
  });

  it('copies a wave\'s brief, and one agent\'s, from the Plans view\'s items', async () => {
    const view = connector.plansView;
    const planNode = (await view.provider.getChildren()).find((n) => n.kind === 'plan' && n.uri.toString() === uri.toString());
    assert.ok(planNode);
    const waves = (await view.provider.getChildren(planNode)).filter((n): n is Extract<PlansTreeNode, { kind: 'wave' }> => n.kind === 'wave');
    assert.equal(await vscode.commands.executeCommand(Commands.copyAgentBrief, waves[0]), true);
    assert.match(await vscode.env.clipboard.readText(), /^# Agent brief: `schema-sync` \+ `analytics`, Wave 1: Foundations \(HubSpot connector\)\n/);
    const agent = (await view.provider.getChildren(waves[2])).find((n) => n.kind === 'agent');
    assert.equal(await vscode.commands.executeCommand(Commands.copyAgentBrief, agent), true);
    assert.match(await vscode.env.clipboard.readText(), /^# Agent brief: `ui-ops`, Wave 3: Admin UX/);
    // Anything but a wave or an agent is declined.
    assert.equal(await vscode.commands.executeCommand(Commands.copyAgentBrief, planNode), false);
  });

  it('copies the brief where there is no chat to open it in (AI features off, as in this workbench)', async () => {
    assert.equal(vscode.workspace.getConfiguration('chat').get('disableAIFeatures'), true, 'this test needs a workbench without chat');
    await vscode.env.clipboard.writeText('');
    const planNode = (await connector.plansView.provider.getChildren()).find((n) => n.kind === 'plan' && n.uri.toString() === uri.toString())!;
    const wave = (await connector.plansView.provider.getChildren(planNode)).find((n) => n.kind === 'wave');
    assert.equal(await vscode.commands.executeCommand(Commands.openAgentBriefInChat, wave), 'copied');
    assert.match(await vscode.env.clipboard.readText(), /^# Agent brief: `schema-sync` \+ `analytics`, Wave 1/);
  });
});
