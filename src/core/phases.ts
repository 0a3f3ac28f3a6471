// The phases of section E as written (`### Phase 2: Sync Engine`, or `- Phase 2 (Sync Engine):`),
// their Deliverables and Validation tests, and the blueprint items (§4) their Deliverables lack.
import { normalizeLabel } from './labels';
import type { Field, PlanModel } from './plan';
import { PLAYBOOK_TEXT } from './playbook';
import type { PhaseBlueprint } from './playbookGuide';
import { parsePhaseTitle, phaseBlueprint, readPhaseBlueprints } from './playbookGuide';
import type { Range, TextEdit } from './positions';
import { lastWrittenLine, lineAt } from './source';
import { headingBlockEnd, linesOf } from './waves/outline';

/** A list item under a field, as written. */
export interface ListedItem {
  text: string;
  line: number;
  /** `[x]` / `[ ]` when the item is a task. */
  checked: boolean | undefined;
}

/** A phase of section E. */
export interface PlanPhase {
  number: number;
  title: string;
  /** A `### Phase N` heading, or a top-level `Phase N …:` field. */
  kind: 'heading' | 'field';
  line: number;
  /** The line after the phase's last line. */
  endLine: number;
  /** The heading's text, or the field's label. */
  titleRange: Range;
  /** The Deliverables field; for a field phase, the phase's own field. */
  deliverables: Field | undefined;
  /** What Deliverables lists: its value and the items nested under it. */
  deliverableItems: ListedItem[];
  validationTests: Field | undefined;
  validationItems: ListedItem[];
  blueprint: PhaseBlueprint | undefined;
}

const LIST_ITEM = /^(\s*)((?:[-*+]|\d{1,9}[.)])\s+)(.*)$/;
const TASK = /^\[([ xX])\]\s*/;

/** The items nested under a field (any depth), and its own value as the first one. */
export function itemsUnder(model: PlanModel, field: Field): ListedItem[] {
  const items: ListedItem[] = [];
  if (field.value) items.push({ text: field.value, line: field.line, checked: undefined });
  for (let line = field.line + 1; line < field.endLine; line++) {
    const match = LIST_ITEM.exec(lineAt(model.source, line));
    if (!match || match[1]!.length < field.labelRange.start.character) continue;
    const task = TASK.exec(match[3]!);
    const text = (task ? match[3]!.slice(task[0].length) : match[3]!).trim();
    if (text) items.push({ text, line, checked: task ? task[1] !== ' ' : undefined });
  }
  return items;
}

const DELIVERABLES = new Set(['deliverables', 'deliverable']);
const VALIDATION = new Set(['validation tests', 'validation', 'tests', 'validation test']);

