// Changes to section D's matrix as minimal text edits of the table's lines (and the two fields
// below it). Untouched rows keep their bytes; every result is re-read before it is returned, so an
// edit that would not read back as intended is refused instead of written.
import { insertSectionFix } from './fixes';
import { readMappingMatrix } from './mapping';
import type { MappingMatrix } from './mapping';
import { MAPPING_FIELDS, MAPPING_FIELD_LABELS, readMappingData } from './mappingData';
import type { MappingFieldKey, MappingImport } from './mappingData';
import { parsePlan } from './parser';
import { Refusal, WorkingTable, checkMappingValue, matchSequences, refuseValue } from './mappingTable';
import type { WorkingRow } from './mappingTable';

export { checkMappingValue };
import type { Field, PlanModel, PlanSection } from './plan';
import type { Position, TextEdit } from './positions';
import { applyAtOffsets, comparePositions } from './positions';
import type { PlanTemplate } from './template';
import { getDefaultTemplate } from './template';
import { lastWrittenLine, lineAt, lineCount } from './source';
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

// ---- Edits ----------------------------------------------------------------------------------

const position = (line: number, character: number): Position => ({ line, character });

/** Inserts whole lines before line `at` (or after the last line when `at` is past the end). */
function insertLinesEdit(source: SourceText, at: number, lines: readonly string[], eol: string): TextEdit {
  if (at < lineCount(source)) return { range: { start: position(at, 0), end: position(at, 0) }, newText: lines.map((l) => l + eol).join('') };
  const last = lineCount(source) - 1;
  const end = position(last, lineAt(source, last).length);
  return { range: { start: end, end }, newText: lines.map((l) => eol + l).join('') };
}

/** Deletes lines [from, to) with their line breaks. */
function deleteLinesEdit(source: SourceText, from: number, to: number): TextEdit {
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
function replaceLinesEdit(source: SourceText, from: number, to: number, lines: readonly string[], eol: string): TextEdit {
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
function bodyEdits(source: SourceText, firstLine: number, oldLines: readonly string[], newLines: readonly string[], eol: string): TextEdit[] {
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

function fieldItem(source: SourceText, like: Field | undefined, key: MappingFieldKey, value: string): string {
  const marker = like ? LIST_MARKER.exec(lineAt(source, like.line)) : null;
  const prefix = marker ? `${marker[1]}${marker[2]}${marker[3]}` : '- ';
  return `${prefix}${MAPPING_FIELD_LABELS[key]}:${value ? ` ${value}` : ''}`;
}

/** The line after a list item, its trailing blank lines left out. */
function itemEnd(source: SourceText, field: Field): number {
  return lastWrittenLine(source, field.endLine, field.line) + 1;
}

function fieldEdits(source: SourceText, matrix: MappingMatrix, values: Partial<Record<MappingFieldKey, string>>, eol: string): TextEdit[] {
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
