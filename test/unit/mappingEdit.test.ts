// The matrix writer on hand-written plans: exact output for each kind of change, and the cases
// PRODUCT.md §4 ("Table edits") names one by one.
import * as assert from 'node:assert/strict';
import { readMappingMatrix } from '../../src/core/mapping';
import { readMappingData } from '../../src/core/mappingData';
import { applyTextEdits, checkMappingValue, editMappingMatrix } from '../../src/core/mappingEdit';
import type { MappingChange } from '../../src/core/mappingEdit';
import { parsePlan } from '../../src/core/parser';
import { getDefaultTemplate, parseTemplate } from '../../src/core/template';

const HEAD = '# Acme Connector Rollout Plan\n\n## C) Linking Points (Identity Graph)\n- Link 1: a -> b\n\n## D) Mapping Rules + Cardinality\n';
const TABLE = [
  '| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |',
  '|:---|---|---|---|:---:|---:|',
  '| Primary | `acme \\| crm` | deal.owner | staff | 1:1 | app |',
  '| Secondary | acme \\| eu | account.id | partners | 1:N | DB unique |',
].join('\n');
const TAIL = '\n\n- onConflict strategy: keep the newest\n- Required metadata per mapping:\n\n## E) Delivery Phases\n- Scope: x\n';
const PLAN = HEAD + TABLE + TAIL;

function edit(text: string, ...changes: MappingChange[]): string {
  const result = editMappingMatrix(parsePlan(text), changes);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return applyTextEdits(text, result.edits);
}

function refused(text: string, ...changes: MappingChange[]): string {
  const result = editMappingMatrix(parsePlan(text), changes);
  assert.equal(result.ok, false, 'the change should be refused');
  return result.ok ? '' : result.message;
}

function rows(text: string): string[][] {
  return readMappingMatrix(parsePlan(text))!.rows.map((r) => r.cells.map((c) => c.text));
}

