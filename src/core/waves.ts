// The agent waves of section F (playbook §5) as a graph: each wave's agents, tasks and
// Blocks/unblocks references; progress, status, and the wave rules. Plain data, no 'vscode'.
import { z } from 'zod';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from './config';
import type { Finding } from './findings';
import type { Field, PlanModel, Task } from './plan';
import type { Range, TextEdit } from './positions';
import { lineRange } from './positions';

export interface WaveLintOptions {
  agents: readonly string[];
  waveSequencing: readonly (readonly string[])[];
}

export type WaveStatus = 'done' | 'in-progress' | 'blocked' | 'not-started';
export const WAVE_STATUSES: readonly WaveStatus[] = ['done', 'in-progress', 'blocked', 'not-started'];

/** A `[ ]` / `[x]` item of a wave. */
export interface WaveTask extends Pick<Task, 'checked' | 'text' | 'line' | 'endLine' | 'checkRange' | 'textRange' | 'depth'> {
  /** Index in the wave's `tasks` of the task this one is nested in. */
  parentTask: number | undefined;
  /** Index in the wave's `agentGroups` of the agent field it follows; undefined for the wave itself. */
  agentGroup: number | undefined;
}

/** An agent named in a wave, where it is written. */
export interface AgentName {
  name: string;
  range: Range;
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

export type WaveDirection = 'blocked-by' | 'unblocks';

/** A wave named in a `Blocks/unblocks:` field. */
export interface WaveReference {
  /** As written, e.g. `Wave 3`. */
  text: string;
  /** The wave's identifier, lower case (`3`, `2a`). */
  id: string;
  direction: WaveDirection;
  range: Range;
  /** Index in `waves` of the wave it names; undefined when the plan has no such wave. */
  target: number | undefined;
}

export interface WaveDependency {
  /** Index in `waves`. */
  wave: number;
  /** Written in Blocks/unblocks, or implied by the playbook's wave sequencing. */
  reason: 'explicit' | 'sequencing';
}

/**
 * What the wave rules read of a `### Wave N` of section F: where it is, its agents and its
 * Blocks/unblocks references. It does not depend on the roster or the sequencing.
 */
export interface WaveOutline {
  index: number;
  /** Lower-case identifier (`1`, `2a`); undefined for a heading like `### Wave` alone. */
  id: string | undefined;
  /** `Wave 1`. */
  name: string;
  /** The heading's text without markdown emphasis, e.g. `Wave 1: Foundations`. */
  title: string;
  line: number;
  /** The line after the wave's last line. */
  endLine: number;
  headingRange: Range;
  /** Every agent of the wave, in order, each once. */
  agents: string[];
  /** Every agent name as written, with its range (a name may be written twice). */
  agentNames: AgentName[];
  references: WaveReference[];
}

/** One `### Wave N` of section F, with its tasks, progress and dependencies. */
export interface Wave extends WaveOutline {
  agentGroups: AgentGroup[];
  tasks: WaveTask[];
  /** Waves it waits for: explicit ones, and by the sequencing earlier waves of earlier-stage agents (the nearest ten). */
  dependsOn: WaveDependency[];
  /** Waves it waits for that still have open tasks (by the sequencing, the nearest ten). */
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

const DEFAULT_OPTIONS: WaveLintOptions = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

// `Wave 1`, `Wave 2a`, `Wave #3`, `Wave A`; in a heading any one word names the wave.
const WAVE_HEADING = /^wave\s+#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)\b\s*(?:[:.)\-–—]\s*)?(.*)$/i;
const WAVE_HEADING_BARE = /^wave\s*$/i;
const AGENT_LABEL = /^(?:agents?|agent\(s\)|agent team)$/;
const TASKS_LABEL = /^(?:tasks?|to-?dos?)$/;
const BLOCKS_LABEL = /^(?:blocks\/unblocks|unblocks\/blocks|blocks|unblocks|blocked by|blockers|depends on|dependencies|dependency)$/;
const BLOCKED_BY_LABEL = /^(?:blocked by|blockers|depends on|dependencies|dependency)$/;
// Words that set the direction of the wave references after them.
// The first group holds the words of waiting (blocked by), the second those of unblocking.
const DIRECTION_WORD =
  /\b(?:(blocked\s+(?:by|on)|depends\s+on|dependent\s+on|waits?\s+(?:for|on)|after|requires?|needs?)|(unblocks?|blocks?|before|enables?))\b/gi;
const WAVE_REFERENCE = /\bwaves?\s+#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)((?:\s*(?:,|&|\+|\band\b|\bor\b)\s*#?[0-9]+[a-z]?\b)*)/gi;
const MORE_WAVES = /#?([0-9]+[a-z]?)\b/gi;
const WAVE_NUMBER = /^[0-9]+[a-z]?$|^[a-z]$/;
const AND_SEPARATOR = /^\s+and\s+/i;
const WHITE_SPACE = /\s/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/;
const PLACEHOLDER = /\{[^{}\n]*\}/;

function labelKey(label: string): string {
  return label.replace(/[*_`]/g, '').trim().toLowerCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ');
}

// What a field's label makes it in a wave; labels repeat, so each is classified once.
const LABEL_OTHER = 0;
const LABEL_AGENT = 1;
const LABEL_UNBLOCKS = 2;
const LABEL_BLOCKED_BY = 3;
const LABEL_TASKS = 4;
const labelKinds = new Map<string, number>();

function labelKind(label: string): number {
  let kind = labelKinds.get(label);
  if (kind !== undefined) return kind;
  const key = labelKey(label);
  if (AGENT_LABEL.test(key)) kind = LABEL_AGENT;
  else if (BLOCKS_LABEL.test(key)) kind = BLOCKED_BY_LABEL.test(key) ? LABEL_BLOCKED_BY : LABEL_UNBLOCKS;
  else if (TASKS_LABEL.test(key)) kind = LABEL_TASKS;
  else kind = LABEL_OTHER;
  if (labelKinds.size >= 4096) labelKinds.clear();
  // A copy, not the slice of a plan's text that would keep the whole text alive with the map.
  labelKinds.set(ownCopy(label), kind);
  return kind;
}

function stripEmphasis(text: string): string {
  return text.replace(/[*_`]/g, '').trim();
}

// The lint and the Plans view both read the waves of one parse: compute them once per model (and,
// for the full reading, per roster). The lint needs only the outline (agents and references); the
// full reading builds on the outline, so a plan read by both reads its wave fields once.
// A reading is kept on the model itself, under a hidden (non-enumerable symbol) property, so it
// dies with the model. A WeakMap entry would be kept by V8's young-generation collections until
// the next full one, which made every short-lived model's reading survive and get copied.
interface CachedWaves {
  agents: string[];
  waveSequencing: string[][];
  waves: PlanWaves;
}
const WAVES_OF_MODEL = Symbol('connectorPlaybook.waves');
const OUTLINE_OF_MODEL = Symbol('connectorPlaybook.waveOutline');
// For a model that cannot take the property (frozen or sealed).
const wavesOfModel = new WeakMap<PlanModel, CachedWaves>();
const outlineOfModel = new WeakMap<PlanModel, OutlineWave[]>();

function cachedOn<T>(model: PlanModel, key: symbol, fallback: WeakMap<PlanModel, T>): T | undefined {
  return Object.prototype.hasOwnProperty.call(model, key) ? (model as unknown as Record<symbol, T>)[key] : fallback.get(model);
}

function cacheOn<T>(model: PlanModel, key: symbol, fallback: WeakMap<PlanModel, T>, value: T): void {
  if (Object.prototype.hasOwnProperty.call(model, key)) (model as unknown as Record<symbol, T>)[key] = value;
  else if (Object.isExtensible(model)) Object.defineProperty(model, key, { value, writable: true, enumerable: false, configurable: true });
  else fallback.set(model, value);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function sameRoster(cached: { agents: string[]; waveSequencing: string[][] }, options: WaveLintOptions): boolean {
  if (!sameStrings(cached.agents, options.agents) || cached.waveSequencing.length !== options.waveSequencing.length) return false;
  for (let k = 0; k < cached.waveSequencing.length; k++) if (!sameStrings(cached.waveSequencing[k]!, options.waveSequencing[k]!)) return false;
  return true;
}

/** Reads section F's waves and section I's go/no-go checklist, with progress and status (memoised per parse). */
export function readWaves(model: PlanModel, options: WaveLintOptions = DEFAULT_OPTIONS): PlanWaves {
  const cached = cachedOn(model, WAVES_OF_MODEL, wavesOfModel);
  if (cached && sameRoster(cached, options)) return cached.waves;
  const waves = computeWaves(model, options);
  // A copy of the roster, so that a caller changing its arrays later does not reuse a stale reading.
  cacheOn(model, WAVES_OF_MODEL, wavesOfModel, { agents: [...options.agents], waveSequencing: options.waveSequencing.map((stage) => [...stage]), waves });
  return waves;
}

/** Section F's waves as the wave rules read them: headings, agents and references (memoised per parse). */
export function readWaveOutline(model: PlanModel): readonly WaveOutline[] {
  return outlineOf(model);
}

function outlineOf(model: PlanModel): OutlineWave[] {
  let outline = cachedOn(model, OUTLINE_OF_MODEL, outlineOfModel);
  if (outline) return outline;
  outline = findWaves(model);
  let fieldCursor = 0;
  for (let w = 0; w < outline.length; w++) fieldCursor = readWaveFields(model, outline[w]!, fieldCursor);
  resolveReferences(outline);
  cacheOn(model, OUTLINE_OF_MODEL, outlineOfModel, outline);
  return outline;
}

function computeWaves(model: PlanModel, options: WaveLintOptions): PlanWaves {
  const outline = outlineOf(model);
  const waves: Wave[] = new Array(outline.length);
  let taskCursor = 0;
  for (let w = 0; w < outline.length; w++) {
    const wave = fullWave(outline[w]!);
    taskCursor = readWaveTasks(model, outline[w]!, wave, taskCursor);
    waves[w] = wave;
  }
  addDependencies(waves, options.waveSequencing);
  const progress = { done: 0, total: 0 };
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w]!;
    wave.status = statusOf(wave);
    wave.tasks = fitted(wave.tasks);
    wave.agentGroups = fitted(wave.agentGroups);
    wave.dependsOn = fitted(wave.dependsOn);
    progress.done += wave.done;
    progress.total += wave.total;
  }
  const items: GoNoGoItem[] = [];
  let checked = 0;
  const tasks = model.tasks;
  for (let k = 0; k < tasks.length; k++) {
    const t = tasks[k]!;
    if (t.sectionKey !== 'I') continue;
    items.push({ checked: t.checked, text: t.text, line: t.line, checkRange: t.checkRange, textRange: t.textRange, depth: t.depth });
    if (t.checked) checked++;
  }
  return { waves, progress, goNoGo: { checked, total: items.length, items } };
}

// An array grown by push keeps room for more (17 slots for a few items): a wave reading is kept
// with its plan, so its many short arrays are copied to their size once they are complete.
function fitted<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

function statusOf(wave: Wave): WaveStatus {
  if (wave.total > 0 && wave.done === wave.total) return 'done';
  if (wave.blockedBy.length > 0) return 'blocked';
  return wave.done > 0 ? 'in-progress' : 'not-started';
}

/** An `Agents:` field, or a nested item of one, and the agents it names. */
interface AgentMarker {
  agents: AgentName[];
  line: number;
  /** A nested item of an `Agents:` field holds only the tasks inside it. */
  endLine: number | undefined;
  nested: boolean;
}

/** A wave of the outline, with what the full reading needs to group its tasks by agent. */
interface OutlineWave extends WaveOutline {
  /** The wave's agent fields and nested agent items, by line. */
  markers: AgentMarker[];
}

const NO_MARKERS: AgentMarker[] = [];

// Wave headings inside section F; a plan without them may list waves as top-level `Wave N:` fields.
function findWaves(model: PlanModel): OutlineWave[] {
  const waves: OutlineWave[] = [];
  for (const section of model.sections) {
    if (section.key !== 'F') continue;
    const headings = model.headings.filter((h) => h.line >= section.startLine && h.line < section.endLine);
    for (let k = 0; k < headings.length; k++) {
      const heading = headings[k]!;
      const title = stripEmphasis(heading.text);
      const match = WAVE_HEADING.exec(title);
      if (!match && !WAVE_HEADING_BARE.test(title)) continue;
      let endLine = section.endLine;
      for (let n = k + 1; n < headings.length; n++) {
        if (headings[n]!.level <= heading.level) {
          endLine = headings[n]!.line;
          break;
        }
      }
      const id = match ? match[1]!.toLowerCase() : undefined;
      waves.push(newWave(waves.length, id, match ? `Wave ${match[1]}` : 'Wave', title, heading.line, endLine, heading.textRange));
    }
    if (waves.length > 0) continue;
    for (const field of model.fields) {
      if (field.line < section.startLine || field.line >= section.endLine || field.parentField !== undefined) continue;
      const match = WAVE_HEADING.exec(stripEmphasis(field.label));
      if (!match) continue;
      const title = field.value ? `${stripEmphasis(field.label)}: ${field.value}` : stripEmphasis(field.label);
      waves.push(newWave(waves.length, match[1]!.toLowerCase(), `Wave ${match[1]}`, title, field.line, field.endLine, field.labelRange));
    }
  }
  return waves;
}

function newWave(index: number, id: string | undefined, name: string, title: string, line: number, endLine: number, headingRange: Range): OutlineWave {
  return { index, id, name, title, line, endLine, headingRange, agents: [], agentNames: [], references: [], markers: NO_MARKERS };
}

// The full reading's wave: copies of the outline's arrays (the outline serves the lint and every
// roster's reading, so none of them may change it), and its tasks, groups and dependencies to come.
function fullWave(outline: OutlineWave): Wave {
  return {
    index: outline.index,
    id: outline.id,
    name: outline.name,
    title: outline.title,
    line: outline.line,
    endLine: outline.endLine,
    headingRange: outline.headingRange,
    agents: outline.agents.slice(),
    agentNames: outline.agentNames.slice(),
    agentGroups: [],
    tasks: [],
    references: outline.references.slice(),
    dependsOn: [],
    blockedBy: [],
    done: 0,
    total: 0,
    status: 'not-started',
  };
}

/** The index of the first item (in document order) whose line is at least `from`. */
function firstAtOrAfter(items: readonly { line: number }[], from: number, hint = 0): number {
  // Waves come in document order, each starting about where the last one ended: from a hint
  // before the answer, gallop forward (a few nearby items) instead of searching the whole plan.
  let lo = hint > 0 && hint <= items.length && items[hint - 1]!.line < from ? hint : 0;
  let hi = items.length;
  if (lo > 0) {
    let step = 1;
    let probe = lo;
    while (probe < items.length && items[probe]!.line < from) {
      lo = probe + 1;
      probe = lo + step;
      step *= 2;
    }
    hi = Math.min(probe + 1, items.length);
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.line < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// What a wave reading keeps for every task, name and reference of a plan is read from the plan's
// own task or made when asked: a long plan has tens of thousands of them, and each object kept is
// work for the garbage collector. Names and references, like the parser's nodes, are object
// literals over their class's prototype, which V8 allocates with the long-lived objects; a wave
// task is made by `new`, since a literal over a prototype costs more to make than the copying it
// would save for these small objects.
class WaveTaskNode implements WaveTask {
  agentGroup: number | undefined = undefined;
  constructor(
    private readonly task: Task,
    readonly parentTask: number | undefined,
  ) {}

  get checked(): boolean {
    return this.task.checked;
  }

  get text(): string {
    return this.task.text;
  }

  get line(): number {
    return this.task.line;
  }

  get endLine(): number {
    return this.task.endLine;
  }

  get depth(): number {
    return this.task.depth;
  }

  get checkRange(): Range {
    return this.task.checkRange;
  }

  get textRange(): Range {
    return this.task.textRange;
  }
}

class AgentNameNode implements AgentName {
  declare readonly name: string;
  // Where the name stands (read by this module to order names without making their ranges).
  declare readonly line: number;
  declare readonly start: number;

  static of(name: string, line: number, start: number): AgentNameNode {
    const node = { __proto__: AgentNameNode.prototype, name, line, start };
    return node as unknown as AgentNameNode;
  }

  get range(): Range {
    return lineRange(this.line, this.start, this.start + this.name.length);
  }
}

class WaveReferenceNode implements WaveReference {
  // The wave's identifier as written, and where the reference stands.
  private declare readonly written: string;
  declare readonly id: string;
  declare readonly direction: WaveDirection;
  declare target: number | undefined;
  private declare readonly line: number;
  private declare readonly start: number;
  private declare readonly end: number;

  static of(written: string, direction: WaveDirection, line: number, start: number, end: number): WaveReferenceNode {
    const node = { __proto__: WaveReferenceNode.prototype, written, id: written.toLowerCase(), direction, target: undefined, line, start, end };
    return node as unknown as WaveReferenceNode;
  }

  get text(): string {
    return `Wave ${this.written}`;
  }

  get range(): Range {
    return lineRange(this.line, this.start, this.end);
  }
}

// A wave's fields: its agents (in markers, names and the list of agents) and references.
// `cursor`: where the previous wave's fields ended, to start the search from; returns where this one's end.
function readWaveFields(model: PlanModel, wave: OutlineWave, cursor: number): number {
  const fields = model.fields;
  const fieldStart = firstAtOrAfter(fields, wave.line + 1, cursor);
  let fieldEnd = fieldStart;
  while (fieldEnd < fields.length && fields[fieldEnd]!.line < wave.endLine) fieldEnd++;
  let markers: AgentMarker[] | undefined;
  let sorted = true;
  for (let f = fieldStart; f < fieldEnd; f++) {
    const field = fields[f]!;
    const kind = labelKind(field.label);
    if (kind === LABEL_AGENT) {
      markers ??= [];
      const before = markers.length;
      agentMarkers(model, field, fields, fieldStart, fieldEnd, markers);
      for (let m = Math.max(1, before); m < markers.length; m++) if (markers[m]!.line < markers[m - 1]!.line) sorted = false;
    } else if (kind === LABEL_UNBLOCKS || kind === LABEL_BLOCKED_BY) {
      readReferences(model, field, kind === LABEL_BLOCKED_BY ? 'blocked-by' : 'unblocks', wave.references);
    }
  }
  if (markers === undefined) return fieldEnd;
  if (!sorted) markers.sort((a, b) => a.line - b.line);
  wave.markers = markers;

  // Each name as written once (a summary marker repeats the names of its nested items), in document
  // order. One agent field (the usual wave) names each once, in order, in an array of its size.
  if (markers.length === 1) wave.agentNames = markers[0]!.agents;
  else wave.agentNames = writtenOnce(markers);

  // Each agent once, whatever its case: a wave names a few, so a search (a set past sixteen).
  if (markers.length === 1 && markers[0]!.agents.length <= 1) {
    wave.agents = markers[0]!.agents.length === 0 ? [] : [markers[0]!.agents[0]!.name];
    return fieldEnd;
  }
  const agents: string[] = [];
  const keys: string[] = [];
  let keySet: Set<string> | undefined;
  for (const marker of markers) {
    for (const agent of marker.agents) {
      const key = agent.name.toLowerCase();
      if (keySet ? keySet.has(key) : keys.includes(key)) continue;
      keys.push(key);
      agents.push(agent.name);
      if (keySet) keySet.add(key);
      else if (keys.length === 16) keySet = new Set(keys);
    }
  }
  wave.agents = fitted(agents);
  return fieldEnd;
}

function writtenOnce(markers: AgentMarker[]): AgentName[] {
  const names: AgentNameNode[] = [];
  let written: Set<number | string> | undefined;
  let inOrder = true;
  for (const marker of markers) {
    for (const agent of marker.agents as AgentNameNode[]) {
      if (names.length > 0) {
        if (!written) {
          written = new Set();
          for (const n of names) written.add(positionKey(n.line, n.start));
        }
        const key = positionKey(agent.line, agent.start);
        if (written.has(key)) continue;
        written.add(key);
        const last = names[names.length - 1]!;
        if (agent.line < last.line || (agent.line === last.line && agent.start < last.start)) inOrder = false;
      }
      names.push(agent);
    }
  }
  if (!inOrder) names.sort((a, b) => a.line - b.line || a.start - b.start);
  return fitted(names);
}

// A wave's tasks, each with its agent group. `cursor`: where the previous wave's tasks ended; returns where this one's end.
function readWaveTasks(model: PlanModel, outline: OutlineWave, wave: Wave, cursor: number): number {
  const markers = outline.markers;
  const modelTasks = model.tasks;
  const taskStart = firstAtOrAfter(modelTasks, wave.line + 1, cursor);
  const waveTasks = wave.tasks;
  // Per task, the index of its agent marker (-1 for none); per marker, its tasks.
  const owners: number[] = [];
  const markerTasks: number[][] = markers.map(() => []);
  const open: number[] = [];
  let done = 0;
  let t = taskStart;
  for (; t < modelTasks.length; t++) {
    const task = modelTasks[t]!;
    if (task.line >= wave.endLine) break;
    const index = waveTasks.length;
    while (open.length && waveTasks[open[open.length - 1]!]!.endLine <= task.line) open.pop();
    const parentTask = open.length ? open[open.length - 1] : undefined;
    // A nested task goes with its parent's agent.
    const owner = parentTask !== undefined ? owners[parentTask]! : markers.length ? markerOf(markers, task.line) : -1;
    waveTasks.push(new WaveTaskNode(task, parentTask));
    if (task.checked) done++;
    owners.push(owner);
    if (owner >= 0) markerTasks[owner]!.push(index);
    open.push(index);
  }
  wave.total = waveTasks.length;
  wave.done = done;
  if (markers.length === 0) return t;

  // Agents named only as a summary of others already shown (or with nothing after them) get no group of their own.
  const kept: boolean[] = markers.map((marker, m) => marker.agents.length > 0 && markerTasks[m]!.length > 0);
  let pending = false;
  for (let m = 0; m < markers.length; m++) if (markers[m]!.agents.length > 0 && !kept[m]) pending = true;
  if (pending) {
    const shown = new Set<string>();
    for (let m = 0; m < markers.length; m++) if (kept[m]) for (const agent of markers[m]!.agents) shown.add(agent.name.toLowerCase());
    for (const nestedFirst of [true, false]) {
      for (let m = 0; m < markers.length; m++) {
        const marker = markers[m]!;
        if (kept[m] || marker.agents.length === 0 || marker.nested !== nestedFirst) continue;
        let unseen = false;
        for (const a of marker.agents) {
          if (!shown.has(a.name.toLowerCase())) {
            unseen = true;
            break;
          }
        }
        if (!unseen) continue;
        kept[m] = true;
        for (const agent of marker.agents) shown.add(agent.name.toLowerCase());
      }
    }
  }

  for (let m = 0; m < markers.length; m++) {
    if (!kept[m]) continue;
    const group = wave.agentGroups.length;
    const tasks = markerTasks[m]!;
    let groupDone = 0;
    for (const k of tasks) {
      const task = waveTasks[k]!;
      if (task.checked) groupDone++;
      task.agentGroup = group;
    }
    wave.agentGroups.push({ agents: markers[m]!.agents.slice(), line: markers[m]!.line, tasks: fitted(tasks), done: groupDone, total: tasks.length });
  }
  return t;
}

// A number for a position when it fits exactly, else a string.
function positionKey(line: number, character: number): number | string {
  return character < 2 ** 21 && line < 2 ** 31 ? line * 2 ** 21 + character : `${line}:${character}`;
}

// The innermost nested agent item holding the line, else the last agent field above it (an index in `markers`, or -1).
function markerOf(markers: AgentMarker[], line: number): number {
  let holder = -1;
  let last = -1;
  for (let m = 0; m < markers.length; m++) {
    const marker = markers[m]!;
    if (marker.line >= line) break;
    if (marker.endLine !== undefined) {
      if (line < marker.endLine) holder = m;
    } else last = m;
  }
  if (holder >= 0) return holder;
  return last >= 0 && markers[last]!.agents.length > 0 ? last : -1;
}

function agentMarkers(model: PlanModel, field: Field, fields: readonly Field[], fieldStart: number, fieldEnd: number, markers: AgentMarker[]): void {
  if (field.value) {
    markers.push({ agents: agentNames(field.value, field.valueRange.start.line, field.valueRange.start.character), line: field.line, endLine: undefined, nested: false });
    return;
  }
  // `Agents:` with the names as nested items, each possibly holding its own tasks.
  const items: { line: number; indent: number; contentStart: number }[] = [];
  let indent = Infinity;
  for (let line = field.line + 1; line < field.endLine; line++) {
    const match = LIST_ITEM.exec(model.source.line(line));
    if (match) {
      items.push({ line, indent: match[1]!.length, contentStart: match[0].length });
      if (match[1]!.length < indent) indent = match[1]!.length;
    }
  }
  const children = items.filter((i) => i.indent === indent);
  const all: AgentName[] = [];
  let f = fieldStart;
  for (let k = 0; k < children.length; k++) {
    const child = children[k]!;
    const text = model.source.line(child.line).slice(child.contentStart);
    if (/^\[[ xX]\](?:\s|$)/.test(text)) continue;
    // The first field of the wave on the child's line (children go down the lines, so the search does too).
    while (f < fieldEnd && fields[f]!.line < child.line) f++;
    const nestedField = f < fieldEnd && fields[f]!.line === child.line ? fields[f] : undefined;
    if (nestedField) {
      const kind = labelKind(nestedField.label);
      if (kind === LABEL_TASKS || kind === LABEL_UNBLOCKS || kind === LABEL_BLOCKED_BY) continue;
    }
    const nameText = nestedField ? text.slice(0, nestedField.labelRange.end.character - child.contentStart) : text;
    const agents = agentNames(nameText, child.line, child.contentStart);
    if (agents.length === 0) continue;
    const endLine = children[k + 1]?.line ?? field.endLine;
    markers.push({ agents, line: child.line, endLine, nested: true });
    for (const agent of agents) all.push(agent);
  }
  markers.push({ agents: all, line: field.line, endLine: undefined, nested: false });
}

// The names found in a text and where each starts in it: a plan writes the same agents again and
// again, so each text is read once (the cache is emptied when it grows large). Its texts and names
// are copies: a slice of a plan's text would keep the whole text alive with the cache.
const namesOfText = new Map<string, readonly (readonly [string, number])[]>();

/** A string of its own, not a slice that keeps the string it was cut from. */
function ownCopy(text: string): string {
  return (` ${text}`).slice(1);
}

/** The agent names in a text such as `` `schema-sync` + `analytics` `` or `schema-sync, analytics`. */
export function agentNames(text: string, line: number, offset: number): AgentName[] {
  let found = namesOfText.get(text);
  if (found === undefined) {
    found = readAgentNames(text).map(([name, at]) => [ownCopy(name), at] as const);
    if (namesOfText.size >= 4096) namesOfText.clear();
    namesOfText.set(ownCopy(text), found);
  }
  const names: AgentName[] = new Array(found.length);
  for (let k = 0; k < found.length; k++) names[k] = AgentNameNode.of(found[k]![0], line, offset + found[k]![1]);
  return names;
}

function readAgentNames(text: string): (readonly [string, number])[] {
  const names: (readonly [string, number])[] = [];
  for (const piece of splitOutsideCode(text)) {
    const code = /`+([^`]*)`+/.exec(piece.text);
    let name: string;
    let at: number;
    if (code) {
      name = code[1]!.trim();
      at = piece.start + code.index + code[0].indexOf(code[1]!) + (code[1]!.length - code[1]!.trimStart().length);
    } else {
      // Drop a description after the name: `schema-sync (DB core)`, `ui-ops - admin UX`, `analytics agent`.
      const cleaned = piece.text.replace(/\s*\(.*$/, '').replace(/\s+[-–—:].*$/, '').replace(/:$/, '');
      const lead = cleaned.length - cleaned.replace(/^[\s*_]+/, '').length;
      name = cleaned.replace(/^[\s*_]+|[\s*_]+$/g, '').replace(/\s+agents?$/i, '');
      at = piece.start + lead;
    }
    if (!name || PLACEHOLDER.test(name) || /^[-–—]+$/.test(name) || /^(?:none|n\/a|tbd)$/i.test(name)) continue;
    names.push([name, at]);
  }
  return names;
}

// Splits on `+`, `,`, `&`, `;` and `and`, not inside code spans or parentheses.
function splitOutsideCode(text: string): { text: string; start: number }[] {
  const pieces: { text: string; start: number }[] = [];
  let start = 0;
  let i = 0;
  let parens = 0;
  const push = (end: number, next: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) pieces.push({ text: raw.trim(), start: start + lead });
    start = next;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === '(' || c === ')') parens = Math.max(0, parens + (c === '(' ? 1 : -1));
    if (parens > 0) {
      i++;
      continue;
    }
    if (c === '+' || c === ',' || c === '&' || c === ';') {
      push(i, i + 1);
      i++;
      continue;
    }
    // ` and ` starts with white space: skip the look-ahead for the usual characters that are not.
    const code = text.charCodeAt(i);
    const and = code > 32 && code < 127 ? null : AND_SEPARATOR.exec(text.slice(i, i + 6));
    if (and && WHITE_SPACE.test(c)) {
      push(i, i + and[0].length);
      i += and[0].length;
      continue;
    }
    i++;
  }
  push(text.length, text.length);
  return pieces;
}

function readReferences(model: PlanModel, field: Field, defaultDirection: WaveDirection, references: WaveReference[]): void {
  let direction = defaultDirection;
  for (let line = field.line; line < field.endLine; line++) {
    const full = model.source.line(line);
    let from = 0;
    if (line === field.line) from = field.valueRange.start.character;
    else {
      const item = LIST_ITEM.exec(full);
      if (item) from = item[0].length;
    }
    const text = from === 0 ? full : full.slice(from);
    // Direction words and references in the order they are written (two scans, merged).
    DIRECTION_WORD.lastIndex = 0;
    WAVE_REFERENCE.lastIndex = 0;
    let word = nextMatch(DIRECTION_WORD, text);
    let m = nextMatch(WAVE_REFERENCE, text);
    while (m) {
      if (word && word.index <= m.index) {
        direction = word[1] !== undefined ? 'blocked-by' : 'unblocks';
        word = nextMatch(DIRECTION_WORD, text);
        continue;
      }
      const first = m[1]!;
      const rest = m[2]!;
      const start = from + m.index;
      const restStart = start + m[0].length - rest.length;
      references.push(WaveReferenceNode.of(first, direction, line, start, restStart));
      // `Waves 2 and 3`: the numbers after the first.
      if (rest) {
        MORE_WAVES.lastIndex = 0;
        for (let more = MORE_WAVES.exec(rest); more; more = MORE_WAVES.exec(rest)) {
          const at = restStart + more.index + more[0].indexOf(more[1]!);
          references.push(WaveReferenceNode.of(more[1]!, direction, line, at, at + more[1]!.length));
        }
      }
      m = nextMatch(WAVE_REFERENCE, text);
    }
    // The last direction word of the line holds for the lines after it.
    for (; word; word = nextMatch(DIRECTION_WORD, text)) direction = word[1] !== undefined ? 'blocked-by' : 'unblocks';
  }
}

// The next match of a global regex, as matchAll finds them (an empty match moves on by one).
function nextMatch(regex: RegExp, text: string): RegExpExecArray | null {
  const match = regex.exec(text);
  if (match && match[0].length === 0) regex.lastIndex++;
  return match;
}

function resolveReferences(waves: OutlineWave[]): void {
  const byId = new Map<string, number>();
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w]!;
    if (wave.id !== undefined && !byId.has(wave.id)) byId.set(wave.id, wave.index);
  }
  for (let w = 0; w < waves.length; w++) {
    const references = waves[w]!.references;
    if (references.length === 0) continue;
    // A word that names no wave is prose (`wave sequencing`), unless it looks like a wave number.
    let kept = 0;
    for (let r = 0; r < references.length; r++) {
      const reference = references[r]!;
      const target = byId.get(reference.id);
      if (target === undefined && !WAVE_NUMBER.test(reference.id)) continue;
      reference.target = target;
      references[kept++] = reference;
    }
    references.length = kept;
    waves[w]!.references = fitted(references);
  }
}

/** Explicit edges between waves: `from` must finish before `to`, with the reference that says so. */
export interface WaveEdge {
  from: number;
  to: number;
  reference: WaveReference;
}

/** The explicit Blocks/unblocks edges of a plan's waves, each once. */
export function waveEdges(waves: readonly WaveOutline[]): WaveEdge[] {
  const edges: WaveEdge[] = [];
  const seen = new Set<number>();
  const count = waves.length;
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w]!;
    for (let r = 0; r < wave.references.length; r++) {
      const reference = wave.references[r]!;
      if (reference.target === undefined) continue;
      const blockedBy = reference.direction === 'blocked-by';
      const from = blockedBy ? reference.target : wave.index;
      const to = blockedBy ? wave.index : reference.target;
      const key = from * count + to;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to, reference });
    }
  }
  return edges;
}

function stageIndex(waveSequencing: readonly (readonly string[])[]): Map<string, number> {
  const stages = new Map<string, number>();
  waveSequencing.forEach((stage, index) => {
    for (const agent of stage) if (!stages.has(agent.toLowerCase())) stages.set(agent.toLowerCase(), index);
  });
  return stages;
}

/** How many sequencing dependencies a wave lists at most (the nearest); its status is exact regardless. */
export const MAX_SEQUENCING_LISTED = 10;

// Explicit edges, then the sequencing: a wave with a later-stage agent waits for the earlier waves
// of earlier-stage agents. Only the nearest of those are listed, so a plan of thousands of waves
// stays linear; the status stays exact, since the list is empty only when there are none at all.
function addDependencies(waves: Wave[], waveSequencing: readonly (readonly string[])[]): void {
  const isOpen = (w: number) => waves[w]!.done < waves[w]!.total;
  // Explicit dependencies per wave, in the order found (few per wave).
  const explicit: (number[] | undefined)[] = new Array(waves.length);
  const explicitOpen: (number[] | undefined)[] = new Array(waves.length);
  const edges = waveEdges(waves);
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e]!;
    if (edge.from === edge.to) continue;
    (explicit[edge.to] ??= []).push(edge.from);
    if (isOpen(edge.from)) (explicitOpen[edge.to] ??= []).push(edge.from);
  }
  const stages = stageIndex(waveSequencing);
  // Per agent of the sequencing (by its number in `stages`), the waves so far that name it, and those of them still open.
  const agentNumber = new Map<string, number>();
  const agentStage: number[] = [];
  for (const [agent, stage] of stages) {
    agentNumber.set(agent, agentStage.length);
    agentStage.push(stage);
  }
  // Names repeat from wave to wave as written: look each spelling up once.
  const numberBySpelling = new Map<string, number | undefined>();
  const numberOf = (agent: string): number | undefined => {
    if (numberBySpelling.has(agent)) return numberBySpelling.get(agent);
    const number = agentNumber.get(agent.toLowerCase());
    numberBySpelling.set(agent, number);
    return number;
  };
  const wavesOf = agentStage.map(() => [] as number[]);
  const openWavesOf = agentStage.map(() => [] as number[]);
  const nearestBuffer: number[] = [];
  const positions: number[] = [];
  // Each wave is the dependency of up to ten others for the same reason: one frozen object each.
  const bySequencing: WaveDependency[] = [];
  const byExplicit: WaveDependency[] = [];
  const sequencingDependency = (w: number) => (bySequencing[w] ??= Object.freeze<WaveDependency>({ wave: w, reason: 'sequencing' }));
  const explicitDependency = (w: number) => (byExplicit[w] ??= Object.freeze<WaveDependency>({ wave: w, reason: 'explicit' }));
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w]!;
    // The wave's agents of the sequencing, each once, and its latest stage.
    const named: number[] = [];
    let stage = -1;
    for (let a = 0; a < wave.agents.length; a++) {
      const number = numberOf(wave.agents[a]!);
      if (number === undefined) continue;
      if (agentStage[number]! > stage) stage = agentStage[number]!;
      if (!named.includes(number)) named.push(number);
    }
    const earlier: number[][] = [];
    const earlierOpen: number[][] = [];
    for (let a = 0; a < agentStage.length; a++) {
      if (agentStage[a]! < stage) {
        earlier.push(wavesOf[a]!);
        earlierOpen.push(openWavesOf[a]!);
      }
    }
    const own = explicit[wave.index];
    const sequencing = nearest(earlier, nearestBuffer, positions);
    const dependsOn: WaveDependency[] = [];
    for (let k = 0; k < sequencing.length; k++) {
      const dependency = sequencing[k]!;
      dependsOn.push(own !== undefined && own.includes(dependency) ? explicitDependency(dependency) : sequencingDependency(dependency));
    }
    if (own !== undefined) {
      for (let k = 0; k < own.length; k++) if (!sequencing.includes(own[k]!)) insertInOrder(dependsOn, explicitDependency(own[k]!), (d) => d.wave);
    }
    wave.dependsOn = dependsOn;
    const blocked = nearest(earlierOpen, nearestBuffer, positions);
    const ownOpen = explicitOpen[wave.index];
    if (ownOpen !== undefined) {
      for (let k = 0; k < ownOpen.length; k++) if (!blocked.includes(ownOpen[k]!)) insertInOrder(blocked, ownOpen[k]!, (b) => b);
    }
    wave.blockedBy = blocked;
    const open = isOpen(wave.index);
    for (let k = 0; k < named.length; k++) {
      wavesOf[named[k]!]!.push(wave.index);
      if (open) openWavesOf[named[k]!]!.push(wave.index);
    }
  }
}

// Inserts an item into an ascending list (short: a wave's dependencies) after those of no larger key.
function insertInOrder<T>(list: T[], item: T, key: (item: T) => number): void {
  let at = list.length;
  while (at > 0 && key(list[at - 1]!) > key(item)) at--;
  list.splice(at, 0, item);
}

// The largest MAX_SEQUENCING_LISTED distinct waves of ascending lists, ascending: a merge from their ends.
function nearest(lists: readonly number[][], buffer: number[], positions: number[]): number[] {
  buffer.length = 0;
  positions.length = 0;
  for (let l = 0; l < lists.length; l++) positions.push(lists[l]!.length - 1);
  while (buffer.length < MAX_SEQUENCING_LISTED) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) {
      const p = positions[l]!;
      if (p >= 0 && lists[l]![p]! > best) best = lists[l]![p]!;
    }
    if (best < 0) break;
    buffer.push(best);
    for (let l = 0; l < lists.length; l++) {
      const p = positions[l]!;
      if (p >= 0 && lists[l]![p] === best) positions[l] = p - 1;
    }
  }
  const result = new Array<number>(buffer.length);
  for (let k = 0; k < buffer.length; k++) result[k] = buffer[buffer.length - 1 - k]!;
  return result;
}

/** Findings of the wave rules (agent roster, references, cycles, sequencing). */
export function lintWaves(model: PlanModel, options: WaveLintOptions): Finding[] {
  const waves = outlineOf(model);
  const findings: Finding[] = [];
  const roster = new Map(options.agents.map((a) => [a.toLowerCase(), a]));
  const spellings = new Map<string, boolean>();
  const inRoster = (name: string): boolean => {
    let known = spellings.get(name);
    if (known === undefined) spellings.set(name, (known = roster.has(name.toLowerCase())));
    return known;
  };
  let known: string[] | undefined;

  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w]!;
    for (let n = 0; n < wave.agentNames.length; n++) {
      const group = wave.agentNames[n]!;
      if (inRoster(group.name)) continue;
      const suggestion = closest(group.name, options.agents);
      findings.push({
        rule: 'wave-unknown-agent',
        severity: 'warning',
        range: group.range,
        message: `${wave.name} names the agent "${group.name}", who is not in the roster (${options.agents.join(', ')})${suggestion ? `: did you mean ${suggestion}?` : '.'}`,
      });
    }
    for (let r = 0; r < wave.references.length; r++) {
      const reference = wave.references[r]!;
      if (reference.target !== undefined) continue;
      known ??= waves.filter((w) => w.id !== undefined).map((w) => w.name);
      findings.push({
        rule: 'wave-unknown-reference',
        severity: 'error',
        range: reference.range,
        message: `${wave.name} refers to ${reference.text}, which this plan does not have${known.length ? ` (its waves: ${known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ')})` : ''}.`,
      });
    }
  }

  findings.push(...cycleFindings(waves));
  findings.push(...sequenceFindings(waves, options.waveSequencing));
  return findings;
}

function closest(name: string, roster: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const agent of roster) {
    const distance = editDistance(name.toLowerCase(), agent.toLowerCase());
    if (distance < bestDistance) {
      best = agent;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

// One finding per cycle (strongly connected set of waves), at its first reference in the plan.
function cycleFindings(waves: readonly WaveOutline[]): Finding[] {
  const edges = waveEdges(waves);
  // Edges that all go forward in the plan cannot close a cycle.
  let backward = false;
  for (let e = 0; e < edges.length && !backward; e++) backward = edges[e]!.from >= edges[e]!.to;
  if (!backward) return [];
  const next = waves.map(() => [] as number[]);
  for (const edge of edges) next[edge.from]!.push(edge.to);
  const component = stronglyConnected(waves.length, next);
  const firstEdge = new Map<number, WaveEdge>();
  for (const edge of edges) {
    if (component[edge.from] !== component[edge.to]) continue;
    const first = firstEdge.get(component[edge.from]!);
    const range = edge.reference.range.start;
    if (!first || range.line < first.reference.range.start.line || (range.line === first.reference.range.start.line && range.character < first.reference.range.start.character)) {
      firstEdge.set(component[edge.from]!, edge);
    }
  }
  const membersOf = new Map<number, Set<number>>();
  for (const id of firstEdge.keys()) membersOf.set(id, new Set());
  component.forEach((id, wave) => membersOf.get(id)?.add(wave));
  const findings: Finding[] = [];
  for (const [id, edge] of firstEdge) {
    const members = membersOf.get(id)!;
    const start = [...members].reduce((min, w) => Math.min(min, w), Infinity);
    const path = cyclePath(start, members, next).map((w) => waves[w]!.name);
    findings.push({
      rule: 'wave-cycle',
      severity: 'error',
      range: edge.reference.range,
      message: path.length === 2 ? `${path[0]} is blocked by itself.` : `Waves block each other in a cycle: ${path.join(' → ')}; none of them can start.`,
    });
  }
  return findings;
}

// Tarjan's algorithm without recursion (a plan may hold thousands of waves): a component id per wave.
function stronglyConnected(count: number, next: number[][]): number[] {
  const index: number[] = new Array(count).fill(-1);
  const low: number[] = new Array(count).fill(0);
  const onStack: boolean[] = new Array(count).fill(false);
  const component: number[] = new Array(count).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; edge: number }[] = [{ v: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1]!;
      const { v } = frame;
      if (frame.edge < next[v]!.length) {
        const w = next[v]![frame.edge++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}

// The shortest path from a wave of a cycle back to itself, for the message.
function cyclePath(start: number, members: Set<number>, next: number[][]): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const chain: number[] = [];
        for (let u = v; u !== start; u = parent.get(u)!) chain.unshift(u);
        return [start, ...chain, start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

// An agent starts in the first wave that names it; it must start after every earlier-stage agent.
function sequenceFindings(waves: readonly WaveOutline[], waveSequencing: readonly (readonly string[])[]): Finding[] {
  const stages = stageIndex(waveSequencing);
  const starts = new Map<string, { wave: WaveOutline; name: string }>();
  for (const wave of waves) {
    for (const agent of wave.agents) if (!starts.has(agent.toLowerCase())) starts.set(agent.toLowerCase(), { wave, name: agent });
  }
  const findings: Finding[] = [];
  for (const [key, start] of starts) {
    const stage = stages.get(key);
    if (stage === undefined || stage === 0) continue;
    const tooLate = [...starts.entries()]
      .filter(([other]) => (stages.get(other) ?? Infinity) < stage)
      .filter(([, otherStart]) => otherStart.wave.index >= start.wave.index)
      .map(([, otherStart]) => otherStart);
    if (tooLate.length === 0) continue;
    const range = start.wave.agentNames.find((a) => a.name.toLowerCase() === key)?.range ?? start.wave.headingRange;
    const others = tooLate.map((o) => `${o.name} (${o.wave === start.wave ? 'the same wave' : o.wave.name})`).join(', ');
    const earlier = waveSequencing.slice(0, stage).map((s) => s.join(' + ')).join(', then ');
    findings.push({
      rule: 'wave-sequence',
      severity: 'warning',
      range,
      message: `${start.name} starts in ${start.wave.name}, before ${others}: the playbook's sequencing starts it once ${earlier} ${stage > 1 || waveSequencing[0]!.length > 1 ? 'are' : 'is'} stable.`,
    });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The edit that checks or unchecks a task: its one character between the brackets. */
export function taskCheckEdit(task: { checkRange: Range }, checked: boolean): TextEdit {
  return { range: task.checkRange, newText: checked ? 'x' : ' ' };
}

/** The CLI's JSON for `connector-playbook waves`. */
export const WavesReportSchema = z
  .object({
    waves: z.array(
      z
        .object({
          name: z.string(),
          agents: z.array(z.string()),
          done: z.number().int().min(0),
          total: z.number().int().min(0),
          status: z.enum(['done', 'in-progress', 'blocked', 'not-started']),
          blockedBy: z.array(z.string()),
        })
        .strict(),
    ),
    progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
    goNoGo: z.object({ checked: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
  })
  .strict();
export type WavesReport = z.infer<typeof WavesReportSchema>;

/** A plan's waves as the CLI prints them in JSON. */
export function toWavesReport(planWaves: PlanWaves): WavesReport {
  return WavesReportSchema.parse({
    waves: planWaves.waves.map((wave) => ({
      name: wave.name,
      agents: wave.agents,
      done: wave.done,
      total: wave.total,
      status: wave.status,
      blockedBy: wave.blockedBy.map((w) => planWaves.waves[w]!.name),
    })),
    progress: { done: planWaves.progress.done, total: planWaves.progress.total },
    goNoGo: { checked: planWaves.goNoGo.checked, total: planWaves.goNoGo.total },
  });
}
