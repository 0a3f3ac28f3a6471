// Smoke test for the harness itself: proves the suite runs inside a real VS Code extension host
// with this repository loaded as the extension under development.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('integration harness', () => {
  it('runs inside a real VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('opened the fixture workspace', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'no workspace folder is open');
  });

  it('loads and activates the extension under development', async () => {
    const ext = vscode.extensions.getExtension('connector-playbook.connector-playbook');
    assert.ok(ext, 'connector-playbook.connector-playbook is not loaded');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
