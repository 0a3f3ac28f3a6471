// The form's DOM. Every value from the document goes in through `textContent`, `value` or
// `setAttribute` — never as markup — so a cell holding `<img src=x onerror=…>` is only text.
import type { FormChange, FormState } from '../src/protocol/mappingMessages';
import { caretOf, createButton, createDropdown, createTextField, isDropdown, isDropdownOpen, isTextField, setDisabled } from './toolkit';
import type { ValueControl } from './toolkit';
import { el } from './dom';
import { renderFindings, worstSeverity } from './findingsView';
import { SuggestionList } from './suggestionList';

type Data = FormState['data'];
type Finding = FormState['findings'][number];
type ColumnKey = NonNullable<Data['columns'][number]['key']>;
type FieldKey = keyof Data['fields'];

export const CARDINALITIES = ['1:1', '1:N'] as const;
const CURRENT = '__current__';
const COMMIT_AFTER_MS = 700;

const PLACEHOLDERS: Partial<Record<ColumnKey, string>> = {
  purpose: 'e.g. Primary business link',
  source: 'e.g. hubspot',
  externalId: 'e.g. owner id',
  internalEntity: 'e.g. staff.id',
  enforcedIn: 'DB partial unique, DB unique or app',
};

export interface FormCallbacks {
  change(change: FormChange): void;
  openText(row: number | undefined): void;
}

interface CellView {
  control: ValueControl;
  container: HTMLElement;
}

interface FieldView {
  control: ValueControl;
  findings: HTMLElement;
  container: HTMLElement;
}

interface RowView {
  tr: HTMLTableRowElement;
  number: HTMLElement;
  cells: CellView[];
  up: HTMLElement;
  down: HTMLElement;
  remove: HTMLElement;
  extra: HTMLElement;
  rowFindings: HTMLTableRowElement;
  rowFindingsCell: HTMLElement;
}

/** The mapping-matrix form. */
export class MappingForm {
  private data: Data | undefined;
  private findings: Finding[] = [];
  private columnsSignature = '';
  private rows: RowView[] = [];
  private fieldViews = new Map<FieldKey, FieldView>();
  /** The model's value each control last showed (trimmed), to tell the user's typing from the document's. */
  private readonly committed = new WeakMap<HTMLElement, string>();
  private readonly timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();
  private readonly title = el('h1');
  private readonly notice = el('div', 'notice');
  private readonly noticeText = el('span', 'notice-text');
  private readonly body = el('div', 'form-body');
  private readonly suggestions = new SuggestionList();
  private tbody: HTMLTableSectionElement | undefined;
  private addButton: HTMLElement | undefined;

  constructor(
    root: HTMLElement,
    private readonly callbacks: FormCallbacks,
  ) {
    const header = el('header', 'form-header');
    const toolbar = el('div', 'toolbar');
    const add = createButton({ text: 'Add row', title: 'Add a mapping row at the end (Ctrl+Enter adds one below the current row)', appearance: 'primary' });
    add.addEventListener('click', () => this.addRow(this.data?.rows.length ?? 0, 0));
    this.addButton = add;
    const openText = createButton({ text: 'Show in text editor', title: 'Open the plan as text beside the form, at this row' });
    openText.addEventListener('click', () => this.callbacks.openText(this.focusedCell()?.row));
    toolbar.append(add, openText);
    header.append(this.title, toolbar);
    const hint = el('p', 'hint');
    hint.append(el('strong', undefined, 'Rule of thumb'), document.createTextNode(' (playbook §3): use DB constraints for invariants that must never drift (a true 1:1); use app logic for flexible mappings (1:N, evolving ownership).'));
    this.notice.setAttribute('role', 'status');
    this.notice.setAttribute('aria-live', 'polite');
    this.notice.hidden = true;
    const dismiss = createButton({ text: '✕', title: 'Dismiss', appearance: 'icon' });
    dismiss.addEventListener('click', () => this.clearNotice());
    this.notice.append(this.noticeText, dismiss);
    const keys = el('p', 'keys', 'Keys: ↑/↓ move between rows (Ctrl+↑/↓ from a dropdown), Enter commits and goes down, ←/→ at a field’s end go to the next cell, Alt+↑/↓ move the row, Ctrl+Enter adds a row below, Ctrl+Shift+K deletes the row, Ctrl+Space suggests an enforcement. Ctrl+Z undoes in the document.');
    root.replaceChildren(header, hint, this.notice, this.body, keys, this.suggestions.element);
    root.removeAttribute('aria-busy');
    document.addEventListener('keydown', (event) => this.keydown(event), true);
    document.addEventListener('mousedown', (event) => {
      if (!this.suggestions.element.contains(event.target as Node)) this.suggestions.close();
    });
  }