describe('mapping matrix writer', () => {
  describe('cells', () => {
    it('changes one cell as one small edit inside that row', () => {
      const result = editMappingMatrix(parsePlan(PLAN), [{ kind: 'setCell', row: 1, column: 3, value: 'accounts' }]);
      assert.ok(result.ok);
      // "partners" → "accounts": only the differing characters (the shared final "s" stays).
      assert.deepEqual(result.edits, [{ range: { start: { line: 9, character: 40 }, end: { line: 9, character: 47 } }, newText: 'account' }]);
      assert.equal(applyTextEdits(PLAN, result.edits), PLAN.replace('| partners |', '| accounts |'));
    });

    it('escapes a pipe in a value, and the value reads back unescaped', () => {
      const after = edit(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'Primary | main' });
      assert.ok(after.includes('| Primary \\| main | `acme \\| crm` |'));
      assert.equal(rows(after)[0]![0], 'Primary | main');
    });

    it('keeps `\\|` in text and in code spans when other cells of the row and other rows change', () => {
      const after = edit(PLAN, { kind: 'setCell', row: 0, column: 2, value: 'deal.owner_id' }, { kind: 'setCell', row: 1, column: 0, value: 'Backup' });
      assert.ok(after.includes('| Primary | `acme \\| crm` | deal.owner_id |'));
      assert.ok(after.includes('| Backup | acme \\| eu |'));
      assert.deepEqual(rows(after).map((r) => r[1]), ['`acme | crm`', 'acme | eu']);
    });

    it('writes a value back unchanged when the form sends the same text: no edit at all', () => {
      const result = editMappingMatrix(parsePlan(PLAN), [{ kind: 'setCell', row: 0, column: 1, value: '`acme | crm`' }]);
      assert.deepEqual(result, { ok: true, edits: [] });
    });

    it('refuses a line break, control characters and a backslash right before a pipe, with a message', () => {
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'two\nlines' }), /line break/);
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'two\r\nlines' }), /line break/);
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'bell\u0007' }), /control/);
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'a\\|b' }), /backslash/);
      assert.equal(checkMappingValue('a\\\\|b'), undefined, 'two backslashes then a pipe are fine');
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 0, value: 'x'.repeat(2001) }), /at most 2000/);
    });

    it('checks only the values that change: a control character or an overlong value already in the plan blocks nothing', () => {
      const dirty = PLAN.replace('| Primary |', '| Primary\u001b[0m |').replace('keep the newest', 'keep\u0007 the newest').replace('| partners |', `| ${'p'.repeat(2001)} |`);
      const data = readMappingData(parsePlan(dirty));
      assert.equal(data.rows[0]!.cells[0], 'Primary\u001b[0m');
      // The same values sent back: nothing to write, nothing refused.
      assert.deepEqual(editMappingMatrix(parsePlan(dirty), [{ kind: 'setCell', row: 0, column: 0, value: 'Primary\u001b[0m' }]), { ok: true, edits: [] });
      assert.deepEqual(editMappingMatrix(parsePlan(dirty), [{ kind: 'setField', field: 'onConflict', value: 'keep\u0007 the newest' }]), { ok: true, edits: [] });
      const unchanged = { columns: [0, 1, 2, 3, 4, 5], rows: data.rows.map((row) => row.cells.map((cell) => cell ?? '')), onConflict: 'keep\u0007 the newest' };
      assert.deepEqual(editMappingMatrix(parsePlan(dirty), [{ kind: 'replaceRows', import: unchanged }]), { ok: true, edits: [] });
      // Another cell of that row, and the other rows, can change.
      assert.equal(edit(dirty, { kind: 'setCell', row: 0, column: 4, value: '1:N' }), dirty.replace('| staff | 1:1 |', '| staff | 1:N |'));
      const otherRow = unchanged.rows.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 0 ? 'Backup' : cell)) : row));
      assert.equal(edit(dirty, { kind: 'replaceRows', import: { ...unchanged, rows: otherRow } }), dirty.replace('| Secondary |', '| Backup |'));
      // A value that changes is still checked.
      assert.match(refused(dirty, { kind: 'replaceRows', import: { ...unchanged, rows: otherRow.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 2 ? 'id\u001b' : cell)) : row)) } }), /Import row 2: .*control characters/);
      assert.match(refused(dirty, { kind: 'setCell', row: 0, column: 0, value: 'Primary\u001b[1m' }), /control characters/);
    });

    it('refuses rows and columns that do not exist', () => {
      assert.match(refused(PLAN, { kind: 'setCell', row: 2, column: 0, value: 'x' }), /no mapping row 3: the table has 2/);
      assert.match(refused(PLAN, { kind: 'setCell', row: 0, column: 6, value: 'x' }), /no column 7/);
      assert.match(refused(PLAN, { kind: 'setCell', row: -1, column: 0, value: 'x' }), /no mapping row/);
      assert.match(refused(PLAN, { kind: 'moveRow', row: 0, to: 5 }), /cannot move/);
      assert.match(refused(PLAN, { kind: 'addRow', index: 9 }), /cannot be added/);
    });

    it('keeps the alignment row and pads an aligned column to its width', () => {
      const aligned = `${HEAD}| Purpose   | source | Cardinality |\n| :-------- | ------ | :---------: |\n| Primary   | acme   | 1:1         |\n| Secondary | acme   | 1:N         |\n`;
      const after = edit(aligned, { kind: 'setCell', row: 0, column: 0, value: 'Main' }, { kind: 'setCell', row: 1, column: 2, value: '1:1' });
      assert.equal(after, aligned.replace('| Primary   |', '| Main      |').replace('| 1:N         |', '| 1:1         |'));
      const added = edit(aligned, { kind: 'addRow', index: 2, values: ['Third', 'b', '1:N'] });
      assert.ok(added.endsWith('| Third     | b      | 1:N         |\n'), added);
    });

    it('keeps a table without outer pipes without them, and adds them where a first cell would break the row', () => {
      const bare = `${HEAD}Purpose | source | Cardinality\n--- | --- | ---\nPrimary | acme | 1:1\nSecondary | acme | 1:N\n\nAfter.\n`;
      assert.equal(edit(bare, { kind: 'setCell', row: 0, column: 1, value: 'crm' }), bare.replace('Primary | acme |', 'Primary | crm |'));
      const list = edit(bare, { kind: 'setCell', row: 0, column: 0, value: '- not a list' });
      assert.ok(list.includes('| - not a list | acme | 1:1\n'), list);
      const empty = edit(bare, { kind: 'setCell', row: 1, column: 2, value: '' });
      assert.ok(empty.includes('Secondary | acme | |\n'), empty);
      assert.deepEqual(rows(list)[0], ['- not a list', 'acme', '1:1']);
      assert.deepEqual(rows(empty)[1], ['Secondary', 'acme', '']);
    });

    it('adds the missing cells of a ragged row and never truncates a row with extra cells', () => {
      const ragged = `${HEAD}| Purpose | source | Cardinality |\n|---|---|---|\n| Short |\n| Long | acme | 1:1 | extra one | extra \\| two |\n`;
      const filled = edit(ragged, { kind: 'setCell', row: 0, column: 2, value: '1:N' });
      assert.ok(filled.includes('| Short | | 1:N |\n') || filled.includes('| Short |  | 1:N |\n'), filled);
      assert.deepEqual(rows(filled)[0], ['Short', '', '1:N']);
      const kept = edit(ragged, { kind: 'setCell', row: 1, column: 1, value: 'crm' });
      assert.ok(kept.includes('| Long | crm | 1:1 | extra one | extra \\| two |'));
      const moved = edit(ragged, { kind: 'moveRow', row: 1, to: 0 });
      assert.ok(moved.includes('| Long | acme | 1:1 | extra one | extra \\| two |\n| Short |\n'));
    });

    it('round-trips CJK, emoji and combining marks, never splitting a surrogate pair', () => {
      const value = '数据 😀 👍🏽 e\u0301';
      const after = edit(PLAN, { kind: 'setCell', row: 0, column: 3, value });
      assert.equal(rows(after)[0]![3], value);
      const result = editMappingMatrix(parsePlan(after), [{ kind: 'setCell', row: 0, column: 3, value: '数据 😃 👍🏽 e\u0301' }]);
      assert.ok(result.ok);
      const [only] = result.edits;
      // 😀 and 😃 share their high surrogate: the edit still starts before it.
      assert.equal(only!.newText, '😃');
      assert.equal(rows(applyTextEdits(after, result.edits))[0]![3], '数据 😃 👍🏽 e\u0301');
    });
  });

  describe('rows', () => {
    it('adds a row below the last one without absorbing the paragraph right after the table', () => {
      const text = `${HEAD}| Purpose | source |\n|---|---|\n| Primary | acme |\nA paragraph right after.\n`;
      const after = edit(text, { kind: 'addRow', index: 1, values: ['Secondary', 'crm'] });
      assert.equal(after, text.replace('| Primary | acme |\n', '| Primary | acme |\n| Secondary | crm |\n'));
      assert.equal(readMappingMatrix(parsePlan(after))!.rows.length, 2);
    });

    it('adds, moves and deletes rows at the end of a file without a final line break', () => {
      const text = `${HEAD}| Purpose | source |\n|---|---|\n| Primary | acme |`;
      const added = edit(text, { kind: 'addRow', index: 1, values: ['Secondary', 'crm'] });
      assert.equal(added, `${text}\n| Secondary | crm |`);
      assert.equal(edit(added, { kind: 'moveRow', row: 1, to: 0 }), `${HEAD}| Purpose | source |\n|---|---|\n| Secondary | crm |\n| Primary | acme |`);
      assert.equal(edit(added, { kind: 'deleteRow', row: 1 }), text);
      assert.equal(edit(text, { kind: 'deleteRow', row: 0 }), `${HEAD}| Purpose | source |\n|---|---|`);
    });

    it('moves a row and leaves every other line as it was', () => {
      const after = edit(PLAN, { kind: 'moveRow', row: 1, to: 0 });
      const [a, b] = [PLAN.split('\n'), after.split('\n')];
      assert.equal(a.length, b.length);
      assert.deepEqual([b[8], b[9]], [a[9], a[8]]);
      assert.deepEqual(b.filter((_, k) => k !== 8 && k !== 9), a.filter((_, k) => k !== 8 && k !== 9));
    });

    it('adds a first row to a table that has none', () => {
      const text = `${HEAD}| Purpose | source |\n|---|---|\n\nAfter.\n`;
      assert.equal(edit(text, { kind: 'addRow', index: 0, values: ['Primary'] }), text.replace('|---|---|\n', '|---|---|\n| Primary |  |\n'));
    });

    it('keeps CRLF line breaks and the BOM', () => {
      const crlf = `\uFEFF${PLAN.replace(/\n/g, '\r\n')}`;
      const after = edit(crlf, { kind: 'addRow', index: 2, values: ['Third', 'x', 'y', 'z', '1:N', 'app'] }, { kind: 'setField', field: 'requiredMetadata', value: 'synced_at' });
      assert.ok(after.startsWith('\uFEFF'));
      assert.ok(!/[^\r]\n/.test(after), 'every line break is CRLF');
      assert.equal(after, crlf.replace('| DB unique |\r\n', '| DB unique |\r\n| Third | x | y | z | 1:N | app |\r\n').replace('per mapping:\r\n', 'per mapping: synced_at\r\n'));
    });
  });

  describe('fields', () => {
    it('fills an empty field, changes a filled one and empties it again', () => {
      const filled = edit(PLAN, { kind: 'setField', field: 'requiredMetadata', value: 'synced_at, matched_by' });
      assert.ok(filled.includes('- Required metadata per mapping: synced_at, matched_by\n'));
      const changed = edit(filled, { kind: 'setField', field: 'onConflict', value: 'merge | keep both' });
      assert.ok(changed.includes('- onConflict strategy: merge | keep both\n'));
      const emptied = edit(changed, { kind: 'setField', field: 'onConflict', value: '' });
      assert.ok(emptied.includes('- onConflict strategy:\n'));
    });

    it('adds a missing field next to the other, and both after the table when neither is there', () => {
      const withoutMetadata = PLAN.replace('- Required metadata per mapping:\n', '');
      assert.equal(edit(withoutMetadata, { kind: 'setField', field: 'requiredMetadata', value: 'synced_at' }), PLAN.replace('per mapping:', 'per mapping: synced_at'));
      const withoutOnConflict = PLAN.replace('- onConflict strategy: keep the newest\n', '');
      assert.equal(edit(withoutOnConflict, { kind: 'setField', field: 'onConflict', value: 'keep the newest' }), PLAN);
      const neither = PLAN.replace('- onConflict strategy: keep the newest\n- Required metadata per mapping:\n', '');
      const both = edit(neither, { kind: 'setField', field: 'onConflict', value: 'skip' }, { kind: 'setField', field: 'requiredMetadata', value: 'synced_at' });
      assert.ok(both.includes('| DB unique |\n\n- onConflict strategy: skip\n- Required metadata per mapping: synced_at\n\n## E)'), both);
      const data = readMappingData(parsePlan(both));
      assert.deepEqual([data.fields.onConflict.value, data.fields.requiredMetadata.value], ['skip', 'synced_at']);
    });

    it('refuses to edit a field that goes on over several lines', () => {
      const multi = PLAN.replace('- onConflict strategy: keep the newest\n', '- onConflict strategy: keep the newest\n  unless the source says otherwise\n');
      assert.match(refused(multi, { kind: 'setField', field: 'onConflict', value: 'merge' }), /several lines/);
    });
  });

  describe('inserting the matrix', () => {
    it('inserts section D from the template before section E when it is missing', () => {
      const text = '# Acme\n\n## C) Linking Points (Identity Graph)\n- Link 1: a -> b\n\n## E) Delivery Phases\n- Scope: x\n';
      const after = edit(text, { kind: 'insertMatrix' });
      const section = getDefaultTemplate().sectionLines.get('D')!.join('\n');
      assert.equal(after, text.replace('## E)', `${section}\n\n## E)`));
      assert.equal(readMappingData(parsePlan(after)).status, 'ready');
    });

    it('inserts the template\'s table under the heading when section D has none, from a workspace template too', () => {
      const text = '# Acme\n\n### D) Mapping Rules + Cardinality\nSome notes.\n\n### E) Delivery Phases\n';
      const template = parseTemplate(getDefaultTemplate().text.replace('| Mapping Purpose | source |', '| Mapping Purpose | `source` |'));
      const result = editMappingMatrix(parsePlan(text), [{ kind: 'insertMatrix' }], { template });
      assert.ok(result.ok);
      const after = applyTextEdits(text, result.edits);
      assert.ok(after.startsWith('# Acme\n\n### D) Mapping Rules + Cardinality\n| Mapping Purpose | `source` |'), after);
      assert.ok(after.includes('| Tertiary | {source_c} | {id} | {entity} | {1:1/1:N} | {DB/app} |\n\nSome notes.'));
    });

    it('refuses when the matrix is already there, and other changes without a matrix', () => {
      assert.match(refused(PLAN, { kind: 'insertMatrix' }), /already has/);
      assert.match(refused('# Acme\n', { kind: 'setCell', row: 0, column: 0, value: 'x' }), /no section D/);
      assert.match(refused('# Acme\n\n## D) Mapping Rules + Cardinality\n- onConflict strategy: x\n', { kind: 'addRow', index: 0 }), /no mapping table/);
    });
  });
});
