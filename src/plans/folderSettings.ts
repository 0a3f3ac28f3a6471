import * as vscode from 'vscode';
import { Settings } from '../constants';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, resolveConfig, unreadableTemplateFinding, unreadableTemplateMessage } from '../core/config';
import type { ResolvedConfig, WorkspaceConfig } from '../core/config';
import type { Finding } from '../core/findings';
import type { RuleSeverities } from '../core/rules';
import type { PlanTemplate } from '../core/template';
import { parseTemplate } from '../core/template';

/** One workspace folder's `.connector-playbook.yaml`, resolved. */
export interface FolderSettings {
  configUri: vscode.Uri | undefined;
  /** The configuration as written, before defaults: tells "says src/docs" from "says nothing". */
  workspaceConfig: WorkspaceConfig | undefined;
  config: ResolvedConfig;
  /** Problems in `.connector-playbook.yaml`, shown as diagnostics on that file. */
  configFindings: Finding[];
  template: PlanTemplate;
  /** Why the workspace template could not be used, if it could not. */
  templateError: string | undefined;
}

const textDecoder = new TextDecoder('utf-8');

/** Reads a file as UTF-8 through `workspace.fs`; undefined when it does not exist or cannot be read. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return textDecoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The settings of a folder without a configuration file. */
export function defaultFolderSettings(template: PlanTemplate): FolderSettings {
  return { configUri: undefined, workspaceConfig: undefined, config: resolveConfig(undefined), configFindings: [], template, templateError: undefined };
}

/** Reads a folder's `.connector-playbook.yaml` and the template it names; problems become findings on the file. */
export async function loadFolderSettings(folder: vscode.WorkspaceFolder, bundledTemplate: PlanTemplate): Promise<FolderSettings> {
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  let text: string | undefined;
  try {
    text = textDecoder.decode(await vscode.workspace.fs.readFile(configUri));
  } catch (error) {
    // No file is the usual case; a file that exists but cannot be read is a problem to show.
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return defaultFolderSettings(bundledTemplate);
    const message = vscode.l10n.t('{0} cannot be read ({1}); the defaults apply.', CONFIG_FILE_NAME, error instanceof Error ? error.message : String(error));
    return { ...defaultFolderSettings(bundledTemplate), configUri, configFindings: [{ rule: 'config', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  const parsed = parseWorkspaceConfig(text);
  const config = resolveConfig(parsed.config);
  let template = bundledTemplate;
  let templateError: string | undefined;
  if (config.template) {
    const templateText = await readText(vscode.Uri.joinPath(folder.uri, config.template));
    if (templateText === undefined) templateError = unreadableTemplateMessage(config.template);
    else template = parseTemplate(templateText);
  }
  const configFindings = [...parsed.findings];
  if (config.template && templateError) configFindings.push(unreadableTemplateFinding(text, config.template));
  return { configUri, workspaceConfig: parsed.config, config, configFindings, template, templateError };
}

/** The `connectorPlaybook.rules` setting: severities that override the configuration file's. */
export function ruleSettings(): RuleSeverities {
  return vscode.workspace.getConfiguration(Settings.section).get<RuleSeverities>(Settings.rules) ?? {};
}
