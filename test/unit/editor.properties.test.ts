// Editor intelligence on any plan and at any position: nothing throws, every completion replaces a
// range on the cursor's line that holds the cursor, every hover covers the cursor, every rename edit
// lies inside the document. Every fixture and sample plan at every line, and random plans.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { configCompletions, configHover } from '../../src/core/editor/configEditing';
import { planCompletions } from '../../src/core/editor/completion';
import type { EditorPlan } from '../../src/core/editor/editorPlan';
import { planHover } from '../../src/core/editor/hover';
import { planDefinition, planReferences, planRename, prepareRename, waveLinks } from '../../src/core/editor/navigation';
import type { Position, Range } from '../../src/core/positions';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { REPO, editorPlanOf, repoFile } from './editorSupport';

const SEED = 20261130;

function documentLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

function inside(lines: readonly string[], range: Range, where: string): void {
  assert.ok(range.start.line >= 0 && range.end.line < lines.length, where);
  assert.ok(range.start.line < range.end.line || range.start.character <= range.end.character, where);
  assert.ok(range.start.character >= 0 && range.start.character <= lines[range.start.line]!.length, where);
  assert.ok(range.end.character <= lines[range.end.line]!.length, where);
}

function holds(range: Range, position: Position): boolean {
  return range.start.line === position.line && range.end.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
}

/** Every feature at one position: checked, never throwing. */
function probe(plan: EditorPlan, lines: readonly string[], position: Position): void {
  const where = `${JSON.stringify(position)} on ${JSON.stringify(lines[position.line])}`;
  for (const item of planCompletions(plan, position)) {
    assert.ok(holds(item.range, position), `completion ${item.label} ${JSON.stringify(item.range)} at ${where}`);
    inside(lines, item.range, where);
    assert.ok(item.label.length > 0 && item.sortText.length > 0, where);
  }
  const hover = planHover(plan, position);
  if (hover) {
    assert.ok(hover.range.start.line <= position.line && position.line <= hover.range.end.line, `hover at ${where}`);
    inside(lines, hover.range, where);
    assert.ok(hover.contents.length > 0, where);
  }
  const definition = planDefinition(plan, position);
  if (definition) inside(lines, definition.targetRange, where);
  for (const range of planReferences(plan, position, true)) inside(lines, range, where);
  const prepared = prepareRename(plan, position);
  if ('range' in prepared) {
    assert.ok(holds(prepared.range, position), `rename range at ${where}`);
    const renamed = planRename(plan, position, prepared.placeholder.startsWith('Wave') ? 'Wave 99' : 'renamed-agent');
    if ('edits' in renamed) for (const edit of renamed.edits) inside(lines, edit.range, where);
  }
}

function probeEverywhere(text: string): void {
  const plan = editorPlanOf(text);
  const lines = documentLines(text);
  for (const link of waveLinks(plan)) inside(lines, link.range, 'link');
  lines.forEach((line, l) => {
    for (const character of new Set([0, Math.min(1, line.length), Math.floor(line.length / 2), Math.max(0, line.length - 1), line.length])) probe(plan, lines, { line: l, character });
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
}

describe('editor intelligence: any plan, any position', function () {
  this.timeout(120_000);

  it('on every fixture and sample plan, at five places on every line', () => {
    const files = [...markdownFiles(join(REPO, 'test', 'fixtures')), ...markdownFiles(join(REPO, 'examples'))];
    assert.ok(files.length > 20);
    probeEverywhere(DEFAULT_TEMPLATE_TEXT);
    for (const file of files) probeEverywhere(repoFile(file.slice(REPO.length + 1)));
  });

  it('on random plans made of the template\'s and the waves\' own lines, mixed with noise', () => {
    const pieces = [
      ...documentLines(DEFAULT_TEMPLATE_TEXT),
      ...documentLines(repoFile('test/fixtures/waves/HUBSPOT-ROLLOUT-PLAN.md')),
      '---', 'status: go', 'kind: connector-rollout-plan', '| a | b |', '|', '- ', '## ', '###', '- Agent: `', '- Blocks/unblocks: Waves 2 and', '  - [ ] ', '\t- Agents:', '```', '> | x |', '- Wave 1: x', '### Wave', '### **Wave 2a**: y',
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (chunks, eol) => {
        probeEverywhere(chunks.join(eol));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('in .connector-playbook.yaml, whatever it holds', () => {
    const texts = [repoFile('examples/.connector-playbook.yaml'), ...readdirSync(join(REPO, 'test', 'fixtures', 'config')).map((f) => repoFile(`test/fixtures/config/${f}`))];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...texts.flatMap(documentLines), 'rules:', '  ', '  - [', 'agents: [a, ', '- '), fc.string({ maxLength: 10 })), { maxLength: 30 }), (chunks) => {
        texts.push(chunks.join('\n'));
      }),
      { seed: SEED, numRuns: 50 },
    );
    for (const text of texts) {
      const lines = documentLines(text);
      lines.forEach((line, l) => {
        for (const character of new Set([0, Math.floor(line.length / 2), line.length])) {
          const position = { line: l, character };
          for (const item of configCompletions(text, position)) assert.ok(holds(item.range, position), `${item.label} at ${JSON.stringify(position)} in ${JSON.stringify(line)}`);
          const hover = configHover(text, position);
          if (hover) assert.ok(holds(hover.range, position), JSON.stringify(position));
        }
      });
    }
  });
});
