import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { PlanStore } from '../plans/planStore';
import type { DashboardPanel } from './dashboardPanel';

/** The open dashboard as the extension's API gives it (integration tests, other extensions). */
export type DashboardView = Pick<DashboardPanel, 'state' | 'generation' | 'lastRendered' | 'whenRendered' | 'selected' | 'graphShown' | 'timings' | 'panel'>;

export interface DashboardApi {
  /** Opens the dashboard (or shows it again), with a plan selected when one is given; its code loads on first use. */
  open(select?: vscode.Uri): Promise<DashboardView>;
  /** The open dashboard, if any. */
  readonly current: DashboardView | undefined;
}

/** The Rollout Dashboard: its command, also a button in the Plans view's title. */
export function registerDashboard(context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable & { dashboard: DashboardApi } {
  let current: DashboardPanel | undefined;
  // Made when the dashboard first has something to say.
  let log: vscode.LogOutputChannel | undefined;
  const logLine = (message: string) => (log ??= vscode.window.createOutputChannel(vscode.l10n.t('Connector Playbook: Dashboard'), { log: true })).info(message);
  let opening: Promise<DashboardPanel> | undefined;
  const open = async (select?: vscode.Uri): Promise<DashboardPanel> => {
    if (current) {
      current.reveal(select);
      return current;
    }
    if (opening) {
      // Opened again while it loads: show the plan asked for this time once it is there.
      const panel = await opening;
      panel.reveal(select);
      return panel;
    }
    opening = (async () => {
      // The dashboard's code, the rows' reader and the graph's layout load when it first opens.
      const { DashboardPanel } = await import('./dashboardPanel');
      const panel = await DashboardPanel.create(context.extensionUri, plans, select, logLine, () => {
        if (current === panel) current = undefined;
      });
      current = panel;
      return panel;
    })().finally(() => {
      opening = undefined;
    });
    return opening;
  };
  const dashboard: DashboardApi = {
    open,
    get current() {
      return current;
    },
  };
  const registration = vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.openDashboard, async (target?: unknown) => {
      await open(target instanceof vscode.Uri ? target : undefined);
    }),
    new vscode.Disposable(() => {
      current?.dispose();
      log?.dispose();
    }),
  );
  return Object.assign(registration, { dashboard });
}
