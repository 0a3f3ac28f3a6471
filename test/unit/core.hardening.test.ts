// Defects found by trying to break the core (issue 12), each checked where it was found.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { lintPlan } from '../../src/core/lint';
import { readMappingData, toMappingCsv } from '../../src/core/mappingData';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { readWaves } from '../../src/core/waves';
import { toWavesReport } from '../../src/cli/schemas';

const ROSTER = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

describe('core: plans built to be slow to read', function () {
  this.timeout(60000);

  it('reads 90,000 section Fs of one empty wave each (3 MB): every wave, each section on its own', () => {
    const text = '## F) Agent-Team Plan\n### Wave 1\n\n'.repeat(90_000);
    const model = parsePlan(text);
    assert.equal(model.sections.length, 90_000);
    const waves = readWaves(model, ROSTER);
    assert.equal(waves.waves.length, 90_000);
    assert.ok(waves.waves.every((wave, k) => wave.line === 3 * k + 1 && wave.endLine === (k === 89_999 ? 270_001 : 3 * k + 3)));
    assert.deepEqual(lintPlan(model).filter((f) => f.rule.startsWith('wave-')), []);
  });

  it('reads a section F of three waves written 10,000 times (2.3 MB): agents, tasks and references of each', () => {
    const unit = [
      '## F) Agent-Team Plan',
      '### Wave 1', '- Agent: `schema-sync`', '- Tasks:', '  - [ ] Migration', '- Blocks/unblocks: unblocks Wave 2', '',
      '### Wave 2', '- Agent: `api-integration`', '- Tasks:', '  - [x] Endpoint', '- Blocks/unblocks: blocked by Wave 1; unblocks Wave 3', '',
      '### Wave 3', '- Agent: `ui-ops`', '- Tasks:', '  - [ ] View', '- Blocks/unblocks: blocked by Wave 2', '', '',
    ].join('\n');
    const model = parsePlan(unit.repeat(10_000));
    const { waves, progress } = readWaves(model, ROSTER);
    assert.equal(waves.length, 30_000);
    assert.deepEqual(progress, { done: 10_000, total: 30_000 });
    assert.deepEqual(waves.slice(-3).map((w) => [w.name, w.agents, w.total]), [['Wave 1', ['schema-sync'], 1], ['Wave 2', ['api-integration'], 1], ['Wave 3', ['ui-ops'], 1]]);
    // References name the first wave of each number; none is unknown.
    assert.deepEqual(lintPlan(model).filter((f) => f.rule === 'wave-unknown-reference'), []);
  });
});

describe('core: a wave that waits for itself', () => {
  const text = ['# P', '## F) Agent-Team Plan', '### Wave 1', '- Agent: `schema-sync`', '- Tasks:', '  - [ ] Migration', '- Blocks/unblocks: blocked by Wave 1', '',
    '### Wave 2', '- Agent: `analytics`', '- Tasks:', '  - [ ] Metric', '- Blocks/unblocks: blocked by Wave 3', '', '### Wave 3', '- Agent: `analytics`',
    '- Tasks:', '  - [ ] Recompute', '- Blocks/unblocks: blocked by Wave 2', ''].join('\n');

  it('is blocked, as two waves waiting for each other are, while its tasks are open', () => {
    const report = toWavesReport(readWaves(parsePlan(text), ROSTER));
    assert.deepEqual(report.waves.map((w) => [w.name, w.status, w.blockedBy]), [['Wave 1', 'blocked', ['Wave 1']], ['Wave 2', 'blocked', ['Wave 3']], ['Wave 3', 'blocked', ['Wave 2']]]);
  });

  it('is the cycle the lint reports', () => {
    const cycles = lintPlan(parsePlan(text)).filter((f) => f.rule === 'wave-cycle').map((f) => f.message);
    assert.deepEqual(cycles, ['Wave 1 is blocked by itself.', 'Waves block each other in a cycle: Wave 2 → Wave 3 → Wave 2; none of them can start.']);
  });

  it('is done once its tasks are done', () => {
    const report = toWavesReport(readWaves(parsePlan(text.replace('  - [ ] Migration', '  - [x] Migration')), ROSTER));
    assert.equal(report.waves[0]!.status, 'done');
  });
});

