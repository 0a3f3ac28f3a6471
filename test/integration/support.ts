// What every integration suite needs: the extension's API, the workspace folder, rule ids, polling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectorPlaybookApi } from '../../src/extension';

export const EXTENSION_ID = 'connector-playbook.connector-playbook';

/** Activates the extension under test and returns what activate() returned. */
export async function api(): Promise<ConnectorPlaybookApi> {
  const extension = vscode.extensions.getExtension<ConnectorPlaybookApi>(EXTENSION_ID);
  assert.ok(extension, 'extension not loaded');
  return extension.activate();
}

/** The (copied) workspace folder the suite runs in. */
export function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'no workspace folder');
  return first;
}

/** A diagnostic's rule id. */
export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Polls until `probe` returns a value (diagnostics and views update asynchronously). */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
