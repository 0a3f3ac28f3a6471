// The waves of section F (playbook §5) as written: each `### Wave N`, the agents it names and the
// waves its Blocks/unblocks field refers to. It does not depend on the roster or the sequencing.
import type { Field, Heading, PlanModel } from '../plan';
import type { Range } from '../positions';
import { lineRange } from '../positions';
import type { SourceText } from '../source';
import { lineAt, linesText } from '../source';
import { agentNames } from './agentNames';

/** An agent named in a wave, where it is written. */
export interface AgentName {
  name: string;
  range: Range;
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
  /** Index in the waves of the wave it names; undefined when the plan has no such wave. */
  target: number | undefined;
}

/** An `Agents:` field, or a nested item of one, with the agents it names: the tasks after it are theirs. */
export interface AgentField {
  agents: AgentName[];
  line: number;
  /** A nested item of an `Agents:` field holds only the tasks inside it, up to this line. */
  endLine: number | undefined;
  nested: boolean;
}

/** A `### Wave N` of section F as written. */
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
  /** Every agent of the wave, in order, each once (whatever its case). */
  agents: string[];
  /** Every agent name as written, in document order (a name written twice is here twice). */
  agentNames: AgentName[];
  /** The wave's agent fields, by line. */
  agentFields: AgentField[];
  references: WaveReference[];
}

// `Wave 1`, `Wave 2a`, `Wave #3`, `Wave A`; in a heading any one word names the wave.
const WAVE_HEADING = /^wave\s+#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)\b\s*(?:[:.)\-–—]\s*)?(.*)$/i;
const WAVE_HEADING_BARE = /^wave\s*$/i;
const AGENT_LABEL = /^(?:agents?|agent\(s\)|agent team)$/;
const TASKS_LABEL = /^(?:tasks?|to-?dos?)$/;
const BLOCKS_LABEL = /^(?:blocks\/unblocks|unblocks\/blocks|blocks|unblocks|blocked by|blockers|depends on|dependencies|dependency)$/;
const BLOCKED_BY_LABEL = /^(?:blocked by|blockers|depends on|dependencies|dependency)$/;
// In one scan, in the order they are written: words that set the direction of the wave references
// after them (waiting, then unblocking), and wave references (`Wave 3`, `Waves 2 and 3`).
const DIRECTION_OR_REFERENCE = new RegExp(
  [
    '\\b(?:(blocked\\s+(?:by|on)|depends\\s+on|dependent\\s+on|waits?\\s+(?:for|on)|after|requires?|needs?)|(unblocks?|blocks?|before|enables?))\\b',
    '\\bwaves?\\s+#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)((?:\\s*(?:,|&|\\+|\\band\\b|\\bor\\b)\\s*#?[0-9]+[a-z]?\\b)*)',
  ].join('|'),
  'gi',
);
const MORE_WAVES = /#?([0-9]+[a-z]?)\b/gi;
const WAVE_NUMBER = /^[0-9]+[a-z]?$|^[a-z]$/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/;
const TASK_TEXT = /^\[[ xX]\](?:\s|$)/;

export type LabelKind = 'agent' | 'tasks' | 'unblocks' | 'blocked-by' | 'other';

/** What a field's label makes it in a wave. */
export function labelKind(label: string): LabelKind {
  const key = label.replace(/[*_`]/g, '').trim().toLowerCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ');
  if (AGENT_LABEL.test(key)) return 'agent';
  if (BLOCKS_LABEL.test(key)) return BLOCKED_BY_LABEL.test(key) ? 'blocked-by' : 'unblocks';
  if (TASKS_LABEL.test(key)) return 'tasks';
  return 'other';
}

function stripEmphasis(text: string): string {
  return text.replace(/[*_`]/g, '').trim();
}

/** Section F's waves as written: headings, agents and references. */
export function readWaveOutline(model: PlanModel): WaveOutline[] {
  return readWaveOutlineFrom(model, undefined).waves;
}

/** Waves as read from one version of a plan, by their text, to read the next version from. */
export type WavesByText = ReadonlyMap<string, WaveOutline>;

/**
 * Section F's waves, each read from its fields, or taken from `previous` (moved to its new line)
 * when its lines are the same text: a wave that starts a top-level block reads the same.
 */
