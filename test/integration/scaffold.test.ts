// Scaffolding in a real extension host: the commands run with their answers given as an argument,
// write through workspace.fs, open the plan, and the diagnostics feature checks it at once.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseWorkspaceConfig } from '../../src/core/config';
import { parsePlan } from '../../src/core/parser';
import { localDate } from '../../src/core/scaffold';
import { PLAYBOOK_TEXT } from '../../src/core/playbook';
import { EXTENSION_ID, folder, ruleOf, waitFor } from './support';

const SOURCE = 'connector-playbook';
const DOCS_SETTING = 'scaffold-it/docs';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Result = { status: 'created' | 'exists'; uri: vscode.Uri } | { status: 'cancelled' } | { status: 'refused'; message: string };

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The docs folder the extension should use: the workspace config's when it names one, else our setting. */
async function expectedDocsFolder(): Promise<vscode.Uri> {
  const configText = await readText(vscode.Uri.joinPath(folder().uri, CONFIG_FILE_NAME));
  const fromConfig = configText === undefined ? undefined : parseWorkspaceConfig(configText).config?.docsFolder;
  return vscode.Uri.joinPath(folder().uri, fromConfig ?? DOCS_SETTING);
}

describe('scaffold (extension host)', function () {
  this.timeout(60_000);
  const created: vscode.Uri[] = [];
  let docs: vscode.Uri;
  // A name of its own per run, so a rerun on a kept workspace never meets an old file.
  const stamp = Date.now().toString(36).toUpperCase();

  // The workspace's .connector-playbook.yaml names a docsFolder, which wins over the setting; these
  // tests are about the setting, so the suite runs with that one key taken out, and puts it back.
  const configUri = () => vscode.Uri.joinPath(folder().uri, CONFIG_FILE_NAME);
  let originalConfig: string | undefined;
  let api: { plans: { reloadSettings(): Promise<void> } };

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'extension not loaded');
    api = await extension.activate();
    originalConfig = await readText(configUri());
    if (originalConfig !== undefined && /^docsFolder:/m.test(originalConfig)) {
      await vscode.workspace.fs.writeFile(configUri(), encoder.encode(originalConfig.replace(/^docsFolder:.*(\r?\n|$)/m, '')));
      await api.plans.reloadSettings();
    }
    await vscode.workspace.getConfiguration('connectorPlaybook').update('docsFolder', DOCS_SETTING, vscode.ConfigurationTarget.Workspace);
    docs = await expectedDocsFolder();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('connectorPlaybook').update('docsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    if (originalConfig !== undefined) {
      await vscode.workspace.fs.writeFile(configUri(), encoder.encode(originalConfig));
      await api.plans.reloadSettings();
    }
  });

  it('creates the plan from answers given as the argument, opens it, and its diagnostics appear', async () => {
    const name = `Acme ${stamp}`;
    const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', {
      name,
      system: 'HubSpot',
      auth: 'OAuth',
      pull: 'incremental',
      links: 'contact.email -> staff.email; company.domain',
      cardinality: '1:N',
      scale: '50k contacts',
      firstPhase: 'sync',
    });
    assert.equal(result.status, 'created', JSON.stringify(result));
    const uri = (result as { uri: vscode.Uri }).uri;
    created.push(uri);
    assert.equal(uri.toString(), vscode.Uri.joinPath(docs, `ACME-${stamp}-ROLLOUT-PLAN.md`).toString());

    const text = await readText(uri);
    assert.ok(text, 'the plan was not written');
    const model = parsePlan(text);
    assert.deepEqual(model.frontMatter?.data, { kind: 'connector-rollout-plan', status: 'draft', connector: name, created: localDate() });
    assert.ok(text.includes(`# ${name} Connector Rollout Plan\n`));
    assert.ok(text.includes('- External system: HubSpot\n- Authentication model: OAuth\n- Plan/tier constraints:\n- Data pull mode: incremental\n- Scale expectations: 50k contacts\n'));
    assert.ok(text.includes('- Link 1: contact.email -> staff.email\n- Link 2: company.domain -> {internal entity + key}\n- Link 3: {external field} -> {internal entity + key}\n'));
    assert.equal(text.match(/\| 1:N \|/g)?.length, 3);
    assert.ok(text.includes('- First-phase priority: sync\n'));

    // Opened in an editor, and checked at once.
    const editor = await waitFor('the plan in the active editor', () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.languageId, 'markdown');
    const diagnostics = await waitFor('diagnostics on the new plan', () => {
      const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
      return ours.length > 0 ? ours : undefined;
    });
    const rules = new Set(diagnostics.map(ruleOf));
    assert.ok(!rules.has('missing-section'), [...rules].join(', '));
    assert.deepEqual([...rules].filter((r) => !['placeholder', 'empty-field', 'go-no-go-unchecked'].includes(r)), []);
    const lineOf = (start: string) => editor.document.getText().split(/\r?\n/).findIndex((l) => l.startsWith(start));
    for (const answered of ['- External system:', '- Authentication model:', '- Data pull mode:', '- Link 1:', '- Scale expectations:', '- First-phase priority:']) {
      const line = lineOf(answered);
      assert.ok(line >= 0, answered);
      assert.deepEqual(diagnostics.filter((d) => d.range.start.line === line).map(ruleOf), [], `a diagnostic on ${answered}`);
    }
    const link2 = diagnostics.filter((d) => d.range.start.line === lineOf('- Link 2:'));
    assert.deepEqual(link2.map((d) => editor.document.getText(d.range)), ['{internal entity + key}']);
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'empty-field' && d.range.start.line === lineOf('- Why this connector exists:')));
  });

  it('never overwrites an existing plan: the file stays byte for byte', async () => {
    await vscode.workspace.fs.createDirectory(docs);
    const uri = vscode.Uri.joinPath(docs, `KEEP-${stamp}-ROLLOUT-PLAN.md`);
    const mine = '# My own plan\r\n\r\nwork in progress\r\n';
    await vscode.workspace.fs.writeFile(uri, encoder.encode(mine));
    created.push(uri);
    const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: `keep ${stamp}`, system: 'Slack' });
    assert.equal(result.status, 'exists', JSON.stringify(result));
    assert.equal((result as { uri: vscode.Uri }).uri.toString(), uri.toString());
    assert.equal(await readText(uri), mine);
  });

  it('refuses names that would leave the docs folder, and writes nothing', async () => {
    const before = (await vscode.workspace.fs.readDirectory(docs).then(undefined, () => [])).map(([n]) => n).sort();
    const parent = vscode.Uri.joinPath(docs, '..');
    const parentBefore = (await vscode.workspace.fs.readDirectory(parent).then(undefined, () => [])).map(([n]) => n).sort();
    for (const name of ['../x', '..\\x', '/etc/passwd', '..', '', 'a\0b', 'x'.repeat(300)]) {
      const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name, open: false });
      assert.equal(result.status, 'refused', `${JSON.stringify(name.slice(0, 20))}: ${JSON.stringify(result)}`);
    }
    assert.deepEqual((await vscode.workspace.fs.readDirectory(docs).then(undefined, () => [])).map(([n]) => n).sort(), before);
    assert.deepEqual((await vscode.workspace.fs.readDirectory(parent).then(undefined, () => [])).map(([n]) => n).sort(), parentBefore);
  });

  it('refuses an answers object it does not understand, with a message instead of an exception', async () => {
    const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: 'Typo', sytem: 'HubSpot' });
    assert.equal(result.status, 'refused');
    assert.match((result as { message: string }).message, /sytem|Unrecognized key/);
  });

  it('refuses a docs folder setting that leaves the workspace folder', async () => {
    const config = vscode.workspace.getConfiguration('connectorPlaybook');
    const hasConfigDocs = (await expectedDocsFolder()).toString() !== vscode.Uri.joinPath(folder().uri, DOCS_SETTING).toString();
    await config.update('docsFolder', '../outside', vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: `Outside ${stamp}`, open: false });
      if (hasConfigDocs) {
        // The workspace's .connector-playbook.yaml names the docs folder; the setting does not count.
        assert.equal(result.status, 'created');
        created.push((result as { uri: vscode.Uri }).uri);
      } else {
        assert.equal(result.status, 'refused', JSON.stringify(result));
        assert.match((result as { message: string }).message, /outside the workspace folder/);
        assert.equal(await readText(vscode.Uri.joinPath(folder().uri, '..', 'outside', `OUTSIDE-${stamp}-ROLLOUT-PLAN.md`)), undefined);
      }
    } finally {
      await config.update('docsFolder', DOCS_SETTING, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('refuses a docs folder that is, or lies under, a symbolic link, and writes nothing where it leads', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'cpb-outside-'));
    const links = join(folder().uri.fsPath, 'scaffold-it', `links-${stamp}`);
    mkdirSync(links, { recursive: true });
    symlinkSync(outside, join(links, 'linked'));
    symlinkSync(outside, join(links, 'parent'));
    const config = vscode.workspace.getConfiguration('connectorPlaybook');
    try {
      for (const setting of [`scaffold-it/links-${stamp}/linked`, `scaffold-it/links-${stamp}/parent/docs`]) {
        await config.update('docsFolder', setting, vscode.ConfigurationTarget.Workspace);
        const plan = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: `Linked ${stamp}`, open: false });
        assert.equal(plan.status, 'refused', `${setting}: ${JSON.stringify(plan)}`);
        assert.match((plan as { message: string }).message, /goes through the symbolic link scaffold-it\/links-\w+\/(linked|parent); nothing is written through a link/);
        const playbook = await vscode.commands.executeCommand<Result>('connectorPlaybook.addPlaybook', { open: false });
        assert.equal(playbook.status, 'refused', `${setting}: ${JSON.stringify(playbook)}`);
      }
      assert.deepEqual(readdirSync(outside), []);
    } finally {
      await config.update('docsFolder', DOCS_SETTING, vscode.ConfigurationTarget.Workspace);
      rmSync(links, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never writes through a dangling link at the plan\'s name', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'cpb-outside-'));
    await vscode.workspace.fs.createDirectory(docs);
    const link = join(docs.fsPath, `DANGLING-${stamp}-ROLLOUT-PLAN.md`);
    symlinkSync(join(outside, 'created.md'), link);
    try {
      const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: `dangling ${stamp}`, open: false });
      assert.equal(result.status, 'exists', JSON.stringify(result));
      assert.deepEqual(readdirSync(outside), []);
    } finally {
      rmSync(link, { force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('copies the fast-start prompt of the active plan', async () => {
    const result = await vscode.commands.executeCommand<Result>('connectorPlaybook.newPlan', { name: `Prompt ${stamp}`, system: 'Notion', links: ['page.id -> docs.id'], scale: '10k pages' });
    assert.equal(result.status, 'created');
    created.push((result as { uri: vscode.Uri }).uri);
    await waitFor('the plan to be active', () => (vscode.window.activeTextEditor?.document.uri.toString() === (result as { uri: vscode.Uri }).uri.toString() ? true : undefined));
    const prompt = await vscode.commands.executeCommand<string | undefined>('connectorPlaybook.copyFastStartPrompt');
    assert.ok(prompt, 'no prompt');
    const relative = vscode.workspace.asRelativePath(docs, false);
    assert.ok(prompt.includes(`Create \`${relative}/PROMPT-${stamp}-ROLLOUT-PLAN.md\``), prompt);
    assert.ok(prompt.includes('- External system: Notion\n'));
    assert.ok(prompt.includes('- Linking points: page.id -> docs.id\n'));
    assert.ok(prompt.includes('- Scale expectations: 10k pages\n'));
    assert.ok(prompt.includes('- Business goal: {goal}\n'));
    // The clipboard, or (where the browser refuses it) a new editor holding the prompt.
    const clipboard = await vscode.env.clipboard.readText().then(undefined, () => '');
    const shown = vscode.window.activeTextEditor?.document.getText();
    assert.ok(clipboard === prompt || shown === prompt, 'the prompt reached neither the clipboard nor an editor');
  });

  it('adds the playbook to the docs folder once, and never replaces an edited copy', async () => {
    const uri = vscode.Uri.joinPath(docs, 'CONNECTOR-PLAYBOOK.md');
    const existed = (await readText(uri)) !== undefined;
    const first = await vscode.commands.executeCommand<Result>('connectorPlaybook.addPlaybook', { open: false });
    if (!existed) {
      assert.equal(first.status, 'created', JSON.stringify(first));
      created.push(uri);
      assert.equal(await readText(uri), PLAYBOOK_TEXT);
    } else {
      assert.equal(first.status, 'exists');
    }
    const edited = `${PLAYBOOK_TEXT}\n## 8. Our own notes\n`;
    await vscode.workspace.fs.writeFile(uri, encoder.encode(edited));
    const second = await vscode.commands.executeCommand<Result>('connectorPlaybook.addPlaybook', { open: false });
    assert.equal(second.status, 'exists');
    assert.equal(await readText(uri), edited);
  });
});
