// Navigation on waves and agents, in core: definition and references of `Wave 2` in Blocks/unblocks,
// rename of a wave or an agent in one edit, and document links on wave references.
import * as assert from 'node:assert/strict';
import type { Range } from '../../src/core/positions';
import { planDefinition, planReferences, planRename, prepareRename, waveLinks } from '../../src/core/editor/navigation';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { applyEdits, cursor, edit, editorPlanOf, repoFile, textAt } from './editorSupport';

const WAVES = repoFile('test/fixtures/waves/HUBSPOT-ROLLOUT-PLAN.md');
const plan = editorPlanOf(WAVES);
const lineOf = (text: string, line: number) => text.split('\n')[line];
/** `line: text` (1-based) for each range. */
const where = (text: string, ranges: readonly Range[]) => ranges.map((r) => `${r.start.line + 1}: ${textAt(text, r)}`);
/** The lines a rename changes, as they read after it. */
function renamed(text: string, probe: string, newName: string): string[] {
  const result = planRename(editorPlanOf(text), cursor(text, probe), newName);
  assert.ok('edits' in result, JSON.stringify(result));
  const after = applyEdits(text, result.edits).split('\n');
  const before = text.split('\n');
  return after.filter((line, i) => line !== before[i]);
}

describe('editor navigation: definition and references', () => {
  it('goes from `Wave 2` in Blocks/unblocks to the wave\'s heading', () => {
    const found = planDefinition(plan, cursor(WAVES, '- Blocks/unblocks: unblocks Wave ‸2'));
    assert.ok(found);
    assert.equal(textAt(WAVES, found.range), 'Wave 2');
    assert.equal(textAt(WAVES, found.targetRange), 'Wave 2');
    assert.equal(lineOf(WAVES, found.targetRange.start.line), '### Wave 2: API');
  });

  it('finds every reference of a wave, its heading first when the declaration is asked for', () => {
    const at = cursor(WAVES, '- Blocks/unblocks: unblocks Wave ‸2');
    assert.deepEqual(where(WAVES, planReferences(plan, at, true)), ['47: Wave 2', '45: Wave 2', '59: Wave 2']);
    assert.deepEqual(where(WAVES, planReferences(plan, at, false)), ['45: Wave 2', '59: Wave 2']);
    // From the heading itself.
    assert.deepEqual(where(WAVES, planReferences(plan, cursor(WAVES, '### Wave ‸1: Foundations'), true)), ['37: Wave 1', '52: Wave 1']);
  });

  it('finds every wave that names an agent', () => {
    const text = edit(WAVES, '- Agent: `ui-ops`', '- Agent: `ui-ops`, `Schema-Sync`');
    assert.deepEqual(where(text, planReferences(editorPlanOf(text), cursor(text, '- Agents: `schema-‸sync` + `analytics`'), true)), ['38: schema-sync', '55: Schema-Sync']);
    assert.equal(planDefinition(editorPlanOf(text), cursor(text, '- Agents: `schema-‸sync` + `analytics`')), undefined);
  });

  it('has nothing on prose, on the template\'s empty waves, or on a reference to a wave that does not exist', () => {
    assert.deepEqual(planReferences(plan, cursor(WAVES, '  - [ ] Mapping ‸UI'), true), []);
    const template = editorPlanOf(DEFAULT_TEMPLATE_TEXT);
    assert.equal(planDefinition(template, cursor(DEFAULT_TEMPLATE_TEXT, '- Blocks/unblocks:‸')), undefined);
    const broken = repoFile('test/fixtures/waves/malformed.md');
    assert.equal(planDefinition(editorPlanOf(broken), cursor(broken, 'Wave ‸9')), undefined);
  });
});

