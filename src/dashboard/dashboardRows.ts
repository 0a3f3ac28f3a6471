// The dashboard's rows from the store: every plan it lists (PlanStore.planUris) read through
// planAt, one row per plan version (kept while the version lives), unreadable plans said apart.
import * as vscode from 'vscode';
import { readDashboardPlan } from '../core/dashboard';
import type { DashboardPlan, DashboardUnreadable } from '../core/dashboard';
import { layoutIdentityGraph } from '../core/identity';
import type { IdentityLayout } from '../core/identity';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';
import type { DashboardState } from '../protocol/dashboardMessages';
import { readGateWithoutRunning } from '../core/gate';

/** Rows computed before the host gets a turn. */
const ROWS_PER_TURN = 25;

/** Reads the dashboard's state and a plan's identity graph from the store; computes each once per plan version. */
export class DashboardRows {
  private readonly rows = new WeakMap<PlanVersion, DashboardPlan>();
  private readonly layouts = new WeakMap<PlanVersion, IdentityLayout>();
  private versions = new Map<string, PlanVersion>();
  /** Where the last read's time went, in milliseconds: listing the plans, reading and parsing them, their rows (rules, waves, graph). */
  lastTimings = { list: 0, read: 0, rows: 0 };

  constructor(private readonly plans: PlanStore) {}

  /** Every plan's row, in the store's order (by path); the webview sorts and filters. */
  async read(): Promise<DashboardState> {
    const t0 = performance.now();
    const uris = await this.plans.planUris();
    const t1 = performance.now();
    const read = await Promise.all(uris.map((uri) => this.plans.planAt(uri)));
    const t2 = performance.now();
    const plans: DashboardPlan[] = [];
    const unreadable: DashboardUnreadable[] = [];
    const versions = new Map<string, PlanVersion>();
    for (let index = 0; index < read.length; index++) {
      // Now and then the host gets a turn (the webview's page is being made meanwhile): rules run on every plan here.
      if (index > 0 && index % ROWS_PER_TURN === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      const result = read[index]!;
      const uri = uris[index]!;
      const file = vscode.workspace.asRelativePath(uri);
      if ('problem' in result) {
        unreadable.push({ id: uri.toString(), file, problem: result.problem });
        continue;
      }
      try {
        plans.push(this.row(result, file));
        versions.set(uri.toString(), result);
      } catch (error) {
        // A plan the rows cannot be read from is listed apart; the others still show.
        unreadable.push({ id: uri.toString(), file, problem: vscode.l10n.t('This plan cannot be shown: {0}', error instanceof Error ? error.message : String(error)) });
      }
    }
    this.versions = versions;
    this.lastTimings = { list: t1 - t0, read: t2 - t1, rows: performance.now() - t2 };
    return { plans, unreadable };
  }

  /** The plan an id (its URI) names, if the last state listed it. */
  version(id: string): PlanVersion | undefined {
    return this.versions.get(id);
  }

  /** A listed plan's identity graph, laid out. */
  layout(id: string): IdentityLayout | undefined {
    const version = this.versions.get(id);
    if (!version) return undefined;
    let layout = this.layouts.get(version);
    if (!layout) {
      layout = layoutIdentityGraph(version.identity);
      this.layouts.set(version, layout);
    }
    return layout;
  }

  private row(version: PlanVersion, file: string): DashboardPlan {
    let row = this.rows.get(version);
    if (!row || row.file !== file) {
      // The gate as the plan reads now; its commands run only in Check Ready for Review.
      const gate = readGateWithoutRunning(version.model, version.findings, version.settings.config.gate);
      row = readDashboardPlan({ id: version.uri.toString(), file, model: version.model, findings: version.findings, waves: version.waves, identity: version.identity, gate });
      this.rows.set(version, row);
    }
    return row;
  }
}
