// The dashboard's page: a toolbar (filter by connector, by status; sort), one row per plan, the
// selected plan's identity graph under its row, and the plans that cannot be read. Keyboard: one
// tab stop for the rows (↑/↓ between rows, ←/→ between a row's parts, Enter opens a part or shows
// the row's graph, Escape back to the row); the graph's nodes and edges are tab stops of their own.
import type { DashboardSortKey } from '../../src/core/dashboardOrder';
import { DASHBOARD_SORT_KEYS, dashboardStatuses, dashboardTotals, filterDashboardPlans, sortDashboardPlans } from '../../src/core/dashboardOrder';
import type { IdentityLayout } from '../../src/core/identity/layout';
import type { DashboardState } from '../../src/protocol/dashboardMessages';
import { el } from '../dom';
import { createBadge, createButton, createDropdown, createProgressRing, createTextField, setDropdownChoices } from '../toolkit';
import type { ValueControl } from '../toolkit';
import { drawIdentityGraph } from './identityGraphView';
import type { Plan } from './planRow';
import { buildPlanRow, partsOf, plural } from './planRow';

export interface DashboardCallbacks {
  open(plan: string, line: number): void;
  select(plan: string | null): void;
  /** The view state changed (kept across reloads of the page). */
  saved(state: ViewState): void;
}

export interface ViewState {
  sort: DashboardSortKey;
  descending: boolean;
  /** `all`, `none` or a status as written. */
  status: string;
  connector: string;
  selected: string | null;
}

export const DEFAULT_VIEW: ViewState = { sort: 'connector', descending: false, status: 'all', connector: '', selected: null };

const SORT_LABELS: Record<DashboardSortKey, string> = { connector: 'Connector', status: 'Status', goNoGo: 'Go/No-Go', progress: 'Task progress', problems: 'Problems' };

export class DashboardView {
  private state: DashboardState | undefined;
  private view: ViewState;
  private graph: { plan: string; title: string; layout: IdentityLayout | null; problem?: string } | undefined;
  private readonly rows = new Map<string, { json: string; tr: HTMLTableRowElement; selected: boolean }>();
  private readonly count = createBadge('0', 'Plans shown');
  private readonly totals = el('p', 'totals');
  private readonly filterField: ValueControl;
  private readonly statusDropdown: ValueControl;
  private readonly sortDropdown: ValueControl;
  private readonly direction: HTMLElement;
  private statusesShown = '';
  private readonly table = el('table', 'plans');
  private readonly head = el('thead');
  private readonly tbody = el('tbody');
  private readonly graphRow = el('tr', 'graph-row');
  private readonly message = el('p', 'empty-state');
  private readonly unreadable = el('section', 'unreadable');
  private readonly loading = el('div', 'loading');
  private current: string | null = null;
  /** What the graph's row was last built from: a state that leaves it alone keeps its focus. */
  private graphKey = '';

  constructor(
    root: HTMLElement,
    initial: ViewState,
    private readonly callbacks: DashboardCallbacks,
  ) {
    this.view = { ...initial };
    const title = el('h1', undefined, 'Rollout Dashboard');
    const heading = el('div', 'heading');
    heading.append(title, this.count);
    this.filterField = createTextField({ value: this.view.connector, ariaLabel: 'Filter by connector or path', placeholder: 'Filter by connector or path' });
    this.filterField.addEventListener('input', () => this.update({ connector: this.filterField.value }));
    this.statusDropdown = createDropdown([{ value: 'all', label: 'All statuses' }], 'all', 'Filter by status');
    this.statusDropdown.addEventListener('change', () => this.update({ status: this.statusDropdown.value }));
    this.sortDropdown = createDropdown(DASHBOARD_SORT_KEYS.map((key) => ({ value: key, label: `Sort by ${SORT_LABELS[key].toLowerCase()}` })), this.view.sort, 'Sort by');
    this.sortDropdown.addEventListener('change', () => this.update({ sort: this.sortDropdown.value as DashboardSortKey }));
    this.direction = createButton({ text: this.view.descending ? '↓' : '↑', title: this.directionTitle(), appearance: 'icon' });
    this.direction.addEventListener('click', () => this.update({ descending: !this.view.descending }));
    const toolbar = el('div', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Filter and sort the plans');
    toolbar.append(this.filterField, this.statusDropdown, this.sortDropdown, this.direction);
    const header = el('header', 'dashboard-header');
    header.append(heading, toolbar);
    this.table.setAttribute('aria-label', 'Rollout plans');
    this.table.append(this.head, this.tbody);
    this.graphRow.hidden = true;
    this.message.hidden = true;
    this.unreadable.hidden = true;
    this.loading.append(createProgressRing('Reading the rollout plans'), el('span', undefined, 'Reading the rollout plans…'));
    const keys = el('p', 'keys', 'Keys: Tab to the plans, ↑/↓ between plans, ←/→ between the parts of a plan, Enter opens the plan at that part (or, on a plan, shows its identity graph), Escape goes back to the plan.');
    root.replaceChildren(header, this.totals, this.loading, this.table, this.message, this.unreadable, keys);
    root.removeAttribute('aria-busy');
    this.tbody.addEventListener('click', (event) => this.click(event));
    this.tbody.addEventListener('keydown', (event) => this.keydown(event));
    this.tbody.addEventListener('focusin', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('tr.plan-row');
      if (row) this.makeCurrent(row);
    });
  }

