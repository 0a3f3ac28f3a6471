// Hovers in a plan: a wave reference or heading shows the wave's status, progress and blockers; an
// agent name its waves and tasks in this plan; a section heading or a field label what the template
// and the playbook ask for there. (The phase blueprint and the agents' ownership are the playbook
// feature's hovers.)
import { normalizeLabel, normalizeOptionValue } from '../labels';
import { findMappingTable } from '../mapping';
import type { Field, PlanModel, PlanSection } from '../plan';
import type { Position } from '../positions';
import type { SectionKey } from '../sections';
import { lineAt } from '../source';
import type { Wave, WaveOutline } from '../waves';
import { linesOf, wavesWaitingFor } from '../waves';
import { sameLabel, templateFields } from './completion';
import type { EditorPlan, PlanHover } from './editorPlan';
import { WAVE_STATUS_WORDS, codeSpan, escapeMarkdown, headingOnLine } from './editorPlan';
import { rangeHolds } from '../positions';
import { SECTION_GUIDANCE, fieldGuidance, quotesMarkdown } from './guidance';

/** How many of an agent's tasks a hover lists per wave. */
const MAX_TASKS_SHOWN = 8;

/** The hover at a position (0-based), or undefined when there is nothing to say there. */
export function planHover(plan: EditorPlan, position: Position): PlanHover | undefined {
  return waveHover(plan, position) ?? agentHover(plan, position) ?? sectionHover(plan, position) ?? fieldHover(plan, position);
}

function waveAtLine(outline: readonly WaveOutline[], line: number): WaveOutline | undefined {
  return outline.find((w) => w.line <= line && line < w.endLine);
}

// ── Waves ─────────────────────────────────────────────────────────────────────────────────────

function waveHover(plan: EditorPlan, position: Position): PlanHover | undefined {
  const holder = waveAtLine(plan.outline, position.line);
  if (!holder) return undefined;
  if (holder.line === position.line && rangeHolds(holder.headingRange, position)) {
    return { contents: waveSummary(plan, holder.index), range: holder.headingRange };
  }
  const reference = holder.references.find((r) => rangeHolds(r.range, position));
  if (!reference) return undefined;
  if (reference.target === undefined) {
    const names = plan.outline.filter((w) => w.id !== undefined).map((w) => w.name);
    const known = names.length ? `The waves of this plan: ${names.map(escapeMarkdown).join(', ')}.` : 'This plan has no waves yet.';
    return { contents: `**${escapeMarkdown(reference.text)}** — no such wave in this plan.\n\n${known}`, range: reference.range };
  }
  return { contents: waveSummary(plan, reference.target), range: reference.range };
}

function waveTitle(wave: Pick<Wave, 'title'>): string {
  return `**${escapeMarkdown(wave.title)}**`;
}

/** A wave's status, progress, agents, what it waits for and what it unblocks, as markdown. */
function waveSummary(plan: EditorPlan, index: number): string {
  const waves = plan.waves.waves;
  const wave = waves[index]!;
  const lines = [`${waveTitle(wave)} — ${WAVE_STATUS_WORDS[wave.status]}`, ''];
  const progress = wave.total === 0 ? 'no tasks yet' : `${wave.done}/${wave.total} tasks done`;
  lines.push(`${progress}${wave.agents.length ? ` · agents: ${wave.agents.map(codeSpan).join(', ')}` : ''}`);
  const reason = (w: number) => (wave.dependsOn.find((d) => d.wave === w)?.reason === 'sequencing' ? 'by the playbook\'s wave sequencing' : 'by Blocks/unblocks');
  const about = (w: number) => (w === index ? 'itself' : `${waveTitle(waves[w]!)} (${waves[w]!.done}/${waves[w]!.total} done)`);
  if (wave.blockedBy.length) {
    lines.push('', 'Blocked by:');
    for (const w of wave.blockedBy) lines.push(`- ${about(w)}, ${reason(w)}`);
  }
  const waitedFor = wave.dependsOn.filter((d) => !wave.blockedBy.includes(d.wave));
  if (waitedFor.length) lines.push('', `Waited for (done): ${waitedFor.map((d) => waveTitle(waves[d.wave]!)).join(', ')}`);
  const unblocks = wavesWaitingFor(waves, index).filter((w) => w.index !== index);
  if (unblocks.length) lines.push('', `Unblocks: ${unblocks.map(waveTitle).join(', ')}`);
  return lines.join('\n');
}

// ── Agents ────────────────────────────────────────────────────────────────────────────────────

