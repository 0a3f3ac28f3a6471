// Any bytes, any markdown, any YAML: the core never throws and every finding lies inside the
// document as VS Code numbers it. Fixed seeds keep failures reproducible; runs are bounded.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWorkspaceConfig } from '../../src/core/config';
import type { Finding } from '../../src/core/findings';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { applyTextEdits } from '../../src/core/mappingEdit';
import type { TextEdit } from '../../src/core/positions';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { lineCount } from '../../src/core/source';
import { applyTextEditsToBytes, decodeUtf8 } from '../../src/core/utf8';

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

  it('random bytes, invalid UTF-8 included, and random edits: applied to the bytes exactly as to the text, or refused', () => {
    const byteLines = fc.array(fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.constantFrom(new Uint8Array([0xe9]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode('é😀| a |'))), { maxLength: 12 });
    const file = fc.tuple(byteLines, fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 12, maxLength: 12 })).map(([lines, breaks]) => Buffer.concat(lines.flatMap((line, k) => [Buffer.from(line), Buffer.from(breaks[k]!)])));
    const pick = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 6 }).filter((t) => !/[\uD800-\uDFFF]/.test(t)));
    fc.assert(
      fc.property(file, fc.array(pick, { maxLength: 3 }), (bytes, picks) => {
        const text = decodeUtf8(bytes);
        const lines = documentLines(text);
        // Non-overlapping edits at positions inside the text, as VS Code numbers them.
        const points = picks.map(([line, character, span, extra, newText]) => {
          const l = line % lines.length;
          const start = { line: l, character: character % (lines[l]!.length + 1) };
          const endLine = Math.min(lines.length - 1, l + (span % 2));
          const endCharacter = endLine === l ? Math.min(lines[l]!.length, start.character + (extra % 4)) : extra % (lines[endLine]!.length + 1);
          return { range: { start, end: { line: endLine, character: endCharacter } }, newText };
        });
        const edits: TextEdit[] = [];
        for (const edit of points.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)) {
          const last = edits[edits.length - 1];
          // Strictly after the previous one: two insertions at one place have no defined order.
          if (!last || edit.range.start.line > last.range.end.line || (edit.range.start.line === last.range.end.line && edit.range.start.character > last.range.end.character)) edits.push(edit);
        }
        const result = applyTextEditsToBytes(bytes, edits);
        if (!result.ok) {
          assert.ok(result.message.length > 0 && !result.message.includes('\n'));
          return;
        }
        assert.equal(decodeUtf8(result.bytes), applyTextEdits(text, edits));
        if (edits.length === 0) assert.deepEqual(Buffer.from(result.bytes), bytes);
      }),
      { seed: SEED + 5, numRuns: 2000 },
    );
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
