import * as vscode from 'vscode';

// activate() only wires features together; each feature folder exposes register…(): Disposable.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.Disposable.from());
}

export function deactivate(): void {}
