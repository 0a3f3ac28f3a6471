// The waves as a graph: each wave's tasks grouped by agent, what it waits for (its Blocks/unblocks
// references and the playbook's wave sequencing), its progress and status; and section I's go/no-go.
import type { PlanModel, Task } from '../plan';
import type { Range } from '../positions';
import type { AgentField, AgentName, WaveOutline, WaveReference } from './outline';
import { linesOf, readWaveOutline } from './outline';

export interface WaveRoster {
  agents: readonly string[];
  waveSequencing: readonly (readonly string[])[];
}

export type WaveStatus = 'done' | 'in-progress' | 'blocked' | 'not-started';

/** A `[ ]` / `[x]` item of a wave. */
export interface WaveTask extends Pick<Task, 'checked' | 'text' | 'line' | 'endLine' | 'checkRange' | 'textRange' | 'depth'> {
  /** Index in the wave's `tasks` of the task this one is nested in. */
  parentTask: number | undefined;
  /** Index in the wave's `agentGroups` of the agent field it follows; undefined for the wave itself. */
  agentGroup: number | undefined;
}

/** The agents of one `Agent:` field (or one nested item of it) and the tasks that follow it. */
export interface AgentGroup {
  agents: AgentName[];
  line: number;
  /** Indexes in the wave's `tasks`, nested tasks included. */
  tasks: number[];
  done: number;
  total: number;
}

export interface WaveDependency {
  /** Index in `waves`. */
  wave: number;
  /** Written in Blocks/unblocks, or implied by the playbook's wave sequencing. */
  reason: 'explicit' | 'sequencing';
}

/** One `### Wave N` of section F, with its tasks, progress and dependencies. */
export interface Wave extends Omit<WaveOutline, 'agentFields'> {
  agentGroups: AgentGroup[];
  tasks: WaveTask[];
  /** Waves it waits for: explicit ones, and by the sequencing the nearest earlier waves of earlier-stage agents. */
  dependsOn: WaveDependency[];
  /** Waves it waits for that still have open tasks (itself, when it says it waits for itself). */
  blockedBy: number[];
  done: number;
  total: number;
  status: WaveStatus;
}

/** An item of the Operational Go/No-Go checklist (section I). */
export interface GoNoGoItem {
  checked: boolean;
  text: string;
  line: number;
  checkRange: Range;
  textRange: Range;
  depth: number;
}

export interface Progress {
  done: number;
  total: number;
}

/** A plan's waves and go/no-go checklist. */
export interface PlanWaves {
  waves: Wave[];
  /** Every wave task of the plan. */
  progress: Progress;
  goNoGo: { checked: number; total: number; items: GoNoGoItem[] };
}

/** How many sequencing dependencies a wave lists at most (the nearest); its status is exact regardless. */
export const MAX_SEQUENCING_LISTED = 10;

/** Explicit edges between waves: `from` must finish before `to`, with the reference that says so. */
export interface WaveEdge {
  from: number;
  to: number;
  reference: WaveReference;
}

