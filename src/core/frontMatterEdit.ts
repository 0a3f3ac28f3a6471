// Setting keys of a plan's front matter with minimal text edits: a key's own text is replaced (its
// comment kept), a new key goes before the closing `---`, and a plan without front matter gets one.
// Everything else stays byte for byte; the result is read back to check it says what was set.
import type { Node, Pair } from 'yaml';
import type { PlanModel } from './plan';
import { PLAN_STATUSES } from './plan';
import type { PlanStatus } from './plan';
import type { Position, TextEdit } from './positions';
import { applyAtOffsets } from './positions';
import { frontMatterYaml, parseFrontMatter } from './parse/frontMatter';
import { lineAt, toSourceText } from './source';
import { yamlLibrary } from './yaml';

/** A value the front matter is given: a string, a list of strings, or a mapping of those. */
export type FrontMatterValue = string | readonly string[] | { readonly [key: string]: string | readonly string[] };

export type FrontMatterEditResult = { edits: TextEdit[]; error?: undefined } | { edits?: undefined; error: string };

// A string YAML's core schema reads back as the same string, written plain; anything else is quoted.
function scalar(value: string): string {
  const plain = /^[A-Za-z_][\w./+-]*(?: [\w./+-]+)*$|^\d{4}-\d{2}-\d{2}$/.test(value) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

function render(key: string, value: FrontMatterValue, indent = ''): string[] {
  if (typeof value === 'string') return [`${indent}${key}: ${scalar(value)}`];
  if (Array.isArray(value)) return [`${indent}${key}: [${(value as readonly string[]).map(scalar).join(', ')}]`];
  const lines = [`${indent}${key}:`];
  for (const [k, v] of Object.entries(value as Record<string, string | readonly string[]>)) lines.push(...render(k, v, `${indent}  `));
  return lines;
}

/** The edits that set `values` in a plan's front matter (adding the front matter if it has none). */
export function setFrontMatterEdits(model: PlanModel, values: readonly [string, FrontMatterValue][]): FrontMatterEditResult {
  const { source } = model;
  const eol = source.eol;
  const fm = model.frontMatter;
  const edits: TextEdit[] = [];
  const origin: Position = { line: 0, character: 0 };
  if (!fm) {
    const lines = values.flatMap(([key, value]) => render(key, value));
    const blankAfter = lineAt(source, 0).trim() === '' ? '' : eol;
    edits.push({ range: { start: origin, end: origin }, newText: `---${eol}${lines.join(eol)}${eol}---${eol}${blankAfter}` });
    return check(model, edits, values);
  }
  if (fm.error) return { error: `its front matter is not valid YAML (line ${fm.error.line + 1}: ${fm.error.message}); fix it first` };
  const closing = fm.endLine - 1;
  const { text: yamlText, at } = frontMatterYaml(source, fm.endLine);
  const { isMap, isScalar, parseDocument } = yamlLibrary();
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
  if (doc.contents !== null && (!isMap(doc.contents) || doc.contents.flow)) return { error: 'its front matter is not written as "key: value" lines' };
  const pairs = (isMap(doc.contents) ? doc.contents.items : []) as Pair<Node, Node | null>[];
  const added: string[] = [];
  for (const [key, value] of values) {
    const pair = pairs.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair || !pair.key.range) {
      added.push(...render(key, value));
      continue;
    }
    // From the key to the end of its value: a trailing comment on a scalar's line stays.
    let end = pair.value?.range ? pair.value.range[1] : pair.key.range[1];
    if (!pair.value?.range) {
      const colon = yamlText.indexOf(':', end);
      end = colon < 0 ? end : colon + 1;
    }
    while (end > pair.key.range[0] && /[\r\n]/.test(yamlText[end - 1]!)) end--;
    edits.push({ range: { start: at(pair.key.range[0]), end: at(end) }, newText: render(key, value).join(eol) });
  }
  if (added.length) {
    const before: Position = { line: closing, character: 0 };
    edits.push({ range: { start: before, end: before }, newText: `${added.join(eol)}${eol}` });
  }
  return check(model, edits, values);
}

// The edited text, read back: each value must be what was asked for, or nothing is edited.
function check(model: PlanModel, edits: TextEdit[], values: readonly [string, FrontMatterValue][]): FrontMatterEditResult {
  const text = applyEdits(model, edits);
  const fm = parseFrontMatter(toSourceText(text));
  const data = fm?.data;
  for (const [key, value] of values) {
    if (!data || JSON.stringify(data[key]) !== JSON.stringify(value)) return { error: `its front matter could not be edited safely (${key} would not read back as set)` };
  }
  return { edits };
}

/** A plan's text with edits applied (edits do not overlap). */
export function applyEdits(model: PlanModel, edits: readonly TextEdit[]): string {
  const { text, lineStarts } = model.source;
  const lf = edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/\r\n/g, '\n') }));
  return applyAtOffsets(text, lf, (p) => (lineStarts[p.line] ?? text.length) + p.character);
}

/** The status a plan moves to, and the front matter that records it. */
export function statusEdits(model: PlanModel, status: PlanStatus, review?: { date: string; confirmed: readonly string[] }): FrontMatterEditResult {
  if (!(PLAN_STATUSES as readonly string[]).includes(status)) return { error: `"${status}" is not a status` };
  const values: [string, FrontMatterValue][] = [['status', status]];
  if (review) values.push(['review', { date: review.date, confirmed: review.confirmed }]);
  return setFrontMatterEdits(model, values);
}
