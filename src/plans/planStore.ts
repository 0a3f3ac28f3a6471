import * as vscode from 'vscode';
import { Settings } from '../constants';
import { CONFIG_FILE_NAME, DEFAULT_PLAN_GLOB } from '../core/defaults';
import type { PlanParse } from '../core/parser';
import { PLAN_KIND } from '../core/plan';
import type { PlanTemplate } from '../core/template';
import type { WavesByText } from '../core/waves';
import type { FolderSettings } from './folderSettings';
import { PlanFiles } from './planFiles';
import type { PlanVersion } from './planVersion';

type StoreCore = typeof import('./storeCore');

/** Plans larger than this are not checked: a parse would block the extension host for too long. */
export const MAX_PLAN_CHARS = 2_000_000;
/** A front matter is looked for this far, no further, in a markdown file that may be a plan. */
const MAX_FRONT_MATTER_LINES = 1000;

/** A plan that cannot be read, and why. */
export interface PlanProblem {
  uri: vscode.Uri;
  reason: 'too-large' | 'unreadable';
  /** The file system's message, for an unreadable file. */
  detail?: string;
  /** The reason as one sentence in the user's language: "This plan cannot be read: …". */
  problem: string;
}

function tooLarge(uri: vscode.Uri): PlanProblem {
  return { uri, reason: 'too-large', problem: vscode.l10n.t('This plan is too large to check (over {0} million characters).', MAX_PLAN_CHARS / 1_000_000) };
}

function unreadable(uri: vscode.Uri, error: unknown): PlanProblem {
  const detail = error instanceof Error ? error.message : String(error);
  return { uri, reason: 'unreadable', detail, problem: vscode.l10n.t('This plan cannot be read: {0}', detail) };
}

/** What changed, as the store's one change event says it. */
export interface PlanChange {
  /** The plans whose content changed; undefined when every plan may have (settings, configuration). */
  uris: readonly vscode.Uri[] | undefined;
  /** Plans were found, added or removed. */
  plansChanged: boolean;
  /** The change is typing in an open document (features that check only on save skip it). */
  typing: boolean;
}

interface DocumentEntry {
  version: number;
  parse: PlanParse;
  parseMs: number;
  plan: PlanVersion | undefined;
  /** The waves read from an earlier version, by their text. */
  wavesByText: WavesByText | undefined;
}

const textDecoder = new TextDecoder('utf-8');

/**
 * Every plan of the workspace, one {@link PlanVersion} per document version or file read, and one
 * debounced change event that every view follows. Deciding whether a markdown file is a plan reads
 * its name or, failing that, its front matter only. Reads only through `workspace.fs`.
 */
export class PlanStore implements vscode.Disposable {
  private readonly documents = new Map<string, DocumentEntry>();
  private readonly files = new Map<string, Promise<PlanVersion | PlanProblem>>();
  private readonly settled = new Map<string, PlanVersion | PlanProblem>();
  private readonly folders = new Map<string, FolderSettings>();
  private readonly declined = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<PlanChange>();
  /** The one change event: debounced while typing, at once for everything else. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly planFiles: PlanFiles;
  private loading: Promise<void> | undefined;
  /** The parser, the rules and the settings' reader, once `ready` has loaded them. */
  private core: StoreCore | undefined;
  private template: PlanTemplate | undefined;
  private pendingTyping = new Map<string, vscode.Uri>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** How many times a plan was parsed (tests count them). */
  parseCount = 0;