  /** Shows a message above the form. */
  showNotice(message: string, level: 'error' | 'warning' | 'info'): void {
    this.noticeText.textContent = message;
    this.notice.className = `notice notice-${level}`;
    this.notice.setAttribute('role', level === 'info' ? 'status' : 'alert');
    this.notice.hidden = false;
  }

  clearNotice(): void {
    this.notice.hidden = true;
    this.noticeText.textContent = '';
  }

  /** The matrix currently shown (with local changes). */
  get current(): Data | undefined {
    return this.data;
  }

  /** Shows a state (from the document, or the local copy after a change). */
  render(state: FormState, data: Data = state.data, findings: readonly Finding[] = state.findings): void {
    this.title.textContent = `Mapping matrix — ${state.fileName}`;
    document.title = `Mapping Matrix — ${state.fileName}`;
    this.data = data;
    this.findings = [...findings];
    if (state.unavailable) {
      this.renderMessage(state.unavailable, undefined);
      return;
    }
    if (data.status !== 'ready') {
      const text = data.status === 'noSection'
        ? 'This plan has no section D (Mapping Rules + Cardinality) yet.'
        : 'Section D (Mapping Rules + Cardinality) has no mapping table yet.';
      const label = data.status === 'noSection' ? 'Insert section D from the template' : 'Insert the mapping table from the template';
      this.renderMessage(text, label);
      return;
    }
    const signature = JSON.stringify(data.columns);
    if (signature !== this.columnsSignature || !this.tbody || !this.body.contains(this.tbody)) this.buildTable(data);
    this.columnsSignature = signature;
    this.syncRows(data);
    this.syncFields(data);
    if (this.addButton) setDisabled(this.addButton, false);
  }

  private renderMessage(text: string, actionLabel: string | undefined): void {
    this.columnsSignature = '';
    this.tbody = undefined;
    this.rows = [];
    this.fieldViews.clear();
    if (this.addButton) setDisabled(this.addButton, true);
    const box = el('div', 'empty-state');
    box.append(el('p', undefined, text));
    if (actionLabel) {
      const button = createButton({ text: actionLabel, title: actionLabel, appearance: 'primary' });
      button.addEventListener('click', () => this.callbacks.change({ kind: 'insertMatrix' }));
      box.append(button);
    }
    this.body.replaceChildren(box);
  }

  private buildTable(data: Data): void {
    const table = el('table', 'matrix');
    table.setAttribute('aria-label', 'Mapping matrix');
    const head = el('thead');
    const headRow = el('tr');
    headRow.append(el('th', 'row-number', '#'));
    for (const column of data.columns) {
      const th = el('th', `column-${column.key ?? 'other'}`, column.header);
      th.scope = 'col';
      th.title = column.header;
      headRow.append(th);
    }
    const actions = el('th', 'actions-head');
    actions.append(el('span', 'visually-hidden', 'Row actions'));
    headRow.append(actions);
    head.append(headRow);
    this.tbody = el('tbody');
    table.append(head, this.tbody);
    const fields = el('section', 'fields');
    fields.setAttribute('aria-label', 'Fields below the table');
    this.fieldViews.clear();
    for (const key of ['onConflict', 'requiredMetadata'] as const) {
      const container = el('div', 'field');
      const control = createTextField({ value: '', ariaLabel: data.fields[key].label, label: data.fields[key].label, maxLength: 2000 });
      control.dataset.field = key;
      this.wireText(control, () => ({ kind: 'setField', field: key, value: control.value }));
      const findings = el('div', 'findings');
      findings.hidden = true;
      container.append(control, findings);
      fields.append(container);
      this.fieldViews.set(key, { control, findings, container });
    }
    this.rows = [];
    this.body.replaceChildren(table, fields);
  }

