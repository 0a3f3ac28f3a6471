// The CLI's JSON output, as schemas: what `lint`, `waves`, `gate` and `report` print with `--format json`.
import type { DashboardPlan } from '../core/dashboard';
import { dashboardStatuses, dashboardTotals } from '../core/dashboardOrder';
import type { Finding } from '../core/findings';
import { findingSummary } from '../core/tools/planSummary';
import { SeveritySchema } from '../core/rules';
import * as z from 'zod/mini';
import type { PlanWaves } from '../core/waves';
import type { GateResult } from '../core/gate';
import { GATE_CRITERION_IDS } from '../core/gate';

const count = z.number().check(z.int(), z.minimum(0));
const oneBased = z.number().check(z.int(), z.minimum(1));

/** A finding as the CLI prints it in JSON: 1-based lines and columns. */
const CliFindingSchema = z.strictObject({
  file: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  line: oneBased,
  column: oneBased,
  endLine: oneBased,
  endColumn: oneBased,
});
export type CliFinding = z.infer<typeof CliFindingSchema>;
export const CliFindingsSchema = z.array(CliFindingSchema);

/** Converts a core finding to the CLI's 1-based shape. */
export function toCliFinding(file: string, finding: Finding): CliFinding {
  return { file, ...findingSummary(finding) };
}

/** The JSON of `connector-playbook waves`. */
export const WavesReportSchema = z.strictObject({
  waves: z.array(
    z.strictObject({
      name: z.string(),
      agents: z.array(z.string()),
      done: count,
      total: count,
      status: z.enum(['done', 'in-progress', 'blocked', 'not-started']),
      blockedBy: z.array(z.string()),
    }),
  ),
  progress: z.strictObject({ done: count, total: count }),
  goNoGo: z.strictObject({ checked: count, total: count }),
});
export type WavesReport = z.infer<typeof WavesReportSchema>;

/** A plan's waves as the CLI prints them in JSON. */
export function toWavesReport(planWaves: PlanWaves): WavesReport {
  return {
    waves: planWaves.waves.map((wave) => ({
      name: wave.name,
      agents: wave.agents,
      done: wave.done,
      total: wave.total,
      status: wave.status,
      blockedBy: wave.blockedBy.map((w) => planWaves.waves[w]!.name),
    })),
    progress: { done: planWaves.progress.done, total: planWaves.progress.total },
    goNoGo: { checked: planWaves.goNoGo.checked, total: planWaves.goNoGo.total },
  };
}

/** The JSON of `connector-playbook gate`: lines 1-based, the criteria in the playbook's order. */
export const GateReportSchema = z.strictObject({
  plan: z.string(),
  ready: z.boolean(),
  criteria: z.array(
    z.strictObject({
      id: z.enum(GATE_CRITERION_IDS),
      title: z.string(),
      state: z.enum(['pass', 'fail', 'confirm']),
      reason: z.string(),
      line: z.optional(oneBased),
    }),
  ),
});
export type GateReport = z.infer<typeof GateReportSchema>;

/** A gate's result as the CLI prints it in JSON. */
export function toGateReport(plan: string, result: GateResult, ready: boolean): GateReport {
  return {
    plan,
    ready,
    criteria: result.criteria.map((c) => ({ id: c.id, title: c.title, state: c.state, reason: c.reason, ...(c.line !== undefined ? { line: c.line + 1 } : {}) })),
  };
}

/** A plan's row in `connector-playbook report --format json`: the dashboard's row, without lines. */
const ReportPlanSchema = z.strictObject({
  file: z.string(),
  connector: z.string(),
  /** The front matter's status as written; null when there is none. */
  status: z.nullable(z.string()),
  goNoGo: z.strictObject({ checked: count, total: count }),
  progress: z.strictObject({ done: count, total: count }),
  waves: z.array(
    z.strictObject({
      name: z.string(),
      done: count,
      total: count,
      status: z.enum(['done', 'in-progress', 'blocked', 'not-started']),
      blockedBy: z.array(z.string()),
    }),
  ),
  problems: z.strictObject({ error: count, warning: count, info: count }),
  identity: z.strictObject({ links: count, rows: count, gaps: count, ruleOfThumbBreaks: count }),
  gate: z.strictObject({
    ready: z.boolean(),
    criteria: z.array(z.strictObject({ id: z.string(), state: z.enum(['pass', 'fail', 'confirm']) })),
  }),
});
export type ReportPlan = z.infer<typeof ReportPlanSchema>;

/** The JSON of `connector-playbook report`. */
export const ReportSchema = z.strictObject({
  plans: z.array(ReportPlanSchema),
  totals: z.strictObject({
    plans: count,
    /** Plans per status (`none` for plans without one). */
    byStatus: z.record(z.string(), count),
    goNoGo: z.strictObject({ checked: count, total: count }),
    progress: z.strictObject({ done: count, total: count }),
    problems: z.strictObject({ error: count, warning: count, info: count }),
    blockedWaves: count,
  }),
});
export type Report = z.infer<typeof ReportSchema>;

/** The dashboard's rows as the report's JSON. */
export function toReport(rows: readonly DashboardPlan[]): Report {
  const plans = rows.map(
    (row): ReportPlan => ({
      file: row.file,
      connector: row.connector,
      status: row.status,
      goNoGo: { checked: row.goNoGo.checked, total: row.goNoGo.total },
      progress: { done: row.progress.done, total: row.progress.total },
      waves: row.waves.map((w) => ({ name: w.name, done: w.done, total: w.total, status: w.status, blockedBy: w.blockedBy })),
      problems: { error: row.problems.error, warning: row.problems.warning, info: row.problems.info },
      identity: { links: row.identity.links, rows: row.identity.rows, gaps: row.identity.gaps, ruleOfThumbBreaks: row.identity.ruleOfThumbBreaks },
      gate: { ready: row.gate.ready, criteria: row.gate.criteria.map((c) => ({ id: c.id, state: c.state })) },
    }),
  );
  const byStatus: Record<string, number> = {};
  for (const status of dashboardStatuses(rows)) byStatus[status] = plans.filter((p) => (p.status ?? 'none') === status).length;
  return {
    plans,
    totals: {
      plans: plans.length,
      byStatus,
      ...dashboardTotals(rows),
    },
  };
}
