import * as vscode from 'vscode';
import { Commands } from '../constants';

/** `connectorPlaybook.revealPlanLine(uri, line, character?)`: shows a plan at a line (the view's items run it). */
export function registerRevealPlanLineCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.revealPlanLine, async (target?: unknown, line?: unknown, character?: unknown) => {
    const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? parseUri(target) : undefined;
    if (!uri || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: Reveal in Plan needs a plan and a line; use it from the Plans view.'));
      return;
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: cannot open {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
      return;
    }
    await showPlanAt(document, line, typeof character === 'number' && character >= 0 ? character : 0, { preserveFocus: true });
  });
}

/**
 * Shows an open plan with the cursor at a position (made valid) in the middle of the view: in the
 * editor already showing it, rather than again in another group, else in `options.viewColumn`.
 */
export async function showPlanAt(document: vscode.TextDocument, line: number, character: number, options: vscode.TextDocumentShowOptions): Promise<void> {
  const at = document.validatePosition(new vscode.Position(line, character));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { ...options, viewColumn: visible?.viewColumn ?? options.viewColumn, selection: new vscode.Range(at, at) });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function parseUri(value: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
}
