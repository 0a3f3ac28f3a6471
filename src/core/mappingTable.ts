// Section D's table as rows of cells that keep their layout: what the form changes is written back
// into each row as the row was written (pipes, padding, escapes), and refused when it cannot be.
import type { MappingMatrix } from './mapping';
import { MAX_MAPPING_ROWS, MAX_MAPPING_VALUE_CHARS } from './mappingData';
import type { MappingImport } from './mappingData';
import { splitRowText } from './parser';
import { isEscaped } from './parse/tables';
import type { PlanModel } from './plan';
import { lineAt } from './source';

/** Why a change cannot be written; turned into a message for the user. */
export class Refusal extends Error {}

/** Why a value cannot be written into a cell or field, or undefined when it can. */
export function checkMappingValue(value: string): string | undefined {
  if (/[\r\n\u2028\u2029]/.test(value)) return 'A value cannot contain a line break: each mapping row is one line of the table.';
  if (value.length > MAX_MAPPING_VALUE_CHARS) return `A value can have at most ${MAX_MAPPING_VALUE_CHARS} characters (this one has ${value.length}).`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return 'A value cannot contain control characters.';
  // `\|` already means a literal pipe; a backslash before it cannot be told apart from the escape.
  if (/(?:^|[^\\])(?:\\\\)*\\\|/.test(value)) return 'A value cannot have a backslash right before "|": the table would read it as an escaped pipe.';
  return undefined;
}

/** A cell value as written into the table: trimmed, every `|` escaped. */
function escapeCellValue(value: string): string {
  return value.trim().replace(/\|/g, '\\|');
}

// ---- Row layout -----------------------------------------------------------------------------

/** A table line taken apart so that rendering it again gives the same text. */
interface RowLayout {
  indent: string;
  lead: boolean;
  trail: boolean;
  raws: string[];
  tail: string;
}

function renderRow(layout: RowLayout): string {
  return `${layout.indent}${layout.lead ? '|' : ''}${layout.raws.join('|')}${layout.trail ? '|' : ''}${layout.tail}`;
}

function layoutOf(text: string): RowLayout | undefined {
  const cells = splitRowText(text, 0);
  const firstContent = text.length - text.trimStart().length;
  const lastContent = text.trimEnd().length;
  const lead = text[firstContent] === '|';
  const trail = lastContent - 1 > firstContent && text[lastContent - 1] === '|' && !isEscaped(text, lastContent - 1);
  const layout: RowLayout = { indent: text.slice(0, firstContent), lead, trail, raws: cells.map((c) => c.raw), tail: text.slice(lastContent) };
  return renderRow(layout) === text ? layout : undefined;
}

function leadingSpace(raw: string): string {
  return raw.slice(0, raw.length - raw.trimStart().length);
}

/** Formats a cell like the one it replaces (or its neighbour), padded to the column's width when the column is aligned. */
function formatCell(value: string, reference: string | undefined, width: number | undefined): string {
  const escaped = escapeCellValue(value);
  let lead = ' ';
  let trail = ' ';
  if (reference !== undefined) {
    if (reference.trim() === '') {
      lead = reference.length > 0 ? ' ' : '';
      trail = reference.length > 1 ? ' ' : '';
    } else {
      lead = leadingSpace(reference);
      trail = reference.length > reference.trimEnd().length ? ' ' : '';
    }
  }
  // A trailing backslash would escape the pipe after the cell.
  if (escaped.endsWith('\\') && trail === '') trail = ' ';
  let raw = `${lead}${escaped}${trail}`;
  if (width !== undefined && raw.length < width) raw += ' '.repeat(width - raw.length);
  return raw;
}

// A first cell that starts like another block (list, quote, heading, HTML, fence …) would end a
// table written without outer pipes, and an empty first or last cell would vanish.
function needsLeadPipe(value: string): boolean {
  return value === '' || !/^[\p{L}\p{N}]/u.test(value) || /^\d{1,9}[.)]/.test(value);
}