  /** Shows a state from the extension: rows changed since the last one are built again, the others kept. */
  showState(state: DashboardState): number {
    this.state = state;
    this.loading.hidden = true;
    return this.render();
  }

  /** Shows the identity graph the extension sent for a plan. */
  showGraph(plan: string, title: string, layout: IdentityLayout | null, problem?: string): void {
    this.graph = problem === undefined ? { plan, title, layout } : { plan, title, layout, problem };
    this.placeGraph();
  }

  /** Selects a plan (the command named one). */
  select(plan: string | null): void {
    this.update({ selected: plan });
  }

  get viewState(): ViewState {
    return { ...this.view };
  }

  private directionTitle(): string {
    return this.view.descending ? 'Sorted descending: sort ascending' : 'Sorted ascending: sort descending';
  }

  private update(change: Partial<ViewState>): void {
    const selectedBefore = this.view.selected;
    this.view = { ...this.view, ...change };
    this.direction.textContent = this.view.descending ? '↓' : '↑';
    this.direction.setAttribute('title', this.directionTitle());
    this.direction.setAttribute('aria-label', this.directionTitle());
    this.callbacks.saved(this.view);
    if (this.view.selected !== selectedBefore) {
      if (this.graph?.plan !== this.view.selected) this.graph = undefined;
      this.callbacks.select(this.view.selected);
    }
    if (this.state) this.render();
  }

