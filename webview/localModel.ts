// Applies a change to the form's copy of the matrix right away, so the form answers at once; the
// document's own state replaces it as soon as the extension has written the change.
import type { FormChange, FormState } from '../src/protocol/mappingMessages';

type Data = FormState['data'];
type Finding = FormState['findings'][number];

/** The form's view of the matrix after a change (the input is left as it was). */
export function applyLocally(data: Data, change: FormChange): Data {
  const rows = data.rows.map((row) => ({ ...row, cells: [...row.cells], extra: [...row.extra] }));
  switch (change.kind) {
    case 'setCell': {
      const row = rows[change.row];
      if (row && change.column < data.columns.length) row.cells[change.column] = change.value.trim();
      return { ...data, rows };
    }
    case 'addRow':
      rows.splice(change.index, 0, { line: -1, cells: data.columns.map((_, k) => (change.values?.[k] ?? '').trim()), extra: [] });
      return { ...data, rows };
    case 'deleteRow':
      rows.splice(change.row, 1);
      return { ...data, rows };
    case 'moveRow': {
      const [moved] = rows.splice(change.row, 1);
      if (moved) rows.splice(change.to, 0, moved);
      return { ...data, rows };
    }
    case 'setField': {
      const value = change.value.trim();
      return { ...data, fields: { ...data.fields, [change.field]: { ...data.fields[change.field], value, present: data.fields[change.field].present || value !== '' } } };
    }
    case 'insertMatrix':
      return data;
  }
}

/** The findings still worth showing after a local change (they come back fresh with the next state). */
export function findingsAfter(findings: readonly Finding[], change: FormChange): Finding[] {
  switch (change.kind) {
    case 'setCell':
      return findings.filter((f) => !(f.target.kind === 'cell' && f.target.row === change.row && f.target.column === change.column));
    case 'setField':
      return findings.filter((f) => !(f.target.kind === 'field' && f.target.field === change.field));
    default:
      // Rows moved: a finding's row number would point at the wrong row until the state comes back.
      return findings.filter((f) => f.target.kind === 'field');
  }
}
