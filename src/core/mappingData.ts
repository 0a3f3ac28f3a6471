// Section D's mapping matrix as plain data: what the form shows, what `mapping export` prints and
// what `mapping import` reads. Values are cell texts as the reader sees them (`\|` unescaped).
import * as z from 'zod/mini';
import { english } from './schema';
import type { Finding } from './findings';
import { MAPPING_COLUMNS, cellValue, mappingColumnOfHeader, readMappingMatrix } from './mapping';
import type { MappingColumn, MappingMatrix } from './mapping';
import type { Field, PlanModel } from './plan';
import type { RuleId, Severity } from './rules';
import { normalizeLabel } from './labels';

/** The two fields below the table (template section D). */
export const MAPPING_FIELDS = ['onConflict', 'requiredMetadata'] as const;
export type MappingFieldKey = (typeof MAPPING_FIELDS)[number];

/** The label each field has in the template. */
export const MAPPING_FIELD_LABELS: Record<MappingFieldKey, string> = {
  onConflict: 'onConflict strategy',
  requiredMetadata: 'Required metadata per mapping',
};

/** The longest value a cell or field may get from the form or an import. */
export const MAX_MAPPING_VALUE_CHARS = 2000;
/** The most rows an import may carry. */
export const MAX_MAPPING_ROWS = 5000;

export interface MappingColumnData {
  /** The known column this header names, or null for a column of the author's own. */
  key: MappingColumn | null;
  /** The header as shown (a code span around the whole header removed). */
  header: string;
}

export interface MappingRowData {
  /** Zero-based line of the row in the plan. */
  line: number;
  /** One value per header column; null where a ragged row has no cell. */
  cells: (string | null)[];
  /** Cells past the header's width, kept as written. */
  extra: string[];
}

export interface MappingFieldData {
  label: string;
  value: string;
  present: boolean;
  /** The field goes on past its first line (continuation or nested content): edit it as text. */
  multiline: boolean;
  line: number | null;
}

export type MappingStatus = 'ready' | 'noSection' | 'noTable';

export interface MappingData {
  status: MappingStatus;
  /** The line of section D's heading, if the section exists. */
  sectionLine: number | null;
  tableStartLine: number | null;
  tableEndLine: number | null;
  columns: MappingColumnData[];
  rows: MappingRowData[];
  fields: Record<MappingFieldKey, MappingFieldData>;
}

function fieldData(key: MappingFieldKey, field: Field | undefined): MappingFieldData {
  if (!field) return { label: MAPPING_FIELD_LABELS[key], value: '', present: false, multiline: false, line: null };
  return { label: field.label, value: field.value, present: true, multiline: field.hasContinuation || field.hasNested, line: field.line };
}

/** The fields of section D when there is no table (readMappingMatrix needs a table to report them). */
function sectionFields(model: PlanModel): Record<MappingFieldKey, Field | undefined> {
  const fields = model.fields.filter((f) => f.sectionKey === 'D');
  return {
    onConflict: fields.find((f) => normalizeLabel(f.label) === 'onconflict strategy'),
    requiredMetadata: fields.find((f) => /^required metadata/.test(normalizeLabel(f.label))),
  };
}

/** Reads section D's matrix and its two fields as plain data. */
export function readMappingData(model: PlanModel, matrix: MappingMatrix | undefined = readMappingMatrix(model)): MappingData {
  const section = model.sections.find((s) => s.key === 'D');
  if (!matrix) {
    const fields = sectionFields(model);
    return {
      status: section ? 'noTable' : 'noSection',
      sectionLine: section ? section.heading.line : null,
      tableStartLine: null,
      tableEndLine: null,
      columns: [],
      rows: [],
      fields: { onConflict: fieldData('onConflict', fields.onConflict), requiredMetadata: fieldData('requiredMetadata', fields.requiredMetadata) },
    };
  }
  const width = matrix.table.header.cells.length;
  const columns = matrix.table.header.cells.map((cell, index): MappingColumnData => {
    const key = mappingColumnOfHeader(cell.text);
    return { key: key && matrix.columnIndex[key] === index ? key : null, header: cellValue(cell.text) };
  });
  const rows = matrix.rows.map((row): MappingRowData => ({
    line: row.line,
    cells: Array.from({ length: width }, (_, index) => row.cells[index]?.text ?? null),
    extra: row.extraCells.map((cell) => cell.text),
  }));
  return {
    status: 'ready',
    sectionLine: section ? section.heading.line : null,
    tableStartLine: matrix.table.startLine,
    tableEndLine: matrix.table.endLine,
    columns,
    rows,
    fields: { onConflict: fieldData('onConflict', matrix.onConflict), requiredMetadata: fieldData('requiredMetadata', matrix.requiredMetadata) },
  };
}

