import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { GateCommandOutcome, GateResult } from '../core/gate';
import { evaluateGate, gateReady } from '../core/gate';
import { lintPlan } from '../core/lint';
import { parsePlan } from '../core/parser';
import { ConfigLocator, lintOptions, readTextFile } from './files';
import { runGateCommands } from './gateRunner';
import type { CliIo } from './io';
import { ExitCode, onePlan, UsageError } from './io';
import { toGateReport } from './schemas';

export const GATE_USAGE = 'usage: connector-playbook gate PLAN [--format text|json] [--no-run] [--strict]';

/**
 * `connector-playbook gate`: the playbook's "Ready For Review" gate (§6) on one plan. Runs the
 * lint and build commands of `.connector-playbook.yaml` (unless `--no-run`), their output on stderr.
 */
export async function gateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'no-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${GATE_USAGE}\n`);
    return ExitCode.ok;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);

  const file = resolve(io.cwd, onePlan(positionals, GATE_USAGE));
  const display = relative(io.cwd, file).split(sep).join('/') || file;
  const model = parsePlan(readTextFile(file));
  const configs = new ConfigLocator();
  const loaded = configs.forFile(file);
  const { config } = loaded;
  // A broken configuration means no commands: say so, rather than let them look unconfigured.
  if (loaded.path && loaded.findings.some((f) => f.severity === 'error')) {
    io.stderr(`connector-playbook gate: ${relative(io.cwd, loaded.path).split(sep).join('/')} has errors, so its defaults apply (connector-playbook lint shows them)\n`);
  }
  const findings = lintPlan(model, lintOptions(config, configs.templateFor(loaded)));
  const configured = { lint: config.gate.lint, build: config.gate.build };
  let outcomes: { lint?: GateCommandOutcome; build?: GateCommandOutcome } = {};
  if (values['no-run']) {
    for (const key of ['lint', 'build'] as const) {
      const command = configured[key];
      if (command) outcomes[key] = { kind: 'not-run', command, reason: '--no-run' };
    }
  } else if (loaded.path) {
    // From the folder of .connector-playbook.yaml: the workspace the commands are written for.
    outcomes = await runGateCommands(configured, { cwd: dirname(loaded.path), trusted: true, timeoutSeconds: config.gate.timeoutSeconds, onOutput: (text) => io.stderr(text) });
  }
  const result = evaluateGate(model, { findings, configured, outcomes });
  const ready = gateReady(result, values.strict);
  if (format === 'json') io.stdout(`${JSON.stringify(toGateReport(display, result, ready), null, 2)}\n`);
  else io.stdout(formatText(display, result, ready));
  return ready ? ExitCode.ok : ExitCode.findings;
}

const STATE_TEXT = { pass: 'pass', fail: 'FAIL', confirm: 'confirm' } as const;

function formatText(display: string, result: GateResult, ready: boolean): string {
  const fails = result.criteria.filter((c) => c.state === 'fail').length;
  const confirms = result.criteria.filter((c) => c.state === 'confirm').length;
  let summary: string;
  if (fails) summary = `not ready for review: ${fails} failing${confirms ? `, ${confirms} to confirm` : ''}`;
  else if (!confirms) summary = 'ready for review';
  else if (!ready) summary = `not ready for review (--strict): ${confirms} to confirm`;
  else summary = `ready for review once a person confirms ${confirms} criteri${confirms === 1 ? 'on' : 'a'}`;
  const lines = [`${display}: ${summary}`];
  for (const c of result.criteria) {
    lines.push(`  ${STATE_TEXT[c.state].padEnd(7)}  ${c.id} — ${c.title}`);
    lines.push(`           ${c.reason}${c.line !== undefined ? `  ${display}:${c.line + 1}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