  constructor() {
    this.planFiles = new PlanFiles(
      (folder) => this.planGlob(folder.uri),
      (uri, setChanged) => {
        if (uri) this.forgetFile(uri);
        this.fire({ uris: uri ? [uri] : [], plansChanged: setChanged, typing: false });
      },
    );
    const configs = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = () => void this.reloadSettings();
    this.disposables.push(
      this.changeEmitter,
      this.planFiles,
      configs,
      configs.onDidCreate(reload),
      configs.onDidChange(reload),
      configs.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(Settings.section)) reload();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.documentTyped(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.documentOpenedOrClosed(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.documents.delete(doc.uri.toString());
        this.documentOpenedOrClosed(doc);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) reload();
        else if (this.isPlan(doc)) this.fire({ uris: [doc.uri], plansChanged: false, typing: false });
      }),
    );
  }

  /**
   * Resolves once the store can read plans: its code loaded and every folder's configuration read.
   * Until then no document is a plan to it; the change event says when everything may have changed.
   */
  ready(): Promise<void> {
    return (this.loading ??= this.loadSettings());
  }

  /** The settings of the folder holding a resource, once they are read. */
  async settingsOnceReady(uri: vscode.Uri): Promise<FolderSettings> {
    await this.ready();
    return this.settingsFor(uri)!;
  }

  /** Reads every folder's configuration again and says that everything may have changed. */
  reloadSettings(): Promise<void> {
    this.loading = this.loadSettings();
    return this.loading;
  }

  private async loadSettings(): Promise<void> {
    const core = this.core ?? (await import('./storeCore'));
    const template = (this.template ??= core.getDefaultTemplate());
    const folders = vscode.workspace.workspaceFolders ?? [];
    const loaded = await Promise.all(folders.map((folder) => core.loadFolderSettings(folder, template)));
    // Plans are read once the first settings are in: findings under defaults would be wrong.
    this.core = core;
    this.folders.clear();
    folders.forEach((folder, index) => this.folders.set(folder.uri.toString(), loaded[index]!));
    // Findings depend on the settings; parses do not.
    for (const entry of this.documents.values()) entry.plan = undefined;
    this.files.clear();
    this.settled.clear();
    this.planFiles.reset();
    this.fire({ uris: undefined, plansChanged: true, typing: false });
  }

  /** The settings of the folder holding a resource (defaults outside any folder); undefined before `ready`. */
  settingsFor(uri: vscode.Uri): FolderSettings | undefined {
    if (!this.core || !this.template) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.folders.get(folder.uri.toString())) ?? this.core.defaultFolderSettings(this.template);
  }

  /** Every folder's settings, for the configuration files' own diagnostics. */
  allFolderSettings(): FolderSettings[] {
    return [...this.folders.values()];
  }

  /** The plan glob of a folder: `.connector-playbook.yaml`'s when it names one, else the setting. */
  planGlob(uri: vscode.Uri): string {
    const setting = vscode.workspace.getConfiguration(Settings.section, uri).get<string>(Settings.planGlob);
    return this.settingsFor(uri)?.workspaceConfig?.planGlob ?? (setting || DEFAULT_PLAN_GLOB);
  }

  /** Whether a document is a rollout plan: the plan glob, or front matter `kind: connector-rollout-plan`. */
  isPlan(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown' && !document.uri.path.endsWith('.md')) return false;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const pattern = this.planGlob(document.uri);
    if (vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, pattern) : pattern }, document) > 0) return true;
    return !!this.core && declaresKind(document, this.core.declaresPlanKind);
  }

  /** The current version of an open plan; undefined when the document is not a plan or is too large. */
  plan(document: vscode.TextDocument): PlanVersion | undefined {
    const core = this.core;
    const settings = this.settingsFor(document.uri);
    if (!core || !settings || !this.isPlan(document)) return undefined;
    const key = document.uri.toString();
    let entry = this.documents.get(key);
    if (!entry || entry.version !== document.version) {
      const text = document.getText();
      if (text.length > MAX_PLAN_CHARS) {
        this.declineOnce(document.uri, text.length);
        return undefined;
      }
      const start = performance.now();
      // Read from the previous version of the same document: only what changed is parsed again.
      const parse = core.parsePlanVersion(text, entry?.parse);
      this.parseCount++;
      entry = { version: document.version, parse, parseMs: performance.now() - start, plan: undefined, wavesByText: entry?.plan?.wavesByText ?? entry?.wavesByText };
      this.documents.set(key, entry);
    }
    entry.plan ??= new core.PlanVersion(document.uri, document.version, entry.parse, settings, this.severitiesFor(settings), entry.parseMs, entry.wavesByText);
    return entry.plan;
  }

  /** A plan by its URI: the open document's current version, else the file as read from disk. */
  planAt(uri: vscode.Uri): Promise<PlanVersion | PlanProblem> {
    const document = this.openDocument(uri);
    if (document) return Promise.resolve(this.plan(document) ?? tooLarge(uri));
    const key = uri.toString();
    let reading = this.files.get(key);
    if (!reading) {
      reading = this.readFile(uri).then((result) => {
        if (this.files.get(key) === reading) this.settled.set(key, result);
        return result;
      });
      this.files.set(key, reading);
    }
    return reading;
  }

  /** A plan if it is at hand now (open, or its file already read); undefined while it is read. */
  planAtIfReady(uri: vscode.Uri): PlanVersion | PlanProblem | undefined {
    const document = this.openDocument(uri);
    if (document) return this.plan(document) ?? tooLarge(uri);
    return this.settled.get(uri.toString());
  }

  /** The plans of the workspace, sorted by path: files matching the glob, and open documents that are plans by their front matter. */
  async planUris(): Promise<vscode.Uri[]> {
    const uris = new Map((await this.planFiles.uris()).map((uri) => [uri.toString(), uri]));
    // Only documents of the workspace: a plan shown in a diff (git: scheme) is not another plan.
    const open = vscode.workspace.textDocuments.filter((d) => !uris.has(d.uri.toString()) && vscode.workspace.getWorkspaceFolder(d.uri) && this.isPlan(d));
    // VS Code keeps a closed document a while: once its file is deleted, only unsaved text keeps it a plan.
    const kept = await Promise.all(open.map((d) => d.isUntitled || d.isDirty || fileExists(d.uri)));
    for (const [index, d] of open.entries()) if (kept[index]) uris.set(d.uri.toString(), d.uri);
    return [...uris.values()].sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  }

  /** Finds the plans again and reads every file anew. */
  refresh(): void {
    this.files.clear();
    this.settled.clear();
    this.planFiles.reset();
    this.fire({ uris: undefined, plansChanged: true, typing: false });
  }

  /** Says a plan changed (after a refused edit, say), so that every view shows it as it is. */
  planChanged(uri: vscode.Uri): void {
    this.forgetFile(uri);
    this.fire({ uris: [uri], plansChanged: false, typing: false });
  }

  /** The open document of a URI, if it is open. */
  openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private async readFile(uri: vscode.Uri): Promise<PlanVersion | PlanProblem> {
    await this.ready();
    const core = this.core!;
    const settings = this.settingsFor(uri)!;
    let text: string;
    try {
      text = textDecoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return unreadable(uri, error);
    }
    if (text.length > MAX_PLAN_CHARS) return tooLarge(uri);
    const start = performance.now();
    const parse = core.parsePlanVersion(text);
    this.parseCount++;
    return new core.PlanVersion(uri, undefined, parse, settings, this.severitiesFor(settings), performance.now() - start);
  }

  private severitiesFor(settings: FolderSettings): FolderSettings['config']['rules'] {
    return { ...settings.config.rules, ...this.core!.ruleSettings() };
  }

  private forgetFile(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.settled.delete(uri.toString());
  }

  private documentTyped(document: vscode.TextDocument): void {
    if (!this.isPlan(document) && !this.documents.has(document.uri.toString())) return;
    // A document that stops being a plan (its front matter edited) is said once more, then forgotten.
    this.pendingTyping.set(document.uri.toString(), document.uri);
    if (this.typingTimer) clearTimeout(this.typingTimer);
    const delay = vscode.workspace.getConfiguration(Settings.section, document.uri).get<number>(Settings.debounceMs) ?? 250;
    this.typingTimer = setTimeout(() => {
      this.typingTimer = undefined;
      const uris = [...this.pendingTyping.values()];
      this.pendingTyping = new Map();
      this.fire({ uris, plansChanged: uris.some((uri) => !this.planFiles.has(uri)), typing: true });
    }, Math.max(0, Math.min(delay, 5000)));
  }

  private documentOpenedOrClosed(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'output' || !this.isPlan(document)) return;
    // Closing drops unsaved changes: the file is read again.
    this.forgetFile(document.uri);
    this.fire({ uris: [document.uri], plansChanged: !this.planFiles.has(document.uri), typing: false });
  }

  private fire(change: PlanChange): void {
    this.changeEmitter.fire(change);
  }

  private declineOnce(uri: vscode.Uri, length: number): void {
    const key = uri.toString();
    if (this.declined.has(key)) return;
    this.declined.add(key);
    const mb = (length / 1_000_000).toFixed(1);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Connector Playbook: {0} has {1} million characters; plans over {2} million are not checked.', vscode.workspace.asRelativePath(uri), mb, MAX_PLAN_CHARS / 1_000_000),
    );
  }

  dispose(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.disposables.forEach((d) => d.dispose());
    this.documents.clear();
  }
}

/**
 * Whether a document's front matter says `kind: connector-rollout-plan`: its lines are read up to
 * the closing `---`, and parsed only when they name the kind at all.
 */
function declaresKind(document: vscode.TextDocument, declaresPlanKind: (text: string) => boolean): boolean {
  if (document.lineCount < 2 || document.lineAt(0).text.replace(/^\uFEFF/, '').trimEnd() !== '---') return false;
  const lines = ['---'];
  for (let line = 1; line < Math.min(document.lineCount, MAX_FRONT_MATTER_LINES); line++) {
    const text = document.lineAt(line).text;
    lines.push(text);
    if (/^(?:---|\.\.\.)\s*$/.test(text)) {
      const head = lines.join('\n');
      return head.includes(PLAN_KIND) && declaresPlanKind(head);
    }
  }
  return false;
}

/** Whether a file exists, through `workspace.fs` (virtual workspaces too). */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
