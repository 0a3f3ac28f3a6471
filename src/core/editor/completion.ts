// Completion in a plan, from its model and the template: section D's cardinality and enforcement,
// the front matter's status, agents after `Agent:`, waves after `Blocks/unblocks:`, the template's
// missing sections at the start of a heading and its missing fields at the start of a list item.
import { normalizeLabel } from '../labels';
import { cellValue, findMappingTable, normalizeCardinality } from '../mapping';
import { isBlank } from '../parse/tables';
import type { Field, PlanModel, TableCell } from '../plan';
import { PLAN_KIND, PLAN_STATUSES } from '../plan';
import type { Position, Range } from '../positions';
import { lineRange } from '../positions';
import type { SectionKey } from '../sections';
import { lineAt } from '../source';
import type { WaveOutline } from '../waves';
import { labelKind, linesOf, readWaveOutline } from '../waves';
import type { EditorPlan, PlanCompletion } from './editorPlan';
import { WAVE_STATUS_WORDS, codeSpan, headingIndexAbove, sectionOfLine } from './editorPlan';
import { SECTION_GUIDANCE, fieldGuidance, quotesMarkdown } from './guidance';

const HEADING_START = /^( {0,3})(#{1,6})(?:([ \t]+)(.*))?$/;
const LIST_START = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)(.*)$/;
const AGENT_CHAR = /[A-Za-z0-9_.-]/;
const DIRECTION_WORD = /\b(?:blocked|depends|dependent|waits?|after|requires?|needs?|unblocks?|blocks?|before|enables?)\b/i;

/** What a plan's author may type at a position (0-based), computed from the model and the template. */
export function planCompletions(plan: EditorPlan, position: Position): PlanCompletion[] {
  const { model } = plan;
  const text = lineAt(model.source, position.line);
  const frontMatter = model.frontMatter;
  if (frontMatter && position.line < frontMatter.endLine) return frontMatterCompletions(model, text, position);
  const heading = HEADING_START.exec(text);
  if (heading) return headingCompletions(plan, text, position, heading);
  return mappingCellCompletions(plan, text, position) ?? fieldValueCompletions(plan, text, position) ?? listItemCompletions(plan, text, position);
}

// ── Front matter ──────────────────────────────────────────────────────────────────────────────

const STATUS_DOCS: Record<string, string> = {
  draft: 'Being written: an unchecked go/no-go item is information.',
  'ready-for-review': 'Ready for the review gate (playbook §6): an unchecked go/no-go item is a warning.',
  go: 'Approved to roll out: an unchecked go/no-go item is an error.',
};

function frontMatterCompletions(model: PlanModel, text: string, position: Position): PlanCompletion[] {
  const frontMatter = model.frontMatter!;
  if (position.line === frontMatter.startLine || position.line === frontMatter.endLine - 1) return [];
  const status = /^(status[ \t]*:[ \t]*)(.*?)[ \t]*$/.exec(text);
  if (status && position.character >= status[1]!.length) {
    const range = lineRange(position.line, status[1]!.length, Math.max(status[1]!.length + status[2]!.length, position.character));
    return PLAN_STATUSES.map((value, index) => ({
      label: value,
      kind: 'enum',
      detail: 'plan status',
      documentation: STATUS_DOCS[value],
      insertText: value,
      range,
      ...filterFor(text, range, position, value),
      sortText: String(index),
      preselect: value === frontMatter.status,
    }));
  }
  // A key being typed at the start of a line: the two the extension reads, when missing.
  const typed = text.slice(0, position.character);
  if (!/^[A-Za-z_-]*$/.test(typed) || text.includes(':')) return [];
  const present = new Set(Object.keys(frontMatter.data ?? {}));
  const range = lineRange(position.line, 0, text.length);
  const keys: [string, string, string][] = [
    ['kind', `kind: ${PLAN_KIND}`, 'Makes this markdown file a rollout plan, whatever its name.'],
    ['status', 'status: draft', 'The plan\'s status: `draft`, `ready-for-review` or `go`; it sets how an unchecked go/no-go item is reported.'],
  ];
  return keys
    .filter(([key]) => !present.has(key))
    .map(([key, insertText, documentation], index) => ({ label: key, kind: 'key', detail: insertText, documentation, insertText, range, sortText: String(index) }));
}

// ── Headings: the template's missing sections, and the next wave in section F ──────────────────

