import * as vscode from 'vscode';
import { Settings } from '../constants';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, resolveConfig } from '../core/config';
import type { ResolvedConfig, WorkspaceConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { lintPlan } from '../core/lint';
import { parsePlan } from '../core/parser';
import { PLAN_KIND } from '../core/plan';
import type { PlanModel } from '../core/plan';
import type { RuleSeverities } from '../core/rules';
import type { PlanTemplate } from '../core/template';
import { getDefaultTemplate, parseTemplate } from '../core/template';

/** Plans larger than this are not checked: a parse would block the extension host for too long. */
export const MAX_PLAN_CHARS = 2_000_000;

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

interface CachedPlan {
  version: number;
  model: PlanModel;
  findings: Finding[] | undefined;
  findingsGeneration: number;
}

const textDecoder = new TextDecoder('utf-8');

/**
 * One parse per document version, shared by every feature (diagnostics, tree, status bar, form),
 * and each workspace folder's configuration. Reads only through `workspace.fs`.
 */
export class PlanStore implements vscode.Disposable {
  private readonly plans = new Map<string, CachedPlan>();
  private readonly folders = new Map<string, FolderSettings>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeSettings = new vscode.EventEmitter<void>();
  /** Fires when a configuration file or a setting that changes findings changes. */
  readonly onDidChangeSettings = this.changeSettings.event;
  private generation = 0;
  private readonly declined = new Set<string>();

  constructor(private readonly fallbackSettings: () => RuleSeverities = readRuleSettings) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = () => void this.reloadFolders();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) reload();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(Settings.section)) this.bump();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.plans.delete(doc.uri.toString())),
      this.changeSettings,
    );
  }

  private loading: Promise<void> | undefined;

  /** Resolves once every folder's configuration has been read (commands run right after activation wait here). */
  ready(): Promise<void> {
    return (this.loading ??= this.reloadFolders());
  }

  /** Loads every folder's configuration; call once at activation (it does not block activation). */
  reloadFolders(): Promise<void> {
    this.loading = this.loadFolders();
    return this.loading;
  }

  private async loadFolders(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const loaded = await Promise.all(folders.map((folder) => this.loadFolder(folder)));
    this.folders.clear();
    folders.forEach((folder, index) => this.folders.set(folder.uri.toString(), loaded[index]!));
    this.bump();
  }

  private bump(): void {
    this.generation++;
    this.changeSettings.fire();
  }

  private async loadFolder(folder: vscode.WorkspaceFolder): Promise<FolderSettings> {
    const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const text = await readText(configUri);
    if (text === undefined) return defaultFolderSettings(undefined);
    const parsed = parseWorkspaceConfig(text);
    const config = resolveConfig(parsed.config);
    let template = getDefaultTemplate();
    let templateError: string | undefined;
    if (config.template) {
      const templateUri = vscode.Uri.joinPath(folder.uri, config.template);
      const templateText = await readText(templateUri);
      if (templateText === undefined) templateError = `The template "${config.template}" cannot be read; the bundled template is used.`;
      else template = parseTemplate(templateText);
    }
    const configFindings = [...parsed.findings];
    if (templateError) configFindings.push({ rule: 'config', severity: 'warning', message: templateError, range: templateKeyRange(text) });
    return { configUri, workspaceConfig: parsed.config, config, configFindings, template, templateError };
  }

  /** The settings of the folder holding a resource (defaults outside any folder). */
  settingsFor(uri: vscode.Uri): FolderSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.folders.get(folder.uri.toString())) ?? defaultFolderSettings(undefined);
  }

  /** Every folder's settings, for the configuration file's own diagnostics. */
  allFolderSettings(): FolderSettings[] {
    return [...this.folders.values()];
  }

  /** The plan glob of a folder: `.connector-playbook.yaml`'s when it names one, else the setting. */
  planGlob(uri: vscode.Uri): string {
    const settings = this.settingsFor(uri);
    const setting = vscode.workspace.getConfiguration(Settings.section, uri).get<string>(Settings.planGlob);
    return settings.workspaceConfig?.planGlob ?? (setting || settings.config.planGlob);
  }

  /** Whether a document is a rollout plan: the plan glob, or front matter `kind: connector-rollout-plan`. */
  isPlan(document: vscode.TextDocument): boolean {
    if (!mayBePlan(document)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const pattern = this.planGlob(document.uri);
    const selector: vscode.DocumentFilter = { pattern: folder ? new vscode.RelativePattern(folder, pattern) : pattern };
    if (vscode.languages.match(selector, document) > 0) return true;
    if (document.lineCount < 2 || !document.lineAt(0).text.startsWith('---')) return false;
    const model = this.model(document);
    return model?.frontMatter?.kind === PLAN_KIND;
  }

  /** Whether a document is too large to be checked. */
  isTooLarge(document: vscode.TextDocument): boolean {
    return document.getText().length > MAX_PLAN_CHARS;
  }

  /** The parse of this document version (cached); undefined when it is too large. */
  model(document: vscode.TextDocument): PlanModel | undefined {
    const key = document.uri.toString();
    const cached = this.plans.get(key);
    if (cached && cached.version === document.version) return cached.model;
    const text = document.getText();
    if (text.length > MAX_PLAN_CHARS) {
      this.declineOnce(document, text.length);
      return undefined;
    }
    const model = parsePlan(text);
    this.plans.set(key, { version: document.version, model, findings: undefined, findingsGeneration: -1 });
    return model;
  }

  /** The findings of this document version under the current settings (cached). */
  findings(document: vscode.TextDocument): Finding[] {
    const model = this.model(document);
    if (!model) return [];
    const cached = this.plans.get(document.uri.toString())!;
    if (cached.findings && cached.findingsGeneration === this.generation) return cached.findings;
    const settings = this.settingsFor(document.uri);
    const severities = { ...settings.config.rules, ...this.fallbackSettings() };
    cached.findings = lintPlan(model, {
      template: settings.template,
      severities,
      agents: settings.config.agents,
      waveSequencing: settings.config.waveSequencing,
    });
    cached.findingsGeneration = this.generation;
    return cached.findings;
  }

  private declineOnce(document: vscode.TextDocument, length: number): void {
    const key = document.uri.toString();
    if (this.declined.has(key)) return;
    this.declined.add(key);
    const mb = (length / 1_000_000).toFixed(1);
    void vscode.window.showWarningMessage(
      `Connector Playbook: ${vscode.workspace.asRelativePath(document.uri)} has ${mb} million characters; plans over ${MAX_PLAN_CHARS / 1_000_000} million are not checked.`,
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.plans.clear();
  }
}

function templateKeyRange(text: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.max(0, lines.findIndex((l) => /^template\s*:/.test(l)));
  return { start: { line, character: 0 }, end: { line, character: (lines[line] ?? '').length } };
}

/** Only markdown can be a plan: a cheap test before any glob or parse. */
export function mayBePlan(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' || document.uri.path.endsWith('.md');
}

function defaultFolderSettings(configUri: vscode.Uri | undefined): FolderSettings {
  return { configUri, workspaceConfig: undefined, config: resolveConfig(undefined), configFindings: [], template: getDefaultTemplate(), templateError: undefined };
}

function readRuleSettings(): RuleSeverities {
  return vscode.workspace.getConfiguration(Settings.section).get<RuleSeverities>(Settings.rules) ?? {};
}

/** Reads a file as UTF-8 through `workspace.fs`; undefined when it does not exist or cannot be read. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return textDecoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
