// One plan's row of the dashboard. Each part the user can click is a native button ("part") that
// names the line it opens; every value from the plan goes in through textContent or setAttribute.
import { gateCellText } from '../../src/core/dashboardOrder';
import type { DashboardState } from '../../src/protocol/dashboardMessages';
import { el } from '../dom';

export type Plan = DashboardState['plans'][number];
type Wave = Plan['waves'][number];

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const WAVE_STATUS_TEXT: Record<Wave['status'], string> = { done: 'done', 'in-progress': 'in progress', blocked: 'blocked', 'not-started': 'not started' };

/** A bar of `done` out of `total`, drawn by CSS width (set through the CSSOM, which the CSP allows). */
export function bar(done: number, total: number, className = 'bar'): HTMLElement {
  const track = el('span', className);
  const fill = el('span', 'bar-fill');
  fill.style.width = `${total === 0 ? 0 : Math.round((done / total) * 100)}%`;
  track.append(fill);
  track.setAttribute('aria-hidden', 'true');
  return track;
}

/** A button that opens the plan at a line (null: the part has nowhere to go, and is shown as text). */
function part(line: number | null, label: string, className: string, ...content: (Node | string)[]): HTMLElement {
  const button = line === null ? el('span', `${className} part-static`) : el('button', `part ${className}`);
  if (button instanceof HTMLButtonElement) {
    button.type = 'button';
    button.tabIndex = -1;
    button.dataset.line = String(line);
    button.title = label;
  }
  button.setAttribute('aria-label', label);
  button.append(...content);
  return button;
}

function wavePart(plan: Plan, wave: Wave): HTMLElement {
  const blocked = wave.status === 'blocked';
  const label = `${wave.name}: ${wave.done} of ${wave.total} tasks, ${WAVE_STATUS_TEXT[wave.status]}${blocked && wave.blockedBy.length ? ` by ${wave.blockedBy.join(', ')}` : ''}. Open ${plan.file} at ${wave.name}.`;
  const content: (Node | string)[] = [el('span', 'wave-name', wave.name), bar(wave.done, wave.total), el('span', 'count', `${wave.done}/${wave.total}`)];
  if (blocked) content.push(el('span', 'blocked-mark', '⊘ blocked'));
  return part(wave.line, label, `wave wave-${wave.status}`, ...content);
}

function problemParts(plan: Plan): HTMLElement[] {
  const parts: HTMLElement[] = [];
  for (const [severity, word] of [['error', 'error'], ['warning', 'warning'], ['info', 'info']] as const) {
    const n = plan.problems[severity];
    if (n === 0) continue;
    const text = severity === 'info' ? `${n} info` : plural(n, word);
    parts.push(part(plan.problems.lines[severity], `${text}. Open ${plan.file} at the first.`, `problem problem-${severity}`, el('span', 'problem-icon', severity === 'error' ? '✖' : severity === 'warning' ? '▲' : 'ℹ'), text));
  }
  return parts;
}

function identityPart(plan: Plan): HTMLElement {
  const i = plan.identity;
  const text = i.links + i.rows === 0 ? 'not filled' : `${plural(i.links, 'link')} · ${plural(i.rows, 'row')}`;
  const marks: HTMLElement[] = [];
  if (i.gaps) marks.push(el('span', 'identity-gap', plural(i.gaps, 'gap')));
  if (i.ruleOfThumbBreaks) marks.push(el('span', 'identity-rule', plural(i.ruleOfThumbBreaks, 'rule-of-thumb break')));
  const label = `Identity graph: ${text}${marks.length ? `, ${marks.map((m) => m.textContent).join(', ')}` : ''}. Open ${plan.file} at section C.`;
  return part(i.line, label, 'identity', el('span', undefined, text), ...marks);
}

function gatePart(plan: Plan): HTMLElement {
  const gate = plan.gate;
  const failing = gate.criteria.filter((c) => c.state === 'fail');
  const confirm = gate.criteria.filter((c) => c.state === 'confirm');
  const text = gateCellText(gate);
  const first = failing[0] ?? confirm[0];
  return part(first?.line ?? null, `Ready for review: ${text}.`, `gate gate-${failing.length ? 'fail' : confirm.length ? 'confirm' : 'ready'}`, text);
}

/** Builds a plan's row: the graph toggle, connector, status, go/no-go, waves, problems, identity, the gate. */
export function buildPlanRow(plan: Plan, selected: boolean): HTMLTableRowElement {
  const tr = el('tr', 'plan-row');
  tr.dataset.id = plan.id;
  tr.tabIndex = -1;
  tr.setAttribute('aria-selected', String(selected));
  tr.setAttribute('aria-label', `${plan.connector}, ${plan.status ?? 'no status'}, go/no-go ${plan.goNoGo.checked} of ${plan.goNoGo.total}`);

  const toggle = el('button', 'part toggle', selected ? '▾' : '▸');
  toggle.type = 'button';
  toggle.tabIndex = -1;
  toggle.dataset.toggle = '';
  toggle.setAttribute('aria-expanded', String(selected));
  toggle.setAttribute('aria-label', `${selected ? 'Hide' : 'Show'} the identity graph of ${plan.connector}`);
  toggle.title = toggle.getAttribute('aria-label')!;

  const connector = part(plan.connectorLine, `${plan.connector}: open ${plan.file}`, 'connector', el('span', 'connector-name', plan.connector), el('span', 'file', plan.file));
  const statusText = plan.status ?? 'no status';
  const statusClass = plan.status === null ? 'none' : ['draft', 'ready-for-review', 'go'].includes(plan.status) ? plan.status : 'other';
  const status = part(plan.statusLine ?? plan.connectorLine, `Status ${statusText}. Open ${plan.file} at its status.`, 'status', el('span', `status-pill status-${statusClass}`, statusText));
  const goNoGo = part(plan.goNoGo.line, `Go/no-go: ${plan.goNoGo.checked} of ${plan.goNoGo.total} checked. Open ${plan.file} at the first open item.`, 'go-no-go', bar(plan.goNoGo.checked, plan.goNoGo.total), el('span', 'count', `${plan.goNoGo.checked}/${plan.goNoGo.total}`));
  const waves = el('div', 'waves');
  if (plan.waves.length === 0) waves.append(el('span', 'muted', 'no waves'));
  else waves.append(...plan.waves.map((w) => wavePart(plan, w)));
  const problems = el('div', 'problems');
  const problemButtons = problemParts(plan);
  if (problemButtons.length) problems.append(...problemButtons);
  else problems.append(el('span', 'muted', 'none'));

  const cells: [string, (Node | string)[]][] = [
    ['cell-toggle', [toggle]],
    ['cell-connector', [connector]],
    ['cell-status', [status]],
    ['cell-go-no-go', [goNoGo]],
    ['cell-waves', [waves]],
    ['cell-problems', [problems]],
    ['cell-identity', [identityPart(plan)]],
    ['cell-gate', [gatePart(plan)]],
  ];
  for (const [className, content] of cells) {
    const td = el('td', className);
    td.append(...content);
    tr.append(td);
  }
  return tr;
}

/** The parts of a row, in reading order. */
export function partsOf(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('button.part')];
}
