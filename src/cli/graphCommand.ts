import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectorOf } from '../core/dashboard';
import { identityMermaid, layoutIdentityGraph, readIdentityGraph, renderIdentitySvg } from '../core/identity';
import { parsePlan } from '../core/parser';
import { readTextFile } from './files';
import type { CliIo } from './io';
import { ExitCode, onePlan, UsageError } from './io';

export const GRAPH_USAGE = 'usage: connector-playbook graph PLAN [--format mermaid|svg]';

/** `connector-playbook graph`: a plan's identity graph (sections C and D) as Mermaid or a self-contained SVG. */
export async function graphCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'mermaid' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(`${GRAPH_USAGE}\n`);
    return ExitCode.ok;
  }
  const format = values.format;
  if (format !== 'mermaid' && format !== 'svg') throw new UsageError(`--format must be mermaid or svg, not "${format}"`);
  const file = resolve(io.cwd, onePlan(positionals, GRAPH_USAGE));
  const model = parsePlan(readTextFile(file));
  const graph = readIdentityGraph(model);
  if (format === 'mermaid') io.stdout(identityMermaid(graph));
  else io.stdout(renderIdentitySvg(layoutIdentityGraph(graph), `Identity graph — ${connectorOf(model, file).name}`));
  return ExitCode.ok;
}
