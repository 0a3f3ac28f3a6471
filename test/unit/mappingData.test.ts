// Section D as data: what the form shows, where the linter's findings land, and the JSON/CSV of
// `mapping export|import`.
import * as assert from 'node:assert/strict';
import { lintPlan } from '../../src/core/lint';
import { importFromCsv, importFromExchange, locateMappingFindings, MappingExchangeSchema, parseCsv, parseMappingJson, readMappingData, toMappingCsv, toMappingExchange } from '../../src/core/mappingData';
import { parsePlan } from '../../src/core/parser';

const PLAN = `# Acme

## D) Mapping Rules + Cardinality
| Mapping Purpose | \`source\` | External ID | Internal Entity | Cardinality | Enforced In | Notes |
|---|---|---|---|---|---|---|
| Primary | {source_a} | deal.owner | staff | 1:1 | app | "quoted", with comma |
| Secondary | acme | account.id |
| Third | acme | x | y | 1:N | DB | n | extra \\| cell |

- onConflict strategy: keep the newest
- Required metadata per mapping:
`;

describe('mapping matrix as data', () => {
  const model = parsePlan(PLAN);
  const data = readMappingData(model);

  it('reads the columns (known and the author\'s own), ragged rows and extra cells', () => {
    assert.equal(data.status, 'ready');
    assert.deepEqual(data.columns.map((c) => [c.key, c.header]), [
      ['purpose', 'Mapping Purpose'], ['source', 'source'], ['externalId', 'External ID'], ['internalEntity', 'Internal Entity'],
      ['cardinality', 'Cardinality'], ['enforcedIn', 'Enforced In'], [null, 'Notes'],
    ]);
    assert.deepEqual(data.rows[1]!.cells, ['Secondary', 'acme', 'account.id', null, null, null, null]);
    assert.deepEqual(data.rows[2]!.extra, ['extra | cell']);
    assert.deepEqual([data.fields.onConflict.value, data.fields.requiredMetadata.present, data.fields.requiredMetadata.value], ['keep the newest', true, '']);
  });

  it('tells a plan without section D from one whose section D has no table', () => {
    assert.equal(readMappingData(parsePlan('# Acme\n')).status, 'noSection');
    const noTable = readMappingData(parsePlan('# Acme\n\n## D) Mapping Rules + Cardinality\n- onConflict strategy: skip\n'));
    assert.equal(noTable.status, 'noTable');
    assert.equal(noTable.fields.onConflict.value, 'skip');
  });

  it('places the linter\'s findings on the cell, row or field they concern', () => {
    const located = locateMappingFindings(model, data, lintPlan(model));
    const where = (rule: string) => located.filter((f) => f.rule === rule).map((f) => f.target);
    assert.deepEqual(where('placeholder'), [{ kind: 'cell', row: 0, column: 1 }]);
    assert.deepEqual(where('mapping-rule-of-thumb'), [{ kind: 'cell', row: 0, column: 5 }]);
    assert.deepEqual(where('mapping-extra-cells'), [{ kind: 'row', row: 2 }]);
    assert.deepEqual(where('empty-field'), [{ kind: 'field', field: 'requiredMetadata' }]);
    // Nothing outside section D's matrix is placed on the form.
    assert.ok(located.every((f) => f.rule.startsWith('mapping-') || f.rule === 'placeholder' || f.rule === 'empty-field'));
  });

  it('exports JSON with every row\'s six keys and the fields that are present', () => {
    const exchange = toMappingExchange(data);
    assert.deepEqual(exchange.rows[1], { purpose: 'Secondary', source: 'acme', externalId: 'account.id', internalEntity: '', cardinality: '', enforcedIn: '' });
    assert.equal(exchange.onConflict, 'keep the newest');
    assert.equal(exchange.requiredMetadata, '');
    assert.ok(MappingExchangeSchema.safeParse(exchange).success);
  });

  it('exports CSV with the table\'s own header, quoting where needed, and parses it back', () => {
    const csv = toMappingCsv(data);
    const lines = csv.split('\n');
    assert.equal(lines[0], 'Mapping Purpose,source,External ID,Internal Entity,Cardinality,Enforced In,Notes');
    assert.equal(lines[1], 'Primary,{source_a},deal.owner,staff,1:1,app,"""quoted"", with comma"');
    const parsed = parseCsv(csv);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.records[1]![6], '"quoted", with comma');
  });

  it('parses CSV with CRLF, a BOM, quoted line breaks, and reports an unclosed quote', () => {
    const parsed = parseCsv('\uFEFFa,b\r\n"x\r\ny","z"\r\n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.records, [['a', 'b'], ['x\r\ny', 'z']]);
    const bad = parseCsv('a,b\n"open,c\n');
    assert.deepEqual(bad, { ok: false, message: 'line 2: a quoted field is never closed' });
  });

  it('matches CSV columns to the table by header, in any order, and refuses unknown or repeated ones', () => {
    const ok = importFromCsv(data, [['Cardinality', 'mapping purpose'], ['1:N', 'Only']]);
    assert.deepEqual(ok, { ok: true, value: { columns: [4, 0], rows: [['1:N', 'Only']] } });
    assert.match(JSON.stringify(importFromCsv(data, [['Owner'], ['x']])), /not a column of the table/);
    assert.match(JSON.stringify(importFromCsv(data, [['source', 'source'], ['a', 'b']])), /twice/);
    assert.match(JSON.stringify(importFromCsv(data, [['source', 'Notes'], ['a']])), /has 1 fields but the header has 2/);
  });

  it('reads import JSON strictly, with a message that says where it is wrong', () => {
    assert.match(JSON.stringify(parseMappingJson('{"rows": [{"purpose": 1}]}')), /rows\.0\.purpose/);
    assert.match(JSON.stringify(parseMappingJson('{"rows": [], "owner": "x"}')), /Unrecognized key/);
    assert.match(JSON.stringify(parseMappingJson('not json')), /not valid JSON/);
    assert.ok(parseMappingJson('\uFEFF{"rows": []}').ok);
  });

  it('refuses an import value for a column the table does not have', () => {
    const withoutEnforcement = readMappingData(parsePlan('## D) Mapping Rules + Cardinality\n| Purpose | Cardinality |\n|---|---|\n| A | 1:1 |\n'));
    assert.match(JSON.stringify(importFromExchange(withoutEnforcement, { rows: [{ purpose: 'A', enforcedIn: 'app' }] })), /no such column/);
    assert.ok(importFromExchange(withoutEnforcement, { rows: [{ purpose: 'A', enforcedIn: '' }] }).ok);
  });
});