function agentHover(plan: EditorPlan, position: Position): PlanHover | undefined {
  const holder = waveAtLine(plan.outline, position.line);
  const name = holder?.agentNames.find((a) => rangeHolds(a.range, position));
  if (!name) return undefined;
  return { contents: agentSummary(plan, name.name), range: name.range };
}

/** The waves and tasks of an agent in this plan, and where it stands in the roster, as markdown. */
function agentSummary(plan: EditorPlan, name: string): string {
  const key = name.toLowerCase();
  const lines = [`${codeSpan(name)} in this plan`, ''];
  for (const wave of plan.waves.waves) {
    if (!wave.agents.some((a) => a.toLowerCase() === key)) continue;
    const groups = wave.agentGroups.filter((g) => g.agents.some((a) => a.name.toLowerCase() === key));
    const tasks = groups.flatMap((g) => g.tasks).map((t) => wave.tasks[t]!);
    const done = tasks.filter((t) => t.checked).length;
    const shared = groups.some((g) => g.agents.length > 1) ? ' (shared)' : '';
    lines.push(`- ${waveTitle(wave)} — ${WAVE_STATUS_WORDS[wave.status]}; ${tasks.length ? `${done}/${tasks.length} of its tasks done${shared}` : 'no tasks of its own'}`);
    for (const task of tasks.slice(0, MAX_TASKS_SHOWN)) lines.push(`  - ${task.checked ? '☑' : '☐'} ${escapeMarkdown(task.text)}`);
    if (tasks.length > MAX_TASKS_SHOWN) lines.push(`  - … and ${tasks.length - MAX_TASKS_SHOWN} more`);
  }
  const inRoster = plan.roster.agents.some((a) => a.toLowerCase() === key);
  const stage = plan.roster.waveSequencing.findIndex((s) => s.some((a) => a.toLowerCase() === key));
  lines.push('');
  if (!inRoster) lines.push(`Not in the roster (${plan.roster.agents.map(codeSpan).join(', ')}): add it to \`agents\` in \`.connector-playbook.yaml\`, or correct the name.`);
  else if (stage >= 0) lines.push(stage === 0 ? 'Wave sequencing: starts first.' : `Wave sequencing: stage ${stage + 1}, once ${plan.roster.waveSequencing.slice(0, stage).flat().map(codeSpan).join(', ')} are stable.`);
  return lines.join('\n').trim();
}

// ── Section headings ──────────────────────────────────────────────────────────────────────────

function sectionHover(plan: EditorPlan, position: Position): PlanHover | undefined {
  const heading = headingOnLine(plan.model, position.line);
  const section = heading && plan.model.sections.find((s) => s.heading.line === heading.line);
  if (!heading || !section || position.character > heading.textRange.end.character) return undefined;
  const range = { start: { line: heading.line, character: 0 }, end: heading.textRange.end };
  return { contents: sectionSummary(plan, section), range };
}

function sectionSummary(plan: EditorPlan, section: PlanSection): string {
  const key = section.key;
  const guidance = SECTION_GUIDANCE[key];
  const lines = [`**${escapeMarkdown(section.heading.text)}** — template section ${key}`, '', guidance.asks, '', ...quotesMarkdown(guidance.quotes)];
  const asks = templateAsks(plan, key);
  if (asks.length) lines.push('', 'The template asks for:', ...asks.map((a) => `- ${a}`));
  if (key === 'F' && plan.roster.waveSequencing.length) {
    lines.push('', `Wave sequencing: ${plan.roster.waveSequencing.map((stage, k) => `${k + 1}. ${stage.map(codeSpan).join(' + ')}`).join(' → ')}`);
  }
  lines.push('', `In this plan: ${sectionState(plan, section)}`);
  return lines.join('\n');
}

// The template's parts of a section: its table's columns, its subheadings, its fields, its checklist.
function templateAsks(plan: EditorPlan, key: SectionKey): string[] {
  const model = plan.template.model;
  const section = model.sections.find((s) => s.key === key);
  if (!section) return [];
  const asks: string[] = [];
  const table = model.tables.find((t) => t.sectionKey === key);
  if (table) asks.push(`a table: ${table.header.cells.map((c) => escapeMarkdown(c.text)).join(' | ')}`);
  const subheadings = model.headings.filter((h) => h.line > section.heading.line && h.line < section.endLine);
  if (subheadings.length) asks.push(`${subheadings.map((h) => escapeMarkdown(h.text)).join(', ')}, each with ${templateFields(plan, key, false).map((f) => escapeMarkdown(f.label)).join(', ')}`);
  else {
    const fields = templateFields(plan, key, true);
    if (fields.length) asks.push(`the fields ${fields.map((f) => escapeMarkdown(f.label)).join(', ')}`);
  }
  const tasks = model.tasks.filter((t) => t.sectionKey === key);
  if (tasks.length) asks.push(`a checklist of ${tasks.length} items: ${tasks.map((t) => escapeMarkdown(t.text)).join('; ')}`);
  return asks;
}