  private syncRows(data: Data): void {
    const tbody = this.tbody!;
    while (this.rows.length > data.rows.length) {
      const view = this.rows.pop()!;
      view.tr.remove();
      view.rowFindings.remove();
    }
    while (this.rows.length < data.rows.length) {
      const view = this.buildRow(data, this.rows.length);
      this.rows.push(view);
      tbody.append(view.tr, view.rowFindings);
    }
    data.rows.forEach((row, r) => {
      const view = this.rows[r]!;
      view.number.textContent = String(r + 1);
      data.columns.forEach((column, c) => {
        const cell = view.cells[c]!;
        const value = row.cells[c] ?? '';
        if (column.key === 'cardinality') this.syncDropdown(view, c, value);
        else this.syncValue(cell.control, value);
        const cellFindings = this.findings.filter((f) => f.target.kind === 'cell' && f.target.row === r && f.target.column === c);
        const worst = worstSeverity(cellFindings);
        cell.container.className = `cell${worst ? ` has-${worst}` : ''}`;
        cell.container.title = cellFindings.map((f) => `${f.severity}: ${f.message}`).join('\n');
      });
      setDisabled(view.up, r === 0);
      setDisabled(view.down, r === data.rows.length - 1);
      view.extra.textContent = row.extra.length ? `+${row.extra.length}` : '';
      view.extra.title = row.extra.length ? `Cells past the header, kept as written: ${row.extra.join(' | ')}` : '';
      view.extra.hidden = row.extra.length === 0;
      // All of a row's findings on one line under it, each named by its column, so cells stay one line high.
      const rowFindings = this.findings.filter((f) => (f.target.kind === 'row' || f.target.kind === 'cell') && f.target.row === r);
      renderFindings(view.rowFindingsCell, rowFindings, (f) => (f.target.kind === 'cell' ? data.columns[f.target.column]?.header : undefined));
      view.rowFindings.hidden = rowFindings.length === 0;
    });
    const tableFindings = this.findings.filter((f) => f.target.kind === 'table');
    if (tableFindings.length) this.showNotice(tableFindings.map((f) => f.message).join(' '), tableFindings[0]!.severity);
  }

  private buildRow(data: Data, r: number): RowView {
    const tr = el('tr', 'mapping-row');
    tr.dataset.row = String(r);
    // The row's number heads its card when the form is too narrow for the table (media/mappingEditor.css).
    const heading = el('th', 'row-number');
    heading.scope = 'row';
    const number = el('span', 'row-index', String(r + 1));
    heading.append(el('span', 'row-label', 'Row '), number);
    tr.append(heading);
    const cells: CellView[] = data.columns.map((column, c) => {
      const td = el('td');
      // Shown above the field in a card; the control carries the same name for assistive technology.
      const label = el('span', 'cell-label', column.header || `Column ${c + 1}`);
      label.setAttribute('aria-hidden', 'true');
      const container = el('div', 'cell');
      const control = this.createCellControl(column, c, '');
      container.append(control);
      td.className = `column-${column.key ?? 'other'}`;
      td.append(label, container);
      tr.append(td);
      return { control, container };
    });
    const actions = el('td', 'actions');
    const up = createButton({ text: '↑', title: 'Move row up (Alt+↑)', appearance: 'icon' });
    const down = createButton({ text: '↓', title: 'Move row down (Alt+↓)', appearance: 'icon' });
    const remove = createButton({ text: '✕', title: 'Delete row (Ctrl+Shift+K)', appearance: 'icon' });
    const extra = el('span', 'extra-cells');
    extra.hidden = true;
    up.addEventListener('click', () => this.moveRow(this.rowOf(tr), -1, undefined));
    down.addEventListener('click', () => this.moveRow(this.rowOf(tr), 1, undefined));
    remove.addEventListener('click', () => this.deleteRow(this.rowOf(tr), undefined));
    actions.append(up, down, remove, extra);
    tr.append(actions);
    const rowFindings = el('tr', 'row-findings');
    const rowFindingsCell = el('td');
    rowFindingsCell.colSpan = data.columns.length + 2;
    rowFindings.append(rowFindingsCell);
    rowFindings.hidden = true;
    return { tr, number, cells, up, down, remove, extra, rowFindings, rowFindingsCell };
  }

  private rowOf(tr: HTMLTableRowElement): number {
    return this.rows.findIndex((view) => view.tr === tr);
  }

