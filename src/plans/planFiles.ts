import * as vscode from 'vscode';

/** How many created paths are checked one by one before the plans are simply searched for again. */
const MAX_CREATED_TO_STAT = 1000;

/**
 * The plan files of the workspace: those matching each folder's plan glob, found with
 * `workspace.findFiles` when first asked for and kept current by file watchers from then on.
 */
export class PlanFiles implements vscode.Disposable {
  private readonly found = new Map<string, vscode.Uri>();
  private discovery: Promise<void> | undefined;
  private watchers: vscode.Disposable[] = [];
  private created: vscode.Uri[] = [];
  private createdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when the globs change: a search of an older generation is dropped. */
  private generation = 0;

  constructor(
    private readonly globOf: (folder: vscode.WorkspaceFolder) => string,
    /** Called when a plan file changed on disk (`uri`), and when plan files were added or removed (`setChanged`). */
    private readonly onChange: (uri: vscode.Uri | undefined, setChanged: boolean) => void,
  ) {}

  /** Every plan file, found on first call. */
  async uris(): Promise<vscode.Uri[]> {
    this.discovery ??= this.discover();
    await this.discovery;
    return [...this.found.values()];
  }

  /** Whether a file is one of the plans found (false before the first search). */
  has(uri: vscode.Uri): boolean {
    return this.found.has(uri.toString());
  }

  /** Forgets what was found; the next call to `uris` searches again. */
  reset(): void {
    this.generation++;
    this.discovery = undefined;
    this.found.clear();
    this.disposeWatchers();
  }

  private async discover(): Promise<void> {
    const generation = this.generation;
    this.disposeWatchers();
    // Events that arrive while the search runs are applied on top of its (older) result.
    const events: { uri: vscode.Uri; created: boolean }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const plans = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.globOf(folder)));
      // A deleted folder reports the folder only; a created one may report the folder before its files.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
      this.watchers.push(
        plans,
        folders,
        plans.onDidCreate((uri) => this.createdOrDeleted(uri, true, events)),
        plans.onDidDelete((uri) => this.createdOrDeleted(uri, false, events)),
        plans.onDidChange((uri) => this.onChange(uri, false)),
        folders.onDidCreate((uri) => this.somethingCreated(uri)),
        folders.onDidDelete((uri) => this.folderDeleted(uri)),
      );
    }
    const found = await this.search();
    if (generation !== this.generation) return;
    this.found.clear();
    for (const uri of found) this.found.set(uri.toString(), uri);
    for (const { uri, created } of events) {
      if (created) this.found.set(uri.toString(), uri);
      else this.found.delete(uri.toString());
    }
    events.length = 0;
  }

  private async search(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        found.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, this.globOf(folder)))));
      } catch {
        // A glob the search cannot take finds nothing; the setting's own validation says why.
      }
    }
    return found;
  }

  private createdOrDeleted(uri: vscode.Uri, created: boolean, events: { uri: vscode.Uri; created: boolean }[]): void {
    events.push({ uri, created });
    if (created) this.found.set(uri.toString(), uri);
    else this.found.delete(uri.toString());
    this.onChange(uri, true);
  }

  private somethingCreated(uri: vscode.Uri): void {
    // Past a thousand new paths (a build, a checkout) searching again is cheaper than a stat each.
    if (this.created.length <= MAX_CREATED_TO_STAT) this.created.push(uri);
    this.createdTimer ??= setTimeout(() => void this.checkCreatedFolders(), 300);
  }

  // New folders may hold plans whose own events were missed: search again, adding what is new.
  private async checkCreatedFolders(): Promise<void> {
    const created = this.created;
    this.created = [];
    this.createdTimer = undefined;
    if (created.length <= MAX_CREATED_TO_STAT) {
      const types = await Promise.all(created.map((uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then((s) => s.type, () => vscode.FileType.Unknown)));
      if (!types.some((type) => (type & vscode.FileType.Directory) !== 0)) return;
    }
    let added = false;
    for (const uri of await this.search()) {
      if (this.found.has(uri.toString())) continue;
      this.found.set(uri.toString(), uri);
      added = true;
    }
    if (added) this.onChange(undefined, true);
  }

  private folderDeleted(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    let removed = false;
    for (const key of [...this.found.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.found.delete(key);
      removed = true;
    }
    if (removed) this.onChange(undefined, true);
  }

  private disposeWatchers(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
  }

  dispose(): void {
    this.disposeWatchers();
    if (this.createdTimer) clearTimeout(this.createdTimer);
  }
}
