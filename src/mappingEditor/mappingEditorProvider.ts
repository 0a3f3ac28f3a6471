import * as vscode from 'vscode';
import type { PlanStore } from '../plans/planStore';

/**
 * The mapping-matrix form as a custom text editor ("Open With…", the command, the CodeLens): the
 * text document stays the only source of truth, so undo/redo, dirty state and save are VS Code's.
 */
export class MappingEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly plans: PlanStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<void> {
    // The form's code is loaded when a form first opens.
    const [{ renderMappingEditorHtml }, { createNonce }, { MappingEditorSession }] = await Promise.all([import('./mappingEditorHtml'), import('../webviewPage'), import('./mappingEditorSession')]);
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const session = new MappingEditorSession(document, webview, this.plans, (message) => this.log.info(`[${document.uri.path}] ${message}`));
    webview.html = renderMappingEditorHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'mappingEditor.css')).toString(),
      version: document.version,
      state: session.state(),
    });
    const subscriptions = [
      // A form that was hidden is rebuilt by VS Code and says `ready` again; this catches a form kept alive.
      panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) session.push('sync');
      }),
    ];
    panel.onDidDispose(() => {
      session.dispose();
      subscriptions.forEach((s) => s.dispose());
    });
  }
}
