// The mapping-matrix form in a real extension host: the provider's message handler (the session a
// panel gets) driven with the webview's own messages, against real documents, real WorkspaceEdits,
// real undo; and the real custom editor opened and closed through VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectorPlaybookApi } from '../../src/extension';
import { MappingEditorSession } from '../../src/mappingEditor/mappingEditorSession';
import type { WebviewPort } from '../../src/mappingEditor/mappingEditorSession';
import type { ExtensionMessage, FormChange } from '../../src/protocol/mappingMessages';
import { EditQueue } from '../../webview/editQueue';
import { api, folder } from './support';

const VIEW_TYPE = 'connectorPlaybook.mappingMatrix';
const encoder = new TextEncoder();

const PLAN = `---
kind: connector-rollout-plan
status: draft
---
# Acme Connector Rollout Plan

## A) Business Goal
- Why this connector exists: deals | invoices

## D) Mapping Rules + Cardinality
| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |
|:---|---|---|---|:---:|---|
| Primary | \`acme \\| crm\` | deal.owner | staff | 1:1 | app |
| Secondary | acme | account.id | partners | 1:N | DB unique |
A paragraph right after the table.

- onConflict strategy: keep the newest
- Required metadata per mapping: synced_at

## E) Delivery Phases
- Scope: 数据 😀 e\u0301
`;

const NO_SECTION_D = `# Beta Connector Rollout Plan

## C) Linking Points (Identity Graph)
- Link 1: a -> b

## E) Delivery Phases
- Scope: x
`;

let counter = 0;
/** A fresh plan file per test, so tests never share a document or its undo stack. */
async function freshPlan(content: string | Uint8Array, name = 'MAPPING', encoding?: string): Promise<vscode.TextDocument> {
  counter++;
  const uri = vscode.Uri.joinPath(folder().uri, 'it-mapping', `${name}${counter}-${Date.now()}-ROLLOUT-PLAN.md`);
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? encoder.encode(content) : content);
  return vscode.workspace.openTextDocument(uri, encoding ? { encoding } : undefined);
}

/** PLAN's bytes with a Latin-1 é (not UTF-8) in section A, outside the table. */
function planWithLatin1Byte(): Uint8Array {
  const [before, after] = PLAN.split('deals | invoices');
  return new Uint8Array([...encoder.encode(`${before}deals | invoices, caf`), 0xe9, ...encoder.encode(after!)]);
}

/** Stands in for the webview's side of `postMessage`: what the form would send and receive. */
class FormPort implements WebviewPort {
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.emitter.event;
  readonly received: ExtensionMessage[] = [];
  private waiters: { predicate: (m: ExtensionMessage) => boolean; resolve: (m: ExtensionMessage) => void }[] = [];

  postMessage(message: unknown): Thenable<boolean> {
    const m = message as ExtensionMessage;
    this.received.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(m)) return true;
      w.resolve(m);
      return false;
    });
    return Promise.resolve(true);
  }

  /** Sends a message as the webview would. */
  send(message: unknown): void {
    this.emitter.fire(message);
  }

  /** The next message (from now on) that matches. */
  next<T extends ExtensionMessage>(predicate: (m: ExtensionMessage) => m is T, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received.slice(-3)).slice(0, 600)}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m as T)) });
    });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

const isState = (m: ExtensionMessage): m is Extract<ExtensionMessage, { type: 'state' }> => m.type === 'state';
const isResult = (id: number) => (m: ExtensionMessage): m is Extract<ExtensionMessage, { type: 'editResult' }> => m.type === 'editResult' && m.id === id;
const isNotice = (m: ExtensionMessage): m is Extract<ExtensionMessage, { type: 'notice' }> => m.type === 'notice';

