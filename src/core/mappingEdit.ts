// Changes to section D's matrix as minimal text edits of the table's lines (and the two fields
// below it). Untouched rows keep their bytes; every result is re-read before it is returned, so an
// edit that would not read back as intended is refused instead of written.
import { insertSectionFix } from './fixes';
import { readMappingMatrix } from './mapping';
import type { MappingMatrix } from './mapping';
import { MAPPING_FIELDS, MAPPING_FIELD_LABELS, MAX_MAPPING_ROWS, MAX_MAPPING_VALUE_CHARS, readMappingData } from './mappingData';
import type { MappingFieldKey, MappingImport } from './mappingData';
import { parsePlan, splitRowText } from './parser';
import type { Field, PlanModel, PlanSection } from './plan';
import type { Position, TextEdit } from './positions';
import { comparePositions } from './positions';
import type { PlanTemplate } from './template';
import { getDefaultTemplate } from './template';
import { lineAt, lineCount } from './source';
import type { SourceText } from './source';

/** One change a user makes in the form (or an import). Rows and columns are zero-based indices. */
export type MappingChange =
  | { kind: 'setCell'; row: number; column: number; value: string }
  | { kind: 'addRow'; index: number; values?: string[] }
  | { kind: 'deleteRow'; row: number }
  | { kind: 'moveRow'; row: number; to: number }
  | { kind: 'setField'; field: MappingFieldKey; value: string }
  | { kind: 'insertMatrix' }
  | { kind: 'replaceRows'; import: MappingImport };

export type MappingEditResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string };

export interface MappingEditOptions {
  /** Where section D comes from when it is missing; the bundled template by default. */
  template?: PlanTemplate;
}

class Refusal extends Error {}

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
export function escapeCellValue(value: string): string {
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

function isEscapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  for (let k = index - 1; k >= 0 && text.charCodeAt(k) === 92; k--) backslashes++;
  return backslashes % 2 === 1;
}

