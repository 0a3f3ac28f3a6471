import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from './config';
import type { Finding, FindingData } from './findings';
import { cellValue, columnCell, findMappingTable, isValidCardinality, namesApp, namesDb, normalizeCardinality } from './mapping';
import type { MappingTable } from './mapping';
import { PLAN_STATUSES } from './plan';
import type { PlanModel, PlanStatus, TableCell } from './plan';
import type { Range } from './positions';
import { comparePositions, lineRange } from './positions';
import { MAX_NESTING } from './parse/blocks';
import type { RuleId, RuleSeverities, Severity } from './rules';
import { RULES } from './rules';
import type { SectionKey } from './sections';
import { SECTIONS, sectionDefinition } from './sections';
import type { PlanTemplate } from './template';
import { normalizeLabel, normalizeOptionValue } from './labels';
import { getDefaultTemplate } from './template';
import { lintIdentity } from './identity/rule';
import type { WaveOutline } from './waves';
import { lintWaves, readWaveOutline } from './waves';
import { lineAt, lineCount } from './source';

export interface LintOptions {
  template?: PlanTemplate;
  severities?: RuleSeverities;
  /** The agent roster and wave sequencing (F6); the playbook's by default. */
  agents?: readonly string[];
  waveSequencing?: readonly (readonly string[])[];
  /** The plan's waves as written, when the caller has them already. */
  waveOutline?: readonly WaveOutline[];
}

/** The severity of go/no-go findings for a plan's status. */
export function goNoGoSeverity(status: string | undefined): Severity {
  if (status === 'go') return 'error';
  if (status === 'ready-for-review') return 'warning';
  return 'info';
}

/** The plan's status if its front matter names a known one. */
export function planStatus(model: PlanModel): PlanStatus | undefined {
  const status = model.frontMatter?.status;
  return (PLAN_STATUSES as readonly string[]).includes(status ?? '') ? (status as PlanStatus) : undefined;
}

/** Runs every rule on a parsed plan; findings sorted by position. */
export function lintPlan(model: PlanModel, options: LintOptions = {}): Finding[] {
  const template = options.template ?? getDefaultTemplate();
  const findings: Finding[] = [];
  const severities = options.severities ?? {};
  const add = (rule: RuleId, range: Range, message: string, data?: FindingData, defaultSeverity?: Severity): void => {
    const setting = severities[rule];
    if (setting === 'off') return;
    const severity = setting ?? defaultSeverity ?? RULES[rule].severity;
    findings.push(data ? { rule, severity, message, range, data } : { rule, severity, message, range });
  };

  checkFrontMatter(model, add);
  const placeholderLines = checkPlaceholders(model, add);
  checkFields(model, template, placeholderLines, add);
  checkGoNoGo(model, add);
  checkSections(model, add);
  const mapping = findMappingTable(model);
  if (mapping) checkMapping(model, mapping, add);
  if (severities['identity-unmapped'] !== 'off') for (const f of lintIdentity(model, mapping)) add('identity-unmapped', f.range, f.message);
  const roster = { agents: options.agents ?? DEFAULT_AGENTS, waveSequencing: options.waveSequencing ?? DEFAULT_WAVE_SEQUENCING };
  for (const f of lintWaves(options.waveOutline ?? readWaveOutline(model), roster)) add(f.rule, f.range, f.message, f.data);
  if (model.tooDeepLine !== undefined) {
    const line = model.tooDeepLine;
    add('nesting-too-deep', lineRange(line, 0, lineAt(model.source, line).length), `Content nested more than ${MAX_NESTING} levels deep from here on is not checked.`);
  }

  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
  return findings;
}

type Add = (rule: RuleId, range: Range, message: string, data?: FindingData, defaultSeverity?: Severity) => void;

function checkFrontMatter(model: PlanModel, add: Add): void {
  const fm = model.frontMatter;
  if (!fm) return;
  if (fm.error) {
    const line = Math.min(fm.error.line, fm.endLine - 1);
    add('front-matter', lineRange(line, 0, lineAt(model.source, line).length), `Front matter is not valid YAML: ${fm.error.message}`);
    return;
  }
  if (fm.status !== undefined && !(PLAN_STATUSES as readonly string[]).includes(fm.status)) {
    const range = fm.statusRange ?? lineRange(0, 0, 3);
    add('front-matter', range, `Unknown status "${fm.status}": use ${PLAN_STATUSES.join(', ')}.`);
  }
}

