// Scaffolding a rollout plan (F1): the file name made from a connector name, the safety checks on
// it, the template filled with the fast-start answers, and the playbook's §7 prompt filled from a plan.
import * as z from 'zod/mini';
import { normalizeCardinality, readMappingMatrix } from './mapping';
import { PLAN_KIND } from './plan';
import type { Field, PlanModel } from './plan';
import { frontMatterYaml } from './parse/frontMatter';
import { parsePlan } from './parser';
import type { SectionKey } from './sections';
import { normalizeLabel, normalizeOptionValue } from './labels';
import { PLAYBOOK_TEXT } from './playbook';
import { DEFAULT_TEMPLATE_TEXT, parseTemplate } from './template';
import { lastWrittenLine, lineAt } from './source';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from './defaults';
import { playbookScaffoldEdits, TEAM_SIZES } from './teamScaffold';
import type { WaveRoster } from './waves/graph';
import { yamlLibrary } from './yaml';

/** Every plan's file name ends so (playbook §1: `{CONNECTOR}-ROLLOUT-PLAN.md`). */
const PLAN_FILE_SUFFIX = '-ROLLOUT-PLAN.md';
/** The file name the playbook gives itself (§7 names `src/docs/CONNECTOR-PLAYBOOK.md`). */
export const PLAYBOOK_FILE_NAME = 'CONNECTOR-PLAYBOOK.md';
/** Longest connector name accepted: it is a title, and the file name must stay far below 255 bytes. */
export const MAX_CONNECTOR_NAME_LENGTH = 80;
const MAX_FILE_NAME_BYTES = 200;

/** The choices the new-plan input offers (playbook §2 and §7); free text is always allowed too. */
export const EXTERNAL_SYSTEMS = ['Slack', 'HubSpot', 'Close', 'Notion'] as const;
export const AUTH_MODELS = ['bot token', 'OAuth', 'API key', 'service account'] as const;
export const PULL_MODES = ['incremental', 'snapshot', 'hybrid'] as const;
export const CARDINALITY_EXPECTATIONS = ['1:1', '1:N'] as const;
export const FIRST_PHASE_PRIORITIES = ['mapping', 'sync', 'analytics'] as const;

const optionalAnswer = z.optional(z.string().check(z.maxLength(2000)));

/** The fast-start answers (playbook §7); everything but the name is optional. */
export const ScaffoldAnswersSchema = z.strictObject({
    name: z.string().check(z.maxLength(10_000)),
    system: optionalAnswer,
    auth: optionalAnswer,
    pull: optionalAnswer,
    /** One linking point per entry, or one string separated by `;` (or `,`). */
    links: z.optional(z.union([z.string().check(z.maxLength(10_000)), z.array(z.string().check(z.maxLength(2000))).check(z.maxLength(50))])),
    cardinality: optionalAnswer,
    scale: optionalAnswer,
    firstPhase: optionalAnswer,
    /** The team split (§5): four agents in four waves, or one wave for a small connector. */
    team: z.optional(z.enum(TEAM_SIZES)),
  });
export type ScaffoldAnswers = z.infer<typeof ScaffoldAnswersSchema>;

