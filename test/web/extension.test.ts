// The extension in the web-worker extension host (as on vscode.dev and github.dev): its browser
// bundle, files only through workspace.fs. Diagnostics, a quick fix, the scaffold, a mapping-form
// edit and a Plans-view checkbox, each through the real host.
import * as vscode from 'vscode';
import type { ConnectorPlaybookApi } from '../../src/extension';
import { MappingEditorSession } from '../../src/mappingEditor/mappingEditorSession';
import type { WebviewPort } from '../../src/mappingEditor/mappingEditorSession';
import type { PlansTreeNode } from '../../src/waves/plansTreeProvider';

const EXTENSION_ID = 'connector-playbook.connector-playbook';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// node:assert is not in a worker: the few checks the suite needs.
function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}
function equal(actual: unknown, expected: unknown, message: string): void {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function api(): Promise<ConnectorPlaybookApi> {
  const extension = vscode.extensions.getExtension<ConnectorPlaybookApi>(EXTENSION_ID);
  ok(extension, 'the extension is not loaded');
  return extension.activate();
}

function folderUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'no workspace folder');
  return folder.uri;
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const PLAN = `---
kind: connector-rollout-plan
status: draft
---
# Web Connector Rollout Plan

## A) Business Goal
- Why this connector exists: reviews happen in github.dev

## D) Mapping Rules + Cardinality
| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |
|---|---|---|---|---|---|
| Primary | web | deal.owner | staff | 1:1 | DB unique |

## F) Agent-Team Plan
### Wave 1
- Agent: \`schema-sync\`
- Tasks:
  - [ ] Migration for sync state

## I) Operational Go/No-Go
- [ ] Auth and connection test pass
- [ ] Mappings validated {who}
`;

async function writePlan(name: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folderUri(), 'src', 'docs', `${name}-ROLLOUT-PLAN.md`);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(PLAN));
  return uri;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connector-playbook');
}

describe('web worker', function () {
  this.timeout(60_000);

  it('runs the extension in the web-worker extension host, not in Node', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, 'the extension is not loaded');
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension kind');
    equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'importScripts, which only a worker has');
    await api();
  });

  it('shows diagnostics on a plan', async () => {
    const uri = await writePlan('WEBDIAG');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitFor('diagnostics on the plan', () => (ours(uri).length > 0 ? ours(uri) : undefined));
    const rules = new Set(diagnostics.map((d) => (typeof d.code === 'object' ? String(d.code.value) : '')));
    ok(rules.has('placeholder') && rules.has('go-no-go-unchecked') && rules.has('missing-section'), `rules found: ${[...rules].join(', ')}`);
  });

  it('applies a quick fix: checks a go/no-go item', async () => {
    const uri = await writePlan('WEBFIX');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('a go/no-go diagnostic', () => ours(uri).find((d) => typeof d.code === 'object' && d.code.value === 'go-no-go-unchecked'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const check = actions.find((a) => a.edit && /check/i.test(a.title));
    ok(check?.edit, `no check action among ${actions.map((a) => a.title).join(', ')}`);
    ok(await vscode.workspace.applyEdit(check.edit), 'the quick fix was not applied');
    ok(document.lineAt(diagnostic.range.start.line).text.includes('[x]'), `line after the fix: ${document.lineAt(diagnostic.range.start.line).text}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('scaffolds a plan through workspace.fs', async () => {
    const result = await vscode.commands.executeCommand<{ status: string; uri?: vscode.Uri }>('connectorPlaybook.newPlan', { name: 'Webby', system: 'HubSpot', open: false });
    equal(result?.status, 'created', 'the scaffold result');
    ok(result.uri, 'no uri for the new plan');
    const text = decoder.decode(await vscode.workspace.fs.readFile(result.uri));
    ok(text.includes('# Webby Connector Rollout Plan') && text.includes('HubSpot'), `the plan's text: ${text.slice(0, 200)}`);
  });

  it('turns a mapping-form edit into an edit of the table row', async () => {
    const { plans } = await api();
    const document = await vscode.workspace.openTextDocument(await writePlan('WEBFORM'));
    await vscode.window.showTextDocument(document);
    const emitter = new vscode.EventEmitter<unknown>();
    const received: { type: string; id?: number; ok?: boolean; version?: number }[] = [];
    const port: WebviewPort = {
      onDidReceiveMessage: emitter.event,
      postMessage: (message) => {
        received.push(message as (typeof received)[number]);
        return Promise.resolve(true);
      },
    };
    const session = new MappingEditorSession(document, port, plans);
    try {
      emitter.fire({ type: 'ready' });
      const state = await waitFor('the form state', () => received.find((m) => m.type === 'state'));
      emitter.fire({ type: 'edit', id: 1, version: state.version, change: { kind: 'setCell', row: 0, column: 0, value: 'Primary from the web' } });
      const result = await waitFor('the edit result', () => received.find((m) => m.type === 'editResult' && m.id === 1));
      equal(result.ok, true, 'the edit result');
      ok(document.getText().includes('| Primary from the web | web | deal.owner |'), 'the row was not rewritten');
    } finally {
      session.dispose();
      emitter.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('checks a task from the Plans view: one character of the file', async () => {
    const { plansView } = await api();
    const uri = await writePlan('WEBTREE');
    const provider = plansView.provider;
    const plan = await waitFor('the plan in the Plans view', async () => {
      const roots = await provider.getChildren();
      return roots.find((node) => node.kind === 'plan' && node.uri.toString() === uri.toString());
    });
    const find = async (node: PlansTreeNode, kind: PlansTreeNode['kind']): Promise<PlansTreeNode | undefined> => {
      for (const child of await provider.getChildren(node)) {
        if (child.kind === kind) return child;
        const deeper = await find(child, kind);
        if (deeper) return deeper;
      }
      return undefined;
    };
    const task = await waitFor('a wave task', async () => {
      const wave = (await provider.getChildren(plan)).find((node) => node.kind === 'wave');
      return wave ? find(wave, 'task') : undefined;
    });
    ok(task.kind === 'task', 'not a task node');
    ok(await plansView.setTaskChecked(task, true), 'the task was not checked');
    const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    ok(text.includes('  - [x] Migration for sync state'), 'the file was not changed');
    equal(text.length, PLAN.length, 'the file length');
  });
});