// Returns the lines holding a placeholder: one problem, one finding, so other rules skip them.
function checkPlaceholders(model: PlanModel, add: Add): Set<number> {
  const lines = new Set<number>();
  for (const placeholder of model.placeholders) {
    lines.add(placeholder.range.start.line);
    add('placeholder', placeholder.range, `Placeholder ${placeholder.text} is still to be filled in.`, {
      kind: 'placeholder',
      placeholder: placeholder.text,
    });
  }
  return lines;
}

function checkFields(model: PlanModel, template: PlanTemplate, placeholderLines: Set<number>, add: Add): void {
  for (const field of model.fields) {
    // Read once: a field's value is made from the plan's text each time it is read.
    const value = field.value;
    if (!value) {
      if (field.hasNested || field.hasContinuation) continue;
      add('empty-field', field.labelRange, `"${field.label}" is empty.`);
      continue;
    }
    // Option lists are values with a slash (see parseTemplate): skip the label lookup for the rest.
    if (!value.includes('/') || placeholderLines.has(field.line) || template.optionLists.size === 0) continue;
    const options = template.optionLists.get(normalizeLabel(field.label));
    if (options && normalizeOptionValue(value) === options) {
      add('empty-field', field.valueRange, `"${field.label}" still lists the template's options (${value}): pick one.`);
    }
  }
}

function checkGoNoGo(model: PlanModel, add: Add): void {
  const status = model.frontMatter?.status;
  const severity = goNoGoSeverity(status);
  const why = status && status !== 'draft' ? ` (status: ${status})` : '';
  for (const task of model.tasks) {
    if (task.sectionKey !== 'I' || task.checked) continue;
    const range: Range = { start: { line: task.line, character: task.checkRange.start.character - 1 }, end: task.textRange.end };
    add('go-no-go-unchecked', range, `Go/no-go item not checked${why}: ${task.text || '(no text)'}`, { kind: 'go-no-go', checkRange: task.checkRange }, severity);
  }
}

function checkSections(model: PlanModel, add: Add): void {
  const present = new Set<SectionKey>(model.sections.map((s) => s.key));
  for (const definition of SECTIONS) {
    if (present.has(definition.key)) continue;
    const next = model.sections.find((s) => s.key > definition.key);
    let range: Range;
    let where: string;
    if (next) {
      range = next.heading.textRange;
      where = `expected before "${next.heading.text}"`;
    } else {
      const title = model.headings[0];
      // A file of nothing but front matter has no line after it: stay inside the document.
      range = title ? title.textRange : lineRange(Math.min(model.frontMatter?.endLine ?? 0, lineCount(model.source) - 1), 0, 0);
      where = 'expected at the end of the plan';
    }
    add('missing-section', range, `Section ${definition.key}) ${sectionDefinition(definition.key).title} is missing (${where}).`, {
      kind: 'missing-section',
      section: definition.key,
    });
  }
}