  private render(): number {
    const state = this.state!;
    this.renderHead();
    this.renderStatuses(state.plans);
    const filter = { ...(this.view.status === 'all' ? {} : { status: this.view.status }), connector: this.view.connector };
    const shown = sortDashboardPlans(filterDashboardPlans(state.plans, filter), this.view.sort, this.view.descending);
    this.count.textContent = shown.length === state.plans.length ? String(state.plans.length) : `${shown.length} of ${state.plans.length}`;
    this.count.setAttribute('title', `${plural(shown.length, 'plan')} shown of ${state.plans.length}`);
    this.totals.textContent = totalsText(state.plans);
    const focused = document.activeElement instanceof HTMLElement && this.tbody.contains(document.activeElement) ? focusPlace(document.activeElement) : undefined;
    const keep = new Set(shown.map((p) => p.id));
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.tr.remove();
        this.rows.delete(id);
      }
    }
    const wanted = shown.map((plan) => this.rowFor(plan));
    // Moving a row that holds the focus would lose it: rows are moved only when the order changed.
    const present = [...this.tbody.querySelectorAll<HTMLTableRowElement>('tr.plan-row')];
    if (present.length !== wanted.length || present.some((tr, i) => tr !== wanted[i])) this.tbody.replaceChildren(...wanted);
    this.placeGraph();
    if (!wanted.some((tr) => tr.dataset.id === this.current)) this.current = wanted[0]?.dataset.id ?? null;
    wanted.forEach((tr) => (tr.tabIndex = tr.dataset.id === this.current ? 0 : -1));
    if (focused) restoreFocus(this.tbody, focused);
    this.message.hidden = shown.length > 0;
    this.message.textContent = state.plans.length === 0 ? 'No rollout plans in this workspace yet: run "Connector: New Rollout Plan…".' : 'No plan matches the filter.';
    this.renderUnreadable(state.unreadable);
    return shown.length;
  }

  private rowFor(plan: Plan): HTMLTableRowElement {
    const selected = this.view.selected === plan.id;
    const json = JSON.stringify(plan);
    const known = this.rows.get(plan.id);
    if (known && known.json === json && known.selected === selected) return known.tr;
    const tr = buildPlanRow(plan, selected);
    if (known) {
      const place = document.activeElement instanceof HTMLElement && known.tr.contains(document.activeElement) ? focusPlace(document.activeElement) : undefined;
      known.tr.replaceWith(tr);
      if (place) restoreFocus(this.tbody, place);
    }
    this.rows.set(plan.id, { json, tr, selected });
    return tr;
  }

  private renderHead(): void {
    const titles = ['', 'Connector', 'Status', 'Go/No-Go', 'Waves', 'Problems', 'Identity graph', 'Ready for review'];
    const sortColumn: Partial<Record<DashboardSortKey, number>> = { connector: 1, status: 2, goNoGo: 3, progress: 4, problems: 5 };
    const row = el('tr');
    titles.forEach((title, index) => {
      const th = el('th', undefined, title);
      th.scope = 'col';
      if (index === 0) th.append(el('span', 'visually-hidden', 'Identity graph shown'));
      if (sortColumn[this.view.sort] === index) th.setAttribute('aria-sort', this.view.descending ? 'descending' : 'ascending');
      row.append(th);
    });
    this.head.replaceChildren(row);
  }

  private renderStatuses(plans: readonly Plan[]): void {
    const statuses = dashboardStatuses(plans);
    if (this.view.status !== 'all' && !statuses.includes(this.view.status)) statuses.push(this.view.status);
    const signature = statuses.join('\n');
    if (signature === this.statusesShown) return;
    this.statusesShown = signature;
    setDropdownChoices(this.statusDropdown, [{ value: 'all', label: 'All statuses' }, ...statuses.map((s) => ({ value: s, label: s === 'none' ? 'No status' : s }))], this.view.status);
  }

  private renderUnreadable(plans: DashboardState['unreadable']): void {
    this.unreadable.hidden = plans.length === 0;
    if (plans.length === 0) return;
    const list = el('ul');
    for (const plan of plans) {
      const item = el('li');
      const open = el('button', 'part-link', plan.file);
      open.type = 'button';
      open.addEventListener('click', () => this.callbacks.open(plan.id, 0));
      item.append(open, document.createTextNode(` ${plan.problem}`));
      list.append(item);
    }
    this.unreadable.replaceChildren(el('h2', undefined, 'Plans that cannot be read'), list);
  }

  /** Puts the graph's row under the selected plan's row, or hides it. */
  private placeGraph(): void {
    const selected = this.view.selected;
    const row = selected ? this.rows.get(selected)?.tr : undefined;
    if (!row || !row.isConnected) {
      this.graphRow.hidden = true;
      this.graphRow.remove();
      this.graphKey = '';
      return;
    }
    const columns = row.children.length;
    const plan = this.state?.plans.find((p) => p.id === selected);
    const key = JSON.stringify([selected, columns, plan?.connector, this.graph ?? null]);
    if (key === this.graphKey && !this.graphRow.hidden) {
      if (row.nextElementSibling !== this.graphRow) row.after(this.graphRow);
      return;
    }
    this.graphKey = key;
    const cell = el('td');
    cell.colSpan = columns;
    const panel = el('div', 'graph-panel');
    const heading = el('h2', undefined, `Identity graph — ${plan?.connector ?? ''}`);
    panel.append(heading);
    if (!this.graph || this.graph.plan !== selected) panel.append(el('p', 'muted', 'Drawing the identity graph…'));
    else if (!this.graph.layout) panel.append(el('p', 'muted', this.graph.problem ?? 'This plan cannot be read.'));
    else {
      const picture = el('div', 'graph-picture');
      const svg = drawIdentityGraph(this.graph.layout, `Identity graph — ${this.graph.title}`);
      picture.append(svg);
      panel.append(picture, el('p', 'muted graph-hint', 'Select a field, an entity or an edge (Enter) to open its line in the plan. Dashed: only in C or only in D. Thick red: a 1:1 kept only in app logic.'));
      picture.addEventListener('click', (event) => this.openGraphPart(event.target));
      picture.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.openGraphPart(event.target);
        }
      });
    }
    cell.append(panel);
    this.graphRow.replaceChildren(cell);
    this.graphRow.hidden = false;
    if (row.nextElementSibling !== this.graphRow) row.after(this.graphRow);
  }

  private openGraphPart(target: EventTarget | null): void {
    const part = target instanceof Element ? target.closest<SVGElement>('[data-line]') : null;
    if (part && this.view.selected) this.callbacks.open(this.view.selected, Number(part.getAttribute('data-line')));
  }

  private click(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('tr.plan-row');
    if (!row) return;
    const id = row.dataset.id!;
    const button = target.closest<HTMLElement>('button.part');
    if (button && button.dataset.toggle === undefined) {
      this.callbacks.open(id, Number(button.dataset.line));
      return;
    }
    // The toggle, or anywhere else on the row: show or hide its identity graph.
    this.toggle(id);
  }

  private toggle(id: string): void {
    // The row is built again; the focus comes back to the same part of it (render keeps the place).
    this.update({ selected: this.view.selected === id ? null : id });
  }

  private makeCurrent(row: HTMLElement): void {
    this.current = row.dataset.id ?? null;
    for (const tr of this.tbody.querySelectorAll<HTMLElement>('tr.plan-row')) tr.tabIndex = tr === row ? 0 : -1;
  }

  private keydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('tr.plan-row');
    if (!row) return;
    const rows = [...this.tbody.querySelectorAll<HTMLElement>('tr.plan-row')];
    const index = rows.indexOf(row);
    const parts = partsOf(row);
    const at = parts.indexOf(target);
    const onRow = target === row;
    const go = (element: HTMLElement | undefined) => {
      if (!element) return;
      event.preventDefault();
      element.focus();
    };
    const sibling = (offset: number) => {
      const next = rows[index + offset];
      if (!next) return undefined;
      return onRow ? next : (partsOf(next)[Math.min(at, partsOf(next).length - 1)] ?? next);
    };
    switch (event.key) {
      case 'ArrowDown':
        return go(sibling(1));
      case 'ArrowUp':
        return go(sibling(-1));
      case 'Home':
        return go(onRow ? rows[0] : parts[0]);
      case 'End':
        return go(onRow ? rows[rows.length - 1] : parts[parts.length - 1]);
      case 'ArrowRight':
        return go(onRow ? parts[0] : parts[at + 1]);
      case 'ArrowLeft':
        return go(onRow ? undefined : at > 0 ? parts[at - 1] : row);
      case 'Escape':
        return go(onRow ? undefined : row);
      case 'Enter':
      case ' ':
        if (onRow) {
          event.preventDefault();
          this.toggle(row.dataset.id!);
        }
        return;
    }
  }
}

/** The line above the table: how many plans, and the sums of what the rows show. */
function totalsText(plans: readonly Plan[]): string {
  if (plans.length === 0) return '';
  const { goNoGo, progress, problems, blockedWaves } = dashboardTotals(plans);
  return `${plural(plans.length, 'plan')} · go/no-go ${goNoGo.checked}/${goNoGo.total} checked · tasks ${progress.done}/${progress.total} done · ${plural(blockedWaves, 'blocked wave')} · ${plural(problems.error, 'error')}, ${plural(problems.warning, 'warning')}, ${problems.info} info`;
}

interface FocusPlace {
  id: string;
  part: number;
}

function focusPlace(element: HTMLElement): FocusPlace | undefined {
  const row = element.closest<HTMLElement>('tr.plan-row');
  return row?.dataset.id ? { id: row.dataset.id, part: partsOf(row).indexOf(element) } : undefined;
}

function restoreFocus(tbody: HTMLElement, place: FocusPlace): void {
  const row = [...tbody.querySelectorAll<HTMLElement>('tr.plan-row')].find((tr) => tr.dataset.id === place.id);
  if (!row) return;
  const target = place.part >= 0 ? (partsOf(row)[place.part] ?? row) : row;
  if (document.activeElement !== target) target.focus();
}
