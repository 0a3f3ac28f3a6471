// A new version read from the previous one gives the model a whole parse gives, whatever the edit;
// and the model is plain data that a copy, structuredClone or JSON keeps whole.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { generatePlan } from '../../bench/generatePlan';
import { parsePlan, parsePlanVersion } from '../../src/core/parser';
import type { PlanParse } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { readWaveOutline, readWaveOutlineFrom } from '../../src/core/waves';
import type { WavesByText } from '../../src/core/waves';

/** Reads `after` from the parse of `before` and checks it against a parse of `after` alone. */
function assertSameAsWholeParse(before: string, after: string): PlanParse {
  const previous = parsePlanVersion(before);
  const next = parsePlanVersion(after, previous);
  assert.deepStrictEqual(next.model, parsePlan(after), `edit of ${JSON.stringify(before.slice(0, 200))} into ${JSON.stringify(after.slice(0, 200))}`);
  return next;
}

const PIECES = [
  '# Plan', '## A) Business Goal', '## D) Mapping Rules + Cardinality', '## F) Agent-Team Plan', '### Wave 1', '### Wave 2', '## I) Operational Go/No-Go',
  '## J) Open Questions and Assumptions', 'Setext title', '===', '---', '- Scope: sync', '- Label:', '  - nested: value', '- [ ] open task', '  - [x] done task',
  '- Agent: `schema-sync`', '- Blocks/unblocks: blocked by Wave 1', '1. Risk 1: rate limits', '> - Quoted: field', '> quote', 'lazy line', '',
  '```', '```ts', '~~~', 'code {inside}', '    indented {code}', '<div>', '</div>', '<!-- comment', '-->', '[ref]: /url', '[ref]: /url "title', 'more"',
  '| Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |', '|---|---|---|---|---|---|', '| a | `{source_a}` | b | c | 1:1 | app |',
  '> | q | r |', '> |---|---|', '- Q1: {placeholder}', '`{x}` and {y}', '\t- Tabbed: yes', '- \u00a0', '* * *', '+ Plus: item',
];
const document = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((lines) => `${lines.join('\n')}\n`);

/** An edit: replace `length` characters at a fraction of the text with a piece (or nothing). */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 30 }),
  insert: fc.oneof(fc.constantFrom('', 'x', ' ', '\n', '\n\n', '`', '```\n', '{', '}', '#', '## ', '- ', '> ', '|', ':', '\u00a0', '---\n'), fc.constantFrom(...PIECES).map((p) => `${p}\n`)),
});

function applyEdit(text: string, e: { at: number; length: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(at + e.length);
}

describe('core: a version read from the previous one is the version read whole', function () {
  this.timeout(120000);

  it('after random edits of random plans, one edit at a time', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let before = text;
        let previous = parsePlanVersion(before);
        for (const e of edits) {
          const after = applyEdit(before, e);
          const next = parsePlanVersion(after, previous);
          assert.deepStrictEqual(next.model, parsePlan(after), `edit of ${JSON.stringify(before)} into ${JSON.stringify(after)}`);
          before = after;
          previous = next;
        }
      }),
      { seed: 20261129, numRuns: 1500 },
    );
  });

  it('after random edits of a generated plan with front matter, long lists, a long table and many waves', () => {
    const base = generatePlan(1500, 7);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let before = base;
        let previous = parsePlanVersion(before);
        for (const e of edits) {
          const after = applyEdit(before, e);
          const next = parsePlanVersion(after, previous);
          assert.deepStrictEqual(next.model, parsePlan(after));
          before = after;
          previous = next;
        }
      }),
      { seed: 20261130, numRuns: 150 },
    );
  });

  it('when a fence opened by the edit runs over later headings, and when closing it gives them back', () => {
    const text = '# Plan\n\n## A) Business Goal\n- Why: x\n\n## B) Source Model\n- External system: y\n\n## C) Linking Points\n- Link 1: a -> b\n';
    const opened = assertSameAsWholeParse(text, text.replace('- Why: x', '```\n- Why: x'));
    assert.equal(opened.model.sections.length, 1);
    const closed = parsePlanVersion(text.replace('- Why: x', '```\n- Why: x\n```'), opened);
    assert.deepStrictEqual(closed.model, parsePlan(text.replace('- Why: x', '```\n- Why: x\n```')));
    assert.equal(closed.model.sections.length, 3);
  });

  it('when the edit renames a section heading, so that the fields after it change section', () => {
    const text = DEFAULT_TEMPLATE_TEXT;
    const renamed = assertSameAsWholeParse(text, text.replace('## D) Mapping Rules + Cardinality', '## Notes'));
    assert.ok(!renamed.model.fields.some((f) => f.sectionKey === 'D'));
  });

  it('when lines are added or removed before lists, tables and placeholders', () => {
    const text = DEFAULT_TEMPLATE_TEXT;
    assertSameAsWholeParse(text, text.replace('- Why this connector exists:', '- Why this connector exists:\n- Another: line\n\nA paragraph.\n'));
    assertSameAsWholeParse(text, text.replace('- Decisions/metrics this should unlock:\n', ''));
    assertSameAsWholeParse(text, text.replace('## C) Linking Points (Identity Graph)\n', '## C) Linking Points (Identity Graph)\n\n### Extra heading\n'));
  });

  it('when a link reference definition\'s title is closed on a later line', () => {
    const text = '# Plan\n\n[ref]: /url "title\n- Scope: a\n\n## A) Business Goal\n- Why: b\n';
    assertSameAsWholeParse(text, text.replace('- Why: b', '- Why: b"'));
    assertSameAsWholeParse(text, text.replace('- Scope: a', '- Scope: a"'));
  });

  it('when the front matter changes, appears or goes', () => {
    const text = '---\nstatus: draft\n---\n# Plan\n- Scope: a\n';
    assertSameAsWholeParse(text, text.replace('draft', 'go'));
    assertSameAsWholeParse(text, text.replace('---\nstatus: draft\n---\n', ''));
    assertSameAsWholeParse('# Plan\n- Scope: a\n', '---\nkind: connector-rollout-plan\n---\n# Plan\n- Scope: a\n');
  });
});

