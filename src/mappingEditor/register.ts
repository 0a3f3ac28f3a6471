import * as vscode from 'vscode';
import { Commands, CustomEditors } from '../constants';
import type { PlanStore } from '../plans/planStore';
import { MappingCodeLensProvider } from './mappingCodeLens';
import { MappingEditorProvider } from './mappingEditorProvider';

/** Opens a plan (the argument, else the active editor's) in the mapping-matrix form, beside the text. */
async function editMappingMatrix(plans: PlanStore, target?: unknown): Promise<void> {
  let uri = target instanceof vscode.Uri ? target : undefined;
  if (!uri) {
    const document = vscode.window.activeTextEditor?.document;
    if (document && (plans.isPlan(document) || document.languageId === 'markdown')) uri = document.uri;
  }
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: open a rollout plan first, then run "Edit Mapping Matrix".'));
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, CustomEditors.mappingMatrix, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** The mapping-matrix form (F3): the custom editor, its command and the CodeLens above section D. */
export function registerMappingEditor(context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Connector Playbook: Mapping Matrix'), { log: true });
  const codeLens = new MappingCodeLensProvider(plans);
  return vscode.Disposable.from(
    log,
    codeLens,
    vscode.window.registerCustomEditorProvider(CustomEditors.mappingMatrix, new MappingEditorProvider(context.extensionUri, plans, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.commands.registerCommand(Commands.editMappingMatrix, (target?: unknown) => editMappingMatrix(plans, target)),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLens),
  );
}