/** Where in the form a finding belongs. */
export type MappingFindingTarget =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'row'; row: number }
  | { kind: 'field'; field: MappingFieldKey }
  | { kind: 'table' };

export interface MappingFinding {
  target: MappingFindingTarget;
  rule: RuleId;
  severity: Severity;
  message: string;
}

/**
 * Places the linter's findings (the one rule engine) on the form: a finding on a cell's text goes
 * to that cell, one on a field's line to that field, anything else inside the table to its row.
 */
export function locateMappingFindings(model: PlanModel, data: MappingData, findings: readonly Finding[]): MappingFinding[] {
  const located: MappingFinding[] = [];
  const rowByLine = new Map<number, number>();
  data.rows.forEach((row, index) => rowByLine.set(row.line, index));
  const matrix = data.status === 'ready' ? readMappingMatrix(model) : undefined;
  for (const finding of findings) {
    const line = finding.range.start.line;
    const place = (target: MappingFindingTarget) => located.push({ target, rule: finding.rule, severity: finding.severity, message: finding.message });
    const field = MAPPING_FIELDS.find((key) => data.fields[key].line === line);
    if (field) {
      place({ kind: 'field', field });
      continue;
    }
    if (data.tableStartLine === null || data.tableEndLine === null || line < data.tableStartLine || line >= data.tableEndLine) continue;
    const row = rowByLine.get(line);
    if (row === undefined) {
      place({ kind: 'table' });
      continue;
    }
    const cells = matrix?.rows[row]?.cells ?? [];
    const at = finding.range.start.character;
    // The cell whose text (or, for an empty cell, whose widened one-character range) holds the start.
    const column = cells.findIndex((cell, index) => index < data.columns.length && at >= cell.range.start.character - 1 && at <= Math.max(cell.range.end.character, cell.range.start.character));
    if (column >= 0) place({ kind: 'cell', row, column });
    else place({ kind: 'row', row });
  }
  return located;
}

// ---- Exchange: JSON and CSV ----------------------------------------------------------------

// No length limit here: a value longer than MAX_MAPPING_VALUE_CHARS is refused only if it changes.
const valueSchema = z.string();

/** One mapping row as `mapping export` prints it and `mapping import` reads it (a missing key is an empty cell). */
export const MappingExchangeRowSchema = z.strictObject({
    purpose: z.optional(valueSchema),
    source: z.optional(valueSchema),
    externalId: z.optional(valueSchema),
    internalEntity: z.optional(valueSchema),
    cardinality: z.optional(valueSchema),
    enforcedIn: z.optional(valueSchema),
  });

/** The JSON of `connector-playbook mapping export|import`. */
export const MappingExchangeSchema = z.strictObject({
    rows: z.array(MappingExchangeRowSchema).check(z.maxLength(MAX_MAPPING_ROWS)),
    onConflict: z.optional(valueSchema),
    requiredMetadata: z.optional(valueSchema),
  });
export type MappingExchange = z.infer<typeof MappingExchangeSchema>;
export type MappingExchangeRow = z.infer<typeof MappingExchangeSchema>['rows'][number];

/** The matrix as the export JSON: every row with all six keys, and each field that is present. */
export function toMappingExchange(data: MappingData): MappingExchange {
  const indexOf = columnIndexOf(data);
  const rows = data.rows.map((row) => {
    const out = {} as Record<MappingColumn, string>;
    for (const column of MAPPING_COLUMNS) {
      const index = indexOf[column];
      out[column] = index === undefined ? '' : (row.cells[index] ?? '');
    }
    return out;
  });
  const exchange: MappingExchange = { rows };
  if (data.fields.onConflict.present) exchange.onConflict = data.fields.onConflict.value;
  if (data.fields.requiredMetadata.present) exchange.requiredMetadata = data.fields.requiredMetadata.value;
  return exchange;
}