export function readWaveOutlineFrom(model: PlanModel, previous: WavesByText | undefined): { waves: WaveOutline[]; byText: WavesByText } {
  const byText = new Map<string, WaveOutline>();
  const kinds = new Map<string, LabelKind>();
  const waves = findWaves(model).map((wave) => {
    const top = lineAt(model.source, wave.line).startsWith('#');
    const key = top ? linesText(model.source, wave.line, wave.endLine) : undefined;
    const known = key === undefined ? undefined : previous?.get(key);
    const read = known ? moved(known, wave) : readWave(model, wave, kinds);
    if (key !== undefined) byText.set(key, read);
    return read;
  });
  return { waves: resolveReferences(waves), byText };
}

function readWave(model: PlanModel, wave: WaveOutline, kinds: Map<string, LabelKind>): WaveOutline {
  const read = { ...wave, agents: [], agentNames: [], agentFields: [], references: [] };
  readWaveFields(model.source, read, linesOf(model.fields, wave.line + 1, wave.endLine), kinds);
  return read;
}

// A wave read before, at its place now: its index, and every line moved by as many as it moved.
function moved(known: WaveOutline, wave: WaveOutline): WaveOutline {
  const shift = wave.line - known.line;
  if (shift === 0 && known.index === wave.index) return known;
  const range = (r: Range): Range => lineRange(r.start.line + shift, r.start.character, r.end.character);
  const name = (a: AgentName): AgentName => ({ name: a.name, range: range(a.range) });
  return {
    ...known,
    index: wave.index,
    line: wave.line,
    endLine: wave.endLine,
    headingRange: wave.headingRange,
    agentNames: known.agentNames.map(name),
    agentFields: known.agentFields.map((f) => ({ ...f, agents: f.agents.map(name), line: f.line + shift, endLine: f.endLine === undefined ? undefined : f.endLine + shift })),
    references: known.references.map((r) => ({ ...r, range: range(r.range) })),
  };
}

/** Where the block under `headings[k]` ends: at the next heading of its level or higher, else at `end`. */
export function headingBlockEnd(headings: readonly Heading[], k: number, end: number): number {
  const level = headings[k]!.level;
  let next = k + 1;
  while (next < headings.length && headings[next]!.level > level) next++;
  return headings[next]?.line ?? end;
}

// Wave headings inside section F; a section without them may list waves as top-level `Wave N:` fields.
function findWaves(model: PlanModel): WaveOutline[] {
  const waves: WaveOutline[] = [];
  let h = 0;
  for (const section of model.sections) {
    if (section.key !== 'F') continue;
    while (h < model.headings.length && model.headings[h]!.line < section.startLine) h++;
    const first = h;
    while (h < model.headings.length && model.headings[h]!.line < section.endLine) h++;
    const headings = model.headings.slice(first, h);
    const found = waves.length;
    headings.forEach((heading, k) => {
      const title = stripEmphasis(heading.text);
      const match = WAVE_HEADING.exec(title);
      if (!match && !WAVE_HEADING_BARE.test(title)) return;
      const id = match ? match[1]!.toLowerCase() : undefined;
      waves.push(newWave(waves.length, id, match ? `Wave ${match[1]}` : 'Wave', title, heading.line, headingBlockEnd(headings, k, section.endLine), heading.textRange));
    });
    if (waves.length > found) continue;
    for (const field of linesOf(model.fields, section.startLine, section.endLine)) {
      const match = field.parentField === undefined ? WAVE_HEADING.exec(stripEmphasis(field.label)) : null;
      if (!match) continue;
      const title = field.value ? `${stripEmphasis(field.label)}: ${field.value}` : stripEmphasis(field.label);
      waves.push(newWave(waves.length, match[1]!.toLowerCase(), `Wave ${match[1]}`, title, field.line, field.endLine, field.labelRange));
    }
  }
  return waves;
}

/** The items (in line order) on lines `[from, to)`. */
export function linesOf<T extends { line: number }>(items: readonly T[], from: number, to: number): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.line < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < items.length && items[end]!.line < to) end++;
  return items.slice(lo, end);
}

function newWave(index: number, id: string | undefined, name: string, title: string, line: number, endLine: number, headingRange: Range): WaveOutline {
  return { index, id, name, title, line, endLine, headingRange, agents: [], agentNames: [], agentFields: [], references: [] };
}

