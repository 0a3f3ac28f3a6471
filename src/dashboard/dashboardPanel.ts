// The Rollout Dashboard's panel: one per window. It reads every plan's row from the store, follows the
// store's one change event (only while visible; when shown again it catches up), sends the selected
// plan's identity graph, and opens a plan at the place the user clicked.
import * as vscode from 'vscode';
import { Panels } from '../constants';
import type { PlanChange, PlanStore } from '../plans/planStore';
import { parseDashboardWebviewMessage } from '../protocol/dashboardMessages';
import type { DashboardExtensionMessage, DashboardState, DashboardWebviewMessage } from '../protocol/dashboardMessages';
import { showPlanAt } from '../waves/revealPlanLine';
import { createNonce } from '../webviewPage';
import { renderDashboardHtml } from './dashboardHtml';
import { DashboardRows } from './dashboardRows';

/** What the webview says it drew. */
export interface DashboardRendered {
  generation: number;
  rows: number;
  /** Building the rows in the page. */
  ms: number;
  /** When the page started loading (epoch ms), and since then: its script ran, these rows were on screen. */
  page?: { origin: number; script: number; drawn: number };
}

/** Times of the first opening, in milliseconds from the command. */
export interface DashboardTimings {
  /** Reading every plan's row (files read, parsed, checked), and where that time went. */
  read: number | undefined;
  readParts: { list: number; read: number; rows: number } | undefined;
  /** Until the webview had drawn the first state. */
  firstRender: number | undefined;
  /** When the command ran (epoch ms), to tell when the page started. */
  openedAt: number;
}

