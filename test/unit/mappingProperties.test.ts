// Property tests of the matrix writer: random plans × random edit sequences. Every byte outside
// the table (and the two fields) stays as it was, the matrix reads back as intended, and an export
// imported unchanged leaves the file byte-identical — LF or CRLF, with or without a BOM.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readMappingMatrix } from '../../src/core/mapping';
import { importFromCsv, importFromExchange, parseCsv, parseMappingJson, readMappingData, toMappingCsv, toMappingExchange } from '../../src/core/mappingData';
import type { MappingFieldKey } from '../../src/core/mappingData';
import { applyTextEdits, checkMappingValue, editMappingMatrix } from '../../src/core/mappingEdit';
import type { MappingChange } from '../../src/core/mappingEdit';
import { parsePlan } from '../../src/core/parser';
import { applyTextEditsToBytes, decodeUtf8 } from '../../src/core/utf8';

const RUNS = Number(process.env.MAPPING_PROPERTY_RUNS) || 300;

const TOKENS = ['a', '\t', 'Zeta', '0', '9', ' ', '|', '\\', '`', '{id}', '数据', '😀', '👍🏽', 'e\u0301', '<img src=x onerror=alert(1)>', '-', '#', '>', '*', '1.', ':', 'DB', 'app', '1:1', '1:N', '&amp;'];
const value = fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((parts) => parts.join(''));
const writableValue = value.filter((v) => checkMappingValue(v) === undefined);

interface TableStyle {
  outerPipes: boolean;
  padding: number;
  aligned: boolean;
  delimiter: string;
  codeSpans: boolean;
}

interface PlanShape {
  eol: '\n' | '\r\n';
  bom: boolean;
  frontMatter: boolean;
  finalNewline: boolean;
  paragraphAfterTable: boolean;
  fields: 'none' | 'empty' | 'filled' | 'onlyMetadata';
  style: TableStyle;
  width: number;
  rows: string[][];
  extraCellRows: number[];
  raggedRows: number[];
  textAfter: boolean;
}

const HEADERS = ['Mapping Purpose', 'source', 'External ID', 'Internal Entity', 'Cardinality', 'Enforced In', 'Notes'];

function escapeRaw(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** An independent writer of the initial table (not the one under test). */
function renderTable(shape: PlanShape): string[] {
  const { style, width } = shape;
  const header = HEADERS.slice(0, width);
  const rows = shape.rows.map((row, r) => {
    let cells = row.map((v) => (style.codeSpans && v && !v.includes('`') ? `\`${v}\`` : v));
    if (shape.raggedRows.includes(r)) cells = cells.slice(0, Math.max(1, width - 2));
    if (shape.extraCellRows.includes(r)) cells = [...cells, 'extra one', 'extra | two'];
    return cells;
  });
  const all = [header, ...rows].map((cells) => cells.map(escapeRaw));
  const widths = header.map((_, k) => Math.max(3, ...all.map((cells) => (cells[k] ?? '').length)));
  const pad = ' '.repeat(style.padding);
  const line = (cells: string[], forceOuter: boolean) => {
    const body = cells.map((c, k) => `${pad}${style.aligned && k < widths.length ? c.padEnd(widths[k]!) : c}${pad}`);
    const outer = style.outerPipes || forceOuter;
    return outer ? `|${body.join('|')}|` : body.map((c, k) => (k === 0 ? c.trimStart() : k === body.length - 1 ? c.trimEnd() : c)).join('|');
  };
  const delimiter = header.map((_, k) => {
    if (!style.aligned) return style.delimiter;
    const left = style.delimiter.startsWith(':') ? ':' : '';
    const right = style.delimiter.length > 1 && style.delimiter.endsWith(':') ? ':' : '';
    return left + '-'.repeat(widths[k]! + 2 * style.padding - left.length - right.length) + right;
  });
  // Rows whose first or last cell would not survive without outer pipes get them (as an author would).
  const risky = (cells: string[]) => !/^[\p{L}\p{N}]/u.test(cells[0] ?? '') || /^\d{1,9}[.)]/.test(cells[0] ?? '') || (cells[cells.length - 1] ?? '') === '';
  return [line(header, false), style.outerPipes ? `|${delimiter.join('|')}|` : delimiter.join('|'), ...all.slice(1).map((cells) => line(cells, risky(cells)))];
}