function readWaveFields(source: SourceText, wave: WaveOutline, fields: readonly Field[], kinds: Map<string, LabelKind>): void {
  // Labels repeat from wave to wave: each is classified once.
  const kindOf = (label: string): LabelKind => {
    let kind = kinds.get(label);
    if (kind === undefined) kinds.set(label, (kind = labelKind(label)));
    return kind;
  };
  for (const field of fields) {
    const kind = kindOf(field.label);
    if (kind === 'agent') wave.agentFields.push(...agentFieldsOf(source, field, fields, kindOf));
    else if (kind === 'unblocks' || kind === 'blocked-by') readReferences(source, field, kind, wave.references);
  }
  wave.agentFields.sort((a, b) => a.line - b.line);
  // Each name as written once (an `Agents:` field repeats the names of its nested items), in order.
  const seen = new Set<string>();
  for (const marker of wave.agentFields) {
    for (const agent of marker.agents) {
      const key = `${agent.range.start.line}:${agent.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      wave.agentNames.push(agent);
    }
  }
  wave.agentNames.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const keys = new Set<string>();
  for (const agent of wave.agentNames) {
    const key = agent.name.toLowerCase();
    if (keys.has(key)) continue;
    keys.add(key);
    wave.agents.push(agent.name);
  }
}

function agentFieldsOf(source: SourceText, field: Field, waveFields: readonly Field[], kindOf: (label: string) => LabelKind): AgentField[] {
  if (field.value) {
    return [{ agents: agentNames(field.value, field.valueRange.start.line, field.valueRange.start.character), line: field.line, endLine: undefined, nested: false }];
  }
  // `Agents:` with the names as nested items, each possibly holding its own tasks.
  const items: { line: number; indent: number; contentStart: number }[] = [];
  for (let line = field.line + 1; line < field.endLine; line++) {
    const match = LIST_ITEM.exec(lineAt(source, line));
    if (match) items.push({ line, indent: match[1]!.length, contentStart: match[0].length });
  }
  const indent = items.reduce((least, i) => Math.min(least, i.indent), Infinity);
  const children = items.filter((i) => i.indent === indent);
  const fieldOnLine = new Map(waveFields.map((f) => [f.line, f]));
  const markers: AgentField[] = [];
  const all: AgentName[] = [];
  children.forEach((child, k) => {
    const text = lineAt(source, child.line).slice(child.contentStart);
    if (TASK_TEXT.test(text)) return;
    const nestedField = fieldOnLine.get(child.line);
    if (nestedField && kindOf(nestedField.label) !== 'other' && kindOf(nestedField.label) !== 'agent') return;
    const nameText = nestedField ? text.slice(0, nestedField.labelRange.end.character - child.contentStart) : text;
    const agents = agentNames(nameText, child.line, child.contentStart);
    if (agents.length === 0) return;
    markers.push({ agents, line: child.line, endLine: children[k + 1]?.line ?? field.endLine, nested: true });
    all.push(...agents);
  });
  markers.push({ agents: all, line: field.line, endLine: undefined, nested: false });
  return markers;
}

function readReferences(source: SourceText, field: Field, kind: 'unblocks' | 'blocked-by', references: WaveReference[]): void {
  let direction: WaveDirection = kind;
  for (let line = field.line; line < field.endLine; line++) {
    const full = lineAt(source, line);
    const from = line === field.line ? field.valueRange.start.character : (LIST_ITEM.exec(full)?.[0].length ?? 0);
    for (const m of full.slice(from).matchAll(DIRECTION_OR_REFERENCE)) {
      if (m[1] !== undefined || m[2] !== undefined) {
        direction = m[1] !== undefined ? 'blocked-by' : 'unblocks';
        continue;
      }
      const first = m[3]!;
      const rest = m[4]!;
      const start = from + m.index;
      const restStart = start + m[0].length - rest.length;
      references.push(reference(first, direction, line, start, restStart));
      // `Waves 2 and 3`: the numbers after the first.
      for (const more of rest.matchAll(MORE_WAVES)) {
        const at = restStart + more.index + more[0].indexOf(more[1]!);
        references.push(reference(more[1]!, direction, line, at, at + more[1]!.length));
      }
    }
  }
}

function reference(written: string, direction: WaveDirection, line: number, start: number, end: number): WaveReference {
  return { text: `Wave ${written}`, id: written.toLowerCase(), direction, range: lineRange(line, start, end), target: undefined };
}

// A word that names no wave is prose (`wave sequencing`), unless it looks like a wave number.
function resolveReferences(waves: readonly WaveOutline[]): WaveOutline[] {
  const byId = new Map<string, number>();
  for (const wave of waves) if (wave.id !== undefined && !byId.has(wave.id)) byId.set(wave.id, wave.index);
  return waves.map((wave) => ({
    ...wave,
    references: wave.references.map((r) => ({ ...r, target: byId.get(r.id) })).filter((r) => r.target !== undefined || WAVE_NUMBER.test(r.id)),
  }));
}