describe('core: waves read from an earlier version are the waves read afresh', function () {
  this.timeout(120000);
  const wavePieces = ['## F) Agent-Team Plan', '### Wave 1', '### Wave 2', '### Wave 3: Review', '#### Notes', '- Agent: `schema-sync`', '- Agents:', '  - `analytics`',
    '  - ui-ops:', '    - [ ] View', '- Tasks:', '  - [ ] Migration', '  - [x] Endpoint', '- Blocks/unblocks: blocked by Wave 1; unblocks Wave 3', '- Depends on: Waves 1 and 2', '', '```', '## G) Risks'];
  const plan = fc.array(fc.constantFrom(...wavePieces), { minLength: 1, maxLength: 40 }).map((lines) => `# Plan\n${lines.join('\n')}\n`);

  it('after random edits, one at a time, carrying the waves by text from version to version', () => {
    fc.assert(
      fc.property(plan, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let before = text;
        let previous = parsePlanVersion(before);
        let byText: WavesByText = readWaveOutlineFrom(previous.model, undefined).byText;
        for (const e of edits) {
          const after = applyEdit(before, e);
          const next = parsePlanVersion(after, previous);
          const read = readWaveOutlineFrom(next.model, byText);
          assert.deepStrictEqual(read.waves, readWaveOutline(parsePlan(after)), `edit of ${JSON.stringify(before)} into ${JSON.stringify(after)}`);
          before = after;
          previous = next;
          byText = read.byText;
        }
      }),
      { seed: 20261131, numRuns: 1500 },
    );
  });
});

describe('core: the model is plain data', () => {
  const model = parsePlan(generatePlan(600, 3));

  it('keeps every field through structuredClone, a spread and JSON', () => {
    assert.deepStrictEqual(structuredClone(model), model);
    assert.deepStrictEqual({ ...model, fields: model.fields.map((f) => ({ ...f })) }, model);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), JSON.parse(JSON.stringify(structuredClone(model))));
    const field = model.fields[0]!;
    assert.deepStrictEqual(structuredClone(field), field);
    assert.equal(structuredClone(field).label, field.label);
  });

  it('holds no functions and no class instances, only plain objects, arrays and primitives', () => {
    const seen = new Set<unknown>();
    const visit = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') {
        assert.notEqual(typeof value, 'function', path);
        return;
      }
      if (seen.has(value)) return;
      seen.add(value);
      const proto = Object.getPrototypeOf(value);
      assert.ok(proto === Object.prototype || proto === Array.prototype, `${path} is a ${proto?.constructor?.name}`);
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    };
    visit(model, 'model');
  });
});