/** `{CONNECTOR}` for a connector name: upper-cased, every run of other characters a `-`. */
export function connectorFileStem(name: string): string {
  return name
    .normalize('NFC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why a connector name cannot be used, or undefined when it can. */
export function checkConnectorName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter the connector name, e.g. HubSpot.';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The name cannot contain control characters.';
  if (/[/\\]/.test(trimmed)) return 'The name cannot contain / or \\: it names a file in the docs folder, not a path.';
  if ([...trimmed].length > MAX_CONNECTOR_NAME_LENGTH) return `The name is too long: at most ${MAX_CONNECTOR_NAME_LENGTH} characters.`;
  const stem = connectorFileStem(trimmed);
  if (!stem) return 'The name needs at least one letter or digit.';
  if (new TextEncoder().encode(stem + PLAN_FILE_SUFFIX).length > MAX_FILE_NAME_BYTES) return 'The name is too long for a file name.';
  return undefined;
}

export type PlanFileNameResult = { fileName: string; error?: undefined } | { fileName?: undefined; error: string };

/** The plan's file name (`{CONNECTOR}-ROLLOUT-PLAN.md`) for a connector name, or why there is none. */
export function planFileName(name: string): PlanFileNameResult {
  const error = checkConnectorName(name);
  if (error) return { error };
  return { fileName: connectorFileStem(name.trim()) + PLAN_FILE_SUFFIX };
}

/** Resolves `.` and `..` in a `/`-separated path, as `Uri.joinPath` does. */
export function normalizePosixPath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** Whether a `/`-separated path lies strictly inside a folder, once both are resolved. */
export function isInsideFolder(folderPath: string, candidatePath: string): boolean {
  const folder = normalizePosixPath(folderPath);
  const candidate = normalizePosixPath(candidatePath);
  if (candidate === folder) return false;
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return candidate.startsWith(prefix) && !candidate.slice(prefix.length).split('/').includes('..');
}

/** Whether a path relative to a folder (e.g. the docs folder setting) stays inside that folder. */
export function isSafeRelativeFolder(relativePath: string): boolean {
  if (relativePath.includes('\0')) return false;
  const normalized = normalizePosixPath(relativePath.replace(/\\/g, '/').replace(/^\/+/, ''));
  return normalized === '' || (!normalized.startsWith('..') && !/^[a-zA-Z]:/.test(normalized));
}

/** Splits the linking-points answer: `;` or new lines separate links; `,` too when neither is used. */
export function splitLinks(links: string | readonly string[] | undefined): string[] {
  if (links === undefined) return [];
  const parts = typeof links === 'string' ? (/[;\n]/.test(links) ? links.split(/[;\n]/) : links.split(',')) : [...links];
  return parts.map((p) => oneLine(p)).filter((p) => p.length > 0);
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

// Answers are plain text: escaped so that nothing typed becomes a placeholder finding.
function inlineText(text: string, inTable = false): string {
  let out = oneLine(text).replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\').replace(/[{}]/g, (c) => `\\${c}`);
  if (inTable) out = out.replace(/\|/g, '\\|');
  return out;
}

/** Today's date as `YYYY-MM-DD`, in local time. */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface ScaffoldOptions {
  /** The template to fill; the bundled one by default. */
  templateText?: string;
  /** The front matter's `created` date, `YYYY-MM-DD`. */
  created: string;
  /** The roster and wave sequencing section F is split for; the playbook's by default. */
  roster?: WaveRoster;
}

export interface ScaffoldResult {
  text: string;
  fileName: string;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
  order: number;
}

const FIELD_LABELS = {
  system: ['external system'],
  auth: ['authentication model', 'auth model'],
  pull: ['data pull mode', 'pull style', 'pull mode'],
  scale: ['scale expectations', 'scale expectation', 'scale'],
  firstPhase: ['first-phase priority', 'first phase priority'],
  cardinality: ['cardinality expectations', 'cardinality expectation'],
  goal: ['why this connector exists', 'business goal'],
} as const;

const LINK_LABEL = /^(?:link|linking point)\s*(\d+)$/;
const ARROW = /\s*(?:->|→|=>)\s*/;

/**
 * Fills a rollout-plan template with the fast-start answers: front matter (kind, status, connector,
 * created), the name in the title, the answered fields; every other placeholder stays. Section E's
 * Deliverables get the playbook's blueprint (§4) and section F its team split (§5).
 * Throws when the name is unusable (check it with `checkConnectorName` first).
 */
export function scaffoldPlan(answers: ScaffoldAnswers, options: ScaffoldOptions): ScaffoldResult {
  const named = planFileName(answers.name);
  if (named.error !== undefined) throw new Error(named.error);
  const name = answers.name.trim();
  const stem = connectorFileStem(name);
  const templateText = options.templateText ?? DEFAULT_TEMPLATE_TEXT;
  const model = parsePlan(templateText);
  const { text: src, lineStarts } = model.source;
  const edits: OffsetEdit[] = [];
  const offset = (line: number, character: number) => (lineStarts[line] ?? src.length) + character;
  const lineEnd = (line: number) => offset(line, lineAt(model.source, line).length);
  const replace = (startLine: number, startChar: number, endLine: number, endChar: number, text: string) =>
    edits.push({ start: offset(startLine, startChar), end: offset(endLine, endChar), text, order: edits.length });
  const insertAt = (at: number, text: string) => edits.push({ start: at, end: at, text, order: edits.length });

  // The name goes wherever the template asks for it.
  for (const placeholder of model.placeholders) {
    const inner = placeholder.text.slice(1, -1).replace(/\s+/g, '').toLowerCase();
    const value = inner === 'connectorname' ? inlineText(name) : placeholder.text === '{CONNECTOR}' ? stem : undefined;
    if (value === undefined) continue;
    const { start, end } = placeholder.range;
    replace(start.line, start.character, end.line, end.character, value);
  }

  const fields = model.fields;
  const findField = (labels: readonly string[]): Field | undefined => {
    for (const label of labels) {
      const field = fields.find((f) => normalizeLabel(f.label) === label);
      if (field) return field;
    }
    return undefined;
  };
  const setField = (field: Field, value: string) => {
    const { start, end } = field.valueRange;
    const before = lineAt(model.source, field.line).charAt(start.character - 1);
    const text = field.value || before === ' ' ? value : ` ${value}`;
    replace(start.line, start.character, end.line, end.character, text);
  };
  const prefixOf = (field: Field) => lineAt(model.source, field.line).slice(0, field.labelRange.start.character);
  // A list item's range takes in the blank line after it; new items go after its last written line.
  const lastLineOf = (field: Field) => lastWrittenLine(model.source, field.endLine, field.line);
  const sectionOf = (key: SectionKey) => model.sections.find((s) => s.key === key);
  // A new `Label: value` item: after the section's last top-level field, else right under its heading.
  const insertField = (section: SectionKey, label: string, value: string, where: 'end' | 'top') => {
    const item = `${label}: ${value}`;
    const target = sectionOf(section);
    const inSection = fields.filter((f) => f.sectionKey === section && f.depth === 0 && target && f.line >= target.startLine && f.line < target.endLine);
    const last = where === 'end' ? inSection[inSection.length - 1] : undefined;
    if (last) {
      insertAt(lineEnd(lastLineOf(last)), `\n${prefixOf(last)}${item}`);
    } else if (target) {
      const nextBlank = lineAt(model.source, target.heading.line + 1).trim() === '';
      insertAt(lineEnd(target.heading.line), `\n\n- ${item}${nextBlank ? '' : '\n'}`);
    } else {
      insertAt(src.length, `${src.endsWith('\n') || src === '' ? '' : '\n'}\n- ${item}\n`);
    }
  };
  const fill = (key: 'system' | 'auth' | 'pull' | 'scale' | 'firstPhase', label: string, section: SectionKey, where: 'end' | 'top') => {
    const answer = answers[key];
    if (answer === undefined || !oneLine(answer)) return;
    const field = findField(FIELD_LABELS[key]);
    if (field) setField(field, inlineText(answer));
    else insertField(section, label, inlineText(answer), where);
  };

  fill('system', 'External system', 'B', 'end');
  fill('auth', 'Authentication model', 'B', 'end');
  fill('pull', 'Data pull mode', 'B', 'end');
  fill('scale', 'Scale expectations', 'B', 'end');
  fill('firstPhase', 'First-phase priority', 'E', 'top');
  fillLinks(model, splitLinks(answers.links), setField, insertField, (field, text) => insertAt(lineEnd(lastLineOf(field)), `\n${prefixOf(field)}${text}`));
  fillCardinality(model, answers.cardinality, findField, setField, insertField, replace, (field, text) => insertAt(offset(field.line, 0), `${prefixOf(field)}${text}\n`));

  const roster = options.roster ?? { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };
  for (const edit of playbookScaffoldEdits(model, { team: answers.team ?? 'standard', roster })) edits.push({ ...edit, order: edits.length });

  edits.sort((a, b) => b.start - a.start || b.order - a.order);
  let body = src;
  let frontMatterEnd = 0;
  if (model.frontMatter) frontMatterEnd = offset(model.frontMatter.endLine, 0);
  for (const edit of edits) {
    if (edit.start < frontMatterEnd) continue;
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  }
  const frontMatter = buildFrontMatter(model, name, options.created);
  body = frontMatter + body.slice(Math.min(frontMatterEnd, body.length));
  if (!body.endsWith('\n')) body += '\n';
  const text = model.source.eol === '\r\n' ? body.replace(/\n/g, '\r\n') : body;
  return { text, fileName: named.fileName };
}

type SetField = (field: Field, value: string) => void;
type InsertField = (section: SectionKey, label: string, value: string, where: 'end' | 'top') => void;

function fillLinks(model: PlanModel, links: string[], setField: SetField, insertField: InsertField, insertAfter: (field: Field, text: string) => void): void {
  if (links.length === 0) return;
  const linkFields = model.fields.filter((f) => f.depth === 0 && LINK_LABEL.test(normalizeLabel(f.label)) && (f.sectionKey === 'C' || f.sectionKey === undefined));
  const template = linkFields[0];
  const [externalDefault, internalDefault] = template && ARROW.test(template.value) ? template.value.split(ARROW, 2) : ['{external field}', '{internal entity + key}'];
  // Each side not given keeps the template's placeholder: it is what the author still has to fill.
  const formatLink = (link: string) => {
    const [external, internal] = ARROW.test(link) ? link.split(ARROW, 2) : [link, ''];
    const left = external!.trim() ? inlineText(external!) : externalDefault!;
    const right = internal!.trim() ? inlineText(internal!) : internalDefault!;
    return `${left} -> ${right}`;
  };
  const labelWord = template ? template.label.replace(/\s*\d+\s*$/, '') : 'Link';
  links.forEach((link, index) => {
    const field = linkFields[index];
    if (field) setField(field, formatLink(link));
  });
  const extra = links.slice(linkFields.length);
  if (extra.length === 0) return;
  const last = linkFields[linkFields.length - 1];
  const firstNumber = linkFields.length + 1;
  if (last) {
    insertAfter(last, extra.map((link, i) => `${labelWord} ${firstNumber + i}: ${formatLink(link)}`).join(`\n${lineAt(model.source, last.line).slice(0, last.labelRange.start.character)}`));
  } else {
    extra.forEach((link, i) => insertField('C', `${labelWord} ${firstNumber + i}`, formatLink(link), 'end'));
  }
}

function fillCardinality(
  model: PlanModel,
  answer: string | undefined,
  findField: (labels: readonly string[]) => Field | undefined,
  setField: SetField,
  insertField: InsertField,
  replace: (startLine: number, startChar: number, endLine: number, endChar: number, text: string) => void,
  insertBefore: (field: Field, text: string) => void,
): void {
  if (answer === undefined || !oneLine(answer)) return;
  const tokens = oneLine(answer).split(/\s*[,;]\s*/).filter(Boolean);
  const normalized = tokens.map((t) => normalizeCardinality(t));
  const matrix = readMappingMatrix(model);
  const cells = (matrix?.rows ?? []).map((row) => row.columns.cardinality).filter((c) => c !== undefined && /\{[^{}]*\}/.test(c.raw));
  const allValid = normalized.every((n) => n !== undefined);
  // One expectation applies to every row; several fill the rows in order; anything else is a note.
  if (allValid && cells.length > 0 && (tokens.length === 1 || tokens.length <= cells.length)) {
    cells.forEach((cell, index) => {
      const value = tokens.length === 1 ? normalized[0] : normalized[index];
      if (!value || !cell) return;
      const inCode = /^`.*`$/.test(cell.text);
      replace(cell.range.start.line, cell.range.start.character, cell.range.end.line, cell.range.end.character, inCode ? `\`${value}\`` : value);
    });
    return;
  }
  const note = inlineText(allValid ? normalized.join(', ') : answer);
  const existing = findField(FIELD_LABELS.cardinality);
  if (existing) {
    setField(existing, note);
    return;
  }
  const firstAfterTable = matrix ? model.fields.find((f) => f.sectionKey === 'D' && f.depth === 0 && f.line >= matrix.table.endLine) : undefined;
  if (firstAfterTable) insertBefore(firstAfterTable, `Cardinality expectations: ${note}`);
  else insertField('D', 'Cardinality expectations', note, 'end');
}

function buildFrontMatter(model: PlanModel, name: string, created: string): string {
  const values: [string, string][] = [
    ['kind', PLAN_KIND],
    ['status', 'draft'],
    ['connector', name],
    ['created', created],
  ];
  const { Document, isMap, parseDocument } = yamlLibrary();
  const fm = model.frontMatter;
  if (fm && !fm.error) {
    // A template's own front matter is kept; ours is set in it.
    const doc = parseDocument(frontMatterYaml(model.source, fm.endLine).text);
    if (isMap(doc.contents) || doc.contents === null) {
      for (const [key, value] of values) doc.set(key, value);
      return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
    }
  }
  const doc = new Document(Object.fromEntries(values));
  return `---\n${doc.toString({ lineWidth: 0 })}---\n\n`;
}

/** The fast-start prompt of the playbook's §7, as shipped. */
export function fastStartPromptTemplate(playbookText: string = PLAYBOOK_TEXT): string {
  const match = /^#{1,6}\s*7\.[^\n]*\n[\s\S]*?^```(?:md|markdown)?[ \t]*\n([\s\S]*?)\n```/m.exec(playbookText.replace(/\r\n?/g, '\n'));
  if (!match) throw new Error('The playbook has no fast-start prompt in its section 7.');
  return match[1]!;
}

/** The fast-start context a plan already holds; undefined where the author has not filled it in. */
export interface FastStartContext {
  connector: string | undefined;
  goal: string | undefined;
  system: string | undefined;
  auth: string | undefined;
  pull: string | undefined;
  links: string[];
  cardinality: string | undefined;
  scale: string | undefined;
  firstPhase: string | undefined;
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Reads the fast-start context (playbook §7) from a parsed plan. */
export function readFastStartContext(model: PlanModel): FastStartContext {
  const placeholderLines = new Set(model.placeholders.map((p) => p.range.start.line));
  const optionLists = parseTemplate(DEFAULT_TEMPLATE_TEXT).optionLists;
  const filled = (field: Field | undefined): string | undefined => {
    if (!field || !field.value || placeholderLines.has(field.line)) return undefined;
    if (optionLists.get(normalizeLabel(field.label)) === normalizeOptionValue(field.value)) return undefined;
    return unescapeMarkdown(field.value);
  };
  const field = (labels: readonly string[]) => {
    for (const label of labels) {
      const found = model.fields.find((f) => normalizeLabel(f.label) === label);
      if (found) return found;
    }
    return undefined;
  };
  const links = model.fields
    .filter((f) => LINK_LABEL.test(normalizeLabel(f.label)) && f.value)
    // A link counts once anything but its placeholders is written.
    .filter((f) => f.value.replace(/\{[^{}]*\}/g, '').replace(ARROW, '').trim() !== '')
    .map((f) => unescapeMarkdown(f.value));
  let cardinality = filled(field(FIELD_LABELS.cardinality));
  if (!cardinality) {
    const matrix = readMappingMatrix(model);
    const rows = (matrix?.rows ?? []).flatMap((row) => {
      const value = row.columns.cardinality ? normalizeCardinality(row.columns.cardinality.text) : undefined;
      return value && !/\{[^{}]*\}/.test(row.columns.cardinality!.raw) ? [{ purpose: row.columns.purpose?.text ?? '', value }] : [];
    });
    const distinct = [...new Set(rows.map((r) => r.value))];
    if (distinct.length === 1) cardinality = distinct[0];
    else if (distinct.length > 1) cardinality = rows.map((r) => (r.purpose ? `${unescapeMarkdown(r.purpose)} ${r.value}` : r.value)).join(', ');
  }
  const fmConnector = model.frontMatter?.data?.connector;
  let connector = typeof fmConnector === 'string' && fmConnector.trim() ? fmConnector.trim() : undefined;
  const title = model.headings[0];
  if (!connector && title && title.level === 1 && !placeholderLines.has(title.line)) {
    const match = /^(.*?)\s+Connector Rollout Plan$/i.exec(title.text.trim());
    if (match && match[1]) connector = unescapeMarkdown(match[1]);
  }
  return {
    connector,
    goal: filled(field(FIELD_LABELS.goal)),
    system: filled(field(FIELD_LABELS.system)),
    auth: filled(field(FIELD_LABELS.auth)),
    pull: filled(field(FIELD_LABELS.pull)),
    links,
    cardinality,
    scale: filled(field(FIELD_LABELS.scale)),
    firstPhase: filled(field(FIELD_LABELS.firstPhase)),
  };
}

export interface FastStartPromptOptions {
  /** The docs folder the workspace uses, when it is not the playbook's `src/docs`. */
  docsFolder?: string;
  playbookText?: string;
}

/** The playbook's §7 fast-start prompt with a plan's context filled in; unknown values stay `{…}`. */
export function fastStartPrompt(model: PlanModel, options: FastStartPromptOptions = {}): string {
  const context = readFastStartContext(model);
  let prompt = fastStartPromptTemplate(options.playbookText);
  const stem = context.connector ? connectorFileStem(context.connector) : '';
  if (stem) prompt = prompt.replace(/\{CONNECTOR\}/g, stem);
  const docsFolder = options.docsFolder?.replace(/\\/g, '/').replace(/^\.\/+|\/+$/g, '');
  if (docsFolder && docsFolder !== 'src/docs') prompt = prompt.replace(/`src\/docs\//g, `\`${docsFolder}/`);
  const byLabel: Record<string, string | undefined> = {
    'business goal': context.goal,
    'external system': context.system,
    'linking points': context.links.length ? context.links.join('; ') : undefined,
    'cardinality expectations': context.cardinality,
    'scale expectations': context.scale,
    'first phase priority': context.firstPhase,
  };
  const lines = prompt.split('\n').flatMap((line) => {
    const match = /^(\s*[-*+]\s+)([^:]+):(.*)$/.exec(line);
    if (!match) return [line];
    const label = normalizeLabel(match[2]!).replace(/-/g, ' ');
    const value = byLabel[label];
    const out = [value ? `${match[1]}${match[2]}: ${value}` : line];
    // The prompt has no lines for these; a plan that knows them says so.
    if (label === 'external system') {
      if (context.auth) out.push(`${match[1]}Auth model: ${context.auth}`);
      if (context.pull) out.push(`${match[1]}Pull style: ${context.pull}`);
    }
    return out;
  });
  return lines.join('\n');
}
