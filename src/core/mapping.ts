import type { Field, PlanModel, Table, TableCell } from './plan';
import { normalizeLabel } from './labels';

/** The columns of the mapping design matrix (playbook §3). */
export const MAPPING_COLUMNS = ['purpose', 'source', 'externalId', 'internalEntity', 'cardinality', 'enforcedIn'] as const;
export type MappingColumn = (typeof MAPPING_COLUMNS)[number];

const HEADER_NAMES: Record<string, MappingColumn> = {
  'mapping purpose': 'purpose',
  purpose: 'purpose',
  source: 'source',
  'external id': 'externalId',
  'external key': 'externalId',
  'internal entity': 'internalEntity',
  entity: 'internalEntity',
  cardinality: 'cardinality',
  'enforced in': 'enforcedIn',
  enforcement: 'enforcedIn',
  'enforced by': 'enforcedIn',
};

export interface MappingRow {
  line: number;
  cells: TableCell[];
  columns: Partial<Record<MappingColumn, TableCell>>;
  /** Cells past the header's width, kept as written. */
  extraCells: TableCell[];
}

export interface MappingMatrix {
  table: Table;
  /** Column index of each known column. */
  columnIndex: Partial<Record<MappingColumn, number>>;
  rows: MappingRow[];
  onConflict: Field | undefined;
  requiredMetadata: Field | undefined;
}

/** A cell's value with a code span around the whole of it removed. */
export function cellValue(text: string): string {
  if (text.charCodeAt(0) !== 96) return text.trim();
  // The opening run of backticks, and a closing run of the same length ending the text.
  const end = text.length;
  let fence = 1;
  while (fence < end && text.charCodeAt(fence) === 96) fence++;
  let closing = 0;
  while (closing < end - fence && text.charCodeAt(end - 1 - closing) === 96) closing++;
  if (closing !== fence || end - 2 * fence < 1) return text.trim();
  // "`a` and `b`" is two code spans, not one: the inside may not hold a run as long as the fence.
  for (let i = fence; i < end - fence; i++) {
    const c = text.charCodeAt(i);
    // A line break or separator: where it may stand depends on the spaces by the fences; rare in a cell.
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return codeSpanValueByPattern(text);
    if (c !== 96) continue;
    let run = 1;
    while (text.charCodeAt(i + run) === 96 && i + run < end - fence) run++;
    if (run === fence) return text.trim();
    i += run - 1;
  }
  return text.slice(fence, end - fence).trim();
}

// The definition of cellValue: a run of backticks, an inside (neither starting nor ending with a
// backtick, no line break in between, a space by each fence aside), the same run; unless the inside
// holds a run as long as the fence.
function codeSpanValueByPattern(text: string): string {
  const match = /^(`+)\s?([^`](?:.*?[^`])?)\s?\1$/.exec(text);
  if (!match) return text.trim();
  const runs = (match[2]!.match(/`+/g) ?? []).map((run) => run.length);
  return runs.includes(match[1]!.length) ? text.trim() : match[2]!.trim();
}

/** The column a header cell names, if any. */
export function mappingColumnOfHeader(text: string): MappingColumn | undefined {
  return HEADER_NAMES[normalizeLabel(cellValue(text))];
}

/** The mapping matrix without its rows: the table and where its known columns are. */
export type MappingTable = Omit<MappingMatrix, 'rows'>;

/** Finds section D's mapping matrix: its first table with a Cardinality column (or its first table). */
export function findMappingTable(model: PlanModel): MappingTable | undefined {
  const inD = model.tables.filter((t) => t.sectionKey === 'D');
  const table = inD.find((t) => t.header.cells.some((c) => mappingColumnOfHeader(c.text) === 'cardinality')) ?? inD[0];
  const fieldsInD = model.fields.filter((f) => f.sectionKey === 'D');
  const onConflict = fieldsInD.find((f) => normalizeLabel(f.label) === 'onconflict strategy');
  const requiredMetadata = fieldsInD.find((f) => /^required metadata/.test(normalizeLabel(f.label)));
  if (!table) return undefined;
  const columnIndex: Partial<Record<MappingColumn, number>> = {};
  table.header.cells.forEach((cell, index) => {
    const column = mappingColumnOfHeader(cell.text);
    if (column && columnIndex[column] === undefined) columnIndex[column] = index;
  });
  return { table, columnIndex, onConflict, requiredMetadata };
}

/** A row's cell in a column: undefined when the row is too short or the table has no such column. */
export function columnCell(cells: readonly TableCell[], index: number | undefined): TableCell | undefined {
  return index === undefined ? undefined : cells[index];
}

/** Section D's mapping matrix with its rows read by column. */
export function readMappingMatrix(model: PlanModel): MappingMatrix | undefined {
  const found = findMappingTable(model);
  if (!found) return undefined;
  const width = found.table.header.cells.length;
  // The same shape for every row: a cell, or undefined when the row is too short or has no such column.
  const { purpose, source, externalId, internalEntity, cardinality, enforcedIn } = found.columnIndex;
  const rows = found.table.rows.map((row): MappingRow => {
    const cells = row.cells;
    return {
      line: row.line,
      cells,
      columns: {
        purpose: columnCell(cells, purpose),
        source: columnCell(cells, source),
        externalId: columnCell(cells, externalId),
        internalEntity: columnCell(cells, internalEntity),
        cardinality: columnCell(cells, cardinality),
        enforcedIn: columnCell(cells, enforcedIn),
      },
      extraCells: cells.length > width ? cells.slice(width) : [],
    };
  });
  return { ...found, rows };
}

/** `1:1` or `1:N` for a cardinality written in any recognisable way, else undefined. */
export function normalizeCardinality(text: string): '1:1' | '1:N' | undefined {
  if (text === '1:1' || text === '1:N') return text;
  const compact = cellValue(text).replace(/\s+/g, '').toUpperCase();
  if (compact === '1:1' || /^(1-1|1TO1|ONE-?TO-?ONE|1:ONE)$/.test(compact)) return '1:1';
  if (compact === '1:N' || /^(1-N|1TON|1:M|1-M|1:\*|1:MANY|1-MANY|1TOMANY|ONE-?TO-?MANY)$/.test(compact)) return '1:N';
  return undefined;
}

/** Whether a cardinality is already valid as written (case and spaces ignored). */
export function isValidCardinality(text: string): boolean {
  // Most matrices write exactly one of the two: no copies for those.
  if (text === '1:1' || text === '1:N') return true;
  const compact = cellValue(text).replace(/\s+/g, '').toUpperCase();
  return compact === '1:1' || compact === '1:N';
}

/** Whether an `Enforced In` value names the database. */
export function namesDb(text: string): boolean {
  return /\b(db|database)\b/i.test(text);
}

/** Whether an `Enforced In` value names the application. */
export function namesApp(text: string): boolean {
  return /\b(app|application)\b/i.test(text);
}
