import { relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { RULES_DOC_URL } from '../constants';
import { unreadableTemplateFinding } from '../core/config';
import { findingCounts } from '../core/findings';
import type { FindingCounts } from '../core/findings';
import type { CliFinding } from './schemas';
import { toCliFinding } from './schemas';
import { lintPlan } from '../core/lint';
import { parsePlan } from '../core/parser';
import { ConfigLocator, expandPlanPaths, lintOptions, readTextFile } from './files';
import type { CliIo } from './io';
import { ExitCode, UsageError, VERSION } from './io';
import { toSarif } from './sarif';

export const LINT_USAGE = 'usage: connector-playbook lint [--format text|json|sarif] [--max-warnings N] PATH…';

/** `connector-playbook lint`: the same rules as the editor, for CI. */
export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, 'max-warnings': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${LINT_USAGE}\n`);
    return ExitCode.ok;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (positionals.length === 0) throw new UsageError(`no PATH given; ${LINT_USAGE}`);

  const configs = new ConfigLocator();
  const rootConfig = configs.forFolder(io.cwd);
  const files = expandPlanPaths(positionals, io.cwd, rootConfig.config.planGlob);
  const display = (abs: string) => relative(io.cwd, abs).split(sep).join('/') || abs;
  const findings: CliFinding[] = [];
  const reportedConfigs = new Set<string>();
  for (const file of files) {
    const loaded = configs.forFile(file);
    if (loaded.path && !reportedConfigs.has(loaded.path)) {
      reportedConfigs.add(loaded.path);
      findings.push(...loaded.findings.map((f) => toCliFinding(display(loaded.path!), f)));
    }
    // A template that cannot be read is the configuration's problem: reported on it, the bundled one applies.
    const template = configs.templateFor(loaded, () => findings.push(toCliFinding(display(loaded.path!), unreadableTemplateFinding(loaded.text ?? '', loaded.config.template!))));
    const text = readTextFile(file);
    const model = parsePlan(text);
    for (const finding of lintPlan(model, lintOptions(loaded.config, template))) findings.push(toCliFinding(display(file), finding));
  }

  const counts = findingCounts(findings);
  if (format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(findings, VERSION, RULES_DOC_URL), null, 2)}\n`);
  else io.stdout(formatText(findings, files.length, counts, maxWarnings));
  if (counts.errors > 0 || counts.warnings > maxWarnings) return ExitCode.findings;
  return ExitCode.ok;
}

function formatText(findings: CliFinding[], fileCount: number, counts: FindingCounts, maxWarnings: number): string {
  const lines: string[] = [];
  const width = Math.max(0, ...findings.map((f) => `${f.file}:${f.line}:${f.column}`.length));
  for (const f of findings) {
    const where = `${f.file}:${f.line}:${f.column}`.padEnd(width);
    lines.push(`${where}  ${f.severity.padEnd(7)}  ${f.message}  ${f.rule}`);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (findings.length === 0) lines.push(`No problems in ${plural(fileCount, 'plan')}.`);
  else {
    lines.push('');
    lines.push(`${plural(findings.length, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info) in ${plural(fileCount, 'plan')}.`);
  }
  if (counts.warnings > maxWarnings) lines.push(`Too many warnings: ${counts.warnings}, at most ${maxWarnings} allowed (--max-warnings).`);
  return `${lines.join('\n')}\n`;
}