function headingCompletions(plan: EditorPlan, text: string, position: Position, match: RegExpExecArray): PlanCompletion[] {
  const { model, template } = plan;
  const hashesEnd = match[1]!.length + match[2]!.length;
  const spaces = match[3] ?? '';
  const textStart = hashesEnd + spaces.length;
  if (position.character < textStart || (spaces === '' && position.character !== hashesEnd) || text.slice(position.character).trim() !== '') return [];
  const lead = spaces === '' ? ' ' : '';
  const level = match[2]!.length;
  const range = lineRange(position.line, textStart, Math.max(text.length, position.character));
  const current = sectionOfLine(model, position.line);
  const present = new Set(model.sections.map((s) => s.key));
  const missing = [...template.sectionLines.keys()].filter((key) => !present.has(key));
  // The section expected here: the first missing one after the section above.
  const expected = missing.find((key) => !current || key > current.key);
  const items: PlanCompletion[] = [];
  const wavesFirst = current?.key === 'F' && level > current.heading.level;
  for (const key of missing) {
    const lines = template.sectionLines.get(key)!;
    const title = lines[0]!.replace(/^#{1,6}\s*/, '');
    const eol = '\n';
    items.push({
      label: title,
      kind: 'section',
      detail: `template section ${key}`,
      documentation: [SECTION_GUIDANCE[key].asks, '', 'Inserts the template\'s section:', '', codeBlock(lines.join(eol))].join('\n'),
      insertText: lead + [title, ...lines.slice(1)].join(eol),
      range,
      ...filterFor(text, range, position, title),
      sortText: `${wavesFirst ? '2' : '1'}${key === expected ? '0' : '1'}${key}`,
      preselect: key === expected && !wavesFirst,
    });
  }
  if (current?.key === 'F') {
    const next = nextWave(plan);
    if (next) {
      items.push({
        label: next.name,
        kind: 'section',
        detail: 'next wave, with the template\'s fields',
        documentation: codeBlock([next.name, ...next.body].join('\n')),
        insertText: lead + [next.name, ...next.body].join('\n'),
        range,
        ...filterFor(text, range, position, next.name),
        sortText: wavesFirst ? '0' : '3',
        preselect: wavesFirst,
      });
    }
  }
  return items;
}

// The next wave's name (its number after the largest one) and the fields of the template's first wave.
function nextWave(plan: EditorPlan): { name: string; body: string[] } | undefined {
  const numbers = plan.outline.map((w) => (w.id !== undefined && /^\d+$/.test(w.id) ? Number(w.id) : 0));
  const name = `Wave ${Math.max(0, ...numbers) + 1}`;
  const model = plan.template.model;
  const first = readWaveOutline(model)[0];
  const body: string[] = [];
  if (first) for (let line = first.line + 1; line < first.endLine; line++) body.push(lineAt(model.source, line));
  while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  return { name, body };
}

// ── Section D: cardinality and enforcement cells ───────────────────────────────────────────────

const CARDINALITIES: [string, string][] = [
  ['1:1', 'One external record maps to exactly one internal record. A true 1:1 belongs in a DB constraint (playbook §3: "Use DB constraints for invariants that must never drift (true 1:1).").'],
  ['1:N', 'One external record maps to many internal ones. Flexible mappings belong in app logic (playbook §3: "Use app logic for flexible mappings (1:N, evolving ownership).").'],
];
const ENFORCEMENTS: [string, string][] = [
  ['DB partial unique', 'A partial unique index in the database (e.g. unique per source where the mapping is active): the playbook\'s choice for a 1:1 that must never drift.'],
  ['DB unique', 'A unique constraint in the database: for a 1:1 that holds for every row.'],
  ['app', 'Checked in application logic: for flexible mappings (1:N, evolving ownership).'],
];

function mappingCellCompletions(plan: EditorPlan, text: string, position: Position): PlanCompletion[] | undefined {
  const found = findMappingTable(plan.model);
  const row = found?.table.rows.find((r) => r.line === position.line);
  if (!found || !row) return undefined;
  const index = cellIndexAt(row.cells, text, position.character);
  const column = index === undefined ? undefined : index === found.columnIndex.cardinality ? 'cardinality' : index === found.columnIndex.enforcedIn ? 'enforcedIn' : undefined;
  if (index === undefined || column === undefined) return [];
  const cell: TableCell | undefined = row.cells[index];
  const value = cell ? cellValue(cell.text) : '';
  const inCode = !!cell && cell.text.startsWith('`') && cell.text.endsWith('`') && cell.text.length > 1;
  const choices = column === 'cardinality' ? CARDINALITIES : ENFORCEMENTS;
  const cardinality = normalizeCardinality(cellValue(row.cells[found.columnIndex.cardinality ?? -1]?.text ?? ''));
  const preferred = column === 'cardinality' ? normalizeCardinality(value) : cardinality === '1:1' ? 'DB partial unique' : cardinality === '1:N' ? 'app' : undefined;
  const blank = !cell || cell.text === '';
  const range: Range = blank
    ? lineRange(position.line, position.character, position.character)
    : lineRange(position.line, Math.min(cell.range.start.character, position.character), Math.max(cell.range.end.character, position.character));
  const before = blank && text[position.character - 1] === '|' ? ' ' : '';
  const after = !blank ? '' : text[position.character] === '|' ? ' ' : text.slice(position.character).trim() === '' ? ' |' : '';
  const heading = column === 'cardinality' ? 'Cardinality' : 'Enforced In';
  return choices.map(([label, documentation], k) => ({
    label,
    kind: 'value',
    detail: label === preferred ? `${heading} · suggested for this row` : heading,
    documentation,
    insertText: before + (inCode ? codeSpan(label) : label) + after,
    range,
    ...filterFor(text, range, position, label),
    sortText: `${label === preferred ? 0 : 1}${k}`,
    preselect: label === preferred,
  }));
}

/** The index of the cell holding a character (a new cell after the row's last pipe counts). */
function cellIndexAt(cells: readonly TableCell[], text: string, character: number): number | undefined {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    let lead = 0;
    while (lead < cell.raw.length && isBlank(cell.raw.charCodeAt(lead))) lead++;
    const start = cell.range.start.character - lead;
    if (character >= start && character <= start + cell.raw.length) return i;
  }
  const last = cells[cells.length - 1];
  const before = text.slice(0, character).trimEnd();
  return last && before.endsWith('|') && character > last.range.end.character ? cells.length : undefined;
}

