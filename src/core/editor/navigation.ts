// Navigation on waves and agents: definition and references of `Wave 2` in Blocks/unblocks, rename
// of a wave or an agent across the plan in one edit, and links from wave references to their wave.
import type { PlanModel } from '../plan';
import type { Position, Range, TextEdit } from '../positions';
import { lineRange, rangeHolds } from '../positions';
import { lineAt } from '../source';
import type { WaveOutline, WaveReference } from '../waves';
import type { EditorPlan } from './editorPlan';

type NavigablePlan = Pick<EditorPlan, 'model' | 'outline'>;

/** A wave or an agent, where the position names it. */
export type PlanSymbol =
  | { kind: 'wave'; wave: number; range: Range }
  | { kind: 'agent'; name: string; range: Range };

export type RenameRefusal = 'not-renamable' | 'invalid-wave-name' | 'wave-exists' | 'invalid-agent-name';

export type RenameResult = { edits: TextEdit[] } | { refused: RenameRefusal; message: string };

export interface WaveLink {
  range: Range;
  /** The wave's heading line. */
  targetLine: number;
  /** The wave's title, e.g. `Wave 2: API`. */
  title: string;
}

const WAVE_ID = /^\s*(?:waves?\s+)?#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)\s*$/i;
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The wave or agent named at a position: a wave reference that resolves, a wave's heading, an agent name. */
function symbolAt(plan: NavigablePlan, position: Position): PlanSymbol | undefined {
  const wave = plan.outline.find((w) => w.line <= position.line && position.line < w.endLine);
  if (!wave) return undefined;
  if (wave.line === position.line) {
    const name = waveNameRange(plan.model, wave);
    if (name && rangeHolds(name, position)) return { kind: 'wave', wave: wave.index, range: name };
  }
  const reference = wave.references.find((r) => r.target !== undefined && rangeHolds(r.range, position));
  if (reference) return { kind: 'wave', wave: reference.target!, range: reference.range };
  const agent = wave.agentNames.find((a) => rangeHolds(a.range, position));
  if (agent) return { kind: 'agent', name: agent.name, range: agent.range };
  return undefined;
}

/** Where the wave's heading names it (`Wave 2` in `### Wave 2: API`); its heading when the name is not found. */
function waveNameRange(model: PlanModel, wave: WaveOutline): Range | undefined {
  const id = waveIdRange(model, wave);
  if (!id) return undefined;
  const text = lineAt(model.source, wave.line);
  const start = text.slice(0, id.start.character).search(/waves?\s+#?$/i);
  return lineRange(wave.line, start < 0 ? id.start.character : start, id.end.character);
}

/** Where the wave's heading writes its identifier (`2` in `### Wave 2: API`). */
function waveIdRange(model: PlanModel, wave: WaveOutline): Range | undefined {
  if (wave.id === undefined) return undefined;
  const text = lineAt(model.source, wave.line);
  const from = wave.headingRange.start.character;
  const match = /\bwaves?\s+#?([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)?)/i.exec(text.slice(from));
  if (!match || match[1]!.toLowerCase() !== wave.id) return undefined;
  const start = from + match.index + match[0].length - match[1]!.length;
  return lineRange(wave.line, start, start + match[1]!.length);
}

/** Where a reference writes the wave's identifier (`3` in `Waves 2 and 3`). */
function referenceIdRange(reference: WaveReference): Range {
  const written = reference.text.slice('Wave '.length);
  return lineRange(reference.range.end.line, reference.range.end.character - written.length, reference.range.end.character);
}

/** Where the wave or agent at a position is defined: a wave's heading. */
export function planDefinition(plan: NavigablePlan, position: Position): { range: Range; targetRange: Range } | undefined {
  const symbol = symbolAt(plan, position);
  if (symbol?.kind !== 'wave') return undefined;
  const wave = plan.outline[symbol.wave]!;
  return { range: symbol.range, targetRange: waveNameRange(plan.model, wave) ?? wave.headingRange };
}

/** Every place that names the wave or agent at a position, in document order. */
export function planReferences(plan: NavigablePlan, position: Position, includeDeclaration: boolean): Range[] {
  const symbol = symbolAt(plan, position);
  if (!symbol) return [];
  if (symbol.kind === 'agent') return agentRanges(plan, symbol.name);
  const wave = plan.outline[symbol.wave]!;
  const ranges = plan.outline.flatMap((w) => w.references.filter((r) => r.target === symbol.wave).map((r) => r.range));
  const declaration = waveNameRange(plan.model, wave) ?? wave.headingRange;
  return includeDeclaration ? [declaration, ...ranges] : ranges;
}

function agentRanges(plan: NavigablePlan, name: string): Range[] {
  const key = name.toLowerCase();
  return plan.outline.flatMap((w) => w.agentNames.filter((a) => a.name.toLowerCase() === key).map((a) => a.range));
}

/** What a rename at a position would change: the range to edit and its current name; or why it cannot. */
export function prepareRename(plan: NavigablePlan, position: Position): { range: Range; placeholder: string } | { refused: RenameRefusal; message: string } {
  const symbol = symbolAt(plan, position);
  if (!symbol) return { refused: 'not-renamable', message: 'Only a wave (its heading or a reference to it) or an agent name can be renamed.' };
  if (symbol.kind === 'agent') return { range: symbol.range, placeholder: symbol.name };
  return { range: symbol.range, placeholder: plan.outline[symbol.wave]!.name };
}

/**
 * Renames the wave or agent at a position everywhere the plan names it, in one edit: a wave's
 * identifier in its heading and in every reference (`Wave 5`, or `5`, as the new name); an agent in
 * every wave that names it.
 */
export function planRename(plan: NavigablePlan, position: Position, newName: string): RenameResult {
  const symbol = symbolAt(plan, position);
  if (!symbol) return { refused: 'not-renamable', message: 'Only a wave (its heading or a reference to it) or an agent name can be renamed.' };
  if (symbol.kind === 'agent') {
    const name = newName.trim();
    if (!AGENT_NAME.test(name)) return { refused: 'invalid-agent-name', message: `"${newName}" is not an agent name: letters, digits, "-", "_" and "." only, e.g. schema-sync.` };
    return { edits: agentRanges(plan, symbol.name).map((range) => ({ range, newText: name })) };
  }
  const match = WAVE_ID.exec(newName);
  if (!match) return { refused: 'invalid-wave-name', message: `"${newName}" is not a wave name: Wave and a number or letter, e.g. Wave 4.` };
  const id = match[1]!;
  const wave = plan.outline[symbol.wave]!;
  const taken = plan.outline.find((w) => w.index !== wave.index && w.id === id.toLowerCase());
  if (taken) return { refused: 'wave-exists', message: `${taken.name} already exists in this plan.` };
  const edits: TextEdit[] = [];
  const heading = waveIdRange(plan.model, wave);
  if (heading) edits.push({ range: heading, newText: id });
  for (const w of plan.outline) for (const r of w.references) if (r.target === wave.index) edits.push({ range: referenceIdRange(r), newText: id });
  return { edits };
}

/** A link from every wave reference that resolves to its wave's heading. */
export function waveLinks(plan: Pick<EditorPlan, 'outline'>): WaveLink[] {
  return plan.outline.flatMap((w) =>
    w.references.flatMap((r) => {
      if (r.target === undefined) return [];
      const target = plan.outline[r.target]!;
      return [{ range: r.range, targetLine: target.line, title: target.title }];
    }),
  );
}