function isFilled(field: Field, model: PlanModel): boolean {
  return (field.value.trim() !== '' || field.hasNested || field.hasContinuation) && !model.placeholders.some((p) => p.range.start.line === field.line);
}

// What the plan holds in a section: fields filled, placeholders left, waves and tasks, checklist.
function sectionState(plan: EditorPlan, section: PlanSection): string {
  const { model } = plan;
  const parts: string[] = [];
  const fields = linesOf(model.fields, section.startLine, section.endLine).filter((f) => f.depth === 0);
  if (section.key === 'F') {
    const waves = plan.waves.waves.filter((w) => w.line >= section.startLine && w.line < section.endLine);
    const done = waves.reduce((n, w) => n + w.done, 0);
    const total = waves.reduce((n, w) => n + w.total, 0);
    const blocked = waves.filter((w) => w.status === 'blocked').length;
    parts.push(`${waves.length} wave${waves.length === 1 ? '' : 's'}, ${done}/${total} tasks done${blocked ? `, ${blocked} blocked` : ''}`);
  } else if (section.key === 'I') {
    const items = plan.waves.goNoGo.items.filter((i) => i.line >= section.startLine && i.line < section.endLine);
    parts.push(`${items.filter((i) => i.checked).length}/${items.length} go/no-go items checked`);
  } else if (fields.length) {
    parts.push(`${fields.filter((f) => isFilled(f, model)).length} of ${fields.length} fields filled`);
  }
  if (section.key === 'D') {
    const table = findMappingTable(model);
    if (table) parts.push(`${table.table.rows.length} mapping row${table.table.rows.length === 1 ? '' : 's'}`);
  }
  const placeholders = model.placeholders.filter((p) => p.range.start.line >= section.startLine && p.range.start.line < section.endLine).length;
  if (placeholders) parts.push(`${placeholders} placeholder${placeholders === 1 ? '' : 's'} left`);
  return parts.length ? parts.join(' · ') : 'nothing yet';
}

// ── Field labels ──────────────────────────────────────────────────────────────────────────────

function fieldHover(plan: EditorPlan, position: Position): PlanHover | undefined {
  const { model, template } = plan;
  const field = linesOf(model.fields, position.line, position.line + 1).find((f) => rangeHolds(f.labelRange, position));
  if (!field) return undefined;
  const key = field.sectionKey;
  const templateField = key === undefined ? undefined : template.model.fields.find((f) => f.sectionKey === key && sameLabel(f.label, field.label));
  const guidance = fieldGuidance(field.label);
  if (!templateField && !guidance) return undefined;
  const section = key === undefined ? undefined : model.sections.find((s) => s.key === key);
  const lines = [`**${escapeMarkdown(field.label)}**${section ? ` — ${escapeMarkdown(section.heading.text)}` : ''}`, ''];
  if (guidance) lines.push(guidance.asks, '');
  if (templateField) {
    lines.push(`The template: ${codeSpan(lineAt(template.model.source, templateField.line).trim())}`);
    const options = template.optionLists.get(normalizeLabel(templateField.label));
    if (options) lines.push('', `One of: ${options.split(' / ').map(codeSpan).join(', ')}`);
  } else lines.push(`Not a field of the template's ${key ? `section ${key}` : 'sections'}.`);
  if (guidance?.quotes.length) lines.push('', ...quotesMarkdown(guidance.quotes));
  const state = fieldState(plan, field);
  if (state) lines.push('', state);
  return { contents: lines.join('\n'), range: field.labelRange };
}

function fieldState(plan: EditorPlan, field: Field): string | undefined {
  const { model, template } = plan;
  if (model.placeholders.some((p) => p.range.start.line === field.line)) return 'Still holds a template placeholder.';
  if (!field.value.trim() && !field.hasNested && !field.hasContinuation) return 'Still empty.';
  const options = template.optionLists.get(normalizeLabel(field.label));
  if (options && normalizeOptionValue(field.value) === options) return 'Still the template\'s option list: keep one.';
  return undefined;
}