// ── Field values: agents, waves, the template's option lists ───────────────────────────────────

function fieldValueCompletions(plan: EditorPlan, text: string, position: Position): PlanCompletion[] | undefined {
  const { model } = plan;
  const field = linesOf(model.fields, position.line, position.line + 1)[0];
  if (field) {
    const colon = text.indexOf(':', field.labelRange.end.character);
    if (colon < 0 || position.character <= colon) return undefined;
    const kind = labelKind(field.label);
    if (field.sectionKey === 'F' && kind === 'agent') return agentCompletions(plan, text, position, field);
    if (field.sectionKey === 'F' && (kind === 'unblocks' || kind === 'blocked-by')) return waveCompletions(plan, text, position, colon + 1, kind);
    return optionCompletions(plan, field, text, position, colon + 1);
  }
  // A nested item of an `Agents:` field names agents too.
  const item = LIST_START.exec(text);
  if (!item || /^\[[ xX]\]/.test(item[4]!)) return undefined;
  const parent = enclosingField(model.fields, position.line);
  if (parent && parent.sectionKey === 'F' && labelKind(parent.label) === 'agent' && !parent.value) return agentCompletions(plan, text, position, parent);
  return undefined;
}

// The innermost field whose item holds a line (none once a top-level item ends above it).
function enclosingField(fields: readonly Field[], line: number): Field | undefined {
  const above = linesOf(fields, 0, line);
  for (let i = above.length - 1; i >= 0; i--) {
    const field = above[i]!;
    if (line < field.endLine) return field;
    if (field.depth === 0) return undefined;
  }
  return undefined;
}

function waveAt(outline: readonly WaveOutline[], line: number): WaveOutline | undefined {
  return outline.find((w) => w.line < line && line < w.endLine);
}