// Reads the matrix's rows straight from its table, by column index (as readMappingMatrix does),
// without making a row object for each: a matrix may have thousands of rows.
function checkMapping(model: PlanModel, mapping: MappingTable, add: Add): void {
  const { table, columnIndex } = mapping;
  const width = table.header.cells.length;
  const seen = new Map<string, number>();
  // One problem, one finding: a cell holding a placeholder finding is left to that finding. Braces
  // that are not placeholders (code with other content, `\{x\}`) leave the cell to be checked.
  const placeholderStarts = new Map<number, number[]>();
  for (const p of model.placeholders) {
    if (p.range.start.line < table.startLine || p.range.start.line >= table.endLine) continue;
    const starts = placeholderStarts.get(p.range.start.line) ?? [];
    starts.push(p.range.start.character);
    placeholderStarts.set(p.range.start.line, starts);
  }
  // A row's cells stand on its line: only the few rows with a placeholder look at their cells' ranges.
  let rowStarts: number[] | undefined;
  const hasPlaceholder = (cell: TableCell): boolean => {
    if (rowStarts === undefined) return false;
    const range = cell.range;
    return rowStarts.some((c) => c >= range.start.character && c < range.end.character);
  };
  for (const row of table.rows) {
    const cells = row.cells;
    rowStarts = placeholderStarts.size === 0 ? undefined : placeholderStarts.get(row.line);
    const cardinality = columnCell(cells, columnIndex.cardinality);
    const enforcedIn = columnCell(cells, columnIndex.enforcedIn);
    // A row with fewer cells than the header still owes a cardinality and an enforcement.
    const missingCardinality = columnIndex.cardinality !== undefined && !cardinality;
    const missingEnforcement = columnIndex.enforcedIn !== undefined && !enforcedIn;
    if (missingCardinality || missingEnforcement) {
      const rowEnd = lineAt(model.source, row.line).trimEnd().length;
      const missingCell = lineRange(row.line, Math.max(0, rowEnd - 1), Math.max(1, rowEnd));
      if (missingCardinality) {
        add('mapping-cardinality', missingCell, 'Cardinality is missing from this row: use 1:1 or 1:N.', { kind: 'cardinality', normalized: undefined });
      }
      if (missingEnforcement) {
        add('mapping-enforcement', missingCell, 'Enforced In is missing from this row: name the DB constraint or the app.');
      }
    }
    if (cells.length > width) {
      const first = cells[width]!;
      const last = cells[cells.length - 1]!;
      add('mapping-extra-cells', { start: first.range.start, end: last.range.end },
        `This row has ${cells.length} cells but the header has ${width}; the extra cells are not part of the matrix.`);
    }
    let oneToOne = false;
    if (cardinality && !hasPlaceholder(cardinality)) {
      const text = cardinality.text;
      if (isValidCardinality(text)) {
        oneToOne = normalizeCardinality(text) === '1:1';
      } else {
        const normalized = normalizeCardinality(text);
        const value = cellValue(text);
        const message = value
          ? `Cardinality "${value}" is not 1:1 or 1:N${normalized ? `: did you mean ${normalized}?` : '.'}`
          : 'Cardinality is empty: use 1:1 or 1:N.';
        add('mapping-cardinality', rangeOfCell(cardinality, row.line), message, { kind: 'cardinality', normalized });
        oneToOne = normalized === '1:1';
      }
    }
    if (enforcedIn && !hasPlaceholder(enforcedIn)) {
      const value = cellValue(enforcedIn.text);
      const db = namesDb(value);
      const app = namesApp(value);
      if (!db && !app) {
        add('mapping-enforcement', rangeOfCell(enforcedIn, row.line),
          value ? `Enforced In "${value}" names neither the DB nor the app.` : 'Enforced In is empty: name the DB constraint or the app.');
      } else if (oneToOne && app && !db) {
        add('mapping-rule-of-thumb', rangeOfCell(enforcedIn, row.line),
          'A true 1:1 mapping belongs in a DB constraint (e.g. a partial unique index), not only in app logic.');
      }
    }
    const source = columnCell(cells, columnIndex.source);
    const externalId = columnCell(cells, columnIndex.externalId);
    if (source && externalId && !hasPlaceholder(source) && !hasPlaceholder(externalId)) {
      const s = cellValue(source.text).toLowerCase();
      const e = cellValue(externalId.text).toLowerCase();
      if (s || e) {
        const key = `${s}\u0000${e}`;
        const first = seen.get(key);
        if (first !== undefined) {
          const [a, b] = comparePositions(source.range.start, externalId.range.start) <= 0 ? [source, externalId] : [externalId, source];
          add('mapping-duplicate', { start: a.range.start, end: b.range.end },
            `Same source and external ID as the row on line ${first + 1}.`);
        } else {
          seen.set(key, row.line);
        }
      }
    }
  }
}

// An empty cell's range is empty; widen it to one character so it can be seen.
function rangeOfCell(cell: TableCell, line: number): Range {
  if (cell.range.start.character !== cell.range.end.character) return cell.range;
  const at = Math.max(0, cell.range.start.character - 1);
  return lineRange(line, at, at + 1);
}
