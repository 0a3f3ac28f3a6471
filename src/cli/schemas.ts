// The CLI's JSON output, as schemas: what `lint`, `waves` and `gate` print with `--format json`.
import type { Finding } from '../core/findings';
import { SeveritySchema } from '../core/rules';
import * as z from 'zod/mini';
import type { PlanWaves } from '../core/waves';
import type { GateResult } from '../core/gate';
import { GATE_CRITERION_IDS } from '../core/gate';

const count = z.number().check(z.int(), z.minimum(0));
const oneBased = z.number().check(z.int(), z.minimum(1));

/** A finding as the CLI prints it in JSON: 1-based lines and columns. */
export const CliFindingSchema = z.strictObject({
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
  return {
    file,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  };
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