describe('mapping matrix form', function () {
  this.timeout(120_000);
  let plans: ConnectorPlaybookApi['plans'];
  const cleanup: vscode.Disposable[] = [];

  before(async () => {
    plans = (await api()).plans;
  });

  afterEach(async () => {
    cleanup.splice(0).forEach((d) => d.dispose());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function open(content: string | Uint8Array, encoding?: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor; port: FormPort; session: MappingEditorSession; version: number }> {
    const document = await freshPlan(content, 'MAPPING', encoding);
    const editor = await vscode.window.showTextDocument(document);
    const port = new FormPort();
    const session = new MappingEditorSession(document, port, plans);
    cleanup.push(session, port);
    const ready = port.next(isState, 'the state after ready');
    port.send({ type: 'ready' });
    const state = await ready;
    assert.equal(state.reason, 'sync');
    assert.equal(state.version, document.version);
    return { document, editor, port, session, version: state.version };
  }

  let nextId = 1;
  async function edit(port: FormPort, version: number, change: unknown): Promise<Extract<ExtensionMessage, { type: 'editResult' }>> {
    const id = nextId++;
    const result = port.next(isResult(id), `the result of edit ${id}`);
    port.send({ type: 'edit', id, version, change });
    return result;
  }

  it('answers ready with the matrix, its fields and the linter\'s findings placed on cells', async () => {
    const { port } = await open(PLAN.replace('| 1:N | DB unique |', '| one to many | DB unique |'));
    const state = port.received.find(isState)!.state;
    assert.equal(state.data.status, 'ready');
    assert.deepEqual(state.data.columns.map((c) => c.key), ['purpose', 'source', 'externalId', 'internalEntity', 'cardinality', 'enforcedIn']);
    assert.deepEqual(state.data.rows[0]!.cells, ['Primary', '`acme | crm`', 'deal.owner', 'staff', '1:1', 'app']);
    assert.equal(state.data.fields.onConflict.value, 'keep the newest');
    const rule = (r: string) => state.findings.filter((f) => f.rule === r);
    // One rule engine: the same findings as the diagnostics, placed on the cells they concern.
    assert.deepEqual(rule('mapping-rule-of-thumb').map((f) => f.target), [{ kind: 'cell', row: 0, column: 5 }]);
    assert.deepEqual(rule('mapping-cardinality').map((f) => f.target), [{ kind: 'cell', row: 1, column: 4 }]);
  });

  it('turns a cell edit from the form into an edit of that row only, and undo restores the plan', async () => {
    const { document, port, version } = await open(PLAN);
    const before = document.getText();
    const edited = port.next((m): m is Extract<ExtensionMessage, { type: 'state' }> => isState(m) && m.reason === 'edit', 'the state after the edit');
    const result = await edit(port, version, { kind: 'setCell', row: 1, column: 2, value: 'account.uuid | v2' });
    assert.equal(result.ok, true, result.message);
    assert.equal(result.version, document.version);
    const after = document.getText();
    assert.equal(after, before.replace('| acme | account.id | partners |', '| acme | account.uuid \\| v2 | partners |'));
    const state = await edited;
    assert.equal(state.version, document.version);
    assert.equal(state.state.data.rows[1]!.cells[2], 'account.uuid | v2');
    assert.equal(document.isDirty, true);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'undo restores the plan');
  });

  it('makes one undo step per form edit (cardinality, add, move, delete, field)', async () => {
    const { document, port } = await open(PLAN);
    const texts = [document.getText()];
    const changes: FormChange[] = [
      { kind: 'setCell', row: 1, column: 4, value: '1:1' },
      { kind: 'addRow', index: 2, values: ['Tertiary', 'acme', 'user.id', 'users', '1:N', 'app'] },
      { kind: 'moveRow', row: 2, to: 0 },
      { kind: 'deleteRow', row: 1 },
      { kind: 'setField', field: 'requiredMetadata', value: 'synced_at, matched_by' },
    ];
    for (const change of changes) {
      const result = await edit(port, document.version, change);
      assert.equal(result.ok, true, `${change.kind}: ${result.message}`);
      texts.push(document.getText());
    }
    const final = texts[texts.length - 1]!;
    assert.ok(final.includes('| Tertiary | acme | user.id | users | 1:N | app |\n| Secondary | acme | account.id | partners | 1:1 | DB unique |\nA paragraph right after the table.'), final);
    assert.ok(final.includes('- Required metadata per mapping: synced_at, matched_by'));
    assert.ok(!final.includes('| Primary |'));
    await vscode.window.showTextDocument(document);
    for (let k = texts.length - 2; k >= 0; k--) {
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), texts[k], `undo step back to state ${k}`);
    }
  });

  it('refreshes the form when the plan is edited elsewhere', async () => {
    const { document, port } = await open(PLAN);
    const refreshed = port.next((m): m is Extract<ExtensionMessage, { type: 'state' }> => isState(m) && m.reason === 'external', 'the external refresh');
    const external = new vscode.WorkspaceEdit();
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('| Secondary'));
    external.replace(document.uri, new vscode.Range(line, 2, line, 11), 'Backup');
    assert.ok(await vscode.workspace.applyEdit(external));
    const state = await refreshed;
    assert.equal(state.version, document.version);
    assert.equal(state.state.data.rows[1]!.cells[0], 'Backup');
  });

  it('refuses an edit made against an older version, refreshes the form and tells the user', async () => {
    const { document, port, version } = await open(PLAN);
    const external = new vscode.WorkspaceEdit();
    external.insert(document.uri, new vscode.Position(5, 0), 'Intro line.\n');
    assert.ok(await vscode.workspace.applyEdit(external));
    const text = document.getText();
    const refreshed = port.next((m): m is Extract<ExtensionMessage, { type: 'state' }> => isState(m) && m.reason === 'refused', 'the refresh after the refusal');
    const result = await edit(port, version, { kind: 'setCell', row: 0, column: 0, value: 'Changed' });
    assert.equal(result.ok, false);
    assert.equal(result.stale, true);
    assert.match(result.message ?? '', /changed in the meantime/);
    assert.equal((await refreshed).version, document.version);
    assert.equal(document.getText(), text, 'nothing applied');
  });

  it('answers malformed messages with a message, never an exception, and leaves the plan alone', async () => {
    const { document, port, version } = await open(PLAN);
    const text = document.getText();
    const unknownType = port.next(isNotice, 'the notice for an unknown type');
    port.send({ type: 'format-disk' });
    assert.match((await unknownType).message, /ignored.*unknown type/);
    const notObject = port.next(isNotice, 'the notice for a non-object');
    port.send('ready');
    assert.match((await notObject).message, /ignored/);
    const outOfRange = await edit(port, version, { kind: 'setCell', row: 99, column: 0, value: 'x' });
    assert.equal(outOfRange.ok, false);
    assert.match(outOfRange.message ?? '', /no mapping row 100/);
    const badColumn = await edit(port, version, { kind: 'setCell', row: 0, column: -1, value: 'x' });
    assert.equal(badColumn.ok, false);
    const lineBreak = await edit(port, version, { kind: 'setCell', row: 0, column: 0, value: 'two\nlines' });
    assert.equal(lineBreak.ok, false);
    assert.match(lineBreak.message ?? '', /line break/);
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const started = Date.now();
    const tooBig = port.next(isNotice, 'the notice for a 10 MB payload');
    port.send({ type: 'edit', id: nextId++, version, change: { kind: 'setCell', row: 0, column: 0, value: huge } });
    assert.match((await tooBig).message, /larger than/);
    const manyNodes = port.next(isNotice, 'the notice for a payload of many small values');
    port.send({ type: 'edit', id: nextId++, version, change: { kind: 'addRow', index: 0, values: Array.from({ length: 2_000_000 }, () => 'a') } });
    assert.match((await manyNodes).message, /larger than/);
    assert.ok(Date.now() - started < 2000, `rejecting the large payloads took ${Date.now() - started} ms`);
    assert.equal(document.getText(), text);
    assert.equal(document.isDirty, false);
  });

  it('applies a burst of edits queued by the form one after another, with no refusal and no loop', async () => {
    const { document, port, version } = await open(PLAN);
    const results: Extract<ExtensionMessage, { type: 'editResult' }>[] = [];
    const queue = new EditQueue((request) => port.send(request), version);
    port.postMessage = ((original) => (message: unknown) => {
      const m = message as ExtensionMessage;
      if (m.type === 'editResult') {
        results.push(m);
        queue.settle(m);
      }
      if (m.type === 'state') queue.accept(m.version);
      return original.call(port, message);
    })(port.postMessage);
    queue.accept(version);
    const count = 25;
    for (let k = 0; k < count; k++) queue.push({ kind: 'setCell', row: k % 2, column: 3, value: `entity_${k}` });
    queue.push({ kind: 'addRow', index: 2, values: ['Burst', 'acme', 'x', 'y', '1:N', 'app'] });
    queue.push({ kind: 'moveRow', row: 2, to: 0 });
    const deadline = Date.now() + 30_000;
    while (!queue.idle && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(queue.idle, 'the queue drained');
    assert.equal(results.length, count + 2);
    assert.deepEqual(results.filter((r) => !r.ok), [], 'no edit refused');
    const text = document.getText();
    assert.ok(text.includes('| Burst | acme | x | y | 1:N | app |\n| Primary |'), text);
    assert.ok(text.includes(`| Primary | \`acme \\| crm\` | deal.owner | entity_${count - 1} | 1:1 | app |`), text);
    assert.ok(text.includes(`| Secondary | acme | account.id | entity_${count - 2} | 1:N | DB unique |`), text);
    // The echo of the form's own edits is not sent back as an external change.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(port.received.filter((m) => isState(m) && m.reason === 'external').length, 0);
  });

  it('refuses the second of two edits sent against the same version (a naive client), applying the first', async () => {
    const { document, port, version } = await open(PLAN);
    const first = edit(port, version, { kind: 'setCell', row: 0, column: 0, value: 'One' });
    const second = edit(port, version, { kind: 'setCell', row: 1, column: 0, value: 'Two' });
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.ok, true);
    assert.equal(b.ok, false);
    assert.equal(b.stale, true);
    assert.ok(document.getText().includes('| One |') && !document.getText().includes('| Two |'));
  });

  it('keeps CRLF line breaks and the rest of the file byte for byte', async () => {
    const crlf = PLAN.replace(/\n/g, '\r\n');
    const { document, port } = await open(crlf);
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    const added = await edit(port, document.version, { kind: 'addRow', index: 2, values: ['Third', 'acme', 'id', 'users', '1:N', 'app'] });
    assert.equal(added.ok, true, added.message);
    assert.equal(document.getText(), crlf.replace('A paragraph right after', '| Third | acme | id | users | 1:N | app |\r\nA paragraph right after'));
  });

  it('refuses form edits on a plan holding bytes that are not UTF-8, so a save cannot rewrite them', async () => {
    const { document, port, version } = await open(planWithLatin1Byte());
    const text = document.getText();
    assert.ok(text.includes('caf\uFFFD'), 'VS Code shows the byte as U+FFFD');
    const result = await edit(port, version, { kind: 'setCell', row: 1, column: 0, value: 'Backup' });
    assert.equal(result.ok, false);
    assert.equal(result.message, 'Line 8 of the plan holds bytes that are not valid UTF-8 (shown as \uFFFD); saving after a form edit would replace them. Fix them, or reopen the file with its encoding (Reopen with Encoding), then edit the table.');
    assert.equal(document.getText(), text);
    assert.equal(document.isDirty, false);
  });

  it('edits a plan opened in the encoding its bytes are in, and saving changes only the table\'s bytes', async () => {
    const bytes = planWithLatin1Byte();
    const { document, port, version } = await open(bytes, 'iso88591');
    assert.ok(document.getText().includes('caf\u00e9'));
    const result = await edit(port, version, { kind: 'setCell', row: 1, column: 0, value: 'Backup' });
    assert.equal(result.ok, true, result.message);
    assert.ok(await document.save());
    const saved = await vscode.workspace.fs.readFile(document.uri);
    const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join('');
    assert.equal(latin1(saved), latin1(bytes).replace('| Secondary |', '| Backup |'));
  });

  it('offers to insert section D when it is missing, and inserts it from the template', async () => {
    const { document, port } = await open(NO_SECTION_D);
    assert.equal(port.received.find(isState)!.state.data.status, 'noSection');
    const inserted = port.next((m): m is Extract<ExtensionMessage, { type: 'state' }> => isState(m) && m.reason === 'edit', 'the state after inserting');
    const result = await edit(port, document.version, { kind: 'insertMatrix' });
    assert.equal(result.ok, true, result.message);
    assert.match(document.getText(), /## D\) Mapping Rules \+ Cardinality\n\| Mapping Purpose \| source \| External ID \| Internal Entity \| Cardinality \| Enforced In \|\n\|---\|/);
    assert.ok(document.getText().indexOf('## D)') < document.getText().indexOf('## E)'));
    const state = await inserted;
    assert.equal(state.state.data.status, 'ready');
    assert.equal(state.state.data.rows.length, 3);
  });

  it('sends a fresh state to a form that reloads (ready again) after a change made while it was hidden', async () => {
    const { document, port } = await open(PLAN);
    const external = new vscode.WorkspaceEdit();
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('| Primary'));
    external.replace(document.uri, new vscode.Range(line, 2, line, 9), 'Main');
    assert.ok(await vscode.workspace.applyEdit(external));
    const resync = port.next((m): m is Extract<ExtensionMessage, { type: 'state' }> => isState(m) && m.reason === 'sync', 'the state after the second ready');
    port.send({ type: 'ready' });
    const state = await resync;
    assert.equal(state.version, document.version);
    assert.equal(state.state.data.rows[0]!.cells[0], 'Main');
  });

  describe('the custom editor', () => {
    function formTab(uri: vscode.Uri): vscode.Tab | undefined {
      return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE && t.input.uri.toString() === uri.toString());
    }

    async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('opens and closes without changing a byte or making the document dirty', async () => {
      const document = await freshPlan(PLAN);
      const before = document.getText();
      const version = document.version;
      await vscode.commands.executeCommand('vscode.openWith', document.uri, VIEW_TYPE);
      await waitFor(() => formTab(document.uri) !== undefined, 'the form tab');
      // Let the webview load, say ready and get its state.
      await new Promise((r) => setTimeout(r, 1500));
      const tab = formTab(document.uri)!;
      assert.ok(await vscode.window.tabGroups.close(tab));
      assert.equal(document.getText(), before);
      assert.equal(document.version, version);
      assert.equal(document.isDirty, false);
    });

    it('is opened beside the text by the Edit Mapping Matrix command and offered by a CodeLens above the table', async () => {
      const document = await freshPlan(PLAN);
      await vscode.window.showTextDocument(document);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const lens = lenses.find((l) => l.command?.command === 'connectorPlaybook.editMappingMatrix');
      assert.ok(lens, `no Edit as form lens among ${lenses.map((l) => l.command?.title).join(', ')}`);
      assert.equal(lens.command!.title, 'Edit as form');
      assert.equal(lens.range.start.line, document.getText().split('\n').findIndex((l) => l.startsWith('| Mapping Purpose')));
      await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
      await waitFor(() => formTab(document.uri) !== undefined, 'the form tab');
      const tab = formTab(document.uri)!;
      assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'opened beside the text');
      assert.equal(document.isDirty, false);
    });
  });
});
