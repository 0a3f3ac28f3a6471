// The Rollout Dashboard's entry point: reads the initial state, says `ready`, shows every state and
// graph the extension sends, and asks it to open a plan at a line or to send a plan's graph. Holds
// view state only (sort, filters, selection), kept across reloads of the page.
import { DASHBOARD_SORT_KEYS } from '../../src/core/dashboardOrder';
import { parseDashboardExtensionMessage } from '../../src/protocol/dashboardMessages';
import type { DashboardExtensionMessage, DashboardWebviewMessage } from '../../src/protocol/dashboardMessages';
import { registerStatusComponents } from '../toolkit';
import { DashboardView, DEFAULT_VIEW } from './dashboardView';
import type { ViewState } from './dashboardView';

interface VsCodeApi {
  postMessage(message: DashboardWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function readInitial(): { selected: string | null } {
  try {
    // The page is made before the plans are read: the rows come as a message.
    const raw = JSON.parse(document.getElementById('initial-state')?.textContent ?? 'null') as { selected?: unknown } | null;
    return { selected: typeof raw?.selected === 'string' ? raw.selected : null };
  } catch {
    return { selected: null };
  }
}

/** The view state saved by an earlier page, where it is still valid. */
function savedView(saved: unknown): ViewState {
  const view = { ...DEFAULT_VIEW };
  if (!saved || typeof saved !== 'object') return view;
  const s = saved as Record<string, unknown>;
  if (typeof s.sort === 'string' && (DASHBOARD_SORT_KEYS as readonly string[]).includes(s.sort)) view.sort = s.sort as ViewState['sort'];
  if (typeof s.descending === 'boolean') view.descending = s.descending;
  if (typeof s.status === 'string') view.status = s.status;
  if (typeof s.connector === 'string') view.connector = s.connector;
  if (typeof s.selected === 'string') view.selected = s.selected;
  return view;
}

function start(): void {
  const scriptStarted = performance.now();
  const vscode = acquireVsCodeApi();
  registerStatusComponents();
  const initial = readInitial();
  const view = savedView(vscode.getState());
  if (initial.selected) view.selected = initial.selected;
  const dashboard = new DashboardView(document.getElementById('app')!, view, {
    open: (plan, line) => vscode.postMessage({ type: 'open', plan, line }),
    select: (plan) => vscode.postMessage({ type: 'select', plan }),
    saved: (state) => vscode.setState(state),
  });

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseDashboardExtensionMessage(event.data);
    if (parsed.ok) handle(parsed.message);
  });

  function handle(message: DashboardExtensionMessage): void {
    switch (message.type) {
      case 'state': {
        const start = performance.now();
        const rows = dashboard.showState(message.state);
        // Said once the rows are on screen (the next frame), with the time they took to build.
        requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', generation: message.generation, rows, ms: performance.now() - start, page: { origin: performance.timeOrigin, script: scriptStarted, drawn: performance.now() } }));
        return;
      }
      case 'graph':
        dashboard.showGraph(message.plan, message.title, message.layout, message.problem);
        return;
      case 'select':
        dashboard.select(message.plan);
        return;
    }
  }

  document.addEventListener('securitypolicyviolation', (event) => console.warn(`CSP: ${event.violatedDirective} blocked ${event.blockedURI || 'inline content'}`));
  vscode.postMessage({ type: 'ready' });
  // A selection kept from an earlier page asks for its graph again.
  if (view.selected) vscode.postMessage({ type: 'select', plan: view.selected });
}

start();
