// Any bytes, any markdown, any YAML: the core never throws and every finding lies inside the
// document as VS Code numbers it. Fixed seeds keep failures reproducible; runs are bounded.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWorkspaceConfig } from '../../src/core/config';
import type { Finding } from '../../src/core/findings';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { lineCount } from '../../src/core/source';

const SEED = 20240611;

// VS Code's lines: BOM dropped, CRLF, CR and LF all break a line.
function documentLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

function assertInside(text: string, findings: Finding[]): void {
  const lines = documentLines(text);
  for (const f of findings) {
    const { start, end } = f.range;
    const where = `${f.rule} ${JSON.stringify(f.range)} in ${JSON.stringify(text.slice(0, 300))}`;
    assert.ok(start.line >= 0 && start.character >= 0, where);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), where);
    assert.ok(end.line < lines.length, where);
    assert.ok(start.character <= lines[start.line]!.length, where);
    assert.ok(end.character <= lines[end.line]!.length, where);
    assert.ok(f.message.length > 0 && !f.message.includes('\n'), where);
  }
}

function lintsSafely(text: string): void {
  const model = parsePlan(text);
  assert.equal(lineCount(model.source), documentLines(text).length);
  assertInside(text, lintPlan(model));
}

// Pieces plans are made of, including the awkward ones §3 names.
const FRAGMENTS = [
  ...DEFAULT_TEMPLATE_TEXT.split('\n'),
  '---', '...', 'status: go', 'status: ready-for-review', 'status: [', 'kind: connector-rollout-plan', 'status: shipped',
  '## A) Business Goal', '# D) Mapping Rules + Cardinality', '### I) Operational Go/No-Go', 'Business Goal', '=====', '-----',
  '* Scope:', '+ Deliverables:', '1. Risk 1:', '2) Q1:', '  - nested:', '    - [ ] deep task', '- [x] done', '- [ ]', '- [X]',
  '- Link 1: {external field} -> {internal entity + key}', '- Data pull mode: incremental / snapshot / hybrid',
  '| a | b | c | d | e | f |', '|---|---|---|---|---|---|', 'a | b', '--|--', '| `x \\| {y}` | {z} |', '| ` | {d} | ` |',
  '| Primary | `{source_a}` | {id} | x | 1-N | trigger | extra |', '| P | s | e | x | 1:1 | app |', '| P | s | e |',
  '```', '~~~', '    {indented}', '`{code}`', '`` {double} ``', '\\{escaped\\}', '{', '}', '{}', '`', '``', '\\', '|', '\\|',
  '<div>', '</div>', '> quote {q}', '', ' ', '\t', '\u0000', '\uFEFF', '\uD800', '\uDC00', 'é', '😀', '中文',
];
const SEPARATORS = ['\n', '\r\n', '\r', '', ' ', '\n\n'];

const markdown = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...SEPARATORS)), { maxLength: 60 })
  .chain((parts) => fc.boolean().map((bom) => (bom ? '\uFEFF' : '') + parts.map(([f, s]) => f + s).join('')));

// UTF-16 code units of any value: lone surrogates, NUL and lone CRs included.
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 }).map((units) => String.fromCharCode(...units));
const bytesAsText = fc.uint8Array({ maxLength: 600 }).chain((bytes) =>
  fc.constantFrom(
    new TextDecoder('utf-8').decode(bytes),
    Buffer.from(bytes).toString('latin1'),
    Buffer.from(bytes).toString('utf16le'),
  ),
);
const crOnly = fc.array(fc.constantFrom('- Scope:', '\r', '## A) Business Goal', '| a | b |', '|---|---|', '{x}', '---', 'status: go'), { maxLength: 40 }).map((p) => p.join(''));

const YAML_FRAGMENTS = [
  'docsFolder: docs', 'planGlob: "**/*.md"', 'template: t.md', 'rules:', '  placeholder: error', '  placeholder: off', '  bogus: warn',
  '  empty-field: [', 'agents:', '  - schema-sync', '  - ""', 'waveSequencing:', '  - [schema-sync, qa]', '  - []', 'unknown: 1',
  '&a [x, x]', '*a', '*b', '? complex', ': key', '- list', '---', '...', '%YAML 1.2', '!!binary x', '"unclosed', "'", '{', '}', '#',
  '\t', '  ', '\u0000', '\uFEFF', '\uD800',
];
const yaml = fc
  .array(fc.tuple(fc.constantFrom(...YAML_FRAGMENTS), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

describe('fuzz: the core never throws and keeps findings inside the document', function () {
  this.timeout(60000);

  it('random markdown assembled from plan fragments, with BOM/CRLF/CR/NUL/surrogates', () => {
    fc.assert(fc.property(markdown, lintsSafely), { seed: SEED, numRuns: 2000 });
  });

  it('random UTF-16 code units (lone surrogates, NUL, lone CR)', () => {
    fc.assert(fc.property(codeUnits, lintsSafely), { seed: SEED + 1, numRuns: 1000 });
  });

  it('random bytes decoded as UTF-8, Latin-1 and UTF-16', () => {
    fc.assert(fc.property(bytesAsText, lintsSafely), { seed: SEED + 2, numRuns: 1000 });
  });

  it('plans whose only line break is CR', () => {
    fc.assert(fc.property(crOnly, lintsSafely), { seed: SEED + 3, numRuns: 500 });
  });

  it('random YAML to parseWorkspaceConfig: findings, never a throw, inside the file', () => {
    fc.assert(
      fc.property(fc.oneof(yaml, codeUnits), (text) => {
        const result = parseWorkspaceConfig(text);
        assert.ok(result.config !== undefined || result.findings.some((f) => f.severity === 'error'), 'a rejected file says why');
        for (const f of result.findings) assert.equal(f.rule, 'config');
        assertInside(text, result.findings);
      }),
      { seed: SEED + 4, numRuns: 1500 },
    );
  });
});