function renderPlan(shape: PlanShape): string {
  const lines: string[] = [];
  if (shape.frontMatter) lines.push('---', 'kind: connector-rollout-plan', 'status: draft', '---');
  lines.push('# Acme Connector Rollout Plan', '', '## A) Business Goal', '- Why this connector exists: deals | invoices', '', '## B) Source Model', '- External system: Acme', '');
  lines.push('## D) Mapping Rules + Cardinality', ...renderTable(shape));
  if (shape.paragraphAfterTable) lines.push('A paragraph right after the table, no blank line.');
  lines.push('');
  if (shape.fields === 'empty') lines.push('- onConflict strategy:', '- Required metadata per mapping:');
  if (shape.fields === 'filled') lines.push('- onConflict strategy: keep the newest | merge', '- Required metadata per mapping: matchedBy, confidence 数据');
  if (shape.fields === 'onlyMetadata') lines.push('* Required metadata per mapping: createdBy');
  if (shape.fields !== 'none') lines.push('');
  if (shape.textAfter) lines.push('## E) Delivery Phases', '### Phase 1: Connection + Mapping', '- Scope: `a | b` in code', '', '| other | table |', '|---|---|', '| x | y |');
  let text = lines.join(shape.eol);
  if (shape.finalNewline) text += shape.eol;
  return (shape.bom ? '\uFEFF' : '') + text;
}

const planShape: fc.Arbitrary<PlanShape> = fc
  .record({
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    bom: fc.boolean(),
    frontMatter: fc.boolean(),
    finalNewline: fc.boolean(),
    paragraphAfterTable: fc.boolean(),
    fields: fc.constantFrom<PlanShape['fields']>('none', 'empty', 'filled', 'onlyMetadata'),
    style: fc.record({
      outerPipes: fc.boolean(),
      padding: fc.integer({ min: 0, max: 2 }),
      aligned: fc.boolean(),
      delimiter: fc.constantFrom('---', ':---', '---:', ':---:', '-'),
      codeSpans: fc.boolean(),
    }),
    width: fc.integer({ min: 5, max: 7 }),
    rowCount: fc.integer({ min: 0, max: 5 }),
    textAfter: fc.boolean(),
  })
  .chain((base) =>
    fc.record({
      rows: fc.array(fc.array(writableValue.map((v) => v.trim()), { minLength: base.width, maxLength: base.width }), { minLength: base.rowCount, maxLength: base.rowCount }),
      extraCellRows: fc.subarray([0, 1, 2, 3, 4]),
      raggedRows: fc.subarray([0, 1, 2, 3, 4]),
    }).map((rest) => {
      const { rowCount: _rowCount, ...shape } = base;
      return { ...shape, ...rest, raggedRows: rest.raggedRows.filter((r) => !rest.extraCellRows.includes(r)) };
    }),
  );

const change: fc.Arbitrary<MappingChange> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('setCell' as const), row: fc.integer({ min: -1, max: 6 }), column: fc.integer({ min: 0, max: 7 }), value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addRow' as const), index: fc.integer({ min: 0, max: 6 }), values: fc.array(value, { maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteRow' as const), row: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moveRow' as const), row: fc.integer({ min: 0, max: 6 }), to: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setField' as const), field: fc.constantFrom<MappingFieldKey>('onConflict', 'requiredMetadata'), value }) },
);

function readRows(text: string): string[][] {
  const matrix = readMappingMatrix(parsePlan(text));
  assert.ok(matrix, 'the matrix must still be there');
  return matrix.rows.map((row) => row.cells.map((c) => c.text));
}

function readFields(text: string): Record<MappingFieldKey, string | undefined> {
  const matrix = readMappingMatrix(parsePlan(text))!;
  return { onConflict: matrix.onConflict?.value, requiredMetadata: matrix.requiredMetadata?.value };
}

/** Lines without their line breaks (the BOM stays on the first). */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every line break is the file's own. */
function assertLineBreaks(text: string, eol: '\n' | '\r\n'): void {
  if (eol === '\n') assert.ok(!text.includes('\r'), 'a CR appeared in an LF file');
  else assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(text), 'a bare LF or CR appeared in a CRLF file');
}

/** Old lines that are not in the new text, and new lines that were not in the old (a line LCS). */
function lineDiff(oldText: string, newText: string): { removed: number[]; added: number[] } {
  const a = linesOf(oldText);
  const b = linesOf(newText);
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const removed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= m || (i < n && t[i + 1]![j]! >= t[i]![j + 1]!)) removed.push(i++);
    else added.push(j++);
  }
  return { removed, added };
}