/** Makes the row safe to read back after its first or last cell was written. */
function secureOuterPipes(layout: RowLayout, values: (string | undefined)[]): void {
  const first = values[0];
  if (!layout.lead && first !== undefined && needsLeadPipe(escapeCellValue(first))) {
    layout.lead = true;
    layout.raws[0] = ` ${layout.raws[0]!.trimStart()}`;
  }
  const lastIndex = layout.raws.length - 1;
  const last = values[lastIndex];
  if (!layout.trail && last !== undefined && escapeCellValue(last) === '') {
    layout.trail = true;
    if (!/\s$/.test(layout.raws[lastIndex]!)) layout.raws[lastIndex] += ' ';
  }
}

// ---- The working table ----------------------------------------------------------------------

export interface WorkingRow {
  text: string;
  /** Every cell's text as the reader should see it after the change (extra cells included). */
  expected: string[];
}

export class WorkingTable {
  readonly rows: WorkingRow[];
  readonly width: number;
  /** Column widths where every line of the table pads the column to the same width. */
  private readonly widths: (number | undefined)[];
  private readonly header: RowLayout | undefined;

  constructor(model: PlanModel, matrix: MappingMatrix) {
    const table = matrix.table;
    this.width = table.header.cells.length;
    this.rows = matrix.rows.map((row) => ({ text: lineAt(model.source, row.line), expected: row.cells.map((c) => c.text) }));
    this.header = layoutOf(lineAt(model.source, table.startLine));
    const layouts = [this.header, ...this.rows.map((r) => layoutOf(r.text))];
    this.widths = Array.from({ length: this.width }, (_, column) => {
      const lengths = layouts.map((l) => l?.raws[column]?.length).filter((n): n is number => n !== undefined);
      const aligned = lengths.length >= 2 && lengths.every((n) => n === lengths[0]);
      return aligned ? lengths[0] : undefined;
    });
  }

  private checkRow(row: number): WorkingRow {
    const target = this.rows[row];
    if (!Number.isInteger(row) || !target) throw new Refusal(`There is no mapping row ${row + 1}: the table has ${this.rows.length}.`);
    return target;
  }

  private checkColumn(column: number): void {
    if (!Number.isInteger(column) || column < 0 || column >= this.width) throw new Refusal(`There is no column ${column + 1}: the table has ${this.width}.`);
  }

  setCell(row: number, column: number, value: string): void {
    const target = this.checkRow(row);
    this.checkColumn(column);
    const trimmed = value.trim();
    // Only a value that changes is checked: what the plan already holds never blocks an edit.
    if ((target.expected[column] ?? '') === trimmed) return;
    refuseValue(value);
    const layout = layoutOf(target.text);
    if (!layout) throw new Refusal(`Row ${row + 1} is written in a way the form cannot rewrite safely; edit it in the text editor.`);
    const values: (string | undefined)[] = [];
    if (column < layout.raws.length) {
      layout.raws[column] = formatCell(trimmed, layout.raws[column], this.widths[column]);
    } else {
      // A ragged row: add the missing cells up to this one.
      const last = layout.raws.length - 1;
      if (last >= 0 && !layout.trail && !/\s$/.test(layout.raws[last]!)) layout.raws[last] += ' ';
      for (let k = layout.raws.length; k <= column; k++) {
        const cell = k === column ? trimmed : '';
        layout.raws.push(formatCell(cell, this.header?.raws[k], this.widths[k]));
        values[k] = cell;
      }
      if (!layout.trail) layout.raws[column] = layout.raws[column]!.trimEnd();
    }
    values[column] = trimmed;
    secureOuterPipes(layout, values);
    target.text = renderRow(layout);
    const expected = [...target.expected];
    while (expected.length <= column) expected.push('');
    expected[column] = trimmed;
    target.expected = expected;
  }

