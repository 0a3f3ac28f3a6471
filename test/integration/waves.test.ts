// The Plans view (F4) in a real extension host: the tree's items through the view's own provider,
// checkbox edits, live updates while typing, reveal, and the time to open a 200-plan workspace.
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { PlansView } from '../../src/waves/register';
import type { ConnectorPlaybookApi } from '../../src/extension';
import type { PlansTreeNode, TaskNode } from '../../src/waves/plansTreeProvider';
import { EXTENSION_ID, folder } from './support';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Prints into the test report (the extension host's console does not reach the runner). */
function report(line: string): void {
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog(line);
}

async function plansView(): Promise<PlansView> {
  const extension = vscode.extensions.getExtension<ConnectorPlaybookApi>(EXTENSION_ID);
  assert.ok(extension, 'extension not loaded');
  return (await extension.activate()).plansView;
}

/** The HubSpot plan of the unit fixtures, read from the extension's own folder. */
async function hubspotPlan(): Promise<string> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const uri = vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'waves', 'HUBSPOT-ROLLOUT-PLAN.md');
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

async function writePlan(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder().uri, relative);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Shown {
  node: PlansTreeNode;
  label: string;
  description: string | undefined;
  checkbox: 'checked' | 'unchecked' | undefined;
  icon: string | undefined;
  contextValue: string | undefined;
  children: Shown[] | undefined;
}

/** A plan's subtree as the view shows it, read through getChildren/getTreeItem. */
async function show(view: PlansView, node: PlansTreeNode, depth = 5): Promise<Shown> {
  const item = await view.provider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const checkbox = item.checkboxState === undefined ? undefined : (typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState) === vscode.TreeItemCheckboxState.Checked ? 'checked' : 'unchecked';
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
  const hasChildren = item.collapsibleState !== vscode.TreeItemCollapsibleState.None && depth > 0;
  const children = hasChildren ? await Promise.all((await view.provider.getChildren(node)).map((c) => show(view, c, depth - 1))) : undefined;
  return { node, label, description: typeof item.description === 'string' ? item.description : undefined, checkbox, icon, contextValue: item.contextValue, children };
}

/** The plan's root item once the view lists it with its counts (they may follow the list). */
async function planRoot(view: PlansView, uri: vscode.Uri): Promise<PlansTreeNode> {
  return until(`${vscode.workspace.asRelativePath(uri)} in the Plans view`, async () => {
    const node = (await view.provider.getChildren()).find((n) => n.kind === 'plan' && n.uri.toString() === uri.toString());
    const description = node && (await view.provider.getTreeItem(node)).description;
    return typeof description === 'string' && description.startsWith('go/no-go') ? node : undefined;
  });
}

function find(tree: Shown, label: string): Shown {
  const stack = [tree];
  while (stack.length) {
    const next = stack.shift()!;
    if (next.label === label) return next;
    stack.push(...(next.children ?? []));
  }
  assert.fail(`no item "${label}"`);
}

/** A compact picture of a subtree: `label [description] (checkbox)`, children indented. */
function outline(tree: Shown, indent = ''): string[] {
  const parts = [tree.label];
  if (tree.description) parts.push(`[${tree.description}]`);
  if (tree.checkbox) parts.push(tree.checkbox === 'checked' ? '(x)' : '( )');
  if (tree.icon && tree.node.kind === 'wave') parts.push(`{${tree.icon}}`);
  return [indent + parts.join(' '), ...(tree.children ?? []).flatMap((c) => outline(c, `${indent}  `))];
}

