import * as vscode from 'vscode';
import { ContextKeys, Settings } from '../constants';
import { parsePlan } from '../core/parser';
import type { PlanModel } from '../core/plan';
import type { PlanWaves } from '../core/waves';
import { readWaves } from '../core/waves';
import type { FolderSettings, PlanStore } from '../plans/planStore';
import { MAX_PLAN_CHARS } from '../plans/planStore';

/** One plan as the Plans view shows it: the parse of one version, open document or file. */
export interface PlanSnapshot {
  uri: vscode.Uri;
  /** The open document's version; undefined when read from the file. */
  version: number | undefined;
  model: PlanModel;
  waves: PlanWaves;
}

/** A plan that cannot be shown, and why. */
export interface PlanProblem {
  uri: vscode.Uri;
  problem: string;
}

interface FileEntry {
  model: PlanModel | undefined;
  problem: string | undefined;
}

const textDecoder = new TextDecoder('utf-8');
const MAX_CREATED_TO_STAT = 1000;

/**
 * Every plan of the workspace: files matching each folder's plan glob (found with
 * `workspace.findFiles`, kept current by file watchers) plus open documents that are plans by
 * their front matter. Open plans come from the shared parse; the others are read with
 * `workspace.fs` and parsed once per change.
 */
export class PlanIndex implements vscode.Disposable {
  private readonly found = new Map<string, vscode.Uri>();
  /** Open documents shown as plans by their front matter, though outside the plan glob. */
  private readonly openOnly = new Set<string>();
  /** Each plan file's text (or why it cannot be read), read once per change. */
  private readonly files = new Map<string, Promise<PlanText>>();
  /** The parse of each file read, for the view's items that must not wait. */
  private readonly loaded = new Map<string, FileEntry>();
  private readonly wavesCache = new WeakMap<PlanModel, { settings: FolderSettings; waves: PlanWaves }>();
  private watchers: vscode.Disposable[] = [];
  private discovery: Promise<void> | undefined;
  /** Bumped by reset(): a readAll() of an older generation stops. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changePlans = new vscode.EventEmitter<void>();
  private readonly changePlan = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when plans are added or removed, or everything must be read again. */
  readonly onDidChangePlans = this.changePlans.event;
  /** Fires when one plan's content changed (file on disk, or open document after the debounce). */
  readonly onDidChangePlan = this.changePlan.event;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private rootTimer: ReturnType<typeof setTimeout> | undefined;
  private eventsWhileDiscovering: { uri: vscode.Uri; created: boolean }[] | undefined;
  private readonly created: vscode.Uri[] = [];
  private createdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly plans: PlanStore) {
    this.disposables.push(
      this.changePlans,
      this.changePlan,
      plans.onDidChangeSettings(() => this.reset()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.documentChanged(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.documentOpenedOrClosed(doc, true)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentOpenedOrClosed(doc, false)),
    );
  }

  /** Forgets every file read and finds the plans again. */
  reset(): void {
    this.generation++;
    this.discovery = undefined;
    this.files.clear();
    this.loaded.clear();
    this.changePlans.fire();
  }

  /** Says a plan changed (after a refused edit, say), so the view shows it as it is. */
  planChanged(uri: vscode.Uri): void {
    this.forget(uri.toString());
    this.changePlan.fire(uri);
  }

  /** The plans of the workspace, sorted by path. */
  async planUris(): Promise<vscode.Uri[]> {
    this.discovery ??= this.discover();
    await this.discovery;
    const uris = new Map(this.found);
    this.openOnly.clear();
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (uris.has(key) || !this.isOpenPlan(doc)) continue;
      uris.set(key, doc.uri);
      this.openOnly.add(key);
    }
    void vscode.commands.executeCommand('setContext', ContextKeys.hasPlans, uris.size > 0);
    return [...uris.values()].sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  }

  /** The current parse of a plan: the open document's (shared), else the file's. */
  async snapshot(uri: vscode.Uri): Promise<PlanSnapshot | PlanProblem> {
    const ready = this.snapshotIfReady(uri);
    if (ready) return ready;
    const key = uri.toString();
    let reading = this.files.get(key);
    if (!reading) {
      reading = readPlanText(uri);
      this.files.set(key, reading);
    }
    const text = await reading;
    // The file may have changed (or been parsed by another caller) while it was read.
    if (this.files.get(key) !== reading) return this.snapshot(uri);
    let file = this.loaded.get(key);
    if (!file) {
      file = parsePlanText(text);
      this.loaded.set(key, file);
    }
    return this.fromFile(uri, file);
  }

  /**
   * Reads and parses every plan for the root's counts: the files are read at once, parsed one
   * after the other with pauses, so an expanded plan (parsed on demand) never waits for the rest.
   */
  async readAll(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      const key = uri.toString();
      if (!this.files.has(key) && !this.openDocument(uri)) this.files.set(key, readPlanText(uri));
    }
    const generation = this.generation;
    let slice = performance.now();
    for (const uri of uris) {
      if (generation !== this.generation) return;
      await this.snapshot(uri);
      if (performance.now() - slice > 10) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        slice = performance.now();
      }
    }
  }

  /** The parse of a plan if it is at hand now (open, or its file already read); undefined while reading. */
  snapshotIfReady(uri: vscode.Uri): PlanSnapshot | PlanProblem | undefined {
    const doc = this.openDocument(uri);
    if (doc) {
      const model = this.plans.model(doc);
      if (!model) return { uri, problem: `too large to track (over ${MAX_PLAN_CHARS / 1_000_000} million characters)` };
      return { uri, version: doc.version, model, waves: this.wavesOf(uri, model) };
    }
    const file = this.loaded.get(uri.toString());
    return file && this.fromFile(uri, file);
  }

  private fromFile(uri: vscode.Uri, file: FileEntry): PlanSnapshot | PlanProblem {
    if (!file.model) return { uri, problem: file.problem ?? 'cannot be read' };
    return { uri, version: undefined, model: file.model, waves: this.wavesOf(uri, file.model) };
  }

  private forget(key: string): void {
    this.files.delete(key);
    this.loaded.delete(key);
  }

  /** The open document of a plan, if it is open. */
  openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private wavesOf(uri: vscode.Uri, model: PlanModel): PlanWaves {
    const settings = this.plans.settingsFor(uri);
    const cached = this.wavesCache.get(model);
    if (cached && cached.settings === settings) return cached.waves;
    const waves = readWaves(model, { agents: settings.config.agents, waveSequencing: settings.config.waveSequencing });
    this.wavesCache.set(model, { settings, waves });
    return waves;
  }

  private async discover(): Promise<void> {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
    // Watcher events that arrive while the search runs are applied on top of its (older) result.
    const events: { uri: vscode.Uri; created: boolean }[] = [];
    this.eventsWhileDiscovering = events;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.plans.planGlob(folder.uri)));
      // A folder deleted reports the folder only; a folder created with plans in it may report the
      // folder before its files are watched.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.fileCreatedOrDeleted(uri, true)),
        watcher.onDidDelete((uri) => this.fileCreatedOrDeleted(uri, false)),
        watcher.onDidChange((uri) => this.fileChanged(uri)),
        folders,
        folders.onDidCreate((uri) => this.somethingCreated(uri)),
        folders.onDidDelete((uri) => this.folderDeleted(uri)),
      );
    }
    const found = await this.search();
    this.eventsWhileDiscovering = undefined;
    this.found.clear();
    for (const [key, uri] of found) this.found.set(key, uri);
    for (const { uri, created } of events) {
      if (created) this.found.set(uri.toString(), uri);
      else this.found.delete(uri.toString());
    }
  }

  private async search(): Promise<Map<string, vscode.Uri>> {
    const found = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, this.plans.planGlob(folder.uri)))) found.set(uri.toString(), uri);
      } catch {
        // A glob the search cannot take finds nothing; the settings' own validation says why.
      }
    }
    return found;
  }

  private fileCreatedOrDeleted(uri: vscode.Uri, created: boolean): void {
    const key = uri.toString();
    this.forget(key);
    this.eventsWhileDiscovering?.push({ uri, created });
    if (created) this.found.set(key, uri);
    else this.found.delete(key);
    this.scheduleRootRefresh();
  }

  // A checkout may add or remove many plans at once: one refresh for all of them.
  private scheduleRootRefresh(): void {
    if (this.rootTimer) clearTimeout(this.rootTimer);
    this.rootTimer = setTimeout(() => {
      this.rootTimer = undefined;
      // The welcome view follows even while the Plans view is closed (and asks for nothing).
      void vscode.commands.executeCommand('setContext', ContextKeys.hasPlans, this.found.size + this.openOnly.size > 0);
      this.changePlans.fire();
    }, 50);
  }

  private somethingCreated(uri: vscode.Uri): void {
    // Past a thousand new paths (a build, a checkout) searching again is cheaper than a stat each.
    if (this.created.length <= MAX_CREATED_TO_STAT) this.created.push(uri);
    this.createdTimer ??= setTimeout(() => void this.checkCreatedFolders(), 300);
  }

  // New folders may hold plans whose own events were missed: search again, adding what is new.
  private async checkCreatedFolders(): Promise<void> {
    const created = this.created.splice(0);
    this.createdTimer = undefined;
    if (created.length <= MAX_CREATED_TO_STAT) {
      const stats = await Promise.all(created.map((uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then((s) => s.type, () => vscode.FileType.Unknown)));
      if (!stats.some((type) => (type & vscode.FileType.Directory) !== 0)) return;
    }
    let added = false;
    for (const [key, uri] of await this.search()) {
      if (this.found.has(key)) continue;
      this.found.set(key, uri);
      added = true;
    }
    if (added) this.scheduleRootRefresh();
  }

  private folderDeleted(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    for (const [key, uri] of this.found) if (key.startsWith(prefix)) this.fileCreatedOrDeleted(uri, false);
  }

  private fileChanged(uri: vscode.Uri): void {
    this.forget(uri.toString());
    if (!this.openDocument(uri)) this.changePlan.fire(uri);
  }

  private isOpenPlan(doc: vscode.TextDocument): boolean {
    // Only documents of the workspace: a plan shown in a diff (git: scheme) is not another plan.
    return vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined && this.plans.isPlan(doc);
  }

  private documentChanged(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const known = this.found.has(key);
    // A document may become a plan (or stop being one) by its front matter as it is typed.
    if (!known && !this.openOnly.has(key) && !this.isOpenPlan(doc)) return;
    const existing = this.typingTimers.get(key);
    if (existing) clearTimeout(existing);
    const delay = vscode.workspace.getConfiguration(Settings.section, doc.uri).get<number>(Settings.debounceMs) ?? 250;
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        if (known || (this.openOnly.has(key) && this.isOpenPlan(doc))) this.changePlan.fire(doc.uri);
        else this.changePlans.fire();
      }, Math.max(0, Math.min(delay, 5000))),
    );
  }

  private documentOpenedOrClosed(doc: vscode.TextDocument, opened: boolean): void {
    const key = doc.uri.toString();
    if (this.found.has(key)) {
      // Closing drops unsaved changes: show the file again.
      this.forget(key);
      this.changePlan.fire(doc.uri);
    } else if (opened ? this.isOpenPlan(doc) : this.openOnly.has(key)) {
      this.changePlans.fire();
    }
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.typingTimers.forEach((t) => clearTimeout(t));
    if (this.rootTimer) clearTimeout(this.rootTimer);
    if (this.createdTimer) clearTimeout(this.createdTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}

type PlanText = { text: string } | { problem: string };

async function readPlanText(uri: vscode.Uri): Promise<PlanText> {
  try {
    const text = textDecoder.decode(await vscode.workspace.fs.readFile(uri));
    if (text.length > MAX_PLAN_CHARS) return { problem: `too large to track (over ${MAX_PLAN_CHARS / 1_000_000} million characters)` };
    return { text };
  } catch (error) {
    return { problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parsePlanText(read: PlanText): FileEntry {
  return 'text' in read ? { model: parsePlan(read.text), problem: undefined } : { model: undefined, problem: read.problem };
}
