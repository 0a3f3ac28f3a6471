// The model against markdown-it's own full parse: the parser hands tokens over while a list is
// still being read and keeps ranges as numbers, so list item ends, nesting and every range are
// checked here against an independent reading of the same text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { generatePlan } from '../../bench/generatePlan';
import { parsePlan } from '../../src/core/parser';
import type { PlanModel } from '../../src/core/plan';
import type { Range } from '../../src/core/positions';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { lineAt } from '../../src/core/source';

const md = new MarkdownIt('default', { html: true });

interface ItemReference {
  endLine: number;
  nested: boolean;
  /** What its first line makes it: `[ ]`/`[x]` a task, `Label:` (colon then space or end, label of 1–120) a field. */
  kind: 'task' | 'field' | undefined;
  /** The first paragraph's content as markdown-it gives it (trimmed, lines joined). */
  content: string;
}

function kindOf(paragraph: string): ItemReference['kind'] {
  const firstLine = paragraph.split('\n')[0]!;
  if (/^\[[ xX]\](?:\s|$)/.test(firstLine)) return 'task';
  const colon = /:(?=[ \t]|$)/.exec(firstLine);
  return colon && colon.index >= 1 && colon.index <= 120 ? 'field' : undefined;
}

/** For each list item whose first block is a paragraph on its first line: its end and whether it holds more blocks. */
function listItemsByMarkdownIt(model: PlanModel): Map<number, ItemReference> {
  const lines = model.source.text.split('\n');
  // parsePlan reads the front matter itself and the markdown after it: blank those lines alike.
  for (let k = 0; k < (model.frontMatter?.endLine ?? 0); k++) lines[k] = '';
  const tokens = md.parse(lines.join('\n'), {});
  const items = new Map<number, ItemReference>();
  const open: { start: number; end: number; level: number; children: number; kind: ItemReference['kind'] | null; content: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'list_item_open') {
      open.push({ start: token.map![0], end: token.map![1], level: token.level, children: 0, kind: null, content: '' });
      continue;
    }
    if (token.type === 'list_item_close') {
      const item = open.pop()!;
      if (item.kind !== null) items.set(item.start, { endLine: item.end, nested: item.children > 1, kind: item.kind, content: item.content });
      continue;
    }
    const item = open[open.length - 1];
    if (!item || token.level !== item.level + 1 || token.nesting === -1 || token.type === 'inline') continue;
    if (item.children === 0 && token.type === 'paragraph_open' && token.map![0] === item.start) {
      item.content = tokens[i + 1]!.content;
      item.kind = kindOf(item.content);
    }
    item.children++;
  }
  return items;
}

// The model ends a table at its first line without an unescaped pipe, inside markdown-it's table.
function hasUnescapedPipe(line: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\|/.test(line);
}

/** Each table's first line and the line the model should end it at, from markdown-it's full parse. */
function tablesByMarkdownIt(model: PlanModel): Map<number, number> {
  const lines = model.source.text.split('\n');
  for (let k = 0; k < (model.frontMatter?.endLine ?? 0); k++) lines[k] = '';
  const tables = new Map<number, number>();
  for (const token of md.parse(lines.join('\n'), {})) {
    if (token.type !== 'table_open') continue;
    const [start, end] = token.map!;
    let modelEnd = start + 2;
    for (let line = start + 2; line < end && hasUnescapedPipe(lineAt(model.source, line)); line++) modelEnd = line + 1;
    tables.set(start, modelEnd);
  }
  return tables;
}

function textAt(model: PlanModel, range: Range): string {
  assert.equal(range.start.line, range.end.line);
  return lineAt(model.source, range.start.line).slice(range.start.character, range.end.character);
}