  private createCellControl(column: Data['columns'][number], c: number, value: string): ValueControl {
    const label = column.header || `Column ${c + 1}`;
    let control: ValueControl;
    if (column.key === 'cardinality') {
      control = this.createCardinality(value, label);
    } else {
      control = createTextField({ value, ariaLabel: label, placeholder: column.key ? PLACEHOLDERS[column.key] : undefined, maxLength: 2000 });
      this.wireText(control, () => {
        const row = this.rowOfControl(control);
        return row === undefined ? undefined : { kind: 'setCell', row, column: c, value: control.value };
      });
      if (column.key === 'enforcedIn') {
        control.dataset.suggest = 'enforcement';
        control.addEventListener('input', () => this.suggestions.open(control, false));
        control.addEventListener('blur', () => setTimeout(() => this.suggestions.close(), 150));
      }
    }
    control.dataset.column = String(c);
    this.committed.set(control, value.trim());
    return control;
  }

  private createCardinality(value: string, label: string): ValueControl {
    const standard = (CARDINALITIES as readonly string[]).includes(value);
    const choices = [...(standard ? [] : [{ value: CURRENT, label: value === '' ? '(empty)' : value }]), ...CARDINALITIES.map((v) => ({ value: v, label: v }))];
    const dropdown = createDropdown(choices, standard ? value : CURRENT, label);
    dropdown.dataset.cardinality = value;
    dropdown.addEventListener('change', () => {
      const picked = dropdown.value;
      const row = this.rowOfControl(dropdown);
      const column = Number(dropdown.dataset.column);
      if (row === undefined || picked === CURRENT || !(CARDINALITIES as readonly string[]).includes(picked)) return;
      if (picked === (this.data?.rows[row]?.cells[column] ?? '')) return;
      this.callbacks.change({ kind: 'setCell', row, column, value: picked });
    });
    return dropdown;
  }

  private syncDropdown(view: RowView, c: number, value: string): void {
    const cell = view.cells[c]!;
    if (cell.control.dataset.cardinality === value) return;
    if (isDropdownOpen(cell.control)) return;
    const hadFocus = cell.control.matches(':focus-within') || document.activeElement === cell.control;
    const replacement = this.createCardinality(value, cell.control.getAttribute('aria-label') ?? 'Cardinality');
    replacement.dataset.column = String(c);
    cell.control.replaceWith(replacement);
    cell.control = replacement;
    if (hadFocus) replacement.focus();
  }

  private rowOfControl(control: HTMLElement): number | undefined {
    const tr = control.closest('tr');
    if (!tr) return undefined;
    const index = this.rows.findIndex((view) => view.tr === tr);
    return index >= 0 ? index : undefined;
  }

  /** Commits a text control on `change` (Enter, blur) and after a pause in typing. */
  private wireText(control: ValueControl, change: () => FormChange | undefined): void {
    const commit = () => {
      const timer = this.timers.get(control);
      if (timer) clearTimeout(timer);
      this.timers.delete(control);
      const next = change();
      if (!next || next.kind === 'insertMatrix') return;
      const value = control.value.trim();
      if (value === this.committed.get(control)) return;
      this.committed.set(control, value);
      this.callbacks.change(next);
    };
    (control as ValueControl & { commit?: () => void }).commit = commit;
    control.addEventListener('change', commit);
    control.addEventListener('input', () => {
      const timer = this.timers.get(control);
      if (timer) clearTimeout(timer);
      this.timers.set(control, setTimeout(commit, COMMIT_AFTER_MS));
    });
  }

  /** Puts the document's value into a control without trampling what the user is typing. */
  private syncValue(control: ValueControl, value: string): void {
    const committed = this.committed.get(control);
    const focused = control.matches(':focus-within') || document.activeElement === control;
    const typing = focused && control.value.trim() !== committed;
    if (typing && value === committed) return;
    if (control.value.trim() !== value || (!focused && control.value !== value)) control.value = value;
    this.committed.set(control, value);
  }

  private syncFields(data: Data): void {
    for (const [key, view] of this.fieldViews) {
      const field = data.fields[key];
      this.syncValue(view.control, field.value);
      if (field.multiline) view.control.setAttribute('readonly', '');
      else view.control.removeAttribute('readonly');
      view.control.setAttribute('placeholder', field.multiline ? 'Spans several lines: edit it in the text editor' : field.present ? '' : 'Not in the plan yet: typing here adds it');
      const findings = this.findings.filter((f) => f.target.kind === 'field' && f.target.field === key);
      renderFindings(view.findings, findings);
      const worst = worstSeverity(findings);
      view.container.className = `field${worst ? ` has-${worst}` : ''}`;
    }
  }