function columnIndexOf(data: MappingData): Partial<Record<MappingColumn, number>> {
  const indexOf: Partial<Record<MappingColumn, number>> = {};
  data.columns.forEach((column, index) => {
    if (column.key) indexOf[column.key] = index;
  });
  return indexOf;
}

/** What an import asks for: values for some of the table's columns, row by row, and maybe the fields. */
export interface MappingImport {
  /** Header column indices the rows give values for. */
  columns: number[];
  rows: string[][];
  onConflict?: string;
  requiredMetadata?: string;
}

export type ImportResult = { ok: true; value: MappingImport } | { ok: false; message: string };

/** Turns export JSON into an import of the table's known columns. */
export function importFromExchange(data: MappingData, exchange: MappingExchange): ImportResult {
  const indexOf = columnIndexOf(data);
  const columns: number[] = [];
  const keys: MappingColumn[] = [];
  for (const column of MAPPING_COLUMNS) {
    const index = indexOf[column];
    if (index !== undefined) {
      columns.push(index);
      keys.push(column);
      continue;
    }
    const rowIndex = exchange.rows.findIndex((row) => (row[column] ?? '').trim() !== '');
    if (rowIndex >= 0) return { ok: false, message: `Row ${rowIndex + 1} has a value for "${column}", but the table has no such column; add the column to the table first.` };
  }
  const rows = exchange.rows.map((row) => keys.map((key) => row[key] ?? ''));
  const value: MappingImport = { columns, rows };
  if (exchange.onConflict !== undefined) value.onConflict = exchange.onConflict;
  if (exchange.requiredMetadata !== undefined) value.requiredMetadata = exchange.requiredMetadata;
  return { ok: true, value };
}

/** Parses import JSON text; a clear message when it is not JSON or not the export's shape. */
export function parseMappingJson(text: string): { ok: true; value: MappingExchange } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = MappingExchangeSchema.safeParse(json, english);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the top level';
    return { ok: false, message: `not a mapping matrix: ${where}: ${issue.message}` };
  }
  return { ok: true, value: parsed.data };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The matrix as CSV: the table's own header, then one line per row (extra cells left out). */
export function toMappingCsv(data: MappingData): string {
  const lines = [data.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of data.rows) lines.push(row.cells.map((cell) => csvField(cell ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** Parses CSV (RFC 4180: quotes, doubled quotes, CRLF or LF); a message on unbalanced quotes. */
export function parseCsv(text: string): { ok: true; records: string[][] } | { ok: false; message: string } {
  const src = stripBom(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  let quoteLine = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return { ok: false, message: `line ${quoteLine}: a quoted field is never closed` };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records: records.filter((r) => !(r.length === 1 && r[0] === '')) };
}

/** Turns CSV records (first one the header) into an import; columns are matched to the table's by header. */
export function importFromCsv(data: MappingData, records: string[][]): ImportResult {
  const [header, ...rows] = records;
  if (!header) return { ok: false, message: 'the CSV is empty: it needs at least the header line' };
  if (rows.length > MAX_MAPPING_ROWS) return { ok: false, message: `the CSV has ${rows.length} rows; at most ${MAX_MAPPING_ROWS} can be imported` };
  const columns: number[] = [];
  for (const name of header) {
    const wanted = name.trim();
    let index = data.columns.findIndex((c) => normalizeLabel(c.header) === normalizeLabel(wanted));
    if (index < 0) {
      const key = mappingColumnOfHeader(wanted);
      index = key ? data.columns.findIndex((c) => c.key === key) : -1;
    }
    if (index < 0) return { ok: false, message: `the CSV column "${wanted}" is not a column of the table (${data.columns.map((c) => c.header).join(', ')})` };
    if (columns.includes(index)) return { ok: false, message: `the CSV names the column "${wanted}" twice` };
    columns.push(index);
  }
  const values: string[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== header.length) return { ok: false, message: `CSV row ${r + 1} has ${row.length} fields but the header has ${header.length}` };
    values.push(row);
  }
  return { ok: true, value: { columns, rows: values } };
}