  addRow(index: number, values: readonly string[] = []): void {
    if (!Number.isInteger(index) || index < 0 || index > this.rows.length) throw new Refusal(`A row cannot be added at position ${index + 1}: the table has ${this.rows.length} rows.`);
    if (this.rows.length >= MAX_MAPPING_ROWS) throw new Refusal(`The table already has ${this.rows.length} rows, the most the form handles.`);
    if (values.length > this.width) throw new Refusal(`The new row has ${values.length} values but the table has ${this.width} columns.`);
    values.forEach(refuseValue);
    const referenceText = this.rows[index - 1]?.text ?? this.rows[index]?.text;
    const reference = (referenceText !== undefined ? layoutOf(referenceText) : undefined) ?? this.header;
    const cells = Array.from({ length: this.width }, (_, k) => (values[k] ?? '').trim());
    const layout: RowLayout = {
      indent: reference?.indent ?? '',
      lead: reference?.lead ?? true,
      trail: reference?.trail ?? true,
      raws: cells.map((cell, k) => formatCell(cell, reference?.raws[k] ?? this.header?.raws[k], this.widths[k])),
      tail: '',
    };
    if (!layout.lead && layout.raws.length > 0) layout.raws[0] = layout.raws[0]!.trimStart();
    if (!layout.trail && layout.raws.length > 0) layout.raws[layout.raws.length - 1] = layout.raws[layout.raws.length - 1]!.trimEnd();
    secureOuterPipes(layout, cells);
    this.rows.splice(index, 0, { text: renderRow(layout), expected: cells });
  }

  deleteRow(row: number): void {
    this.checkRow(row);
    this.rows.splice(row, 1);
  }

  moveRow(row: number, to: number): void {
    const moved = this.checkRow(row);
    if (!Number.isInteger(to) || to < 0 || to >= this.rows.length) throw new Refusal(`Row ${row + 1} cannot move to position ${to + 1}: the table has ${this.rows.length} rows.`);
    this.rows.splice(row, 1);
    this.rows.splice(to, 0, moved);
  }

  /** Rewrites the rows to match an import, keeping rows that are already there (matched in order). */
  replaceRows(input: MappingImport): void {
    input.columns.forEach((c) => this.checkColumn(c));
    if (input.rows.length > MAX_MAPPING_ROWS) throw new Refusal(`An import can have at most ${MAX_MAPPING_ROWS} rows (this one has ${input.rows.length}).`);
    input.rows.forEach((row, r) => {
      if (row.length !== input.columns.length) throw new Refusal(`Import row ${r + 1} has ${row.length} values for ${input.columns.length} columns.`);
    });
    const keyOf = (values: readonly string[]) => JSON.stringify(values.map((v) => v.trim()));
    const oldKeys = this.rows.map((row) => keyOf(input.columns.map((c) => row.expected[c] ?? '')));
    const newKeys = input.rows.map(keyOf);
    const pairs = matchSequences(oldKeys, newKeys);
    const old = [...this.rows];
    this.rows.length = 0;
    let oi = 0;
    let ni = 0;
    // setCell and addRow check each value that changes; a refusal names the import's row.
    const withRow = (r: number, write: () => void) => {
      try {
        write();
      } catch (error) {
        if (error instanceof Refusal) throw new Refusal(`Import row ${r + 1}: ${error.message}`);
        throw error;
      }
    };
    const fill = (oldEnd: number, newEnd: number) => {
      // Between two kept rows: rewrite old rows in place, then add or drop the difference.
      while (oi < oldEnd && ni < newEnd) {
        this.rows.push(old[oi]!);
        const at = this.rows.length - 1;
        const values = input.rows[ni]!;
        withRow(ni, () => input.columns.forEach((column, k) => this.setCell(at, column, values[k]!)));
        oi++;
        ni++;
      }
      while (ni < newEnd) {
        const values: string[] = Array.from({ length: this.width }, () => '');
        input.columns.forEach((column, k) => (values[column] = input.rows[ni]![k]!));
        withRow(ni, () => this.addRow(this.rows.length, values));
        ni++;
      }
      oi = oldEnd;
    };
    for (const [o, n] of pairs) {
      fill(o, n);
      this.rows.push(old[o]!);
      oi = o + 1;
      ni = n + 1;
    }
    fill(old.length, input.rows.length);
  }
}

export function refuseValue(value: string): void {
  const problem = checkMappingValue(value);
  if (problem) throw new Refusal(problem);
}

/** Index pairs of a longest common subsequence (common ends first; positional past a size cap). */
export function matchSequences(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    pairs.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.unshift([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= 4_000_000) {
    const table = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * (m + 1) + j] = a[start + i] === b[start + j] ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
      else j++;
    }
  }
  return [...pairs, ...tail];
}