function layoutOf(text: string): RowLayout | undefined {
  const cells = splitRowText(text, 0);
  const firstContent = text.length - text.trimStart().length;
  const lastContent = text.trimEnd().length;
  const lead = text[firstContent] === '|';
  const trail = lastContent - 1 > firstContent && text[lastContent - 1] === '|' && !isEscapedAt(text, lastContent - 1);
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

interface WorkingRow {
  text: string;
  /** Every cell's text as the reader should see it after the change (extra cells included). */
  expected: string[];
}

class WorkingTable {
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

function refuseValue(value: string): void {
  const problem = checkMappingValue(value);
  if (problem) throw new Refusal(problem);
}

/** Index pairs of a longest common subsequence (common ends first; positional past a size cap). */
function matchSequences(a: readonly string[], b: readonly string[]): [number, number][] {
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

// ---- Edits ----------------------------------------------------------------------------------

type LineSource = SourceText;

const position = (line: number, character: number): Position => ({ line, character });

/** Inserts whole lines before line `at` (or after the last line when `at` is past the end). */
function insertLinesEdit(source: LineSource, at: number, lines: readonly string[], eol: string): TextEdit {
  if (at < lineCount(source)) return { range: { start: position(at, 0), end: position(at, 0) }, newText: lines.map((l) => l + eol).join('') };
  const last = lineCount(source) - 1;
  const end = position(last, lineAt(source, last).length);
  return { range: { start: end, end }, newText: lines.map((l) => eol + l).join('') };
}

/** Deletes lines [from, to) with their line breaks. */
function deleteLinesEdit(source: LineSource, from: number, to: number): TextEdit {
  if (to < lineCount(source)) return { range: { start: position(from, 0), end: position(to, 0) }, newText: '' };
  const endLine = to - 1;
  const end = position(endLine, lineAt(source, endLine).length);
  if (from === 0) return { range: { start: position(0, 0), end }, newText: '' };
  return { range: { start: position(from - 1, lineAt(source, from - 1).length), end }, newText: '' };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Replaces lines [from, to) by others, trimmed to the characters that differ. */
function replaceLinesEdit(source: LineSource, from: number, to: number, lines: readonly string[], eol: string): TextEdit {
  const oldText = Array.from({ length: to - from }, (_, k) => lineAt(source, from + k)).join('\n');
  const newText = lines.join('\n');
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair: VS Code would move the position.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isHighSurrogate(oldText.charCodeAt(oldText.length - 1 - suffix))) suffix--;
  const start = offsetToPosition(oldText, prefix, from);
  const end = offsetToPosition(oldText, oldText.length - suffix, from);
  return { range: { start, end }, newText: newText.slice(prefix, newText.length - suffix).replace(/\n/g, eol) };
}

function offsetToPosition(text: string, offset: number, firstLine: number): Position {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return position(line, offset - lineStart);
}

/** The edits that turn the old body lines into the new ones, one per run of changed lines. */
function bodyEdits(source: LineSource, firstLine: number, oldLines: readonly string[], newLines: readonly string[], eol: string): TextEdit[] {
  const pairs = matchSequences(oldLines, newLines);
  const edits: TextEdit[] = [];
  let oi = 0;
  let ni = 0;
  const hunk = (oldEnd: number, newEnd: number) => {
    if (oi === oldEnd && ni === newEnd) return;
    const inserted = newLines.slice(ni, newEnd);
    if (oi === oldEnd) edits.push(insertLinesEdit(source, firstLine + oi, inserted, eol));
    else if (ni === newEnd) edits.push(deleteLinesEdit(source, firstLine + oi, firstLine + oldEnd));
    else edits.push(replaceLinesEdit(source, firstLine + oi, firstLine + oldEnd, inserted, eol));
  };
  for (const [o, n] of pairs) {
    hunk(o, n);
    oi = o + 1;
    ni = n + 1;
  }
  hunk(oldLines.length, newLines.length);
  return edits;
}

// ---- Fields ---------------------------------------------------------------------------------

const LIST_MARKER = /^(\s*)([-*+]|\d{1,9}[.)])([ \t]+)/;

function fieldItem(source: LineSource, like: Field | undefined, key: MappingFieldKey, value: string): string {
  const marker = like ? LIST_MARKER.exec(lineAt(source, like.line)) : null;
  const prefix = marker ? `${marker[1]}${marker[2]}${marker[3]}` : '- ';
  return `${prefix}${MAPPING_FIELD_LABELS[key]}:${value ? ` ${value}` : ''}`;
}

/** The line after a list item, its trailing blank lines left out. */
function itemEnd(source: LineSource, field: Field): number {
  let end = field.endLine;
  while (end - 1 > field.line && lineAt(source, end - 1).trim() === '') end--;
  return end;
}

function fieldEdits(source: LineSource, matrix: MappingMatrix, values: Partial<Record<MappingFieldKey, string>>, eol: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const present: Record<MappingFieldKey, Field | undefined> = { onConflict: matrix.onConflict, requiredMetadata: matrix.requiredMetadata };
  const missing: MappingFieldKey[] = [];
  for (const key of MAPPING_FIELDS) {
    const wanted = values[key];
    if (wanted === undefined) continue;
    const value = wanted.trim();
    const field = present[key];
    if (field ? field.value === value : value === '') continue;
    refuseValue(wanted);
    if (!field) {
      missing.push(key);
      continue;
    }
    if (field.hasContinuation || field.hasNested) throw new Refusal(`"${field.label}" goes on over several lines; edit it in the text editor.`);
    const line = lineAt(source, field.line);
    if (field.value === '') {
      edits.push({ range: { start: field.valueRange.start, end: position(field.line, line.length) }, newText: ` ${value}` });
    } else if (value === '') {
      edits.push({ range: { start: position(field.line, field.labelRange.end.character + 1), end: field.valueRange.end }, newText: '' });
    } else {
      edits.push({ range: field.valueRange, newText: value });
    }
  }
  if (missing.length === 0) return edits;
  const other = present.onConflict ?? present.requiredMetadata;
  if (missing.length === 1 && other) {
    const key = missing[0]!;
    const item = fieldItem(source, other, key, values[key]!.trim());
    // The template's order: onConflict first, then the required metadata.
    edits.push(key === 'onConflict' ? insertLinesEdit(source, other.line, [item], eol) : insertLinesEdit(source, itemEnd(source, other), [item], eol));
    return edits;
  }
  const items = missing.map((key) => fieldItem(source, undefined, key, values[key]!.trim()));
  const at = matrix.table.endLine;
  const blank = (line: number) => line < lineCount(source) && lineAt(source, line).trim() === '';
  if (blank(at) && at + 1 < lineCount(source)) {
    edits.push(insertLinesEdit(source, at + 1, blank(at + 1) ? items : [...items, ''], eol));
  } else if (blank(at) || at >= lineCount(source)) {
    edits.push(insertLinesEdit(source, at, ['', ...items], eol));
  } else {
    // A paragraph right after the table: keep it out of the new list.
    edits.push(insertLinesEdit(source, at, ['', ...items, ''], eol));
  }
  return edits;
}

// ---- Applying and checking ------------------------------------------------------------------

/** Applies plain text edits to a text (BOM, CRLF or lone CR line breaks as VS Code counts them). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineStarts = [bom];
  let lf = text.indexOf('\n', bom);
  let cr = text.indexOf('\r', bom);
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      lineStarts.push(next);
      if (next === cr + 2) lf = text.indexOf('\n', next);
      cr = text.indexOf('\r', next);
    } else {
      lineStarts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return applyAtOffsets(text, edits, (p) => {
    const start = lineStarts[p.line];
    if (start === undefined) throw new RangeError(`line ${p.line} is past the end of the text`);
    return start + p.character;
  });
}

function applyAtOffsets(text: string, edits: readonly TextEdit[], offset: (p: Position) => number, base = 0): string {
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    const start = offset(edit.range.start) - base;
    const end = offset(edit.range.end) - base;
    if (start < 0 || end < start || end > limit || end > result.length) throw new RangeError('edits overlap or fall outside the text');
    result = result.slice(0, start) + edit.newText + result.slice(end);
    limit = start;
  }
  return result;
}

/** Sorts edits and joins those that touch (new rows and a new field at the same place) into one. */
function mergeTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && comparePositions(last.range.end, edit.range.start) === 0) {
      merged[merged.length - 1] = { range: { start: last.range.start, end: edit.range.end }, newText: last.newText + edit.newText };
    } else merged.push(edit);
  }
  return merged;
}