  // ---- Row operations (local first, then the callback) ----

  private addRow(index: number, focusColumn: number | undefined): void {
    if (!this.data || this.data.status !== 'ready') return;
    this.callbacks.change({ kind: 'addRow', index });
    if (focusColumn !== undefined) this.focusCell(index, focusColumn);
  }

  private moveRow(row: number, delta: number, focusColumn: number | undefined): void {
    if (!this.data || row < 0) return;
    const to = row + delta;
    if (to < 0 || to >= this.data.rows.length) return;
    this.flushFocused();
    this.callbacks.change({ kind: 'moveRow', row, to });
    if (focusColumn !== undefined) this.focusCell(to, focusColumn);
  }

  private deleteRow(row: number, focusColumn: number | undefined): void {
    if (!this.data || row < 0 || row >= this.data.rows.length) return;
    this.callbacks.change({ kind: 'deleteRow', row });
    if (focusColumn !== undefined && this.data.rows.length > 0) this.focusCell(Math.min(row, this.data.rows.length - 1), focusColumn);
  }

  /** Commits what the focused field holds before a change that moves rows around. */
  private flushFocused(): void {
    const active = this.focusedControl();
    (active as (HTMLElement & { commit?: () => void }) | undefined)?.commit?.();
  }

  private focusedControl(): HTMLElement | undefined {
    const active = document.activeElement;
    return active instanceof HTMLElement && (isTextField(active) || isDropdown(active)) ? active : undefined;
  }

  private focusedCell(): { row: number; column: number } | undefined {
    const control = this.focusedControl();
    if (!control || control.dataset.column === undefined) return undefined;
    const row = this.rowOfControl(control);
    return row === undefined ? undefined : { row, column: Number(control.dataset.column) };
  }

  /** Focuses a cell's control (after the local state has been rendered). */
  focusCell(row: number, column: number): void {
    const control = this.rows[row]?.cells[column]?.control;
    if (control) control.focus();
  }

  /** Where the focus is, for restoring it after the webview is rebuilt. */
  focusState(): { row: number; column: number } | undefined {
    return this.focusedCell();
  }

  // ---- Keyboard ----

  private keydown(event: KeyboardEvent): void {
    const target = event.target instanceof HTMLElement ? event.target : undefined;
    if (this.suggestions.handleKey(event.key)) return stop(event);
    if (!target || target.dataset.column === undefined) return;
    const cell = this.focusedCell();
    if (!cell) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const { row, column } = cell;
    if (event.altKey && !ctrl && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      this.moveRow(row, event.key === 'ArrowUp' ? -1 : 1, column);
      return stop(event);
    }
    if (ctrl && !event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      this.flushFocused();
      this.focusCell(row + (event.key === 'ArrowUp' ? -1 : 1), column);
      return stop(event);
    }
    if (ctrl && event.key === 'Enter') {
      this.flushFocused();
      this.addRow(row + 1, column);
      return stop(event);
    }
    if (ctrl && event.shiftKey && event.key.toLowerCase() === 'k') {
      this.deleteRow(row, column);
      return stop(event);
    }
    if (ctrl && event.key === ' ' && target.dataset.suggest === 'enforcement') {
      this.suggestions.open(target as ValueControl, true);
      return stop(event);
    }
    if (event.altKey || ctrl || event.shiftKey) return;
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !isDropdownOpen(target)) {
      this.flushFocused();
      this.focusCell(row + (event.key === 'ArrowUp' ? -1 : 1), column);
      return stop(event);
    }
    if (event.key === 'Enter' && isTextField(target)) {
      this.flushFocused();
      if (row + 1 < this.rows.length) this.focusCell(row + 1, column);
      return stop(event);
    }
    const caret = caretOf(target);
    if (caret && caret.start === caret.end) {
      if (event.key === 'ArrowLeft' && caret.start === 0 && column > 0) {
        this.focusCell(row, column - 1);
        return stop(event);
      }
      if (event.key === 'ArrowRight' && caret.end === caret.length && column + 1 < (this.data?.columns.length ?? 0)) {
        this.focusCell(row, column + 1);
        return stop(event);
      }
    }
  }
}

function stop(event: KeyboardEvent): void {
  event.preventDefault();
  event.stopPropagation();
}