describe('editor navigation: rename', () => {
  it('renames a wave in its heading and every reference, in one edit, from a reference', () => {
    const prepared = prepareRename(plan, cursor(WAVES, '- Blocks/unblocks: blocked by Wave ‸2'));
    assert.ok('range' in prepared);
    assert.equal(textAt(WAVES, prepared.range), 'Wave 2');
    assert.equal(prepared.placeholder, 'Wave 2');
    assert.deepEqual(renamed(WAVES, '- Blocks/unblocks: blocked by Wave ‸2', 'Wave 5'), ['- Blocks/unblocks: unblocks Wave 5', '### Wave 5: API', '- Blocks/unblocks: blocked by Wave 5']);
    // The identifier alone will do, a letter or a suffix too.
    assert.deepEqual(renamed(WAVES, '### Wave ‸1: Foundations', '1a'), ['### Wave 1a: Foundations', '- Blocks/unblocks: blocked by Wave 1a; unblocks Wave 3']);
  });

  it('keeps how each reference is written: `Waves 2 and 3`, `Wave #3`, emphasis in the heading', () => {
    const text = edit(edit(edit(WAVES, '- Blocks/unblocks: unblocks Wave 2', '- Blocks/unblocks: unblocks Waves 2 and 3'), '### Wave 3: Admin UX', '### **Wave 3**: Admin UX'), '- Blocks/unblocks: blocked by Wave 2\n', '- Blocks/unblocks: blocked by Wave #2\n');
    assert.deepEqual(renamed(text, '- Blocks/unblocks: unblocks Waves 2 and ‸3', 'Wave 7'), ['- Blocks/unblocks: unblocks Waves 2 and 7', '- Blocks/unblocks: blocked by Wave 1; unblocks Wave 7', '### **Wave 7**: Admin UX']);
    assert.deepEqual(renamed(text, '- Blocks/unblocks: blocked by Wave #‸2', 'Wave 4'), ['- Blocks/unblocks: unblocks Waves 4 and 3', '### Wave 4: API', '- Blocks/unblocks: blocked by Wave #4']);
  });

  it('renames an agent in every wave that names it, whatever its case', () => {
    const text = edit(WAVES, '- Agent: `ui-ops`', '- Agent: `ui-ops`, Schema-Sync (reviews)');
    assert.deepEqual(renamed(text, '- Agents: `schema-‸sync` + `analytics`', 'db-core'), ['- Agents: `db-core` + `analytics`', '- Agent: `ui-ops`, db-core (reviews)']);
  });

  it('refuses a name taken by another wave, a name that is not a wave\'s or an agent\'s, and prose', () => {
    const at = cursor(WAVES, '- Blocks/unblocks: blocked by Wave ‸2');
    assert.deepEqual(planRename(plan, at, 'Wave 1'), { refused: 'wave-exists', message: 'Wave 1 already exists in this plan.' });
    assert.equal((planRename(plan, at, 'Phase 2') as { refused: string }).refused, 'invalid-wave-name');
    assert.equal((planRename(plan, at, '') as { refused: string }).refused, 'invalid-wave-name');
    assert.deepEqual(planRename(plan, at, 'wave 2'), { edits: [{ range: { start: { line: 46, character: 9 }, end: { line: 46, character: 10 } }, newText: '2' }, { range: { start: { line: 44, character: 33 }, end: { line: 44, character: 34 } }, newText: '2' }, { range: { start: { line: 58, character: 35 }, end: { line: 58, character: 36 } }, newText: '2' }] });
    assert.equal((planRename(plan, cursor(WAVES, '- Agent: `ui-o‸ps`'), 'ui ops') as { refused: string }).refused, 'invalid-agent-name');
    assert.equal((planRename(plan, cursor(WAVES, '  - [ ] Mapping ‸UI'), 'x') as { refused: string }).refused, 'not-renamable');
    assert.equal((prepareRename(plan, cursor(WAVES, '## F) Agent‸-Team Plan')) as { refused: string }).refused, 'not-renamable');
  });
});

describe('editor navigation: document links', () => {
  it('links every wave reference that resolves to its wave\'s heading line', () => {
    assert.deepEqual(
      waveLinks(plan).map((l) => `${l.range.start.line + 1}: ${textAt(WAVES, l.range)} → ${l.targetLine + 1} ${l.title}`),
      ['45: Wave 2 → 47 Wave 2: API', '52: Wave 1 → 37 Wave 1: Foundations', '52: Wave 3 → 54 Wave 3: Admin UX', '59: Wave 2 → 47 Wave 2: API'],
    );
  });

  it('has none on the template, and none for a wave that does not exist', () => {
    assert.deepEqual(waveLinks(editorPlanOf(DEFAULT_TEMPLATE_TEXT)), []);
    assert.deepEqual(waveLinks(editorPlanOf(repoFile('test/fixtures/waves/malformed.md'))), []);
  });
});