function sectionOf(model: PlanModel, line: number): PlanSection | undefined {
  return model.sections.find((s) => s.key === 'D' && s.heading.line <= line && line < s.endLine);
}

/** Re-reads the matrix after the edits; a message when it does not read back as intended. */
function verify(model: PlanModel, matrix: MappingMatrix, edits: readonly TextEdit[], expected: readonly WorkingRow[], fields: Partial<Record<MappingFieldKey, string>>): string | undefined {
  const source = model.source;
  const offsetOf = (p: Position) => source.lineStarts[p.line]! + p.character;
  const section = sectionOf(model, matrix.table.startLine);
  let reread: MappingMatrix | undefined;
  const from = section ? source.lineStarts[section.heading.line]! : 0;
  const to = section && section.endLine < lineCount(source) ? source.lineStarts[section.endLine]! : source.text.length;
  // Only section D is parsed again: it holds every edit, and a plan may be large.
  if (section && edits.every((e) => offsetOf(e.range.start) >= from && offsetOf(e.range.end) <= to)) {
    reread = readMappingMatrix(parsePlan(applyAtOffsets(source.text.slice(from, to), edits, offsetOf, from)));
  } else {
    reread = readMappingMatrix(parsePlan(applyAtOffsets(source.text, edits, offsetOf)));
  }
  if (!reread) return 'the table would no longer read as a table';
  if (reread.rows.length !== expected.length) return `the table would read as ${reread.rows.length} rows instead of ${expected.length}`;
  for (let r = 0; r < expected.length; r++) {
    const got = reread.rows[r]!.cells.map((c) => c.text);
    const want = expected[r]!.expected;
    if (got.length !== want.length || got.some((text, k) => text !== want[k])) return `row ${r + 1} would read back as ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`;
  }
  for (const key of MAPPING_FIELDS) {
    const want = fields[key];
    if (want === undefined) continue;
    const field = key === 'onConflict' ? reread.onConflict : reread.requiredMetadata;
    if (want.trim() === '' && !field) continue;
    if (!field || field.value !== want.trim()) return `"${MAPPING_FIELD_LABELS[key]}" would read back as ${JSON.stringify(field?.value ?? null)}`;
  }
  return undefined;
}

