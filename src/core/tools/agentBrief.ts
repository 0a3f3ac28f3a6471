// The brief an agent starts a wave from (playbook §5): the plan's context (sections A–D), what the
// agent owns, its open tasks, what blocks the wave and what it unblocks, the validation tests of
// the phases it touches, and the go/no-go items. Markdown, written from one version of the plan.
import { normalizeLabel } from '../labels';
import type { PlanModel } from '../plan';
import { readTeamTable } from '../playbookGuide';
import { lineAt } from '../source';
import type { PlanWaves, Wave, WaveTask } from '../waves';
import { wavesWaitingFor } from '../waves';
import { planConnector } from './planSummary';
import { taskId } from './taskIds';

/** Lines of one section the brief quotes at most; the plan has the rest. */
const MAX_BRIEF_SECTION_LINES = 200;

/** The phases of section E each of the playbook's agents works in (its §4 blueprint and §5 split). */
const AGENT_PHASES: Record<string, readonly number[]> = {
  'schema-sync': [1, 2],
  'api-integration': [1, 2, 3],
  analytics: [3],
  'ui-ops': [1, 4],
};

/** A wave named by an agent: `Wave 2`, `2`, or its heading's title, whatever the case. */
export function findWave(waves: readonly Wave[], name: string): Wave | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return waves.find((w) => w.name.toLowerCase() === key || w.id === key || w.id === key.replace(/^wave\s*#?/, '') || (w.title || '').toLowerCase() === key);
}

function sectionLines(model: PlanModel, key: string): string[] {
  const section = model.sections.find((s) => s.key === key);
  if (!section) return [];
  const lines: string[] = [];
  // The plan's headings go two levels down, under the brief's own.
  for (let line = section.heading.line; line < section.endLine; line++) lines.push(lineAt(model.source, line).replace(/^(#{1,4})(?=\s)/, '##$1'));
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length > MAX_BRIEF_SECTION_LINES) {
    const more = lines.length - MAX_BRIEF_SECTION_LINES;
    return [...lines.slice(0, MAX_BRIEF_SECTION_LINES), `… (${more} more line${more === 1 ? '' : 's'} in the plan)`];
  }
  return lines;
}

/** The phases of section E (`### Phase N`) with the lines of their validation fields. */
function phaseValidations(model: PlanModel): { number: number | undefined; title: string; lines: string[] }[] {
  const section = model.sections.find((s) => s.key === 'E');
  if (!section) return [];
  const headings = model.headings.filter((h) => h.line > section.heading.line && h.line < section.endLine);
  return headings.map((heading, i) => {
    const end = headings[i + 1]?.line ?? section.endLine;
    const number = /phase\s*#?(\d+)/i.exec(heading.text)?.[1];
    const lines = model.fields
      .filter((f) => f.line > heading.line && f.line < end && f.parentField === undefined && /validation|exit criteria|acceptance|tests?$/.test(normalizeLabel(f.label)))
      .flatMap((f) => Array.from({ length: f.endLine - f.line }, (_, k) => lineAt(model.source, f.line + k)))
      .filter((l) => l.trim() !== '');
    return { number: number === undefined ? undefined : Number(number), title: heading.text.trim(), lines };
  });
}

function taskLine(task: WaveTask, wave: Wave, version: string): string {
  const indent = '  '.repeat(depthIn(task, wave));
  return `${indent}- [${task.checked ? 'x' : ' '}] ${task.text} (id \`${taskId(task.line, version)}\`)`;
}

function depthIn(task: WaveTask, wave: Wave): number {
  let depth = 0;
  for (let parent = task.parentTask; parent !== undefined; parent = wave.tasks[parent]!.parentTask) depth++;
  return depth;
}

export interface BriefRequest {
  path: string;
  version: string;
  wave: Wave;
  /** Some agents of the wave (one agent, or one `Agent:` field's), or undefined for all of them. */
  agents: readonly string[] | undefined;
}

/** The agent brief for a wave (and optionally one of its agents), as markdown. */
export function agentBrief(model: PlanModel, planWaves: PlanWaves, request: BriefRequest): string {
  const { wave, path, version } = request;
  const all = planWaves.waves;
  const chosen = request.agents?.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const agents = chosen?.length ? wave.agents.filter((a) => chosen.includes(a.toLowerCase())) : wave.agents;
  const connector = planConnector(model);
  const who = agents.length ? agents.map((a) => `\`${a}\``).join(' + ') : 'the agents';
  const out: string[] = [];
  out.push(`# Agent brief: ${who}, ${wave.title || wave.name}${connector ? ` (${connector} connector)` : ''}`);
  out.push('');
  out.push(`You work ${wave.title || wave.name} of the rollout plan \`${path}\`${model.frontMatter?.status ? ` (status: ${model.frontMatter.status})` : ''}. The plan is the single source of truth: tick a task there when it is done (the \`check_task\` tool takes the ids below), and change nothing else in it without asking.`);

  out.push('', '## Context (sections A–D)');
  for (const key of ['A', 'B', 'C', 'D']) {
    const lines = sectionLines(model, key);
    out.push('', ...(lines.length ? lines : [`(section ${key} is missing from the plan)`]));
  }

  out.push('', '## What you own (playbook §5)');
  const ownership = new Map(readTeamTable().map((row) => [row.name.toLowerCase(), row]));
  for (const name of agents.length ? agents : ['(no agent named in this wave)']) {
    const owned = ownership.get(name.toLowerCase());
    out.push(owned ? `- \`${name}\`: ${owned.owns}; typical tasks: ${owned.typicalTasks}.` : `- \`${name}\`: not one of the playbook's standard agents; the wave's tasks below say what it owns.`);
  }

  out.push('', '## Your open tasks');
  // One agent's tasks: those after an `Agent:` field naming it, and the wave's own.
  const mine = wave.tasks.filter((task) => {
    if (!chosen?.length) return true;
    const group = task.agentGroup === undefined ? undefined : wave.agentGroups[task.agentGroup];
    return group === undefined || group.agents.some((a) => chosen.includes(a.name.toLowerCase()));
  });
  const open = mine.filter((t) => !t.checked);
  if (open.length === 0) out.push(mine.length ? `All ${mine.length} tasks are done.` : 'The wave lists no tasks for you.');
  else {
    for (const task of mine) if (!task.checked || mine.some((t) => !t.checked && isBelow(t, task, wave))) out.push(taskLine(task, wave, version));
    out.push('', `${mine.length - open.length} of ${mine.length} done.`);
  }

  out.push('', '## Dependencies');
  const blockers = wave.blockedBy.map((w) => all[w]!);
  const waitsFor = wave.dependsOn.map((d) => `${all[d.wave]!.name}${d.reason === 'sequencing' ? ' (the playbook\'s wave sequencing)' : ''}`);
  const unblocks = wavesWaitingFor(all, wave.index).map((w) => w.name);
  out.push(`- Waits for: ${waitsFor.length ? waitsFor.join(', ') : 'nothing'}.`);
  out.push(blockers.length ? `- Blocked now by: ${blockers.map((w) => `${w.name} (${w.done} of ${w.total} done)`).join(', ')}. Start with what does not depend on them, or wait.` : '- Nothing blocks this wave now.');
  out.push(`- Unblocks: ${unblocks.length ? unblocks.join(', ') : 'no other wave'}.`);

  out.push('', '## Validation tests of the phases you touch');
  const phases = phaseValidations(model);
  const named = new Set<number>();
  for (const line of lineTexts(model, wave.line, wave.endLine)) for (const m of line.matchAll(/phase\s*#?(\d+)/gi)) named.add(Number(m[1]));
  const known = agents.filter((a) => AGENT_PHASES[a.toLowerCase()]);
  for (const a of known) for (const n of AGENT_PHASES[a.toLowerCase()]!) named.add(n);
  // A wave that names no phase and no agent of the playbook touches them all.
  const touched = named.size ? phases.filter((p) => p.number !== undefined && named.has(p.number)) : phases;
  const shown = touched.filter((p) => p.lines.length);
  if (shown.length === 0) out.push('Section E names no validation tests for these phases yet.');
  for (const phase of shown) out.push('', `### ${phase.title}`, ...phase.lines);

  out.push('', '## Go/No-Go (section I)');
  const items = planWaves.goNoGo.items;
  if (items.length === 0) out.push('Section I lists no go/no-go items.');
  for (const item of items) out.push(`- [${item.checked ? 'x' : ' '}] ${item.text}`);
  return `${out.join('\n')}\n`;
}

function lineTexts(model: PlanModel, from: number, to: number): string[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => lineAt(model.source, from + k));
}

// Whether `inner` is nested (at any depth) under `outer`.
function isBelow(inner: WaveTask, outer: WaveTask, wave: Wave): boolean {
  const outerIndex = wave.tasks.indexOf(outer);
  for (let parent = inner.parentTask; parent !== undefined; parent = wave.tasks[parent]!.parentTask) if (parent === outerIndex) return true;
  return false;
}
