import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Settings } from '../constants';
import { CONFIG_FILE_NAME, DEFAULT_DOCS_FOLDER } from '../core/config';
import { isInsideFolder, isSafeRelativeFolder } from '../core/scaffold';
import type { PlanStore } from '../plans/planStore';

/** A workspace folder named by a command's argument: its name, path or URI. */
export const FolderArgumentSchema = z.union([z.string(), z.custom<vscode.Uri>((value) => value instanceof vscode.Uri, vscode.l10n.t('a workspace folder URI'))]);

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: 'cancelled' } | { ok: false; reason: 'refused'; message: string };

/** The workspace folder to write into: the one named, the only one, or the one the user picks. */
export async function chooseWorkspaceFolder(purpose: 'plan' | 'playbook', named?: string | vscode.Uri): Promise<Outcome<vscode.WorkspaceFolder>> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const message =
      purpose === 'plan'
        ? vscode.l10n.t("Open a folder first: a rollout plan is written into a workspace folder's docs folder ({0} by default).", DEFAULT_DOCS_FOLDER)
        : vscode.l10n.t("Open a folder first: the playbook is written into a workspace folder's docs folder ({0} by default).", DEFAULT_DOCS_FOLDER);
    return { ok: false, reason: 'refused', message };
  }
  if (named !== undefined) {
    const wanted = typeof named === 'string' ? named : named.toString();
    const folder = folders.find((f) => f.uri.toString() === wanted || f.uri.path === wanted || f.name === wanted || (typeof named !== 'string' && f.uri.toString() === named.toString()));
    return folder ? { ok: true, value: folder } : { ok: false, reason: 'refused', message: vscode.l10n.t('"{0}" is not a folder of this workspace.', wanted) };
  }
  if (folders.length === 1) return { ok: true, value: folders[0]! };
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: purpose === 'plan' ? vscode.l10n.t('Workspace folder for a rollout plan') : vscode.l10n.t('Workspace folder for the playbook'), ignoreFocusOut: true });
  return picked ? { ok: true, value: picked } : { ok: false, reason: 'cancelled' };
}

export interface DocsFolder {
  uri: vscode.Uri;
  /** As configured, relative to the workspace folder, `/`-separated. */
  relative: string;
}

/**
 * The folder plans are written to: `.connector-playbook.yaml`'s `docsFolder`, else the
 * `connectorPlaybook.docsFolder` setting, else `src/docs`; refused when it leaves the workspace folder.
 */
export async function docsFolderOf(plans: PlanStore, folder: vscode.WorkspaceFolder): Promise<Outcome<DocsFolder>> {
  // The configuration is loaded once after activation; a command run right away must not miss it.
  const settings = await plans.settingsOnceReady(folder.uri);
  const fromConfig = settings.workspaceConfig?.docsFolder;
  const fromSetting = vscode.workspace.getConfiguration(Settings.section, folder.uri).get<string>(Settings.docsFolder);
  const configured = (fromConfig ?? fromSetting ?? DEFAULT_DOCS_FOLDER).trim() || DEFAULT_DOCS_FOLDER;
  const relative = configured.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
  const uri = vscode.Uri.joinPath(folder.uri, relative);
  // A cloned repository's configuration must not make us write outside the folder it came in.
  if (!isSafeRelativeFolder(configured) || (uri.path !== folder.uri.path && !isInsideFolder(folder.uri.path, uri.path))) {
    const message =
      fromConfig !== undefined
        ? vscode.l10n.t('The docs folder "{0}" (from {1}) is outside the workspace folder "{2}"; choose a folder inside it.', configured, CONFIG_FILE_NAME, folder.name)
        : vscode.l10n.t('The docs folder "{0}" (from the setting {1}) is outside the workspace folder "{2}"; choose a folder inside it.', configured, `${Settings.section}.${Settings.docsFolder}`, folder.name);
    return { ok: false, reason: 'refused', message };
  }
  return { ok: true, value: { uri, relative } };
}

/**
 * Why nothing may be written into the docs folder: a folder on its way down from the workspace
 * folder is a symbolic link. `workspace.fs` cannot tell where a link leads, so none is followed.
 */
export async function docsFolderLinkProblem(folder: vscode.WorkspaceFolder, docs: DocsFolder): Promise<string | undefined> {
  const below = docs.uri.path.slice(folder.uri.path.replace(/\/+$/, '').length).split('/').filter(Boolean);
  let uri = folder.uri;
  for (const name of below) {
    uri = vscode.Uri.joinPath(uri, name);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      // Not there yet: createDirectory makes real folders from here down.
      return undefined;
    }
    if (stat.type & vscode.FileType.SymbolicLink) {
      return vscode.l10n.t('the docs folder "{0}" goes through the symbolic link {1}; nothing is written through a link, so that no file lands outside the workspace folder "{2}".', docs.relative, displayPath(uri), folder.name);
    }
  }
  return undefined;
}

/** The file `fileName` in the docs folder, or undefined if, once resolved, it would not be directly in it. */
export function fileInDocsFolder(docs: DocsFolder, fileName: string): vscode.Uri | undefined {
  const uri = vscode.Uri.joinPath(docs.uri, fileName);
  const parent = uri.path.slice(0, uri.path.lastIndexOf('/'));
  return isInsideFolder(docs.uri.path, uri.path) && parent === docs.uri.path.replace(/\/+$/, '') ? uri : undefined;
}

/** A path to show: relative to the workspace folder. */
export function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