/** The lines an edit of the matrix may touch: its body rows and the two fields' lines. */
function matrixLines(text: string): Set<number> {
  const matrix = readMappingMatrix(parsePlan(text))!;
  const lines = new Set(matrix.rows.map((r) => r.line));
  if (matrix.onConflict) lines.add(matrix.onConflict.line);
  if (matrix.requiredMetadata) lines.add(matrix.requiredMetadata.line);
  return lines;
}

function applyToReference(rows: string[][], fields: Record<MappingFieldKey, string | undefined>, width: number, c: MappingChange): boolean {
  const valid = (v: string) => checkMappingValue(v) === undefined;
  switch (c.kind) {
    case 'setCell': {
      const row = rows[c.row];
      if (!row || c.column >= width || !valid(c.value)) return false;
      const v = c.value.trim();
      if ((row[c.column] ?? '') === v) return true;
      while (row.length <= c.column) row.push('');
      row[c.column] = v;
      return true;
    }
    case 'addRow':
      if (c.index > rows.length || (c.values?.length ?? 0) > width || !(c.values ?? []).every(valid)) return false;
      rows.splice(c.index, 0, Array.from({ length: width }, (_, k) => (c.values?.[k] ?? '').trim()));
      return true;
    case 'deleteRow':
      if (!rows[c.row]) return false;
      rows.splice(c.row, 1);
      return true;
    case 'moveRow': {
      if (!rows[c.row] || c.to >= rows.length) return false;
      const [moved] = rows.splice(c.row, 1);
      rows.splice(c.to, 0, moved!);
      return true;
    }
    case 'setField':
      if (!valid(c.value)) return false;
      if (fields[c.field] === undefined && c.value.trim() === '') return true;
      fields[c.field] = c.value.trim();
      return true;
    default:
      return false;
  }
}