describe('core: a mapping matrix inside a blockquote', () => {
  const plain = DEFAULT_TEMPLATE_TEXT;
  const table = plain.slice(plain.indexOf('| Mapping Purpose'), plain.indexOf('\n\n- onConflict'));
  const quoted = plain.replace(table, table.split('\n').map((line) => `> ${line}`).join('\n'));

  it('exports the same CSV as the plain table: no column for the quote marker', () => {
    assert.notEqual(quoted, plain);
    assert.equal(toMappingCsv(readMappingData(parsePlan(quoted))), toMappingCsv(readMappingData(parsePlan(plain))));
    assert.match(toMappingCsv(readMappingData(parsePlan(quoted))), /^Mapping Purpose,source,/);
  });

  it('gives cell ranges on the cells, after the quote marker', () => {
    const model = parsePlan(quoted);
    const header = model.tables[0]!.header;
    assert.equal(header.cells[0]!.text, 'Mapping Purpose');
    assert.equal(header.cells[0]!.range.start.character, 4);
  });
});

describe('core: content nested past markdown-it\'s limit', () => {
  it('is reported once, at information severity, where it starts', () => {
    const deep = `${'>'.repeat(150)} - Scope: {placeholder}\n`;
    const findings = lintPlan(parsePlan(`# Plan\n\n${deep}${deep}`)).filter((f) => f.rule === 'nesting-too-deep');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'info');
    assert.equal(findings[0]!.range.start.line, 2);
  });

  it('is not reported for a plan nested a few levels deep', () => {
    const text = '# Plan\n\n> > - Scope: a\n>   - Owner: b\n';
    assert.deepEqual(lintPlan(parsePlan(text)).filter((f) => f.rule === 'nesting-too-deep'), []);
  });
});

describe('core: front matter read without yaml is what yaml reads', () => {
  const key = fc.constantFrom('kind', 'status', 'connector', 'created', 'x-y', 'True', '1', 'a b', 'owner_name');
  const value = fc.constantFrom('go', 'draft', 'ready-for-review', 'null', 'True', '1', '1.5', '0x1F', '.inf', 'a b', 'x-y', '2026-11-20', 'v1.2', '-x',
    'a:b', "'q'", '~', '', 'a  b', 'a_b', '1e3', '+1', 'HubSpot', 'connector-rollout-plan', 'a #c', '.5', '_x', 'a/b', '[a]', '{b: 1}', '|', '- a');
  const line = fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ' : '), value, fc.constantFrom('', '  ', '\t')).map(([k, sep, v, end]) => `${k}${sep}${v}${end}`);

  it('on random front matters of key: value lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), (lines) => {
        const yamlText = lines.length ? `${lines.join('\n')}\n` : '';
        const fm = parsePlan(`---\n${yamlText}---\n# Plan\n`).frontMatter!;
        const doc = parseDocument(yamlText, { uniqueKeys: false });
        const isMapping = doc.contents === null || (typeof doc.toJS() === 'object' && !Array.isArray(doc.toJS()));
        if (doc.errors.length > 0 || !isMapping) {
          assert.ok(fm.error, `an error for ${JSON.stringify(yamlText)}`);
          return;
        }
        assert.equal(fm.error, undefined, JSON.stringify(yamlText));
        assert.deepEqual(fm.data, doc.contents === null ? {} : doc.toJS(), JSON.stringify(yamlText));
        const data = (doc.toJS() ?? {}) as Record<string, unknown>;
        assert.equal(fm.status, 'status' in data ? String(data.status ?? '') : undefined);
      }),
      { seed: 20261129, numRuns: 3000 },
    );
  });

  it('gives the status the range of its value', () => {
    const model = parsePlan('---\nkind: connector-rollout-plan\nstatus:   go  \n---\n# Plan\n');
    assert.deepEqual(model.frontMatter?.statusRange, { start: { line: 2, character: 10 }, end: { line: 2, character: 12 } });
  });
});