// The agents of the roster (and those the plan names besides), less those the field names already.
function agentCompletions(plan: EditorPlan, text: string, position: Position, field: Field): PlanCompletion[] {
  let start = position.character;
  while (start > 0 && AGENT_CHAR.test(text[start - 1]!)) start--;
  let end = position.character;
  while (end < text.length && AGENT_CHAR.test(text[end]!)) end++;
  // Inside a code span when an odd number of backticks stands before the name.
  const inCode = (text.slice(0, start).match(/`/g) ?? []).length % 2 === 1;
  const closed = text[end] === '`';
  // Right after another name, the playbook's separator comes first.
  const lead = inCode ? '' : /[`\w]$/.test(text.slice(0, start)) ? ' + ' : /[`\w]\s$/.test(text.slice(0, start)) ? '+ ' : '';
  const range = lineRange(position.line, start, end);
  const wave = waveAt(plan.outline, position.line);
  const named = (wave?.agentNames ?? []).filter((a) => a.range.start.line >= field.line && a.range.start.line < field.endLine);
  const onLine = new Set(named.filter((a) => a.range.start.line !== position.line || a.range.start.character !== start).map((a) => a.name.toLowerCase()));
  const stages = new Map<string, number>();
  plan.roster.waveSequencing.forEach((stage, k) => stage.forEach((agent) => stages.has(agent.toLowerCase()) || stages.set(agent.toLowerCase(), k)));
  const inPlan = new Map<string, string[]>();
  for (const w of plan.outline) for (const agent of w.agents) inPlan.set(agent.toLowerCase(), [...(inPlan.get(agent.toLowerCase()) ?? []), w.name]);
  const roster = new Set(plan.roster.agents.map((a) => a.toLowerCase()));
  const names = [...plan.roster.agents, ...plan.outline.flatMap((w) => w.agents).filter((a) => !roster.has(a.toLowerCase()))];
  const seen = new Set<string>();
  const items: PlanCompletion[] = [];
  names.forEach((name, k) => {
    const key = name.toLowerCase();
    if (seen.has(key) || onLine.has(key)) return;
    seen.add(key);
    const stage = stages.get(key);
    const waves = inPlan.get(key) ?? [];
    const detail = !roster.has(key) ? 'named in this plan, not in the roster' : stage === undefined ? 'roster agent' : stage === 0 ? 'roster agent · starts first' : `roster agent · stage ${stage + 1} of the wave sequencing`;
    items.push({
      label: name,
      kind: 'agent',
      detail,
      documentation: waves.length ? `${codeSpan(name)} is in ${waves.join(', ')} of this plan.` : `${codeSpan(name)} has no wave in this plan yet.`,
      insertText: inCode ? name + (closed ? '' : '`') : lead + codeSpan(name),
      range,
      sortText: `${stage ?? 9}${String(k).padStart(4, '0')}`,
    });
  });
  return items;
}

function waveCompletions(plan: EditorPlan, text: string, position: Position, valueStart: number, kind: 'unblocks' | 'blocked-by'): PlanCompletion[] {
  const wave = waveAt(plan.outline, position.line);
  // On a reference already written, the whole reference; else the wave name being typed.
  const written = wave?.references.find((r) => r.range.start.line === position.line && r.range.start.character <= position.character && position.character <= r.range.end.character);
  const typed = /(?:\bwaves?\s+#?)?[A-Za-z0-9.-]*$/i.exec(text.slice(0, position.character))![0];
  const start = written?.range.start.character ?? Math.max(valueStart, position.character - typed.length);
  let end = written?.range.end.character ?? position.character;
  while (!written && typed !== '' && end < text.length && /[A-Za-z0-9.-]/.test(text[end]!)) end++;
  const range = lineRange(position.line, start, end);
  // After a direction word (or in a `Blocked by:` field) a wave's name is enough.
  const directed = kind === 'blocked-by' || DIRECTION_WORD.test(text.slice(valueStart, start)) || !wave;
  const items: PlanCompletion[] = [];
  for (const other of plan.outline) {
    if (other.index === wave?.index || other.id === undefined) continue;
    const direction = wave && other.index < wave.index ? 'blocked by' : 'unblocks';
    const insertText = directed ? other.name : `${direction} ${other.name}`;
    const read = plan.waves.waves[other.index];
    const state = read ? `${WAVE_STATUS_WORDS[read.status]} · ${read.done}/${read.total} tasks` : '';
    items.push({
      label: insertText,
      kind: 'wave',
      detail: [other.title !== other.name ? other.title : '', state].filter(Boolean).join(' — '),
      documentation: `${other.title}${read && read.agents.length ? ` — agents: ${read.agents.map(codeSpan).join(', ')}` : ''}`,
      insertText,
      range,
      ...filterFor(text, range, position, insertText),
      sortText: String(Math.abs(other.index - (wave?.index ?? 0))).padStart(5, '0'),
    });
  }
  return items;
}

function optionCompletions(plan: EditorPlan, field: Field, text: string, position: Position, valueStart: number): PlanCompletion[] | undefined {
  const key = normalizeLabel(field.label);
  if (!plan.template.optionLists.has(key)) return undefined;
  const templateField = plan.template.model.fields.find((f) => f.sectionKey === field.sectionKey && normalizeLabel(f.label) === key) ?? plan.template.model.fields.find((f) => normalizeLabel(f.label) === key);
  const options = (templateField?.value ?? plan.template.optionLists.get(key)!).split(/\s*\/\s*/).filter(Boolean);
  let start = valueStart;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  const end = text.trimEnd().length;
  const range = lineRange(position.line, Math.min(start, position.character), Math.max(end, position.character));
  return options.map((option, k) => ({
    label: option,
    kind: 'value',
    detail: `${field.label}: one of ${options.join(', ')}`,
    documentation: fieldGuidance(field.label)?.asks,
    insertText: option,
    range,
    ...filterFor(text, range, position, option),
    sortText: String(k),
  }));
}

// ── List items: the template's missing fields (and go/no-go items in section I) ────────────────

function listItemCompletions(plan: EditorPlan, text: string, position: Position): PlanCompletion[] {
  const { model, template } = plan;
  const match = LIST_START.exec(text);
  if (!match || match[1]!.length > 1) return [];
  const contentStart = match[1]!.length + match[2]!.length + match[3]!.length;
  // Only while a new item is typed: the line holds nothing after the position, and no colon yet.
  if (position.character < contentStart || match[4]!.includes(':') || text.slice(position.character).trim() !== '') return [];
  const section = sectionOfLine(model, position.line);
  if (!section) return [];
  const range = lineRange(position.line, contentStart, Math.max(text.length, position.character));
  if (section.key === 'I') {
    const present = new Set(model.tasks.filter((t) => t.sectionKey === 'I').map((t) => normalizeLabel(t.text)));
    return template.model.tasks
      .filter((t) => t.sectionKey === 'I' && !present.has(normalizeLabel(t.text)))
      .map((t, k) => ({
        label: t.text,
        kind: 'task',
        detail: 'template go/no-go item',
        documentation: SECTION_GUIDANCE.I.asks,
        insertText: `[ ] ${t.text}`,
        range,
        filterText: `[ ] ${t.text}`,
        sortText: String(k).padStart(4, '0'),
      }));
  }
  const headingIndex = headingIndexAbove(model, position.line);
  const atSection = headingIndex !== undefined && model.headings[headingIndex]!.line === section.heading.line;
  const present = model.fields.filter((f) => f.headingIndex === headingIndex && f.depth === 0 && f.line !== position.line).map((f) => f.label);
  const sectionTitle = section.heading.text;
  return templateFields(plan, section.key, atSection)
    .filter((f) => !present.some((label) => sameLabel(label, f.label)))
    .map((f, k) => {
      const guidance = fieldGuidance(f.label);
      const templateLine = lineAt(template.model.source, f.line).trim();
      return {
        label: f.label,
        kind: 'field' as const,
        detail: `template field of ${sectionTitle}`,
        documentation: [guidance?.asks ?? '', '', `The template: ${codeSpan(templateLine)}`, ...(guidance ? ['', ...quotesMarkdown(guidance.quotes)] : [])].join('\n').trim(),
        insertText: `${f.label}: `,
        range,
        ...filterFor(text, range, position, f.label),
        sortText: String(k).padStart(4, '0'),
      };
    });
}

/** The template's top-level fields of a section: those under its heading, or under its subheadings (phases, waves). */
export function templateFields(plan: Pick<EditorPlan, 'template'>, key: SectionKey, atSection: boolean): Field[] {
  const model = plan.template.model;
  const section = model.sections.find((s) => s.key === key);
  if (!section) return [];
  const sectionHeading = model.headings.findIndex((h) => h.line === section.heading.line);
  const inSection = model.fields.filter((f) => f.sectionKey === key && f.depth === 0 && f.line > section.heading.line && f.line < section.endLine);
  let fields = inSection.filter((f) => (f.headingIndex === sectionHeading) === atSection);
  if (fields.length === 0) fields = inSection;
  const seen = new Set<string>();
  return fields.filter((f) => {
    const label = normalizeLabel(f.label);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
}

/** Whether two labels name the same field (`Agent` and `Agents` do). */
export function sameLabel(a: string, b: string): boolean {
  if (normalizeLabel(a) === normalizeLabel(b)) return true;
  const kind = labelKind(a);
  return kind !== 'other' && kind === labelKind(b);
}

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

// VS Code filters an item by the text from the start of its range to the cursor: when that text
// (a placeholder, an invalid value) would hide the item, it is put in front of the label.
function filterFor(text: string, range: Range, position: Position, label: string): { filterText?: string } {
  const typed = text.slice(range.start.character, position.character);
  return typed === '' || label.toLowerCase().startsWith(typed.toLowerCase()) ? {} : { filterText: typed + label };
}

function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}markdown\n${text}\n${fence}`;
}