function assertModelAgreesWithMarkdownIt(text: string): void {
  const model = parsePlan(text);
  const items = listItemsByMarkdownIt(model);
  const expected = (kind: ItemReference['kind']) => [...items].filter(([, item]) => item.kind === kind).map(([line]) => line + 1).sort((a, b) => a - b);
  assert.deepEqual(model.fields.map((f) => f.line + 1), expected('field'), 'fields on the lines of markdown-it\'s "Label:" list items');
  assert.deepEqual(model.tasks.map((t) => t.line + 1), expected('task'), 'tasks on the lines of markdown-it\'s "[ ]" list items');
  for (const field of model.fields) {
    const item = items.get(field.line);
    assert.ok(item, `field "${field.label}" on line ${field.line + 1} is a list item for markdown-it`);
    assert.equal(field.endLine, item.endLine, `end of field "${field.label}" on line ${field.line + 1}`);
    assert.equal(field.hasNested, item.nested, `nested content of field "${field.label}" on line ${field.line + 1}`);
    const firstLine = item.content.split('\n')[0]!;
    assert.equal(field.hasContinuation, item.content.includes('\n'), `continuation of field "${field.label}" on line ${field.line + 1}`);
    assert.ok(firstLine.startsWith(field.label) && firstLine.trimEnd().endsWith(field.value), `label and value of ${JSON.stringify(firstLine)}`);
    assert.equal(textAt(model, field.labelRange), field.label);
    assert.equal(textAt(model, field.valueRange), field.value);
  }
  for (const task of model.tasks) {
    const item = items.get(task.line);
    assert.ok(item, `task on line ${task.line + 1} is a list item for markdown-it`);
    assert.equal(task.endLine, item.endLine, `end of task on line ${task.line + 1}`);
    assert.equal(task.text, item.content.split('\n')[0]!.slice(3).trim(), `text of the task on line ${task.line + 1}`);
    const line = lineAt(model.source, task.line);
    const check = task.checkRange.start.character;
    assert.equal(task.checkRange.end.character, check + 1);
    assert.match(line.slice(check - 1, check + 2), /^\[[ xX]\]$/);
    if (task.text) assert.equal(textAt(model, task.textRange), task.text);
  }
  const tables = tablesByMarkdownIt(model);
  assert.deepEqual(model.tables.map((t) => t.startLine), [...tables.keys()], 'tables start where markdown-it finds them');
  for (const table of model.tables) {
    assert.equal(table.endLine, tables.get(table.startLine), `end of the table on line ${table.startLine + 1}`);
    for (const row of [table.header, ...table.rows]) {
      for (const cell of row.cells) {
        assert.equal(cell.range.start.line, row.line);
        assert.equal(textAt(model, cell.range), cell.raw.trim());
      }
    }
  }
}