/** Section E's phases, each with its blueprint (by title, else by number). */
export function readPlanPhases(model: PlanModel, playbookText: string = PLAYBOOK_TEXT): PlanPhase[] {
  const phases: PlanPhase[] = [];
  const blueprints = readPhaseBlueprints(playbookText);
  for (const section of model.sections) {
    if (section.key !== 'E') continue;
    const headings = model.headings.filter((h) => h.line > section.heading.line && h.line < section.endLine);
    headings.forEach((heading, k) => {
      const parsed = parsePhaseTitle(heading.text);
      if (!parsed) return;
      const endLine = headingBlockEnd(headings, k, section.endLine);
      const fields = linesOf(model.fields, heading.line + 1, endLine).filter((f) => f.depth === 0);
      const deliverables = fields.find((f) => DELIVERABLES.has(normalizeLabel(f.label)));
      const validationTests = fields.find((f) => VALIDATION.has(normalizeLabel(f.label)));
      phases.push({
        ...parsed,
        kind: 'heading',
        line: heading.line,
        endLine,
        titleRange: heading.textRange,
        deliverables,
        deliverableItems: deliverables ? itemsUnder(model, deliverables) : [],
        validationTests,
        validationItems: validationTests ? itemsUnder(model, validationTests) : [],
        blueprint: phaseBlueprint(heading.text, blueprints),
      });
    });
    if (phases.length) continue;
    // The playbook's own kickoff template writes phases as fields: `- Phase 1 (Connection + Mapping):`.
    for (const field of linesOf(model.fields, section.startLine, section.endLine)) {
      const parsed = field.depth === 0 ? parsePhaseTitle(field.label) : undefined;
      if (!parsed) continue;
      phases.push({
        ...parsed,
        kind: 'field',
        line: field.line,
        endLine: field.endLine,
        titleRange: field.labelRange,
        deliverables: field,
        deliverableItems: itemsUnder(model, field),
        validationTests: undefined,
        validationItems: [],
        blueprint: phaseBlueprint(field.label, blueprints),
      });
    }
  }
  return phases;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[*_`~]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// An item is listed when a deliverable says it, or starts with it or with a shortened form of it
// (`Mapping UI` for `Mapping UI (filters, confidence, conflict-safe saves)`).
function isListed(item: string, deliverables: readonly string[]): boolean {
  const wanted = comparable(item);
  return deliverables.some((d) => {
    if (d === wanted) return true;
    const [shorter, longer] = d.length < wanted.length ? [d, wanted] : [wanted, d];
    return shorter.length >= 6 && longer.startsWith(`${shorter} `);
  });
}

/** For each blueprint item of a phase, whether its Deliverables list it. */
export function blueprintCoverage(phase: PlanPhase): boolean[] {
  const deliverables = phase.deliverableItems.map((d) => comparable(d.text));
  return (phase.blueprint?.items ?? []).map((item) => isListed(item, deliverables));
}

/** The blueprint items a phase's Deliverables lack. */
export function missingDeliverables(phase: PlanPhase): string[] {
  const coverage = blueprintCoverage(phase);
  return (phase.blueprint?.items ?? []).filter((_, i) => !coverage[i]);
}

/** The phase a line belongs to. */
export function phaseAtLine(phases: readonly PlanPhase[], line: number): PlanPhase | undefined {
  return phases.find((p) => line >= p.line && line < p.endLine);
}

// A field's last written line: a list item's range takes in the blank lines after it.
function lastLineOf(model: PlanModel, field: Field): number {
  return lastWrittenLine(model.source, field.endLine, field.line);
}

/**
 * The one edit that adds the blueprint items a phase's Deliverables lack, as items nested under
 * Deliverables (a Deliverables field is added when the phase has none); undefined when none lacks.
 */
export function addBlueprintDeliverablesEdit(model: PlanModel, phase: PlanPhase): TextEdit | undefined {
  const missing = missingDeliverables(phase);
  if (missing.length === 0) return undefined;
  const eol = model.source.eol;
  const field = phase.deliverables;
  if (field) {
    const nested = phase.deliverableItems.find((item) => item.line !== field.line);
    const written = nested ? LIST_ITEM.exec(lineAt(model.source, nested.line)) : null;
    // New items follow the items already there: their indentation and bullet (a numbered list gets `-`).
    const bullet = written && /^[*+]/.test(written[2]!) ? written[2]![0] : '-';
    const marker = written ? `${written[1]}${bullet} ` : `${' '.repeat(field.labelRange.start.character)}- `;
    const last = lastLineOf(model, field);
    const at = { line: last, character: lineAt(model.source, last).length };
    return { range: { start: at, end: at }, newText: missing.map((item) => `${eol}${marker}${item}`).join('') };
  }
  // No Deliverables field: one after Scope (or right under the heading), in the phase's list style.
  const fields = linesOf(model.fields, phase.line + 1, phase.endLine).filter((f) => f.depth === 0);
  const scope = fields.find((f) => normalizeLabel(f.label) === 'scope');
  const items = missing.map((item) => `${eol}  - ${item}`).join('');
  if (scope) {
    const last = lastLineOf(model, scope);
    const prefix = lineAt(model.source, scope.line).slice(0, scope.labelRange.start.character);
    const indent = ' '.repeat(prefix.length);
    const at = { line: last, character: lineAt(model.source, last).length };
    return { range: { start: at, end: at }, newText: `${eol}${prefix}Deliverables:${missing.map((item) => `${eol}${indent}- ${item}`).join('')}` };
  }
  const at = { line: phase.line, character: lineAt(model.source, phase.line).length };
  const nextBlank = lineAt(model.source, phase.line + 1).trim() === '';
  return { range: { start: at, end: at }, newText: `${eol}${eol}- Deliverables:${items}${nextBlank || phase.line + 1 >= phase.endLine ? '' : eol}` };
}
