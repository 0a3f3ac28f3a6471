// Editor intelligence in a real extension host, through VS Code's own commands: completion, hover,
// definition, references, rename and links on example plans; completion and hover in
// .connector-playbook.yaml without the YAML extension; the markdown preview's banner and badges.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanStore } from '../../src/plans/planStore';
import { EXTENSION_ID, api, folder, waitFor } from './support';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A file of the extension's own folder (the sample plans and the fixtures). */
async function extensionFile(relative: string): Promise<string> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, ...relative.split('/'))));
}

/** Writes a file into the workspace and opens it in an editor. */
async function openPlan(relative: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder().uri, ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position a probe marks with `‸` in the first line holding it. */
function at(document: vscode.TextDocument, probe: string, nth = 0): vscode.Position {
  const bare = probe.replace('‸', '');
  const lines = document.getText().split(/\r?\n/);
  const holding = lines.flatMap((l, i) => (l.includes(bare) ? [i] : []));
  const line = holding[nth];
  assert.ok(line !== undefined, `no line holds ${bare}`);
  return new vscode.Position(line, lines[line]!.indexOf(bare) + probe.indexOf('‸'));
}

function rangeOf(item: vscode.CompletionItem): vscode.Range {
  const range = item.range;
  assert.ok(range, `${JSON.stringify(item.label)} has a range`);
  return range instanceof vscode.Range ? range : range.replacing;
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completions(document: vscode.TextDocument, position: vscode.Position, only: readonly string[]): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.filter((i) => only.includes(label(i))).sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<{ text: string; range: vscode.Range | undefined }[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.map((h) => ({ text: h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'), range: h.range }));
}

describe('Editor intelligence on plans', function () {
  this.timeout(60_000);
  let plans: PlanStore;
  let hubspot: vscode.TextDocument;
  let waves: vscode.TextDocument;

  before(async () => {
    plans = (await api()).plans;
    await plans.ready();
    hubspot = await openPlan('intelligence-it/src/docs/HUBSPOT-ROLLOUT-PLAN.md', await extensionFile('examples/src/docs/HUBSPOT-ROLLOUT-PLAN.md'));
    waves = await openPlan('intelligence-it/waves/WAVES-ROLLOUT-PLAN.md', await extensionFile('test/fixtures/waves/HUBSPOT-ROLLOUT-PLAN.md'));
    await waitFor('the plans in the store', () => (plans.plan(hubspot) && plans.plan(waves) ? true : undefined));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes a cardinality cell with 1:1 and 1:N over the placeholder', async () => {
    const position = at(hubspot, '| Contact | `hubspot_contact` | contact ID | {entity} | ‸{1:1/1:N} | {DB/app} |');
    const items = await completions(hubspot, position, ['1:1', '1:N']);
    assert.deepEqual(items.map(label), ['1:1', '1:N']);
    for (const item of items) {
      assert.equal(hubspot.getText(rangeOf(item)), '{1:1/1:N}');
      assert.equal(item.kind, vscode.CompletionItemKind.Value);
      assert.equal(item.insertText, label(item));
    }
    const enforcement = await completions(hubspot, at(hubspot, '| Renewal deal | `hubspot_deal` | deal ID | `renewals` | 1:1 | ‸app |'), ['DB partial unique', 'DB unique', 'app']);
    assert.deepEqual(enforcement.map(label), ['DB partial unique', 'DB unique', 'app']);
    assert.equal(enforcement[0]!.preselect, true, 'a 1:1 row suggests the DB');
  });

  it('completes the status, the agents and the waves', async () => {
    const statuses = await completions(hubspot, at(hubspot, 'status: ‸ready-for-review'), ['draft', 'ready-for-review', 'go']);
    assert.deepEqual(statuses.map(label), ['draft', 'ready-for-review', 'go']);
    assert.equal(hubspot.getText(rangeOf(statuses[0]!)), 'ready-for-review');
    const agents = await completions(waves, at(waves, '- Agent: `api-integration`‸'), ['schema-sync', 'analytics', 'api-integration', 'ui-ops']);
    assert.deepEqual(agents.map(label), ['schema-sync', 'analytics', 'ui-ops']);
    assert.equal(agents[0]!.insertText, ' + `schema-sync`');
    assert.equal(agents[0]!.kind, vscode.CompletionItemKind.User);
    const wavesOffered = await completions(waves, at(waves, '- Blocks/unblocks: blocked by Wave 1; unblocks ‸Wave 3'), ['Wave 1', 'Wave 3']);
    assert.deepEqual(wavesOffered.map(label), ['Wave 1', 'Wave 3']);
    assert.equal(waves.getText(rangeOf(wavesOffered[0]!)), 'Wave 3');
  });

  it('completes a missing section at a new heading, inserting the template\'s section', async () => {
    const editor = await vscode.window.showTextDocument(hubspot);
    const g = at(hubspot, '## ‸G) Risks + Mitigations');
    await editor.edit((e) => e.insert(new vscode.Position(g.line, 0), '## \n\n'));
    try {
      const items = await completions(hubspot, new vscode.Position(g.line, 3), ['G) Risks + Mitigations']);
      assert.deepEqual(items.map(label), [], 'G is in the plan: not offered');
      await editor.edit((e) => e.delete(new vscode.Range(g.line + 2, 0, g.line + 8, 0)));
      const offered = await completions(hubspot, new vscode.Position(g.line, 3), ['G) Risks + Mitigations']);
      assert.equal(offered.length, 1);
      assert.equal(offered[0]!.insertText, 'G) Risks + Mitigations\n- Risk 1:\n- Risk 2:\n- Risk 3:');
      assert.equal(offered[0]!.kind, vscode.CompletionItemKind.Snippet);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('hovers a wave reference with its status, progress and blockers', async () => {
    const position = at(waves, '- Blocks/unblocks: unblocks Wa‸ve 2');
    const hovers = await hoverText(waves, position);
    const ours = hovers.find((h) => h.text.startsWith('**Wave 2: API**'));
    assert.ok(ours, JSON.stringify(hovers));
    assert.equal(ours.text, '**Wave 2: API** — blocked\n\n0/2 tasks done · agents: `api-integration`\n\nBlocked by:\n- **Wave 1: Foundations** (3/5 done), by Blocks/unblocks\n\nUnblocks: **Wave 3: Admin UX**');
    assert.equal(waves.getText(ours.range), 'Wave 2');
    const section = (await hoverText(hubspot, at(hubspot, '## D) Mapping‸ Rules'))).find((h) => h.text.includes('template section D'));
    assert.match(section!.text, /In this plan: 1 of 2 fields filled · 4 mapping rows · 3 placeholders left/);
    const field = (await hoverText(hubspot, at(hubspot, '- Authentication‸ model:'))).find((h) => h.text.startsWith('**Authentication model**'));
    assert.match(field!.text, /Auth model: \{bot token \/ OAuth \/ API key \/ service account\}[^]*Still empty\.$/);
  });

  it('goes to a wave\'s definition and finds its references', async () => {
    const position = at(waves, '- Blocks/unblocks: blocked by Wave 1; unblocks Wave ‸3');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', waves.uri, position);
    assert.equal(definitions.length, 1);
    const target = definitions[0]!;
    const targetRange = 'targetRange' in target ? target.targetRange : target.range;
    assert.equal(('targetUri' in target ? target.targetUri : target.uri).toString(), waves.uri.toString());
    assert.equal(waves.lineAt(targetRange.start.line).text, '### Wave 3: Admin UX');
    assert.equal(waves.getText(targetRange), 'Wave 3');
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', waves.uri, at(waves, '- Blocks/unblocks: unblocks Wave ‸2'));
    assert.deepEqual(
      references.map((r) => `${r.range.start.line + 1}:${r.range.start.character} ${waves.getText(r.range)}`).sort(),
      ['45:28 Wave 2', '47:4 Wave 2', '59:30 Wave 2'],
    );
  });

  it('renames a wave and an agent across the plan in one edit, and refuses a wave name already taken', async () => {
    const position = at(waves, '- Blocks/unblocks: blocked by Wave ‸2');
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', waves.uri, position);
    assert.equal(prepared.placeholder, 'Wave 2');
    assert.equal(waves.getText(prepared.range), 'Wave 2');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', waves.uri, position, 'Wave 5');
    assert.equal(edit.entries().length, 1);
    assert.equal(edit.entries()[0]![1].length, 3);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const lines = waves.getText().split('\n');
      assert.deepEqual([lines[44], lines[46], lines[58]], ['- Blocks/unblocks: unblocks Wave 5', '### Wave 5: API', '- Blocks/unblocks: blocked by Wave 5']);
      const agent = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', waves.uri, at(waves, '- Agents: `schema-‸sync`'), 'db-core');
      assert.ok(await vscode.workspace.applyEdit(agent));
      assert.equal(waves.lineAt(at(waves, '‸- Agents:').line).text, '- Agents: `db-core` + `analytics`');
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', waves.uri, at(waves, '- Blocks/unblocks: blocked by Wave ‸1'), 'Wave 3')),
        /A wave named "Wave 3" already exists in this plan\./,
      );
    } finally {
      await vscode.window.showTextDocument(waves);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(waves.lineAt(46).text, '### Wave 2: API');
  });

  it('links wave references to their wave\'s line', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', waves.uri);
    const ours = links.filter((l) => l.target?.fragment.startsWith('L'));
    assert.deepEqual(
      ours.map((l) => `${l.range.start.line + 1} ${waves.getText(l.range)} → ${l.target!.fragment}`),
      ['45 Wave 2 → L47', '52 Wave 1 → L37', '52 Wave 3 → L54', '59 Wave 2 → L47'],
    );
    assert.equal(ours[0]!.target!.path, waves.uri.path);
  });

  it('completes and hovers .connector-playbook.yaml without the YAML extension', async () => {
    assert.equal(vscode.extensions.getExtension('redhat.vscode-yaml'), undefined);
    const config = await openPlan('intelligence-it/config/.connector-playbook.yaml', 'docsFolder: src/docs\nrules:\n  placeholder: error\n  \n');
    const ids = await completions(config, new vscode.Position(3, 2), ['empty-field', 'placeholder', 'wave-cycle']);
    assert.deepEqual(ids.map(label), ['empty-field', 'wave-cycle']);
    assert.equal(ids[0]!.insertText, 'empty-field: ');
    const keys = await completions(config, new vscode.Position(4, 0), ['docsFolder', 'planGlob', 'agents']);
    assert.deepEqual(keys.map(label), ['planGlob', 'agents']);
    const hovers = await hoverText(config, new vscode.Position(0, 3));
    assert.ok(hovers.some((h) => h.text.startsWith('**docsFolder** — `.connector-playbook.yaml`')), JSON.stringify(hovers));
  });

  it('parses nothing and offers nothing of its own in a markdown file that is not a plan', async () => {
    const notes = await openPlan('intelligence-it/NOTES.md', '# Notes\n\n## D) Mapping Rules + Cardinality\n| Cardinality |\n|---|\n| 1:1 |\n\n### Wave 1\n- Agent: \n- Blocks/unblocks: unblocks Wave 1\n');
    const before = plans.parseCount;
    const items = await completions(notes, new vscode.Position(5, 3), ['1:1', '1:N']);
    const agents = await completions(notes, new vscode.Position(8, 9), ['schema-sync']);
    const hovers = await hoverText(notes, new vscode.Position(9, 30));
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', notes.uri);
    const definitions = await vscode.commands.executeCommand<unknown[]>('vscode.executeDefinitionProvider', notes.uri, new vscode.Position(9, 30));
    assert.deepEqual({ items: items.length, agents: agents.length, hovers: hovers.filter((h) => h.text.includes('Wave 1')).length, links: links.filter((l) => l.target?.fragment.startsWith('L')).length, definitions: definitions.length }, { items: 0, agents: 0, hovers: 0, links: 0, definitions: 0 });
    assert.equal(plans.parseCount, before);
  });

  it('shows a banner and wave badges in the markdown preview\'s rendering', async () => {
    // The plugin's code loads when the preview first asks for it: render until it is there.
    let html = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      html = await vscode.commands.executeCommand<string>('markdown.api.render', waves);
      if (html.includes('connector-playbook-banner')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(html, /<div class="connector-playbook-banner" role="note" aria-label="Rollout plan status"><span class="connector-playbook-status connector-playbook-status-ready-for-review" title="Plan status">ready-for-review<\/span><span class="connector-playbook-figure">Go\/No-Go <strong>2\/5<\/strong><\/span><span class="connector-playbook-figure">Tasks <strong>3\/9<\/strong><\/span>/);
    assert.match(html, /Wave 1: Foundations <span class="connector-playbook-badge connector-playbook-wave-in-progress" title="in progress: 3 of 5 tasks done">3\/5<\/span><\/h3>/);
    assert.match(html, /Wave 2: API <span class="connector-playbook-badge connector-playbook-wave-blocked" title="blocked: waits for Wave 1: Foundations">0\/2 · blocked<\/span><\/h3>/);
    // A markdown file that is not a plan renders as before.
    const notes = await openPlan('intelligence-it/notes.md', '# Notes\n\n### Wave 1\n');
    const plain = await vscode.commands.executeCommand<string>('markdown.api.render', notes);
    assert.doesNotMatch(plain, /connector-playbook/);
  });
});
