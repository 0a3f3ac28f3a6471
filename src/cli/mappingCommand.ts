import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importFromCsv, importFromExchange, parseCsv, parseMappingJson, readMappingData, toMappingCsv, toMappingExchange } from '../core/mappingData';
import type { ImportResult, MappingData } from '../core/mappingData';
import { editMappingMatrix } from '../core/mappingEdit';
import { parsePlan } from '../core/parser';
import { applyTextEditsToBytes, decodeUtf8 } from '../core/utf8';
import { readFileBytes, readTextFile } from './files';
import type { CliIo } from './io';
import { ExitCode, UsageError } from './io';

export const MAPPING_USAGE = `usage: connector-playbook mapping export PLAN [--format json|csv]
       connector-playbook mapping import PLAN FILE|- [--format json|csv]`;

type Format = 'json' | 'csv';

function formatOption(value: string | undefined): Format | undefined {
  if (value === undefined) return undefined;
  if (value !== 'json' && value !== 'csv') throw new UsageError(`--format must be json or csv, not "${value}"`);
  return value;
}

function readMatrix(planPath: string, text: string): { data: MappingData; model: ReturnType<typeof parsePlan> } {
  const model = parsePlan(text);
  const data = readMappingData(model);
  if (data.status === 'noSection') throw new UsageError(`${planPath}: no section D (Mapping Rules + Cardinality) in the plan`);
  if (data.status === 'noTable') throw new UsageError(`${planPath}: section D has no mapping table`);
  return { data, model };
}

/** `connector-playbook mapping export|import`: section D's matrix as JSON or CSV, and back. */
export async function mappingCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(`${MAPPING_USAGE}\n`);
    return ExitCode.ok;
  }
  const [action, planArg, fileArg, ...rest] = positionals;
  const format = formatOption(values.format);
  if (action === 'export') {
    if (!planArg || fileArg !== undefined) throw new UsageError(`export takes one PLAN; ${MAPPING_USAGE.split('\n')[0]}`);
    const { data } = readMatrix(planArg, readTextFile(resolve(io.cwd, planArg)));
    io.stdout(format === 'csv' ? toMappingCsv(data) : `${JSON.stringify(toMappingExchange(data), null, 2)}\n`);
    return ExitCode.ok;
  }
  if (action === 'import') {
    if (!planArg || !fileArg || rest.length > 0) throw new UsageError(`import takes PLAN and FILE (or - for standard input); ${MAPPING_USAGE.split('\n')[1]!.trim()}`);
    const planPath = resolve(io.cwd, planArg);
    // The edit is computed on the text but written into the bytes: a byte that is not UTF-8
    // elsewhere in the plan stays as it is.
    const bytes = readFileBytes(planPath);
    const text = decodeUtf8(bytes);
    const { data, model } = readMatrix(planArg, text);
    const input = fileArg === '-' ? await io.readStdin() : readTextFile(resolve(io.cwd, fileArg));
    const source = fileArg === '-' ? 'standard input' : fileArg;
    const kind: Format = format ?? (/\.csv$/i.test(fileArg) ? 'csv' : /\.json$/i.test(fileArg) ? 'json' : input.trimStart().startsWith('{') ? 'json' : 'csv');
    let imported: ImportResult;
    if (kind === 'json') {
      const parsed = parseMappingJson(input);
      if (!parsed.ok) throw new UsageError(`${source}: ${parsed.message}`);
      imported = importFromExchange(data, parsed.value);
    } else {
      const parsed = parseCsv(input);
      if (!parsed.ok) throw new UsageError(`${source}: ${parsed.message}`);
      imported = importFromCsv(data, parsed.records);
    }
    if (!imported.ok) throw new UsageError(`${source}: ${imported.message}`);
    const result = editMappingMatrix(model, [{ kind: 'replaceRows', import: imported.value }]);
    if (!result.ok) throw new UsageError(`${planArg}: ${result.message}`);
    if (result.edits.length === 0) {
      io.stdout(`${planArg}: the mapping matrix already matches ${source}; nothing written.\n`);
      return ExitCode.ok;
    }
    const written = applyTextEditsToBytes(bytes, result.edits);
    if (!written.ok) throw new UsageError(`${planArg}: ${written.message}. Nothing was written.`);
    try {
      writeFileSync(planPath, written.bytes);
    } catch (error) {
      throw new UsageError(`${planArg}: cannot write: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stdout(`${planArg}: mapping matrix updated from ${source} (${imported.value.rows.length} rows).\n`);
    return ExitCode.ok;
  }
  throw new UsageError(action ? `unknown mapping action "${action}"; ${MAPPING_USAGE}` : MAPPING_USAGE);
}