const LIST_FRAGMENTS = [
  '- Scope: sync', '* Owner: ana', '+ Label:', '1. Risk 1: rate limits', '2) Q1: why?', '  - nested: value', '    - [ ] deep task',
  '- [x] done', '- [ ] open  ', '- [X]', '\t- Tabbed: yes', '- - [ ] inner', '  continuation line', 'lazy line', '',
  '  ```', '  code', '  ```', '> - Quoted: field', '> - [ ] quoted task', '  | a | b |', '  |---|---|', '  | `x \\| y` | z |',
  '## E) Delivery Phases', '### Wave 1', '- Agent: `schema-sync`', '- Tasks:', '  - [x] Migration', '- Blocks/unblocks: unblocks Wave 2',
  '    indented code', '<div>', '</div>', '---', 'Setext', '===', '- Value with trailing spaces: yes   ', '-   Wide:   gap  ',
  '| Purpose | source | External ID |', '|---|:---:|---|', '| a | `b \\| c` | d |', 'a | b | c', '--- | --- | ---', '| only one |',
  '|', '||', '| x \\\\| y |', '| trailing \\|', '    | indented | row |', '| a | b | c | d | e | f | g |', '> | quoted | table |',
  // White space JavaScript trims but markdown-it does not count as blank, and lazy continuations.
  '\u00a0', '- \u00a0', '- Label: \u00a0', '  \u00a0more', '- [ ] \u3000', '\u2028', '- Two: lines\u00a0', 'then more  ',
  // Header and delimiter together, so that random documents hold many tables.
  '| Purpose | source | External ID |\n|---|:---:|---|', 'a | b | c\n--- | --- | ---', '  | a | b |\n  |---|---|', '|x|\n|-|',
  '| a \\| b | c |\n|---|---|', '> | q | r |\n> |---|---|',
  // Every character a block rule starts with, at the start of an item's text and of a line.
  '[ref]: /url', '  [ref]: /url "title"', '- [x]: /a', '___', '  ***', '* * *', '~~~', '  ~~~ js', '+ Plus: item', '# Heading',
  '  ## Nested heading', '  <div>', '- <!-- c -->', '10) Ten: x', '- `code`: start', '>quote', '- _Em_: x', '- #: hash', '- 3: three',
];
const listMarkdown = fc
  .array(fc.tuple(fc.constantFrom(...LIST_FRAGMENTS), fc.constantFrom('\n', '\r\n', '\n\n')), { maxLength: 50 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

describe('core: the model agrees with markdown-it on list items, and every range holds its text', function () {
  this.timeout(60000);

  const files = [
    join(__dirname, '../../templates/rollout-plan.md'),
    join(__dirname, '../../examples/planning/zendesk-rollout.md'),
    ...['NOTION', 'CLOSE', 'HUBSPOT', 'SLACK'].map((name) => join(__dirname, `../../examples/src/docs/${name}-ROLLOUT-PLAN.md`)),
  ];
  for (const file of files) {
    it(`on ${file.split('/').slice(-2).join('/')}`, () => assertModelAgreesWithMarkdownIt(readFileSync(file, 'utf8')));
  }

  it('on generated plans with long lists and a long table (seeds 1–3, 3,000 lines)', () => {
    for (const seed of [1, 2, 3]) assertModelAgreesWithMarkdownIt(generatePlan(3000, seed));
  });

  it('reads a list item whose first line is a no-break space as markdown-it does: that space is its first line\'s text', () => {
    // markdown-it trims ASCII white space only: a no-break or ideographic space is text, so these
    // items' first lines are neither labels nor tasks, and a line of one continues a paragraph.
    const text = '- \u00a0\n  Late: label\n- \u3000\n  [x] late task\n- Two: lines\u00a0\n  \u00a0\n> - \u00a0\n>   Quoted: late\n';
    const model = parsePlan(text);
    assert.deepEqual(model.fields.map((f) => [f.line, f.label, f.value, f.hasContinuation]), [[4, 'Two', 'lines', true]]);
    assert.deepEqual(model.fields.map((f) => [f.labelRange.start, f.valueRange.end]), [[{ line: 4, character: 2 }, { line: 4, character: 12 }]]);
    assert.deepEqual(model.tasks, []);
    assertModelAgreesWithMarkdownIt(text);
  });

  it('on the template with its lists nested one level deeper', () => {
    assertModelAgreesWithMarkdownIt(DEFAULT_TEMPLATE_TEXT.split('\n').map((line) => (line.startsWith('- ') ? `  ${line}` : line)).join('\n'));
  });

  it('on a wide table whose short rows reach markdown-it\'s limit of autocompleted cells', () => {
    const columns = 300;
    const header = `|${' h |'.repeat(columns)}`;
    const delimiter = `|${'---|'.repeat(columns)}`;
    const rows = Array.from({ length: 400 }, (_, k) => (k % 3 === 0 ? `| x${k}${' \\| y'.repeat(60)} | z |` : `| x${k} |`));
    const text = ['## D) Mapping Rules + Cardinality', '', header, delimiter, ...rows, '', '- After: the table'].join('\n');
    const model = parsePlan(text);
    assert.ok(model.tables[0]!.endLine < 4 + rows.length, 'the limit ends the table before its last row');
    assertModelAgreesWithMarkdownIt(text);
  });

  it('on random nested lists, tasks, quotes, code and tables inside items', () => {
    fc.assert(fc.property(listMarkdown, assertModelAgreesWithMarkdownIt), { seed: 20261122, numRuns: 1500 });
  });

  it('serialises fields and tasks as their interfaces describe them, not the plan text they read from', () => {
    const text = generatePlan(3000);
    const model = parsePlan(text);
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    for (const f of model.fields.slice(0, 50)) {
      assert.deepEqual(plain(f), plain({
        label: f.label, value: f.value, labelRange: f.labelRange, valueRange: f.valueRange, line: f.line, endLine: f.endLine, depth: f.depth,
        parentField: f.parentField, hasContinuation: f.hasContinuation, hasNested: f.hasNested, sectionKey: f.sectionKey, headingIndex: f.headingIndex,
      }));
    }
    for (const t of model.tasks.slice(0, 50)) {
      assert.deepEqual(plain(t), plain({
        checked: t.checked, text: t.text, line: t.line, endLine: t.endLine, checkRange: t.checkRange, textRange: t.textRange, depth: t.depth,
        parentField: t.parentField, sectionKey: t.sectionKey, headingIndex: t.headingIndex,
      }));
    }
    assert.ok(JSON.stringify(model.fields[0]).length < 1000);
  });
});
