import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePlan } from '../core/parser';
import type { PlanWaves, Wave } from '../core/waves';
import { readWaves } from '../core/waves';
import { toWavesReport } from './schemas';
import { ConfigLocator, readTextFile } from './files';
import type { CliIo } from './io';
import { ExitCode, onePlan, UsageError } from './io';

export const WAVES_USAGE = 'usage: connector-playbook waves PLAN [--format text|json]';

/** `connector-playbook waves`: F4's wave progress and go/no-go count, as text or JSON. */
export async function wavesCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${WAVES_USAGE}\n`);
    return ExitCode.ok;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);

  const file = resolve(io.cwd, onePlan(positionals, WAVES_USAGE));
  // The roster and sequencing of the plan's own .connector-playbook.yaml decide what blocks what.
  const { config } = new ConfigLocator().forFile(file);
  const planWaves = readWaves(parsePlan(readTextFile(file)), { agents: config.agents, waveSequencing: config.waveSequencing });
  if (format === 'json') io.stdout(`${JSON.stringify(toWavesReport(planWaves), null, 2)}\n`);
  else io.stdout(formatText(relative(io.cwd, file).split(sep).join('/') || file, planWaves));
  return ExitCode.ok;
}

function formatText(display: string, planWaves: PlanWaves): string {
  const { waves, progress, goNoGo } = planWaves;
  const lines = [`${display}: tasks ${progress.done}/${progress.total}, go/no-go ${goNoGo.checked}/${goNoGo.total}`];
  if (waves.length === 0) lines.push('  No waves: section F has no "### Wave N" headings.');
  const widest = (text: (w: Wave) => string) => waves.reduce((max, w) => Math.max(max, text(w).length), 0);
  const nameWidth = widest((w) => w.name);
  const statusWidth = widest((w) => w.status);
  const countWidth = widest((w) => `${w.done}/${w.total}`);
  for (const wave of waves) {
    const blockedBy = wave.blockedBy.length ? `  blocked by ${wave.blockedBy.map((w) => waves[w]!.name).join(', ')}` : '';
    const agents = wave.agents.length ? wave.agents.join(' + ') : '(no agent)';
    lines.push(`  ${wave.name.padEnd(nameWidth)}  ${wave.status.padEnd(statusWidth)}  ${`${wave.done}/${wave.total}`.padStart(countWidth)}  ${agents}${blockedBy}`);
  }
  return `${lines.join('\n')}\n`;
}
