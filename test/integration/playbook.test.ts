// The playbook in a real extension host (issue 13): hovers and the code action on a phase, agent
// ownership in hovers and the Plans view, the Ready for Review gate, the status commands (one undo
// step each), and §7's prompt opened in chat or copied.
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { api, folder, waitFor } from './support';

/** Prints into the test report (the extension host's console does not reach the runner). */
function report(line: string): void {
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog(line);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type StatusResult = { status: 'changed'; uri: vscode.Uri; planStatus: string; confirmed?: string[] } | { status: 'refused'; reasons: string[] } | { status: 'cancelled' };
type CheckResult = { uri: vscode.Uri; ready: boolean; result: { criteria: { id: string; state: string; reason: string; line?: number }[] } };

async function examplePlan(name: string): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder().uri, 'src', 'docs', name)));
}

/** Writes a plan of its own for a test, and opens it in the active editor (as a user would have it). */
async function openPlan(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder().uri, relative);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const { plans } = await api();
  await plans.ready();
  await waitFor('the plan to be read', () => plans.plan(document));
  return editor;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `no "${text}" in the plan`);
  return document.positionAt(at + offset);
}

describe('playbook (extension host): the blueprint and the team in the editor', function () {
  this.timeout(60_000);
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    original = await examplePlan('HUBSPOT-ROLLOUT-PLAN.md');
    editor = await openPlan('src/docs/it-BLUEPRINT-ROLLOUT-PLAN.md', original);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('hovering a phase heading shows its blueprint items, marking what its Deliverables list', async () => {
    const position = positionOf(editor.document, '### Phase 2: Sync Engine', 8);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /\*\*Phase 2: Sync Engine\*\* · the playbook's standard blueprint \(§4\)/);
    for (const item of ['Sync state table(s) + idempotent upsert model', 'Backfill + incremental watermarks', 'Retry + lease/lock + crash recovery']) {
      assert.ok(text.includes(item), `${item} in ${text}`);
    }
    assert.match(text, /Deliverables lack 4 of 4/);
    const ours = hovers.find((h) => hoverText([h]).includes('§4'))!;
    assert.equal(ours.range?.start.line, position.line);
    assert.equal(ours.range?.start.character, 4);
  });

  it('hovering an agent name shows what it owns and its typical tasks', async () => {
    const position = positionOf(editor.document, '`schema-sync`', 3);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position));
    assert.match(text, /`schema-sync`\*\* owns DB \+ sync core/);
    assert.match(text, /Typical tasks: Migrations, Sync state, Watermark\/lease logic\./);
  });

  it('the code action on a phase inserts the items its Deliverables lack, in one edit, one undo step', async () => {
    const position = positionOf(editor.document, '### Phase 2: Sync Engine', 5);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(position, position));
    const action = actions.find((a) => a.title.startsWith("Add the blueprint's deliverables"));
    assert.ok(action, `no blueprint action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(action.title, "Add the blueprint's deliverables to Phase 2 (4 missing)");
    assert.equal(action.edit?.size, 1);
    assert.equal(action.edit!.get(editor.document.uri).length, 1, 'one text edit');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.equal(
      editor.document.getText(),
      original.replace(
        '### Phase 2: Sync Engine\n- Scope: deals and companies, incremental on `hs_lastmodifieddate`.\n- Deliverables:\n',
        '### Phase 2: Sync Engine\n- Scope: deals and companies, incremental on `hs_lastmodifieddate`.\n- Deliverables:\n  - Sync state table(s) + idempotent upsert model\n  - Backfill + incremental watermarks\n  - Retry + lease/lock + crash recovery\n  - Chunking model for scale (cron/background worker)\n',
      ),
    );
    // Nothing left to add: no action any more.
    const { plans } = await api();
    await waitFor('the new version', () => plans.plan(editor.document));
    const after = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(position, position));
    assert.equal(after.filter((a) => a.title.startsWith("Add the blueprint's")).length, 0);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('offers the action only on a phase\'s heading and its Deliverables, and only to those who ask for refactors', async () => {
    const scope = positionOf(editor.document, '- Scope: deals and companies');
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(scope, scope));
    assert.equal(none.filter((a) => a.title.startsWith("Add the blueprint's")).length, 0);
    const heading = positionOf(editor.document, '### Phase 3: Analytics');
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(heading, heading), vscode.CodeActionKind.QuickFix.value);
    assert.equal(quickFixes.filter((a) => a.title.startsWith("Add the blueprint's")).length, 0);
  });

  it('the Plans view\'s agent tooltip says what each agent owns', async () => {
    const { plansView } = await api();
    const provider = plansView.provider;
    const uri = editor.document.uri.toString();
    let plan: Awaited<ReturnType<typeof provider.getChildren>>[number] | undefined;
    for (let tries = 0; !plan && tries < 100; tries++) {
      plan = (await provider.getChildren()).find((n) => n.kind === 'plan' && n.uri.toString() === uri);
      if (!plan) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(plan, 'the plan is in the view');
    const wave = (await provider.getChildren(plan)).find((n) => n.kind === 'wave')!;
    const agent = (await provider.getChildren(wave)).find((n) => n.kind === 'agent')!;
    const item = await provider.getTreeItem(agent);
    assert.equal(item.tooltip, undefined, 'made on hover');
    const resolved = await provider.resolveTreeItem(item, agent);
    const tooltip = resolved.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /schema-sync in Wave 1: 1 of 2 tasks done/);
    assert.match(tooltip.value, /owns DB \+ sync core/);
  });
});

describe('playbook (extension host): Ready for Review', function () {
  this.timeout(90_000);
  let editor: vscode.TextEditor;
  let original: string;
  const CONFIRM = ['lint-clean', 'build-compiles', 'docs-match'];

  before(async () => {
    original = await examplePlan('SLACK-ROLLOUT-PLAN.md');
    editor = await openPlan('src/docs/it-GATE-ROLLOUT-PLAN.md', original);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Check Ready for Review shows the six criteria with their state and reason', async () => {
    const checked = await vscode.commands.executeCommand<CheckResult>('connectorPlaybook.checkReadyForReview', editor.document.uri);
    assert.equal(checked.ready, false);
    assert.deepEqual(checked.result.criteria.map((c) => [c.id, c.state]), [
      ['lint-clean', 'confirm'],
      ['build-compiles', 'confirm'],
      ['sync-edge-cases', 'fail'],
      ['mapping-remap', 'pass'],
      ['docs-match', 'confirm'],
      ['open-questions', 'pass'],
    ]);
    const failing = checked.result.criteria.find((c) => c.state === 'fail')!;
    assert.ok(editor.document.lineAt(failing.line!).text.startsWith('- Validation tests: kill the worker'));
  });

  it('Mark Ready for Review is refused while a criterion fails, and changes nothing', async () => {
    const result = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.markReadyForReview', { uri: editor.document.uri, confirm: CONFIRM });
    assert.equal(result.status, 'refused');
    assert.match((result as { reasons: string[] }).reasons.join(' '), /^sync-edge-cases — Phase 2's validation tests do not name overlap/);
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });

  it('is refused while a criterion to confirm is not confirmed', async () => {
    await fixOverlap(editor);
    const result = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.markReadyForReview', { uri: editor.document.uri, confirm: ['lint-clean'] });
    assert.deepEqual(result.status === 'refused' && result.reasons, ['not confirmed: build-compiles, docs-match.']);
    assert.ok(!editor.document.getText().includes('ready-for-review'));
  });

  it('then marks the plan: status, date and confirmations in the front matter, in one edit that undoes in one step', async () => {
    const before = editor.document.getText();
    const result = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.markReadyForReview', { uri: editor.document.uri, confirm: CONFIRM });
    assert.equal(result.status, 'changed', JSON.stringify(result));
    const text = editor.document.getText();
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    assert.equal(text, before.replace('status: draft\n', `status: ready-for-review\n`).replace('\n---\n', `\nreview:\n  date: ${date}\n  confirmed: [lint-clean, build-compiles, docs-match]\n---\n`));
    // The gate reads the confirmations back: nothing is left to confirm.
    const checked = await vscode.commands.executeCommand<CheckResult>('connectorPlaybook.checkReadyForReview', { uri: editor.document.uri, run: false });
    assert.deepEqual(checked.result.criteria.map((c) => c.state), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('moving to go is refused while go/no-go items are unchecked, unless confirmed; back to draft always', async () => {
    const before = editor.document.getText();
    const refused = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.setPlanStatus', { uri: editor.document.uri, status: 'go', confirmUnchecked: false });
    assert.deepEqual(refused.status === 'refused' && refused.reasons, ['3 go/no-go items are unchecked.']);
    assert.equal(editor.document.getText(), before);
    const go = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.setPlanStatus', { uri: editor.document.uri, status: 'go', confirmUnchecked: true });
    assert.equal(go.status, 'changed');
    assert.ok(editor.document.getText().includes('\nstatus: go\n'));
    const draft = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.setPlanStatus', { uri: editor.document.uri, status: 'draft' });
    assert.equal(draft.status, 'changed');
    assert.equal(editor.document.getText(), before);
  });

  it('adds front matter to a plan that has none, in one undo step', async () => {
    const plain = editor.document.getText().replace(/^---\n[\s\S]*?\n---\n\n?/, '');
    assert.ok(plain.startsWith('# Slack'));
    const bare = await openPlan('src/docs/it-BARE-ROLLOUT-PLAN.md', plain);
    const result = await vscode.commands.executeCommand<StatusResult>('connectorPlaybook.markReadyForReview', { uri: bare.document.uri, confirm: CONFIRM });
    assert.equal(result.status, 'changed', JSON.stringify(result));
    assert.ok(bare.document.getText().startsWith('---\nstatus: ready-for-review\nreview:\n'));
    assert.ok(bare.document.getText().endsWith(`---\n\n${plain}`));
    await vscode.window.showTextDocument(bare.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(bare.document.getText(), plain);
  });
});

async function fixOverlap(editor: vscode.TextEditor): Promise<void> {
  const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('- Validation tests: kill the worker'));
  const end = editor.document.lineAt(line).range.end;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(editor.document.uri, end, ' Two overlapping runs: one takes the lease.');
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('playbook (extension host): New Rollout Plan with a team', function () {
  this.timeout(60_000);
  const stamp = Date.now().toString(36).toUpperCase();
  const made: vscode.Uri[] = [];
  after(async () => {
    for (const uri of made) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('writes the standard split by default, and one wave for a small connector', async () => {
    type Created = { status: 'created'; uri: vscode.Uri };
    const standard = await vscode.commands.executeCommand<Created>('connectorPlaybook.newPlan', { name: `Std ${stamp}`, open: false });
    const small = await vscode.commands.executeCommand<Created>('connectorPlaybook.newPlan', { name: `Tiny ${stamp}`, team: 'small', open: false });
    made.push(standard.uri, small.uri);
    const read = async (uri: vscode.Uri) => decoder.decode(await vscode.workspace.fs.readFile(uri));
    const standardText = await read(standard.uri);
    assert.ok(standardText.includes('### Wave 4: Final strict review pass across all phases\n'));
    assert.ok(standardText.includes('- Deliverables:\n  - Sync state table(s) + idempotent upsert model\n'));
    const smallText = await read(small.uri);
    assert.ok(smallText.includes('### Wave 1\n') && !smallText.includes('### Wave 2'));
    const refused = await vscode.commands.executeCommand<{ status: string }>('connectorPlaybook.newPlan', { name: `Huge ${stamp}`, team: 'huge', open: false });
    assert.equal(refused.status, 'refused');
  });
});

describe('playbook (extension host): the fast-start prompt in chat', function () {
  this.timeout(60_000);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens VS Code\'s chat with the prompt where there is one, else copies it', async () => {
    const editor = await openPlan('src/docs/it-CHAT-ROLLOUT-PLAN.md', await examplePlan('SLACK-ROLLOUT-PLAN.md'));
    await vscode.env.clipboard.writeText('before');
    const result = await vscode.commands.executeCommand<{ opened: 'chat' | 'clipboard'; prompt: string }>('connectorPlaybook.openFastStartPromptInChat', editor.document.uri);
    assert.ok(result.prompt.includes('Create `src/docs/SLACK-ROLLOUT-PLAN.md` using the kickoff template.'));
    const hasChat = (await vscode.commands.getCommands(true)).includes('workbench.action.chat.open');
    report(`      (this VS Code ${hasChat ? 'has' : 'has no'} chat command; the prompt went to the ${result.opened})`);
    if (result.opened === 'clipboard') assert.equal(await vscode.env.clipboard.readText(), result.prompt);
    else assert.equal(hasChat, true, 'opened in chat only where the chat command exists');
    // Without a chat, never anything but the clipboard.
    if (!hasChat) assert.equal(result.opened, 'clipboard');
  });
});
