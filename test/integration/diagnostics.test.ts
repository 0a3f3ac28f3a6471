// Diagnostics, quick fixes and settings in a real extension host, against the CLI's own output.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, folder, ruleOf, waitFor } from './support';

const SOURCE = 'connector-playbook';
const encoder = new TextEncoder();

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Waits until our diagnostics for a file satisfy a predicate (they are debounced). */
async function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = ours(uri);
    if (predicate(current)) return current;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; have ${current.length}: ${current.map((d) => ruleOf(d)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once a file's diagnostics have not changed for `quietMs` (at most 15 s). */
function quietDiagnostics(uri: vscode.Uri, quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const deadline = setTimeout(done, 15_000);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    function done(): void {
      clearTimeout(timer);
      clearTimeout(deadline);
      listener.dispose();
      resolve();
    }
  });
}

async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder().uri, relative);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information } as const;

interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function runCli(args: string[]): CliFinding[] {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const result = spawnSync(process.execPath, [path.join(extensionPath, 'dist', 'cli.js'), ...args], {
    cwd: folder().uri.fsPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  // Exit 1 only says that some finding is an error; 2 would be a usage error.
  assert.ok(result.status === 0 || result.status === 1, `CLI exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as CliFinding[];
}

const key = (rule: string, severity: number, sl: number, sc: number, el: number, ec: number) => `${rule} ${severity} ${sl}:${sc}-${el}:${ec}`;

const PLAN_WITH_FIXES = `---
kind: connector-rollout-plan
status: ready-for-review
---
# Acme Connector Rollout Plan

## A) Business Goal
- Why this connector exists: sales wants Acme deals next to our invoices
- Decisions/metrics this should unlock: win rate per partner
- Success in the next 2-4 weeks: 95% of deals linked

## B) Source Model
- External system: Acme CRM
- Authentication model: OAuth
- Plan/tier constraints: 100 requests per minute
- Data pull mode: incremental

## C) Linking Points (Identity Graph)
- Link 1: deal.owner_email -> staff.email
- Link 2: {external field} -> partners.id
- Link 3: account.domain -> {external field}

## D) Mapping Rules + Cardinality
| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |
|---|---|---|---|---|---|
| Primary | acme | deal.owner | staff | 1-n | DB partial unique |
| Secondary | acme | account.id | partners | 1:1 | DB unique |

- onConflict strategy: keep the newest
- Required metadata per mapping: synced_at

## E) Delivery Phases
### Phase 1: Connection + Mapping
- Scope: client and mapping
- Deliverables: endpoints
- Validation tests: smoke tests

## F) Agent-Team Plan
### Wave 1
- Agent: \`schema-sync\`
- Tasks:
  - [x] migrations
- Blocks/unblocks: unblocks Wave 2

### Wave 2
- Agent: \`api-integration\`
- Tasks:
  - [ ] mapping endpoints
- Blocks/unblocks: blocked by Wave 1

## H) Manual Setup Handoff (Owner Actions)
- External app creation: done by ops
- Required permissions/scopes: deals.read
- Secrets/env vars (\`.env.local\` + deployment): ACME_TOKEN
- Migration files to apply: 0042_acme.sql
- First smoke-test sequence: connect, map, sync

## I) Operational Go/No-Go
- [ ] Auth and connection test pass
- [x] Mappings validated (manual + auto-match)

## J) Open Questions and Assumptions
- Q1: do we sync archived deals?
- Assumptions made: one Acme account per partner
`;

describe('diagnostics', function () {
  this.timeout(120_000);

  before(async () => {
    await api();
  });

  it('equal the CLI\'s findings (rule, range, severity) on every example plan', async () => {
    const plans = await vscode.workspace.findFiles('**/*-ROLLOUT-PLAN.md', '**/node_modules/**');
    const examples = plans.filter((u) => !path.basename(u.path).startsWith('it-'));
    assert.ok(examples.length >= 3, `expected the example plans in the workspace, found ${examples.length}`);
    for (const uri of examples) {
      const cli = runCli(['lint', '--format', 'json', uri.fsPath]);
      const expected = cli.map((f) => key(f.rule, SEVERITY[f.severity], f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1)).sort();
      await vscode.workspace.openTextDocument(uri);
      const diagnostics = await waitForDiagnostics(uri, (d) => d.length === expected.length, `${expected.length} diagnostics on ${path.basename(uri.path)}`);
      const actual = diagnostics.map((d) => key(ruleOf(d), d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)).sort();
      assert.deepEqual(actual, expected, path.basename(uri.path));
      assert.ok(diagnostics.every((d) => typeof d.code === 'object' && d.code.target.toString().includes('rules.md#')), 'codes link to the rule docs');
    }
  });

  it('finds plans by front matter and leaves other markdown alone', async () => {
    const plan = await writeFile('notes/acme-kickoff.md', PLAN_WITH_FIXES);
    const other = await writeFile('notes/README.md', '# Notes\n\n- Owner:\n- {not a plan}\n');
    await vscode.workspace.openTextDocument(plan);
    await vscode.workspace.openTextDocument(other);
    const diagnostics = await waitForDiagnostics(plan, (d) => d.length > 0, 'diagnostics on a front-matter plan');
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'missing-section' && d.message.includes('G)')));
    // status: ready-for-review makes unchecked go/no-go items warnings.
    const goNoGo = diagnostics.filter((d) => ruleOf(d) === 'go-no-go-unchecked');
    assert.equal(goNoGo.length, 1);
    assert.equal(goNoGo[0]!.severity, vscode.DiagnosticSeverity.Warning);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual(ours(other), []);
  });

  it('parses nothing while a markdown file with front matter that is not a plan is typed in', async () => {
    const { plans } = await api();
    const uri = await writeFile('notes/blog-post.md', '---\ntitle: Launch notes\ntags: [sync, hubspot]\n---\n# Launch notes\n\n- Owner: ana\n- {draft}\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = plans.parseCount;
    for (const character of 'more words') {
      assert.ok(await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, character)));
    }
    // Past the debounce: every view has followed the store's change event by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(plans.parseCount, before, 'parses while typing in a markdown file that is not a plan');
    assert.deepEqual(ours(uri), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('quick fixes', () => {
    let uri: vscode.Uri;
    let editor: vscode.TextEditor;

    beforeEach(async () => {
      uri = await writeFile('src/docs/it-ACME-ROLLOUT-PLAN.md', PLAN_WITH_FIXES);
      const document = await vscode.workspace.openTextDocument(uri);
      // Another test may have left this document edited; start from the file on disk.
      if (document.isDirty || document.getText() !== PLAN_WITH_FIXES) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      editor = await vscode.window.showTextDocument(document);
      await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'missing-section'), 'diagnostics on the fixture');
    });

    async function applyFix(rule: string, titlePrefix: string): Promise<string> {
      const diagnostic = ours(uri).find((d) => ruleOf(d) === rule);
      assert.ok(diagnostic, `no ${rule} diagnostic`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => a.title.startsWith(titlePrefix));
      assert.ok(action, `no "${titlePrefix}" among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(action.isPreferred, true);
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
      else await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []), 'ACME_FIELD');
      return editor.document.getText();
    }

    async function undoRestores(): Promise<void> {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), PLAN_WITH_FIXES, 'undo restores the plan');
    }

    it('checks a go/no-go item', async () => {
      const after = await applyFix('go-no-go-unchecked', 'Check this go/no-go item');
      assert.equal(after, PLAN_WITH_FIXES.replace('- [ ] Auth and connection test pass', '- [x] Auth and connection test pass'));
      await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === 'go-no-go-unchecked'), 'the go/no-go finding to go');
      await undoRestores();
    });

    it('inserts a missing section from the template at the right place', async () => {
      const after = await applyFix('missing-section', 'Insert section G) Risks + Mitigations');
      assert.equal(after, PLAN_WITH_FIXES.replace('## H) Manual Setup', '## G) Risks + Mitigations\n- Risk 1:\n- Risk 2:\n- Risk 3:\n\n## H) Manual Setup'));
      await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === 'missing-section'), 'the missing-section finding to go');
      await undoRestores();
    });

    it('normalises a cardinality', async () => {
      const after = await applyFix('mapping-cardinality', 'Normalise cardinality to 1:N');
      assert.equal(after, PLAN_WITH_FIXES.replace('| staff | 1-n |', '| staff | 1:N |'));
      await undoRestores();
    });

    it('fills every occurrence of a placeholder in one edit', async () => {
      const after = await applyFix('placeholder', 'Fill {external field} (2 places)');
      assert.equal(after, PLAN_WITH_FIXES.replace('- Link 2: {external field}', '- Link 2: ACME_FIELD').replace('-> {external field}', '-> ACME_FIELD'));
      await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === 'placeholder'), 'the placeholder findings to go');
      // One edit, one undo step.
      await undoRestores();
    });

    it('offers only our fixes for our diagnostics and respects context.only', async () => {
      const diagnostic = ours(uri).find((d) => ruleOf(d) === 'mapping-cardinality')!;
      const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.RefactorRewrite.value);
      assert.ok(refactors.every((a) => !a.kind || vscode.CodeActionKind.RefactorRewrite.contains(a.kind)));
    });
  });

  it('follows the rule severity settings, including off', async () => {
    const uri = await writeFile('src/docs/it-SETTINGS-ROLLOUT-PLAN.md', PLAN_WITH_FIXES);
    await vscode.workspace.openTextDocument(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'placeholder'), 'placeholder diagnostics');
    const config = vscode.workspace.getConfiguration('connectorPlaybook');
    try {
      await config.update('rules', { placeholder: 'off', 'missing-section': 'info' }, vscode.ConfigurationTarget.Workspace);
      const after = await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === 'placeholder'), 'placeholder findings to be turned off');
      assert.ok(after.filter((d) => ruleOf(d) === 'missing-section').every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'placeholder'), 'placeholder findings back');
  });

  it('checks only on save when connectorPlaybook.run is onSave', async () => {
    const uri = await writeFile('src/docs/it-ONSAVE-ROLLOUT-PLAN.md', PLAN_WITH_FIXES);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const before = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'placeholder'), 'placeholder diagnostics');
    const config = vscode.workspace.getConfiguration('connectorPlaybook');
    // code-server saves after a second by default, which would save the edit below for us.
    const files = vscode.workspace.getConfiguration('files');
    try {
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
      await config.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
      // The extension host learns of the new setting a moment after the update resolves.
      await waitFor('the settings to reach the extension host', () =>
        vscode.workspace.getConfiguration('connectorPlaybook', uri).get('run') === 'onSave' &&
        vscode.workspace.getConfiguration('files', uri).get('autoSave') === 'off' ? true : undefined);
      // A settings change re-checks open plans (the workspace settings file may report it twice):
      // wait until this plan's diagnostics have been quiet for a while before typing.
      await quietDiagnostics(uri, 1_500);
      const line = document.getText().split('\n').findIndex((l) => l.startsWith('- Link 2:'));
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 0, line, document.lineAt(line).text.length), '- Link 2: partner.id -> partners.id')));
      // Well past the debounce, the diagnostics are still those of the saved text.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(ours(uri).filter((d) => ruleOf(d) === 'placeholder').length, before.filter((d) => ruleOf(d) === 'placeholder').length);
      await document.save();
      await waitForDiagnostics(uri, (d) => d.filter((x) => ruleOf(x) === 'placeholder').length === before.filter((x) => ruleOf(x) === 'placeholder').length - 1, 'one placeholder fewer after saving');
    } finally {
      await config.update('run', undefined, vscode.ConfigurationTarget.Workspace);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reports a broken .connector-playbook.yaml on that file, without crashing', async () => {
    const configUri = vscode.Uri.joinPath(folder().uri, '.connector-playbook.yaml');
    let original: Uint8Array | undefined;
    try {
      original = await vscode.workspace.fs.readFile(configUri);
    } catch {
      original = undefined;
    }
    try {
      await vscode.workspace.fs.writeFile(configUri, encoder.encode('rules:\n  placeholder: loud\nunknownKey: 1\n'));
      const diagnostics = await waitForDiagnostics(configUri, (d) => d.length >= 2, 'config diagnostics');
      assert.ok(diagnostics.every((d) => ruleOf(d) === 'config'));
      assert.ok(diagnostics.some((d) => d.range.start.line === 1), 'the bad severity is located on line 2');
      assert.ok(diagnostics.some((d) => d.range.start.line === 2), 'the unknown key is located on line 3');
    } finally {
      if (original) await vscode.workspace.fs.writeFile(configUri, original);
      else await vscode.workspace.fs.delete(configUri);
    }
    await waitForDiagnostics(configUri, (d) => d.length === 0 || d.every((x) => x.severity !== vscode.DiagnosticSeverity.Error), 'config diagnostics to clear');
  });

  it('reports the time from a keystroke to its findings in a 10,000-line plan, and shows the last version\'s diagnostics', async function () {
    const { plans } = await api();
    const section = PLAN_WITH_FIXES.split('## F) Agent-Team Plan')[1]!.split('## H)')[0]!;
    const waves: string[] = [];
    let text = PLAN_WITH_FIXES.split('## F) Agent-Team Plan')[0]! + '## F) Agent-Team Plan\n';
    for (let n = 0; text.split('\n').length + waves.join('').split('\n').length < 10_000; n++) waves.push(section.replace(/Wave (\d)/g, (_m, d: string) => `Wave ${Number(d) + 2 * n}`));
    text += waves.join('') + '## H)' + PLAN_WITH_FIXES.split('## H)')[1];
    const uri = await writeFile('src/docs/it-LARGE-ROLLOUT-PLAN.md', text);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.ok(document.lineCount >= 10_000, `${document.lineCount} lines`);
    void plans.plan(document)?.findings;
    // A word typed mid-plan, one character at a time, at the end of a task's line.
    const line = document.lineAt(Math.floor(document.lineCount / 2)).text.includes('[') ? Math.floor(document.lineCount / 2) : [...Array(50).keys()].map((k) => Math.floor(document.lineCount / 2) + k).find((l) => document.lineAt(l).text.includes('- ['))!;
    const totals: number[] = [];
    const parses: number[] = [];
    const lints: number[] = [];
    for (const character of 'and the watermark is kept per page size'.slice(0, 40)) {
      const end = document.lineAt(line).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, character)));
      const start = performance.now();
      const plan = plans.plan(document)!;
      void plan.findings;
      totals.push(performance.now() - start);
      parses.push(plan.timings.parse);
      lints.push(plan.timings.lint ?? NaN);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    // The spec reporter prints the title when the test ends: the measurement lands in the test log.
    this.test!.title += ` — measured: median ${median(totals).toFixed(1)} ms (parse ${median(parses).toFixed(1)}, lint ${median(lints).toFixed(1)}), max ${Math.max(...totals).toFixed(1)} ms per keystroke on ${document.lineCount} lines (${(document.getText().length / 1024).toFixed(0)} KB), ${totals.length} keystrokes`;
    // The last keystroke's diagnostics arrive after the debounce, for the final version.
    const finalVersion = document.version;
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics on the large plan');
    assert.equal(document.version, finalVersion);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