function insertMatrix(model: PlanModel, template: PlanTemplate): MappingEditResult {
  if (readMappingMatrix(model)) return { ok: false, message: 'Section D already has a mapping matrix.' };
  const source = model.source;
  const eol = source.eol;
  const section = model.sections.find((s) => s.key === 'D');
  let edits: TextEdit[];
  if (!section) {
    const fix = insertSectionFix(model, template.sectionLines.has('D') ? template : getDefaultTemplate(), 'D');
    if (!fix) return { ok: false, message: 'The template has no section D to insert.' };
    edits = fix.edits;
  } else {
    const base = readMappingMatrix(template.model) ? template : getDefaultTemplate();
    const templateMatrix = readMappingMatrix(base.model)!;
    const templateSource = base.model.source;
    const from = templateMatrix.table.startLine;
    const lines = Array.from({ length: templateMatrix.table.endLine - from }, (_, k) => lineAt(templateSource, from + k));
    // Right below the heading (below a setext underline too), with a blank line after the table.
    let at = section.heading.line + 1;
    if (!/^\s{0,3}#/.test(lineAt(source, section.heading.line)) && at < lineCount(source) && /^\s{0,3}(=+|-+)\s*$/.test(lineAt(source, at))) at++;
    const after = at < lineCount(source) && lineAt(source, at).trim() !== '' ? [''] : [];
    edits = [insertLinesEdit(source, at, [...lines, ...after], eol)];
  }
  const reread = readMappingMatrix(parsePlan(applyTextEdits(source.text, edits)));
  if (!reread) return { ok: false, message: 'The mapping matrix could not be inserted safely here; copy it from the template by hand.' };
  return { ok: true, edits };
}

/**
 * Turns changes made in the form (or an import) into minimal text edits of section D's table and
 * fields; the rest of the plan is never touched. Refused with a message when a change does not fit.
 */
export function editMappingMatrix(model: PlanModel, changes: readonly MappingChange[], options: MappingEditOptions = {}): MappingEditResult {
  try {
    if (changes.some((c) => c.kind === 'insertMatrix')) {
      if (changes.length > 1) return { ok: false, message: 'Inserting the matrix cannot be combined with other changes.' };
      return insertMatrix(model, options.template ?? getDefaultTemplate());
    }
    const matrix = readMappingMatrix(model);
    if (!matrix) {
      const data = readMappingData(model, matrix);
      return { ok: false, message: data.status === 'noSection' ? 'The plan has no section D (Mapping Rules + Cardinality); insert it first.' : 'Section D has no mapping table; insert it first.' };
    }
    const table = new WorkingTable(model, matrix);
    const fields: Partial<Record<MappingFieldKey, string>> = {};
    for (const change of changes) {
      switch (change.kind) {
        case 'setCell':
          table.setCell(change.row, change.column, change.value);
          break;
        case 'addRow':
          table.addRow(change.index, change.values);
          break;
        case 'deleteRow':
          table.deleteRow(change.row);
          break;
        case 'moveRow':
          table.moveRow(change.row, change.to);
          break;
        case 'setField':
          fields[change.field] = change.value;
          break;
        case 'replaceRows':
          table.replaceRows(change.import);
          if (change.import.onConflict !== undefined) fields.onConflict = change.import.onConflict;
          if (change.import.requiredMetadata !== undefined) fields.requiredMetadata = change.import.requiredMetadata;
          break;
        default:
          return { ok: false, message: 'Unknown change.' };
      }
    }
    const source = model.source;
    const bodyStart = matrix.table.startLine + 2;
    const oldLines = matrix.rows.map((row) => lineAt(source, row.line));
    const edits = mergeTouching([...bodyEdits(source, bodyStart, oldLines, table.rows.map((r) => r.text), source.eol), ...fieldEdits(source, matrix, fields, source.eol)]);
    if (edits.length === 0) return { ok: true, edits };
    const problem = verify(model, matrix, edits, table.rows, fields);
    if (problem) return { ok: false, message: `This change cannot be written safely (${problem}); nothing was changed. Edit the table in the text editor.` };
    return { ok: true, edits };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}
