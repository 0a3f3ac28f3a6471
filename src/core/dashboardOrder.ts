// The dashboard's order and filters (by connector, status, go/no-go, progress or problems) and the
// words of its gate cell. Pure and without imports of the parser, so the webview bundles it as it is.
import type { DashboardGate, DashboardPlan } from './dashboard';

/**
 * The gate cell's words, in the dashboard and the report alike: "2 failing", else "3 to confirm",
 * else "ready". `ready` alone does not decide: the gate is ready as soon as nothing fails, but the
 * cell says what is still to confirm.
 */
export function gateCellText(gate: DashboardGate): string {
  const failing = gate.criteria.filter((c) => c.state === 'fail').length;
  const confirm = gate.criteria.filter((c) => c.state === 'confirm').length;
  return failing ? `${failing} failing` : confirm ? `${confirm} to confirm` : 'ready';
}

export const DASHBOARD_SORT_KEYS = ['connector', 'status', 'goNoGo', 'progress', 'problems'] as const;
export type DashboardSortKey = (typeof DASHBOARD_SORT_KEYS)[number];

/** The statuses in the order a plan moves through them; none first, an unknown one last. */
const STATUS_RANK: Record<string, number> = { draft: 1, 'ready-for-review': 2, go: 3 };

/** A status's place in the order a plan moves through: none, draft, ready-for-review, go, then anything else. */
export function statusRank(status: string | null): number {
  return status === null ? 0 : (STATUS_RANK[status] ?? 4);
}

const ratio = (done: number, total: number) => (total === 0 ? -1 : done / total);
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The plans sorted by a column; ties keep the connector's, then the file's order. */
export function sortDashboardPlans<T extends DashboardPlan>(plans: readonly T[], by: DashboardSortKey, descending = false): T[] {
  const key: Record<DashboardSortKey, (p: DashboardPlan) => number> = {
    connector: () => 0,
    status: (p) => statusRank(p.status),
    goNoGo: (p) => ratio(p.goNoGo.checked, p.goNoGo.total),
    progress: (p) => ratio(p.progress.done, p.progress.total),
    // Errors weigh more than any number of warnings, warnings more than information.
    problems: (p) => p.problems.error * 1e8 + p.problems.warning * 1e4 + Math.min(p.problems.info, 9999),
  };
  const sign = descending ? -1 : 1;
  return [...plans].sort((a, b) => {
    const primary = by === 'connector' ? collator.compare(a.connector, b.connector) : key[by](a) - key[by](b);
    return sign * primary || collator.compare(a.connector, b.connector) || collator.compare(a.file, b.file);
  });
}

export interface DashboardFilter {
  /** A status as written, `none` for plans without one, or undefined for every plan. */
  status?: string;
  /** Text the connector's name or the file's path contains (any case). */
  connector?: string;
}

/** The plans a filter keeps. */
export function filterDashboardPlans<T extends DashboardPlan>(plans: readonly T[], filter: DashboardFilter): T[] {
  const text = filter.connector?.trim().toLowerCase() ?? '';
  return plans.filter((plan) => {
    if (filter.status !== undefined && (plan.status ?? 'none') !== filter.status) return false;
    return !text || plan.connector.toLowerCase().includes(text) || plan.file.toLowerCase().includes(text);
  });
}

/** The statuses the plans have, in the order a plan moves through them (`none` for plans without one). */
export function dashboardStatuses(plans: readonly DashboardPlan[]): string[] {
  const statuses = [...new Set(plans.map((p) => p.status))];
  return statuses.sort((a, b) => statusRank(a) - statusRank(b) || collator.compare(a ?? '', b ?? '')).map((s) => s ?? 'none');
}

/** The sums over the plans of what their rows show, for the line above the table and the report. */
export interface DashboardTotals {
  goNoGo: { checked: number; total: number };
  progress: { done: number; total: number };
  problems: { error: number; warning: number; info: number };
  blockedWaves: number;
}

/** The sums of the plans' go/no-go items, tasks, problems and blocked waves. */
export function dashboardTotals(plans: readonly DashboardPlan[]): DashboardTotals {
  const sum = (pick: (p: DashboardPlan) => number) => plans.reduce((total, p) => total + pick(p), 0);
  return {
    goNoGo: { checked: sum((p) => p.goNoGo.checked), total: sum((p) => p.goNoGo.total) },
    progress: { done: sum((p) => p.progress.done), total: sum((p) => p.progress.total) },
    problems: { error: sum((p) => p.problems.error), warning: sum((p) => p.problems.warning), info: sum((p) => p.problems.info) },
    blockedWaves: sum((p) => p.waves.filter((w) => w.status === 'blocked').length),
  };
}
