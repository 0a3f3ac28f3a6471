import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { english } from '../core/schema';
import { PLAYBOOK_FILE_NAME } from '../core/scaffold';
import { PLAYBOOK_TEXT } from '../core/playbook';
import { fileExists } from '../plans/planStore';
import type { PlanStore } from '../plans/planStore';
import { readText } from '../plans/folderSettings';
import { chooseWorkspaceFolder, FolderArgumentSchema, displayPath, docsFolderLinkProblem, docsFolderOf, fileInDocsFolder } from './docsFolder';

/** The optional argument of `connectorPlaybook.addPlaybook`: the workspace folder, and whether to open the file. */
export const AddPlaybookArgumentSchema = z.strictObject({ folder: z.optional(FolderArgumentSchema), open: z.optional(z.boolean()) });

export type AddPlaybookResult = { status: 'created' | 'exists'; uri: vscode.Uri } | { status: 'cancelled' } | { status: 'refused'; message: string };

const encoder = new TextEncoder();

/** `Connector: Add Playbook to Workspace` — writes the playbook into the docs folder, never over an existing file. */
export async function addPlaybookCommand(plans: PlanStore, argument?: unknown): Promise<AddPlaybookResult> {
  const refuse = (message: string): AddPlaybookResult => {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: {0}', message));
    return { status: 'refused', message };
  };
  try {
    const isOptions = typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri);
    const parsed = AddPlaybookArgumentSchema.safeParse(isOptions ? argument : {}, english);
    if (!parsed.success) return refuse(vscode.l10n.t('invalid argument: {0}', parsed.error.issues[0]!.message));
    const options = parsed.data;
    const folder = await chooseWorkspaceFolder('playbook', options.folder);
    if (!folder.ok) return folder.reason === 'cancelled' ? { status: 'cancelled' } : refuse(folder.message);
    const docs = await docsFolderOf(plans, folder.value);
    if (!docs.ok) return docs.reason === 'cancelled' ? { status: 'cancelled' } : refuse(docs.message);
    const linked = await docsFolderLinkProblem(folder.value, docs.value);
    if (linked) return refuse(linked);
    const uri = fileInDocsFolder(docs.value, PLAYBOOK_FILE_NAME)!;
    const open = async () => {
      if (options.open !== false) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    };
    if (await fileExists(uri)) {
      const existing = await readText(uri);
      // The playbook says to keep it unchanged: an edited copy is the team's, and stays.
      if (existing !== undefined && existing.replace(/\r\n/g, '\n') === PLAYBOOK_TEXT.replace(/\r\n/g, '\n')) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: {0} is already the current playbook.', displayPath(uri)));
        await open();
      } else {
        void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0} already exists and differs from the bundled playbook; it was not replaced.', displayPath(uri)), vscode.l10n.t('Open')).then((choice) => {
          if (choice) void vscode.window.showTextDocument(uri, { preview: false });
        });
      }
      return { status: 'exists', uri };
    }
    await vscode.workspace.fs.createDirectory(docs.value.uri);
    await vscode.workspace.fs.writeFile(uri, encoder.encode(PLAYBOOK_TEXT));
    await open();
    void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: added {0}.', displayPath(uri)));
    return { status: 'created', uri };
  } catch (error) {
    return refuse(vscode.l10n.t('could not add the playbook: {0}', error instanceof Error ? error.message : String(error)));
  }
}
