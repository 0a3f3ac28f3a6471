import { parseArgs } from 'node:util';
import { readDashboardPlan } from '../core/dashboard';
import type { DashboardPlan } from '../core/dashboard';
import { sortDashboardPlans } from '../core/dashboardOrder';
import type { IdentityGraph } from '../core/identity';
import { readIdentityGraph } from '../core/identity';
import type { CliIo } from './io';
import { ExitCode, UsageError } from './io';
import { PlanSet } from './planSet';
import { reportHtml } from './reportHtml';
import { reportMarkdown } from './reportMarkdown';
import { toReport } from './schemas';

export const REPORT_USAGE = 'usage: connector-playbook report [--format markdown|html|json] PATH…';

/**
 * `connector-playbook report`: the Rollout Dashboard as a file, for a CI job summary (Markdown), a
 * page to keep (self-contained HTML) or other tools (JSON). It reports; `lint` is what fails a job.
 */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'markdown' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${REPORT_USAGE}\n`);
    return ExitCode.ok;
  }
  const format = values.format;
  if (format !== 'markdown' && format !== 'html' && format !== 'json') throw new UsageError(`--format must be markdown, html or json, not "${format}"`);
  if (positionals.length === 0) throw new UsageError(`no PATH given; ${REPORT_USAGE}`);

  const plans = new PlanSet(io.cwd);
  const rows: DashboardPlan[] = [];
  const graphs = new Map<string, IdentityGraph>();
  for (const path of plans.expand(positionals)) {
    const plan = plans.read(path);
    const identity = readIdentityGraph(plan.model);
    rows.push(readDashboardPlan({ id: plan.file, file: plan.file, model: plan.model, findings: plan.findings, waves: plan.waves, identity, gate: plan.gate }));
    if (format !== 'json') graphs.set(plan.file, identity);
  }
  const sorted = sortDashboardPlans(rows, 'connector');
  const report = toReport(sorted);
  if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'html') io.stdout(reportHtml(sorted, report, graphs));
  else io.stdout(reportMarkdown(sorted, report, graphs));
  return ExitCode.ok;
}
