// The mapping-matrix rules of §3 on section D: cardinality, enforcement, the playbook's rule of
// thumb, duplicates and extra cells, with one finding per problem.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellValue, isValidCardinality, namesApp, namesDb, normalizeCardinality, readMappingMatrix } from '../../src/core/mapping';
import { parsePlan } from '../../src/core/parser';
import { fixture, fullDescription, lintFindings, lintText } from '../fixtures/lintFixtures';

const MAPPING_RULES = ['placeholder', 'mapping-cardinality', 'mapping-enforcement', 'mapping-rule-of-thumb', 'mapping-duplicate', 'mapping-extra-cells'] as const;

describe('core: mapping matrix rules', () => {
  const text = fixture('edge/mapping.md');

  it('finds exactly the matrix problems of edge/mapping.md, one per problem', () => {
    assert.deepEqual(lintText(text, {}, MAPPING_RULES), [
      '8:48-8:51 error mapping-cardinality',
      '9:46-9:50 error mapping-cardinality',
      '10:41-10:42 error mapping-cardinality',
      '11:63-11:70 error mapping-enforcement',
      '12:59-12:60 error mapping-enforcement',
      '13:59-13:68 warning mapping-rule-of-thumb',
      '15:15-15:34 error mapping-duplicate',
      '16:17-16:27 warning placeholder',
      '16:30-16:34 warning placeholder',
      '16:37-16:45 warning placeholder',
      '16:48-16:57 warning placeholder',
      '16:60-16:68 warning placeholder',
      '17:23-17:33 warning placeholder',
      '17:38-17:42 warning placeholder',
      '17:47-17:55 warning placeholder',
      '17:60-17:72 warning placeholder',
      '17:77-17:85 warning placeholder',
      '18:52-18:59 error mapping-cardinality',
      '18:62-18:80 error mapping-enforcement',
      '19:58-19:71 warning mapping-extra-cells',
      '20:42-20:43 error mapping-cardinality',
      '20:42-20:43 error mapping-enforcement',
    ]);
  });

  it('accepts 1 : n and 1:n (case and spaces ignored), DB and app in any wording', () => {
    const lines = lintFindings(text, {}, MAPPING_RULES).map((f) => f.range.start.line + 1);
    for (const validRow of [6, 7, 14]) assert.ok(!lines.includes(validRow), `row on line ${validRow} is valid`);
  });

  it('says what a bad cardinality should be, and carries the normalised value for the quick fix', () => {
    const cardinality = lintFindings(text, {}, ['mapping-cardinality']);
    assert.deepEqual(cardinality.map((f) => f.message), [
      'Cardinality "1-N" is not 1:1 or 1:N: did you mean 1:N?',
      'Cardinality "many" is not 1:1 or 1:N.',
      'Cardinality is empty: use 1:1 or 1:N.',
      'Cardinality "1:{n}" is not 1:1 or 1:N.',
      'Cardinality is missing from this row: use 1:1 or 1:N.',
    ]);
    assert.deepEqual(cardinality[0]!.data, { kind: 'cardinality', normalized: '1:N' });
    assert.deepEqual(cardinality[1]!.data, { kind: 'cardinality', normalized: undefined });
  });

  it('reports a 1:1 enforced only in app logic (the rule of thumb), not one enforced in the DB too', () => {
    const findings = lintFindings(text, {}, ['mapping-rule-of-thumb']);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, 'A true 1:1 mapping belongs in a DB constraint (e.g. a partial unique index), not only in app logic.');
  });

  it('reports a duplicate source + external ID at the later row, case-insensitively and through code spans', () => {
    const [duplicate] = lintFindings(text, {}, ['mapping-duplicate']);
    assert.equal(duplicate!.message, 'Same source and external ID as the row on line 6.');
    assert.equal(duplicate!.range.start.line, 14);
  });

  it('reports a cell that holds a placeholder as a placeholder only, in prose or in a code span', () => {
    const onPlaceholderRows = lintFindings(text).filter((f) => f.range.start.line === 15 || f.range.start.line === 16);
    assert.deepEqual([...new Set(onPlaceholderRows.map((f) => f.rule))], ['placeholder']);
  });

  it('checks cells whose braces are code with other content: they are no placeholder, so the cell is judged', () => {
    const row18 = lintFindings(text).filter((f) => f.range.start.line === 17).map((f) => f.rule);
    assert.deepEqual(row18, ['mapping-cardinality', 'mapping-enforcement']);
  });

  it('reports extra cells without dropping them from the row, and a short row for each missing cell', () => {
    const matrix = readMappingMatrix(parsePlan(text))!;
    const extra = matrix.rows.find((r) => r.line === 18)!;
    assert.deepEqual(extra.extraCells.map((c) => c.text), ['stray', 'cells']);
    assert.equal(extra.cells.length, 8);
    assert.deepEqual(fullDescription(text).filter((d) => d.startsWith('19:') || d.startsWith('20:')), [
      '19:58-19:71 warning mapping-extra-cells This row has 8 cells but the header has 6; the extra cells are not part of the matrix.',
      '20:42-20:43 error mapping-cardinality Cardinality is missing from this row: use 1:1 or 1:N.',
      '20:42-20:43 error mapping-enforcement Enforced In is missing from this row: name the DB constraint or the app.',
    ]);
  });

  it('picks the table with a Cardinality column and reads onConflict and required metadata below it', () => {
    const matrix = readMappingMatrix(parsePlan(text))!;
    assert.equal(matrix.table.startLine, 3);
    assert.equal(matrix.rows.length, 15);
    assert.equal(matrix.onConflict?.value, 'upsert');
    assert.equal(matrix.requiredMetadata?.value, '`matched_by`');
  });

  it('reads cells with escaped pipes, in text and in code spans, without outer pipes', () => {
    const matrix = readMappingMatrix(parsePlan(fixture('plans/notion-star-lists.md')))!;
    assert.deepEqual(matrix.rows.map((r) => r.columns.externalId?.text), ['page ID', 'user ID | bot ID', '`ws|id`']);
    const editor = matrix.rows[1]!.columns.externalId!;
    assert.equal(editor.raw.trim(), 'user ID \\| bot ID');
    assert.deepEqual(editor.range, { start: { line: 24, character: 30 }, end: { line: 24, character: 47 } });
  });

  it('normalises cardinalities written in other ways, and validates only 1:1 and 1:N', () => {
    assert.equal(normalizeCardinality(' 1 : n '), '1:N');
    assert.equal(normalizeCardinality('`1-N`'), '1:N');
    assert.equal(normalizeCardinality('one-to-one'), '1:1');
    assert.equal(normalizeCardinality('1:many'), '1:N');
    assert.equal(normalizeCardinality('many'), undefined);
    assert.equal(normalizeCardinality('N:M'), undefined);
    assert.equal(isValidCardinality('1 : n'), true);
    assert.equal(isValidCardinality('1-N'), false);
    assert.equal(isValidCardinality('`1:1`'), true);
  });

  it('tells DB from app enforcement by word', () => {
    assert.equal(namesDb('DB partial unique'), true);
    assert.equal(namesDb('database constraint'), true);
    assert.equal(namesDb('dbt model'), false);
    assert.equal(namesApp('app (mapping service)'), true);
    assert.equal(namesApp('application logic'), true);
    assert.equal(namesApp('happy path'), false);
    assert.equal(cellValue('`DB/app`'), 'DB/app');
    assert.equal(cellValue('`a` and `b`'), '`a` and `b`');
  });

  it('reads a code span around a whole cell as the regex of its definition does, without the regex', () => {
    // The definition: a run of backticks, the inside (not starting or ending with a backtick, no
    // line break in between), the same run; unless the inside holds a run as long as the fence.
    const byDefinition = (text: string): string => {
      const match = /^(`+)\s?([^`](?:.*?[^`])?)\s?\1$/.exec(text);
      const runs = (match?.[2]!.match(/`+/g) ?? []).map((run) => run.length);
      return !match || runs.includes(match[1]!.length) ? text.trim() : match[2]!.trim();
    };
    for (const text of ['`x`', '`` `x` ``', '` `', '``', '`', '```a```', '``a`', '`a``', '`a\u2028b`', '`\u2028`', ' `x` ', '`a` `b`', '``a`b``', '``a``b``']) {
      assert.equal(cellValue(text), byDefinition(text), JSON.stringify(text));
    }
    const piece = fc.constantFrom('`', '``', '```', ' ', 'a', 'DB', '\u2028', '\n', '|', '\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(cellValue(text), byDefinition(text));
      }),
      { seed: 20261122, numRuns: 5000 },
    );
  });
});