describe('Plans view (waves)', function () {
  this.timeout(60_000);
  let view: PlansView;
  before(async () => {
    view = await plansView();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a plan created in the workspace: waves with status and progress, agents, tasks with checkboxes, go/no-go', async () => {
    const uri = await writePlan('waves-it/tree/HUBSPOT-ROLLOUT-PLAN.md', await hubspotPlan());
    const tree = await show(view, await planRoot(view, uri));
    assert.deepEqual(outline(tree), [
      'HUBSPOT-ROLLOUT-PLAN.md [go/no-go 2/5 · tasks 3/9]',
      '  Wave 1: Foundations [3/5] {play-circle}',
      '    schema-sync + analytics [3/5]',
      '      Migrations for hubspot_sync_state and mappings (x)',
      '      Watermark and lease logic (x)',
      '      Deal-stage velocity algorithm ( )',
      '        Edge case: deals reopened after close (x)',
      '        Edge case: stage renamed in HubSpot ( )',
      '  Wave 2: API [0/2 · blocked by Wave 1] {circle-slash}',
      '    api-integration [0/2]',
      '      POST /connectors/hubspot/test-connection ( )',
      '      Mapping endpoints with zod validation ( )',
      '  Wave 3: Admin UX [0/2 · blocked by Wave 1, Wave 2] {circle-slash}',
      '    ui-ops [0/2]',
      '      Mapping UI ( )',
      '      Sync status view with error states ( )',
      '  Go/No-Go [2/5]',
      '    Auth and connection test pass (x)',
      '    Mappings validated (manual + auto-match) (x)',
      '    Sync completes with safe resume behavior ( )',
      '    Metrics spot-checked against raw source samples ( )',
      '    Logs/alerts in place for stuck runs and repeated failures ( )',
    ]);
    assert.deepEqual(
      [tree.contextValue, find(tree, 'Wave 2: API').contextValue, find(tree, 'api-integration').contextValue, find(tree, 'Mapping UI').contextValue, find(tree, 'Go/No-Go').contextValue, find(tree, 'Auth and connection test pass').contextValue],
      ['plan', 'wave.blocked', 'agent', 'task', 'goNoGo', 'goNoGoItem'],
    );
    // A template plan: empty waves, not started, and its five go/no-go items.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const template = decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'templates', 'rollout-plan.md')));
    const fresh = await show(view, await planRoot(view, await writePlan('waves-it/tree/FRESH-ROLLOUT-PLAN.md', template)), 1);
    assert.deepEqual(outline(fresh), ['FRESH-ROLLOUT-PLAN.md [go/no-go 0/5 · tasks 0/0]', '  Wave 1 [0/0] {circle-large-outline}', '  Wave 2 [0/0] {circle-large-outline}', '  Wave 3 [0/0] {circle-large-outline}', '  Go/No-Go [0/5]']);
    // Deleting a plan takes it out of the view (file watcher).
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, 'waves-it/tree'), { recursive: true });
    await until('the deleted plans to leave the view', async () => ((await view.provider.getChildren()).some((n) => n.kind === 'plan' && n.uri.path.includes('/waves-it/tree/')) ? undefined : true));
  });

  it('drops a plan whose folder is deleted after its editor closed (VS Code still holds the document), and keeps one with unsaved edits', async () => {
    const saved = await writePlan('waves-it/gone/SAVED-ROLLOUT-PLAN.md', await hubspotPlan());
    const dirty = await writePlan('waves-it/gone/DIRTY-ROLLOUT-PLAN.md', await hubspotPlan());
    const edited = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dirty), { preview: false });
    await edited.edit((e) => e.insert(new vscode.Position(0, 0), '\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(saved), { preview: false });
    await planRoot(view, saved);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === saved.toString()), 'VS Code keeps the closed document');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, 'waves-it/gone'), { recursive: true });
    const listed = (uri: vscode.Uri) => async () => (await view.provider.getChildren()).some((n) => n.kind === 'plan' && n.uri.toString() === uri.toString());
    await until('the deleted plan to leave the view', async () => ((await listed(saved)()) ? undefined : true));
    assert.ok(await listed(dirty)(), 'the plan with unsaved edits stays');
    // Undo the edit so that closing the editor asks nothing.
    await vscode.window.showTextDocument(edited.document);
    await vscode.commands.executeCommand('undo');
  });

  it('checking a box changes exactly one character, in one undo step, and the tree follows', async () => {
    const uri = await writePlan('waves-it/check/HUBSPOT-ROLLOUT-PLAN.md', await hubspotPlan());
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const root = await planRoot(view, uri);
    const task = find(await show(view, root), 'POST /connectors/hubspot/test-connection').node as TaskNode;
    assert.equal(await view.setTaskChecked(task, true), true);
    const after = document.getText();
    assert.equal(after.length, before.length);
    const differences = [...after].map((c, i) => (c === before[i] ? -1 : i)).filter((i) => i >= 0);
    assert.equal(differences.length, 1, 'exactly one character changed');
    const at = differences[0]!;
    assert.equal(before[at], ' ');
    assert.equal(after[at], 'x');
    assert.equal(document.positionAt(at).line, task.task.line);
    assert.ok(document.isDirty);
    // The view shows the new state: the task checked, Wave 2 at 1/2.
    await until('Wave 2 at 1/2', async () => {
      const tree = await show(view, root);
      return find(tree, 'Wave 2: API').description === '1/2 · blocked by Wave 1' && find(tree, 'POST /connectors/hubspot/test-connection').checkbox === 'checked' ? true : undefined;
    });
    // One undo step brings the file back.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    // Unchecking a go/no-go item: `x` becomes a space.
    const item = find(await show(view, root), 'Auth and connection test pass').node as TaskNode;
    assert.equal(await view.setTaskChecked(item, false), true);
    assert.equal(document.lineAt(item.task.line).text, '- [ ] Auth and connection test pass');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('refuses to check a task when the plan changed under it, and changes nothing', async () => {
    const uri = await writePlan('waves-it/stale/HUBSPOT-ROLLOUT-PLAN.md', await hubspotPlan());
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const task = find(await show(view, await planRoot(view, uri)), 'Mapping UI').node as TaskNode;
    // A line inserted above moves the task: the view's line no longer holds it.
    await editor.edit((b) => b.insert(new vscode.Position(task.task.line - 1, 0), '- [ ] Inserted task\n'));
    const changed = document.getText();
    assert.equal(await view.setTaskChecked(task, true), false);
    assert.equal(document.getText(), changed);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('checks a task of a plan that is not open: the file changes by one character and is saved', async () => {
    const text = await hubspotPlan();
    const uri = await writePlan('waves-it/closed/HUBSPOT-ROLLOUT-PLAN.md', text);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the plan must not be open yet');
    const task = find(await show(view, await planRoot(view, uri)), 'Sync status view with error states').node as TaskNode;
    assert.equal(await view.setTaskChecked(task, true), true);
    const onDisk = decoder.decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(onDisk, text.replace('- [ ] Sync status view with error states', '- [x] Sync status view with error states'));
  });

  it('updates the tree as the document is typed in, before it is saved', async () => {
    const uri = await writePlan('waves-it/typing/HUBSPOT-ROLLOUT-PLAN.md', await hubspotPlan());
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const root = await planRoot(view, uri);
    const mappingUi = document.getText().split('\n').findIndex((l) => l === '  - [ ] Mapping UI');
    // Type a task and a whole new wave, one edit after the other like keystrokes.
    await editor.edit((b) => b.insert(new vscode.Position(mappingUi, 0), '  - [x] Empty states\n'));
    const sectionG = document.getText().split('\n').findIndex((l) => l.startsWith('## G)'));
    const typed = ['### Wave 4\n', '- Agent: `qa-bot`\n', '- Tasks:\n', '  - [ ] Regression pass\n', '\n'];
    for (const [k, line] of typed.entries()) await editor.edit((b) => b.insert(new vscode.Position(sectionG + k, 0), line));
    assert.ok(document.isDirty);
    const tree = await until('the typed wave in the view', async () => {
      const shown = await show(view, root);
      return shown.children?.some((c) => c.label === 'Wave 4') ? shown : undefined;
    });
    assert.equal(tree.description, 'go/no-go 2/5 · tasks 4/11');
    assert.equal(find(tree, 'Wave 3: Admin UX').description, '1/3 · blocked by Wave 1, Wave 2');
    assert.equal(find(tree, 'Empty states').checkbox, 'checked');
    assert.equal(find(tree, 'Wave 4').description, '0/1');
    assert.deepEqual(find(tree, 'qa-bot').children?.map((c) => c.label), ['Regression pass']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('selecting an item reveals its line in the plan', async () => {
    const uri = await writePlan('waves-it/reveal/HUBSPOT-ROLLOUT-PLAN.md', await hubspotPlan());
    const tree = await show(view, await planRoot(view, uri));
    const wave = await view.provider.getTreeItem(find(tree, 'Wave 3: Admin UX').node);
    assert.equal(wave.command?.command, 'connectorPlaybook.revealPlanLine');
    await vscode.commands.executeCommand(wave.command!.command, ...(wave.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '### Wave 3: Admin UX');
    const task = await view.provider.getTreeItem(find(tree, 'Metrics spot-checked against raw source samples').node);
    await vscode.commands.executeCommand(task.command!.command, ...(task.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.document.lineAt(vscode.window.activeTextEditor.selection.active.line).text, '- [ ] Metrics spot-checked against raw source samples');
    // Bad arguments are a message, not an exception.
    await vscode.commands.executeCommand('connectorPlaybook.revealPlanLine', 'not a uri', -1);
  });

  it('opens a workspace of 200 plans: every plan listed, the first expanded (times reported)', async () => {
    const text = await hubspotPlan();
    const uris: vscode.Uri[] = [];
    for (let i = 0; i < 200; i++) uris.push(vscode.Uri.joinPath(folder().uri, 'waves-it', 'many', `P${String(i).padStart(3, '0')}-ROLLOUT-PLAN.md`));
    await Promise.all(uris.map((uri) => vscode.workspace.fs.writeFile(uri, encoder.encode(text))));
    try {
      // Let the file watcher report the new files first, so it does not interfere with the timing.
      await until('the 200 plans in the view', async () => ((await view.provider.getChildren()).filter((n) => n.kind === 'plan' && n.uri.path.includes('/waves-it/many/')).length === 200 ? true : undefined));
      await new Promise((r) => setTimeout(r, 300));
      const measure = async () => {
        const t0 = performance.now();
        view.provider.refresh();
        const roots = await view.provider.getChildren();
        await Promise.all(roots.map((r) => view.provider.getTreeItem(r)));
        const first = roots.find((r) => r.kind === 'plan' && r.uri.path.includes('/waves-it/many/'))!;
        const children = await view.provider.getChildren(first);
        await Promise.all(children.map((c) => view.provider.getTreeItem(c)));
        const ms = performance.now() - t0;
        // Every plan item with its counts (they may come in one refresh after the list).
        await until('every plan with its counts', async () => {
          const items = await Promise.all(roots.map((r) => view.provider.getTreeItem(r)));
          return items.every((i) => typeof i.description === 'string' && i.description.startsWith('go/no-go')) ? true : undefined;
        });
        return { ms, counted: performance.now() - t0, roots: roots.length, children: children.length };
      };
      const cold = await measure();
      const again = await measure();
      report(`      200 plans: root + first expansion ${cold.ms.toFixed(0)} ms cold (every count shown at ${cold.counted.toFixed(0)} ms), ${again.ms.toFixed(0)} ms again (counts at ${again.counted.toFixed(0)} ms); ${cold.roots} plans, ${cold.children} items under the first`);
      // Where the time goes, for the report: the search, the reads, the parse.
      const f0 = performance.now();
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder(), '**/*-ROLLOUT-PLAN.md'));
      const f1 = performance.now();
      const texts = await Promise.all(found.map(async (u) => decoder.decode(await vscode.workspace.fs.readFile(u))));
      const f2 = performance.now();
      const { parsePlan } = await import('../../src/core/parser');
      const { readWaves } = await import('../../src/core/waves');
      const roster = { agents: ['schema-sync', 'api-integration', 'analytics', 'ui-ops'], waveSequencing: [['schema-sync', 'analytics'], ['api-integration'], ['ui-ops']] };
      for (const t of texts) readWaves(parsePlan(t), roster);
      report(`      of which: findFiles ${(f1 - f0).toFixed(0)} ms, reading ${found.length} files ${(f2 - f1).toFixed(0)} ms, parsing them ${(performance.now() - f2).toFixed(0)} ms (warm)`);
      assert.ok(cold.roots >= 200, `only ${cold.roots} plans found`);
      assert.equal(cold.children, 4);
      // Speed is reported above, not asserted: a loaded CI machine must not turn a measurement red.
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, 'waves-it', 'many'), { recursive: true });
    }
  });
});