/** The explicit Blocks/unblocks edges of a plan's waves, each once. */
export function waveEdges(waves: readonly WaveOutline[] | readonly Wave[]): WaveEdge[] {
  const edges: WaveEdge[] = [];
  const seen = new Set<string>();
  for (const wave of waves) {
    for (const reference of wave.references) {
      if (reference.target === undefined) continue;
      const blockedBy = reference.direction === 'blocked-by';
      const edge = { from: blockedBy ? reference.target : wave.index, to: blockedBy ? wave.index : reference.target, reference };
      const key = `${edge.from}>${edge.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push(edge);
    }
  }
  return edges;
}

/** Reads section F's waves and section I's go/no-go checklist, with progress and status. */
export function readWaves(model: PlanModel, roster: WaveRoster, outline: readonly WaveOutline[] = readWaveOutline(model)): PlanWaves {
  const waves = outline.map((wave) => fullWave(wave, linesOf(model.tasks, wave.line + 1, wave.endLine)));
  addDependencies(waves, roster.waveSequencing);
  const progress = { done: 0, total: 0 };
  for (const wave of waves) {
    wave.status = wave.total > 0 && wave.done === wave.total ? 'done' : wave.blockedBy.length > 0 ? 'blocked' : wave.done > 0 ? 'in-progress' : 'not-started';
    progress.done += wave.done;
    progress.total += wave.total;
  }
  const items: GoNoGoItem[] = model.tasks
    .filter((task) => task.sectionKey === 'I')
    .map((task) => ({ checked: task.checked, text: task.text, line: task.line, checkRange: task.checkRange, textRange: task.textRange, depth: task.depth }));
  return { waves, progress, goNoGo: { checked: items.filter((i) => i.checked).length, total: items.length, items } };
}

/** The waves that wait for the wave at `index` (by Blocks/unblocks or the sequencing), in order. */
export function wavesWaitingFor(waves: readonly Wave[], index: number): Wave[] {
  return waves.filter((other) => other.dependsOn.some((d) => d.wave === index));
}

function fullWave(outline: WaveOutline, modelTasks: readonly Task[]): Wave {
  const { agentFields, ...rest } = outline;
  const tasks: WaveTask[] = [];
  // Per task, its agent field (-1 for none); a nested task goes with its parent's.
  const owners: number[] = [];
  const open: number[] = [];
  for (const task of modelTasks) {
    while (open.length && tasks[open[open.length - 1]!]!.endLine <= task.line) open.pop();
    const parentTask = open[open.length - 1];
    owners.push(parentTask !== undefined ? owners[parentTask]! : ownerOf(agentFields, task.line));
    open.push(tasks.length);
    const { checked, text, line, endLine, checkRange, textRange, depth } = task;
    tasks.push({ checked, text, line, endLine, checkRange, textRange, depth, parentTask, agentGroup: undefined });
  }
  const tasksOf = new Map<number, number[]>();
  owners.forEach((owner, k) => {
    if (owner < 0) return;
    const list = tasksOf.get(owner);
    if (list) list.push(k);
    else tasksOf.set(owner, [k]);
  });
  const agentGroups: AgentGroup[] = [];
  keptFields(agentFields, tasksOf).forEach((m) => {
    const indexes = tasksOf.get(m) ?? [];
    for (const k of indexes) tasks[k]!.agentGroup = agentGroups.length;
    agentGroups.push({ agents: agentFields[m]!.agents, line: agentFields[m]!.line, tasks: indexes, done: indexes.filter((k) => tasks[k]!.checked).length, total: indexes.length });
  });
  const done = tasks.filter((task) => task.checked).length;
  return { ...rest, agentGroups, tasks, dependsOn: [], blockedBy: [], done, total: tasks.length, status: 'not-started' };
}

// The innermost nested agent item holding the line, else the last agent field above it (an index, or -1).
function ownerOf(fields: readonly AgentField[], line: number): number {
  let holder = -1;
  let last = -1;
  for (let m = 0; m < fields.length && fields[m]!.line < line; m++) {
    const field = fields[m]!;
    if (field.endLine !== undefined) {
      if (line < field.endLine) holder = m;
    } else last = m;
  }
  if (holder >= 0) return holder;
  return last >= 0 && fields[last]!.agents.length > 0 ? last : -1;
}

// The agent fields that get a group: those with tasks, then (nested items first) those naming agents
// not shown yet; a summary of agents already shown, or a field with nothing after it, gets none.
function keptFields(fields: readonly AgentField[], tasksOf: ReadonlyMap<number, number[]>): number[] {
  const kept = fields.map((field, m) => field.agents.length > 0 && tasksOf.has(m));
  const shown = new Set<string>();
  fields.forEach((field, m) => {
    if (kept[m]) for (const agent of field.agents) shown.add(agent.name.toLowerCase());
  });
  for (const nestedFirst of [true, false]) {
    fields.forEach((field, m) => {
      if (kept[m] || field.agents.length === 0 || field.nested !== nestedFirst) return;
      if (field.agents.every((a) => shown.has(a.name.toLowerCase()))) return;
      kept[m] = true;
      for (const agent of field.agents) shown.add(agent.name.toLowerCase());
    });
  }
  return fields.flatMap((_, m) => (kept[m] ? [m] : []));
}

/** Each agent's stage in the sequencing (lower case; its first stage when named twice). */
export function stageIndex(waveSequencing: readonly (readonly string[])[]): Map<string, number> {
  const stages = new Map<string, number>();
  waveSequencing.forEach((stage, index) => {
    for (const agent of stage) if (!stages.has(agent.toLowerCase())) stages.set(agent.toLowerCase(), index);
  });
  return stages;
}

// Explicit edges, then the sequencing: a wave with a later-stage agent waits for the earlier waves
// of earlier-stage agents. Only the nearest of those are listed, so that a plan of thousands of waves
// stays linear; the status stays exact, since a list is empty only when there are none at all.
function addDependencies(waves: Wave[], waveSequencing: readonly (readonly string[])[]): void {
  const isOpen = (w: number) => waves[w]!.done < waves[w]!.total;
  const explicit = waves.map(() => [] as number[]);
  for (const edge of waveEdges(waves)) explicit[edge.to]!.push(edge.from);
  const stages = stageIndex(waveSequencing);
  // Per stage, the waves so far that name one of its agents, and those still open.
  const wavesOfStage = waveSequencing.map(() => [] as number[]);
  const openOfStage = waveSequencing.map(() => [] as number[]);
  for (const wave of waves) {
    const named = new Set<number>();
    for (const agent of wave.agents) {
      const stage = stages.get(agent.toLowerCase());
      if (stage !== undefined) named.add(stage);
    }
    const latest = Math.max(-1, ...named);
    const own = explicit[wave.index]!;
    const sequencing = nearest(wavesOfStage.slice(0, Math.max(0, latest)));
    wave.dependsOn = [...new Set([...sequencing, ...own])]
      .sort((a, b) => a - b)
      .map((w) => ({ wave: w, reason: own.includes(w) ? 'explicit' : 'sequencing' }));
    const blocked = [...nearest(openOfStage.slice(0, Math.max(0, latest))), ...own.filter(isOpen)];
    wave.blockedBy = [...new Set(blocked)].sort((a, b) => a - b);
    for (const stage of named) {
      wavesOfStage[stage]!.push(wave.index);
      if (isOpen(wave.index)) openOfStage[stage]!.push(wave.index);
    }
  }
}

// The largest MAX_SEQUENCING_LISTED distinct waves of ascending lists, ascending.
function nearest(lists: readonly number[][]): number[] {
  const tails = lists.flatMap((list) => list.slice(-MAX_SEQUENCING_LISTED));
  return [...new Set(tails)].sort((a, b) => a - b).slice(-MAX_SEQUENCING_LISTED);
}