export class DashboardPanel implements vscode.Disposable {
  /** The last state sent, and its generation. */
  state: DashboardState | undefined;
  generation = 0;
  lastRendered: DashboardRendered | undefined;
  /** The plan whose identity graph is shown, and the last graph sent for it. */
  selected: string | null;
  graphShown: { plan: string; nodes: number; edges: number; gaps: number } | undefined;
  readonly timings: DashboardTimings = { read: undefined, readParts: undefined, firstRender: undefined, openedAt: Date.now() };
  private readonly rows: DashboardRows;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderWaiters = new Set<{ test: (r: DashboardRendered) => boolean; resolve: (r: DashboardRendered) => void }>();
  private refreshing: Promise<void> | undefined;
  private again = false;
  private stale = false;
  private sentLayout: unknown;
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    plans: PlanStore,
    selected: vscode.Uri | undefined,
    private readonly logLine: (message: string) => void,
    private readonly opened: number,
    private readonly onDispose: () => void,
  ) {
    this.rows = new DashboardRows(plans);
    this.selected = selected?.toString() ?? null;
    this.disposables.push(
      // One listener each, for the panel's whole life.
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      plans.onDidChange((change) => this.changed(change)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Opens the dashboard beside nothing else: it takes the active editor group. */
  static async create(extensionUri: vscode.Uri, plans: PlanStore, selected: vscode.Uri | undefined, logLine: (message: string) => void, onDispose: () => void): Promise<DashboardPanel> {
    const opened = performance.now();
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(Panels.dashboard, vscode.l10n.t('Rollout Dashboard'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [webviewRoot, media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'playbook.svg');
    const dashboard = new DashboardPanel(panel, plans, selected, logLine, opened, onDispose);
    // The page shows at once, saying it reads the plans; the rows follow as a message.
    panel.webview.html = renderDashboardHtml({
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'dashboard.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css')).toString(),
      selected: dashboard.selected,
    });
    void dashboard.refresh();
    return dashboard;
  }

  /** Shows the panel again, with a plan selected when one is given. */
  reveal(select?: vscode.Uri): void {
    this.panel.reveal();
    if (select) {
      this.selected = select.toString();
      this.sentLayout = undefined;
      this.post({ type: 'select', plan: this.selected });
      this.sendGraph();
    }
  }

  /** Resolves when the webview has drawn a state that passes `test` (tests, and the timing of the first opening). */
  whenRendered(test: (rendered: DashboardRendered) => boolean = () => true, timeoutMs = 30_000): Promise<DashboardRendered> {
    if (this.lastRendered && test(this.lastRendered)) return Promise.resolve(this.lastRendered);
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve: (r: DashboardRendered) => {
        clearTimeout(timer);
        resolve(r);
      } };
      const timer = setTimeout(() => {
        this.renderWaiters.delete(waiter);
        reject(new Error(`the dashboard did not draw the expected state within ${timeoutMs} ms (last: ${JSON.stringify(this.lastRendered)})`));
      }, timeoutMs);
      this.renderWaiters.add(waiter);
    });
  }

  private changed(_change: PlanChange): void {
    // Every change is read again from the store, which keeps each plan's version: only what changed is computed.
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    void this.refresh();
  }

  /** Reads the rows and sends them; a change that comes in meanwhile is read once more after. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.stale = false;
    this.refreshing = (async () => {
      do {
        this.again = false;
        const start = performance.now();
        let state: DashboardState;
        try {
          state = await this.rows.read();
        } catch (error) {
          this.logLine(`reading the plans failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('The Rollout Dashboard could not read the plans: {0}', error instanceof Error ? error.message : String(error)));
          return;
        }
        if (this.timings.read === undefined) {
          this.timings.read = performance.now() - start;
          this.timings.readParts = { ...this.rows.lastTimings };
        }
        if (this.disposed) return;
        this.state = state;
        this.generation++;
        this.post({ type: 'state', generation: this.generation, state });
        this.sendGraph();
      } while (this.again && !this.disposed);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Sends the selected plan's graph when it is not the one the webview has. */
  private sendGraph(): void {
    const id = this.selected;
    if (!id || !this.state) return;
    const layout = this.rows.layout(id);
    if (layout && layout === this.sentLayout) return;
    this.sentLayout = layout;
    const plan = this.state.plans.find((p) => p.id === id);
    const unreadable = this.state.unreadable.find((p) => p.id === id);
    if (!plan && !unreadable) return;
    const title = plan ? plan.connector : unreadable!.file;
    this.graphShown = { plan: id, nodes: layout?.nodes.length ?? 0, edges: layout?.edges.length ?? 0, gaps: layout?.edges.filter((e) => e.gap).length ?? 0 };
    this.post(layout ? { type: 'graph', plan: id, title, layout } : { type: 'graph', plan: id, title, layout: null, problem: unreadable?.problem ?? vscode.l10n.t('This plan cannot be read.') });
  }

  private post(message: DashboardExtensionMessage): void {
    if (this.disposed) return;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.logLine(`posting to the dashboard failed: ${String(error)}`));
  }

  /** Handles one message from the webview; never throws. */
  private receive(raw: unknown): void {
    try {
      const parsed = parseDashboardWebviewMessage(raw);
      if (!parsed.ok) {
        this.logLine(`ignored a message from the dashboard: ${parsed.error}`);
        return;
      }
      this.handle(parsed.message);
    } catch (error) {
      this.logLine(`error handling a message from the dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private handle(message: DashboardWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        // A page made again (the panel was hidden) asks for what it shows.
        this.sentLayout = undefined;
        if (this.state) {
          this.post({ type: 'state', generation: this.generation, state: this.state });
          this.sendGraph();
        }
        if (this.stale) void this.refresh();
        return;
      case 'select':
        this.selected = message.plan;
        this.sentLayout = undefined;
        if (message.plan === null) this.graphShown = undefined;
        this.sendGraph();
        return;
      case 'open':
        void this.openAt(message.plan, message.line, message.character ?? 0);
        return;
      case 'rendered': {
        const rendered: DashboardRendered = { generation: message.generation, rows: message.rows, ms: message.ms, ...(message.page ? { page: message.page } : {}) };
        this.lastRendered = rendered;
        if (this.timings.firstRender === undefined && message.generation > 0) this.timings.firstRender = performance.now() - this.opened;
        for (const waiter of [...this.renderWaiters]) {
          if (waiter.test(rendered)) {
            this.renderWaiters.delete(waiter);
            waiter.resolve(rendered);
          }
        }
        return;
      }
    }
  }

  /** Opens a plan the dashboard lists at a line, in the editor that shows it or beside the dashboard. */
  private async openAt(id: string, line: number, character: number): Promise<void> {
    const known = this.rows.version(id)?.uri ?? (this.state?.unreadable.some((p) => p.id === id) ? vscode.Uri.parse(id, true) : undefined);
    if (!known) {
      this.logLine(`ignored a request to open a plan the dashboard does not list: ${id}`);
      return;
    }
    try {
      const document = await vscode.workspace.openTextDocument(known);
      await showPlanAt(document, line, character, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: cannot open {0}: {1}', vscode.workspace.asRelativePath(known), error instanceof Error ? error.message : String(error)));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
    this.onDispose();
  }
}