describe('mapping matrix writer — properties', () => {
  it('random plans × random edit sequences: only the table and its fields change, and they read back as intended', () => {
    fc.assert(
      fc.property(planShape, fc.array(change, { minLength: 1, maxLength: 8 }), (shape, changes) => {
        let text = renderPlan(shape);
        const reference = readRows(text);
        const fields = readFields(text);
        for (const c of changes) {
          const before = text;
          const expectOk = applyToReference(reference, fields, shape.width, c);
          const result = editMappingMatrix(parsePlan(text), [c]);
          if (!result.ok) {
            assert.equal(expectOk, false, `refused unexpectedly: ${result.message} for ${JSON.stringify(c)}`);
            continue;
          }
          assert.ok(expectOk, `accepted a change that should be refused: ${JSON.stringify(c)}`);
          text = applyTextEdits(before, result.edits);
          // Every line that went away or came in is a row of the table, a field line, or a blank
          // line put around newly inserted fields.
          const { removed, added } = lineDiff(before, text);
          const oldAllowed = matrixLines(before);
          const newAllowed = matrixLines(text);
          const oldLines = linesOf(before);
          const newLines = linesOf(text);
          for (const r of removed) assert.ok(oldAllowed.has(r), `line ${r + 1} outside the matrix changed: ${JSON.stringify(oldLines[r])}`);
          for (const a of added) assert.ok(newAllowed.has(a) || newLines[a]!.trim() === '', `line ${a + 1} added outside the matrix: ${JSON.stringify(newLines[a])}`);
          assert.equal(text.startsWith('\uFEFF'), shape.bom, 'BOM kept');
          assertLineBreaks(text, shape.eol);
          assert.equal(text.endsWith(shape.eol), before.endsWith(shape.eol), 'final line break kept as it was');
          assert.deepEqual(readRows(text), reference, `after ${JSON.stringify(c)}`);
          assert.deepEqual(readFields(text), fields);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('export → import without changes leaves the file byte-identical (JSON and CSV, LF/CRLF, BOM)', () => {
    fc.assert(
      fc.property(planShape, (shape) => {
        const text = renderPlan(shape);
        const model = parsePlan(text);
        const data = readMappingData(model);
        const json = parseMappingJson(JSON.stringify(toMappingExchange(data), null, 2));
        assert.ok(json.ok);
        const fromJson = importFromExchange(data, json.value);
        assert.ok(fromJson.ok);
        const jsonResult = editMappingMatrix(model, [{ kind: 'replaceRows', import: fromJson.value }]);
        assert.ok(jsonResult.ok, !jsonResult.ok ? jsonResult.message : '');
        assert.deepEqual(jsonResult.edits, []);
        assert.equal(applyTextEdits(text, jsonResult.edits), text);
        const csv = parseCsv(toMappingCsv(data));
        assert.ok(csv.ok);
        const fromCsv = importFromCsv(data, csv.records);
        assert.ok(fromCsv.ok, !fromCsv.ok ? fromCsv.message : '');
        const csvResult = editMappingMatrix(model, [{ kind: 'replaceRows', import: fromCsv.value }]);
        assert.ok(csvResult.ok);
        assert.deepEqual(csvResult.edits, []);
      }),
      { numRuns: RUNS },
    );
  });

  it('import of changed rows reads back exactly as imported, other lines untouched', () => {
    fc.assert(
      fc.property(planShape, fc.array(fc.array(writableValue, { minLength: 6, maxLength: 6 }), { maxLength: 6 }), fc.option(writableValue), (shape, newRows, onConflict) => {
        const text = renderPlan(shape);
        const model = parsePlan(text);
        const data = readMappingData(model);
        const exchange = toMappingExchange(data);
        // Keep some existing rows so matching has something to hold on to.
        const rows = [...exchange.rows.filter((_, k) => k % 2 === 0), ...newRows.map(([purpose, source, externalId, internalEntity, cardinality, enforcedIn]) => ({ purpose, source, externalId, internalEntity, cardinality, enforcedIn: shape.width >= 6 ? enforcedIn : '' }))];
        const wanted = { rows, ...(onConflict !== null ? { onConflict } : {}) };
        const imported = importFromExchange(data, wanted);
        assert.ok(imported.ok);
        const result = editMappingMatrix(model, [{ kind: 'replaceRows', import: imported.value }]);
        assert.ok(result.ok, !result.ok ? result.message : '');
        const after = applyTextEdits(text, result.edits);
        const back = toMappingExchange(readMappingData(parsePlan(after)));
        assert.deepEqual(back.rows, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, (v ?? '').trim()]))));
        if (onConflict !== null && (onConflict.trim() !== '' || exchange.onConflict !== undefined)) assert.equal(back.onConflict, onConflict.trim());
        const { removed } = lineDiff(text, after);
        const allowed = matrixLines(text);
        for (const r of removed) assert.ok(allowed.has(r), `line ${r + 1} outside the matrix changed`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('control characters already in cells and fields never block an import that leaves them unchanged (JSON and CSV)', () => {
    const CONTROLS = ['\u0001', '\u001b[0m', '\u007f', '\u0008', '\u001f'];
    const dirtyShape = planShape.chain((shape) =>
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...CONTROLS)), { minLength: 1, maxLength: 4 }).map((marks) => {
        const rows = shape.rows.map((row) => [...row]);
        for (const [r, c, control] of marks) {
          const row = rows.length ? rows[r % rows.length]! : undefined;
          if (row) row[c % row.length] = `${row[c % row.length]}${control}x`;
        }
        return { ...shape, rows };
      }),
    );
    fc.assert(
      fc.property(dirtyShape, fc.constantFrom(...CONTROLS), writableValue, (shape, control, replacement) => {
        const text = renderPlan(shape).replace('keep the newest', `keep${control} the newest`);
        const model = parsePlan(text);
        const data = readMappingData(model);
        const exchange = toMappingExchange(data);
        const json = parseMappingJson(JSON.stringify(exchange));
        assert.ok(json.ok);
        const fromJson = importFromExchange(data, json.value);
        assert.ok(fromJson.ok);
        assert.deepEqual(editMappingMatrix(model, [{ kind: 'replaceRows', import: fromJson.value }]), { ok: true, edits: [] });
        const csv = parseCsv(toMappingCsv(data));
        assert.ok(csv.ok);
        const fromCsv = importFromCsv(data, csv.records);
        assert.ok(fromCsv.ok, !fromCsv.ok ? fromCsv.message : '');
        assert.deepEqual(editMappingMatrix(model, [{ kind: 'replaceRows', import: fromCsv.value }]), { ok: true, edits: [] });
        // Change one cell of the first row that holds no control character: accepted, everything else kept.
        const clean = exchange.rows.findIndex((row) => !/[\u0000-\u001f\u007f]/.test(Object.values(row).join('')));
        if (clean < 0) return;
        const rows = exchange.rows.map((row, r) => (r === clean ? { ...row, externalId: `${replacement.trim()}-changed` } : row));
        const imported = importFromExchange(data, { ...exchange, rows });
        assert.ok(imported.ok);
        const result = editMappingMatrix(model, [{ kind: 'replaceRows', import: imported.value }]);
        assert.ok(result.ok, !result.ok ? result.message : '');
        const after = applyTextEdits(text, result.edits);
        assert.deepEqual(toMappingExchange(readMappingData(parsePlan(after))).rows, rows);
        const { removed } = lineDiff(text, after);
        for (const r of removed) assert.equal(r, data.rows[clean]!.line, `line ${r + 1} changed besides the edited row`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('invalid UTF-8 outside the table: edits applied to the bytes change only the table and its fields, byte for byte', () => {
    const INVALID = [[0xe9], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xf0, 0x9f, 0x98], [0xff, 0xfe]];
    const OUTSIDE = ['# Acme Connector Rollout Plan', '- Why this connector exists: deals | invoices', '- External system: Acme', '- Scope: `a | b` in code'];
    fc.assert(
      fc.property(planShape, fc.array(fc.tuple(fc.constantFrom(...OUTSIDE), fc.constantFrom(...INVALID)), { minLength: 1, maxLength: 4 }), fc.array(change, { minLength: 1, maxLength: 6 }), (shape, marks, changes) => {
        // The plan's bytes with invalid sequences at the end of lines outside section D.
        let latin1 = Buffer.from(renderPlan(shape), 'utf8').toString('latin1');
        for (const [line, invalid] of marks) latin1 = latin1.replace(Buffer.from(line, 'utf8').toString('latin1'), (found) => found + Buffer.from(invalid).toString('latin1'));
        let bytes: Uint8Array = Buffer.from(latin1, 'latin1');
        const oddLines = linesOf(latin1).filter((line) => /[\x80-\xff]/.test(line) && OUTSIDE.some((o) => line.startsWith(Buffer.from(o, 'utf8').toString('latin1'))));
        for (const c of changes) {
          const text = decodeUtf8(bytes);
          const result = editMappingMatrix(parsePlan(text), [c]);
          if (!result.ok) continue;
          const written = applyTextEditsToBytes(bytes, result.edits);
          assert.ok(written.ok, !written.ok ? written.message : '');
          const before = Buffer.from(bytes).toString('latin1');
          const after = Buffer.from(written.bytes).toString('latin1');
          const { removed } = lineDiff(before, after);
          const allowed = matrixLines(text);
          for (const r of removed) assert.ok(allowed.has(r), `line ${r + 1} outside the matrix changed: ${JSON.stringify(linesOf(before)[r])}`);
          // The same edits through the text give the same text, but for the invalid bytes.
          assert.equal(decodeUtf8(written.bytes), applyTextEdits(text, result.edits));
          bytes = written.bytes;
        }
        const final = linesOf(Buffer.from(bytes).toString('latin1'));
        for (const line of oddLines) assert.ok(final.includes(line), `lost ${JSON.stringify(line)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary row text (ragged, stray pipes and backslashes): a change is applied exactly or refused, never thrown, never spilling over', () => {
    const rowText = fc.array(fc.constantFrom('a', 'b c', ' ', '|', '||', '\\', '\\|', '`', '` x |`', '-', '>', '数', '😀', ':---'), { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(rowText, { minLength: 1, maxLength: 5 }), change, fc.boolean(), (rowLines, c, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = ['# Plan', '', '## D) Mapping Rules + Cardinality', '| Purpose | source | Cardinality |', '|---|---|---|', ...rowLines, '', '- onConflict strategy: x', '', '## E) Delivery Phases', '- Scope: y', ''].join(eol);
        const model = parsePlan(text);
        const matrix = readMappingMatrix(model);
        if (!matrix) return;
        const result = editMappingMatrix(model, [c]);
        if (!result.ok) {
          assert.ok(result.message.length > 0);
          return;
        }
        const after = applyTextEdits(text, result.edits);
        const { removed } = lineDiff(text, after);
        const allowed = matrixLines(text);
        for (const r of removed) assert.ok(allowed.has(r), `line ${r + 1} outside the matrix changed`);
        assertLineBreaks(after, eol);
        // A missing cell of a ragged row reads as empty; setting it to empty is no change.
        if (c.kind === 'setCell') assert.equal(readRows(after)[c.row]![c.column] ?? '', c.value.trim());
      }),
      { numRuns: RUNS },
    );
  });
});
