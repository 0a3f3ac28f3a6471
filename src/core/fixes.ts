import type { Finding } from './findings';
import { cellValue, normalizeCardinality, readMappingMatrix } from './mapping';
import type { PlanModel } from './plan';
import type { Range, TextEdit } from './positions';
import { lineRange } from './positions';
import type { SectionKey } from './sections';
import type { PlanTemplate } from './template';
import { lastWrittenLine, lineAt, lineCount } from './source';

/** A quick fix as plain data: a title and the edits that make it. */
export interface PlanFix {
  title: string;
  edits: TextEdit[];
  /** The one fix a user most likely wants for the finding. */
  isPreferred: boolean;
}

/** Checks one go/no-go item: the character between its brackets becomes `x`. */
function checkGoNoGoFix(checkRange: Range): PlanFix {
  return { title: 'Check this go/no-go item', edits: [{ range: checkRange, newText: 'x' }], isPreferred: true };
}

/**
 * Inserts a missing section from the template before the next section present in the plan (or at
 * the end), with its heading at the level the plan uses for its sections.
 */
export function insertSectionFix(model: PlanModel, template: PlanTemplate, key: SectionKey): PlanFix | undefined {
  const templateLines = template.sectionLines.get(key);
  if (!templateLines || model.sections.some((s) => s.key === key)) return undefined;
  const eol = model.source.eol;
  const neighbour = model.sections.find((s) => s.key > key) ?? [...model.sections].reverse().find((s) => s.key < key);
  const lines = [...templateLines];
  if (neighbour) lines[0] = lines[0]!.replace(/^#{1,6}/, '#'.repeat(neighbour.heading.level));
  const next = model.sections.find((s) => s.key > key);
  const title = `Insert section ${lines[0]!.replace(/^#+\s*/, '')} from the template`;
  if (next) {
    const at = next.heading.line;
    const before = at > 0 ? lineAt(model.source, at - 1) : '';
    const lead = at > 0 && before.trim() !== '' ? eol : '';
    return { title, edits: [{ range: lineRange(at, 0, 0), newText: `${lead}${lines.join(eol)}${eol}${eol}` }], isPreferred: true };
  }
  // At the end: keep one blank line between the last content and the new section.
  const last = lastWrittenLine(model.source, lineCount(model.source), 0);
  const end = lineAt(model.source, lineCount(model.source) - 1).length;
  const endLine = lineCount(model.source) - 1;
  const lastText = lineAt(model.source, last);
  return {
    title,
    edits: [{ range: { start: { line: last, character: lastText.length }, end: { line: endLine, character: end } }, newText: `${eol}${eol}${lines.join(eol)}${eol}` }],
    isPreferred: true,
  };
}

/** Rewrites a cardinality cell to `1:1` / `1:N`, keeping a code span around it if there was one. */
export function normalizeCardinalityFix(model: PlanModel, range: Range): PlanFix | undefined {
  const matrix = readMappingMatrix(model);
  const row = matrix?.rows.find((r) => r.line === range.start.line);
  const cell = row?.columns.cardinality;
  if (!cell) return undefined;
  const normalized = normalizeCardinality(cell.text);
  if (!normalized) return undefined;
  const value = cellValue(cell.text);
  const wrapped = value !== cell.text.trim() ? cell.text.trim().replace(value, normalized) : normalized;
  if (wrapped === cell.text.trim()) return undefined;
  return { title: `Normalise cardinality to ${normalized}`, edits: [{ range: cell.range, newText: wrapped }], isPreferred: true };
}

/** Why a value cannot replace a placeholder, if it cannot. */
export function checkPlaceholderValue(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'A placeholder value must fit on one line.';
  if (value.trim() === '') return 'Type a value (or press Escape to cancel).';
  return undefined;
}

/**
 * Replaces every occurrence of one placeholder with a value, in one edit set. Inside a table the
 * value's pipes are escaped so the row keeps its cells.
 */
export function fillPlaceholderEdits(model: PlanModel, placeholder: string, value: string): TextEdit[] {
  if (checkPlaceholderValue(value)) return [];
  const tableLines = new Set<number>();
  for (const table of model.tables) for (let line = table.startLine; line < table.endLine; line++) tableLines.add(line);
  const trimmed = value.trim();
  return model.placeholders
    .filter((p) => p.text === placeholder)
    .map((p) => ({ range: p.range, newText: tableLines.has(p.range.start.line) ? trimmed.replace(/(?<!\\)\|/g, '\\|') : trimmed }));
}

/** The fixes core offers for one finding. */
export function fixesForFinding(model: PlanModel, template: PlanTemplate, finding: Finding): PlanFix[] {
  const data = finding.data;
  if (!data) return [];
  switch (data.kind) {
    case 'go-no-go':
      return [checkGoNoGoFix(data.checkRange)];
    case 'missing-section': {
      const fix = insertSectionFix(model, template, data.section);
      return fix ? [fix] : [];
    }
    case 'cardinality': {
      const fix = normalizeCardinalityFix(model, finding.range);
      return fix ? [fix] : [];
    }
    case 'placeholder':
      // Asking for the value is the editor's part; core computes the edits once it has one.
      return [];
  }
}
