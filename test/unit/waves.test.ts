import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { generatePlan } from '../../bench/generatePlan';
import type { Finding } from '../../src/core/findings';
import type { PlanWaves, Wave, WaveRoster } from '../../src/core/waves';
import { agentNames, lintWaves, readWaveOutline, readWaves, taskCheckEdit } from '../../src/core/waves';
import { toWavesReport, WavesReportSchema } from '../../src/cli/schemas';

const FIXTURES = join(__dirname, '..', 'fixtures', 'waves');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const DEFAULTS: WaveRoster = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

function waves(text: string, options: WaveRoster = DEFAULTS): PlanWaves {
  return readWaves(parsePlan(text), options);
}
function lint(text: string, options: WaveRoster = DEFAULTS): Finding[] {
  return lintWaves(readWaveOutline(parsePlan(text)), options);
}
function byName(plan: PlanWaves, name: string): Wave {
  const wave = plan.waves.find((w) => w.name === name);
  assert.ok(wave, `no ${name} in ${plan.waves.map((w) => w.name).join(', ')}`);
  return wave;
}
/** The text a range covers, for checking where findings and names point. */
function at(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  assert.equal(range.start.line, range.end.line);
  return text.split(/\r?\n/)[range.start.line]!.slice(range.start.character, range.end.character);
}
/** A plan with only section F (and I), one wave per entry of `bodies`. */
function plan(...bodies: string[]): string {
  return ['# Test Connector Rollout Plan', '', '## F) Agent-Team Plan', ...bodies.map((b, i) => `### Wave ${i + 1}\n${b}\n`), '## I) Operational Go/No-Go', '- [ ] Auth and connection test pass', ''].join('\n');
}

describe('waves: reading section F', () => {
  it('reads the template: three empty waves, nothing to flag, five go/no-go items', () => {
    const result = waves(DEFAULT_TEMPLATE_TEXT);
    assert.deepEqual(
      result.waves.map((w) => [w.name, w.agents, w.done, w.total, w.status, w.references.length]),
      [
        ['Wave 1', [], 0, 0, 'not-started', 0],
        ['Wave 2', [], 0, 0, 'not-started', 0],
        ['Wave 3', [], 0, 0, 'not-started', 0],
      ],
    );
    assert.deepEqual(result.progress, { done: 0, total: 0 });
    assert.equal(result.goNoGo.total, 5);
    assert.equal(result.goNoGo.checked, 0);
    assert.deepEqual(lint(DEFAULT_TEMPLATE_TEXT), []);
  });

  it('reads a filled plan: agents, nested tasks, references, progress and go/no-go', () => {
    const text = fixture('HUBSPOT-ROLLOUT-PLAN.md');
    const result = waves(text);
    assert.deepEqual(
      result.waves.map((w) => [w.name, w.title, w.agents, w.done, w.total]),
      [
        ['Wave 1', 'Wave 1: Foundations', ['schema-sync', 'analytics'], 3, 5],
        ['Wave 2', 'Wave 2: API', ['api-integration'], 0, 2],
        ['Wave 3', 'Wave 3: Admin UX', ['ui-ops'], 0, 2],
      ],
    );
    const wave1 = byName(result, 'Wave 1');
    assert.deepEqual(
      wave1.tasks.map((t) => [t.text, t.checked, t.parentTask]),
      [
        ['Migrations for hubspot_sync_state and mappings', true, undefined],
        ['Watermark and lease logic', true, undefined],
        ['Deal-stage velocity algorithm', false, undefined],
        ['Edge case: deals reopened after close', true, 2],
        ['Edge case: stage renamed in HubSpot', false, 2],
      ],
    );
    // One `Agents:` field naming two agents: one group holding every task of the wave.
    assert.equal(wave1.agentGroups.length, 1);
    assert.deepEqual(wave1.agentGroups[0]!.agents.map((a) => at(text, a.range)), ['schema-sync', 'analytics']);
    assert.deepEqual([wave1.agentGroups[0]!.done, wave1.agentGroups[0]!.total], [3, 5]);
    // The check character of each task is the one between the brackets.
    for (const task of wave1.tasks) assert.equal(at(text, task.checkRange), task.checked ? 'x' : ' ');
    const wave2 = byName(result, 'Wave 2');
    assert.deepEqual(wave2.references.map((r) => [r.text, r.direction, r.target, at(text, r.range)]), [
      ['Wave 1', 'blocked-by', 0, 'Wave 1'],
      ['Wave 3', 'unblocks', 2, 'Wave 3'],
    ]);
    assert.deepEqual(result.progress, { done: 3, total: 9 });
    assert.deepEqual([result.goNoGo.checked, result.goNoGo.total], [2, 5]);
    assert.deepEqual(result.goNoGo.items.map((i) => i.checked), [true, true, false, false, false]);
    assert.deepEqual(lint(text), []);
  });

  it('reads several agents per wave in every layout, tasks going with the agent they follow', () => {
    const text = fixture('agent-layouts.md');
    const result = waves(text);
    const groups = (name: string) =>
      byName(result, name).agentGroups.map((g) => [g.agents.map((a) => a.name).join(' + '), g.tasks.map((t) => byName(result, name).tasks[t]!.text)]);
    // Agent and Tasks fields one after the other.
    assert.deepEqual(groups('Wave 1'), [
      ['schema-sync', ['Migrations']],
      ['analytics', ['Recompute job']],
    ]);
    // Agents as nested items, each holding its tasks; a description in parentheses is not an agent.
    assert.deepEqual(groups('Wave 2'), [
      ['api-integration', ['test-connection', 'sync endpoint']],
      ['analytics', ['Analytics endpoint contract']],
    ]);
    // A comma-and list, ordered task items, `[X]`.
    assert.deepEqual(groups('Wave 3'), [['ui-ops + schema-sync + analytics', ['Status views', 'Docs alignment']]]);
    assert.equal(byName(result, 'Wave 3').done, 1);
    // Nested agent items with the tasks after the field: one group for both; nested tasks go with their parent.
    assert.deepEqual(groups('Wave 4'), [['ui-ops + api-integration', ['Strict review pass', 'Phase 1', 'Phase 2']]]);
    assert.deepEqual(byName(result, 'Wave 4').tasks.map((t) => t.parentTask), [undefined, 0, 0]);
    assert.equal(byName(result, 'Wave 4').title, 'Wave 4 — Final review');
    // `Waves 2 and 3`: two references; nested Blocks/unblocks items keep their own direction.
    assert.deepEqual(byName(result, 'Wave 1').references.map((r) => [at(text, r.range), r.id, r.direction]), [
      ['Waves 2', '2', 'unblocks'],
      ['3', '3', 'unblocks'],
    ]);
    assert.deepEqual(byName(result, 'Wave 2').references.map((r) => [r.text, r.direction]), [
      ['Wave 1', 'blocked-by'],
      ['Wave 3', 'unblocks'],
    ]);
    assert.deepEqual(byName(result, 'Wave 3').references.map((r) => [r.text, r.direction]), [['Wave 2', 'blocked-by']]);
    assert.deepEqual(result.progress, { done: 4, total: 10 });
    assert.deepEqual(lint(text), []);
  });

  it('keeps going on malformed sections: a wave without a number, a field without a colon, prose, waves outside F', () => {
    const text = fixture('malformed.md');
    const result = waves(text);
    assert.deepEqual(result.waves.map((w) => [w.name, w.id, w.agents, w.total]), [
      ['Wave', undefined, [], 0],
      ['Wave 2', '2', [], 1],
    ]);
    // A task with no agent field before it belongs to the wave itself.
    assert.equal(byName(result, 'Wave 2').tasks[0]!.agentGroup, undefined);
    // `wave sequencing` is prose, `Wave 9` is a reference to a wave the plan does not have.
    assert.deepEqual(byName(result, 'Wave 2').references.map((r) => [r.text, r.target]), [['Wave 9', undefined]]);
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => [f.rule, at(text, f.range)]), [['wave-unknown-reference', 'Wave 9']]);
  });

  it('reads nothing from a plan without section F, or with an empty one', () => {
    assert.deepEqual(waves('# Plan\n\n## A) Business Goal\n- Why: x\n').waves, []);
    assert.deepEqual(waves('## F) Agent-Team Plan\n\n## G) Risks + Mitigations\n').waves, []);
    assert.deepEqual(waves('').waves, []);
  });

  it('accepts waves written as top-level `Wave N:` fields when there are no wave headings', () => {
    const text = '## F) Agent-Team Plan\n- Wave 1: foundations\n  - Agent: schema-sync\n  - Tasks:\n    - [x] Migrations\n- Wave 2:\n  - Agent: api-integration\n  - Tasks:\n    - [ ] Routes\n  - Blocks/unblocks: blocked by Wave 1\n';
    const result = waves(text);
    assert.deepEqual(result.waves.map((w) => [w.name, w.agents, w.done, w.total, w.status]), [
      ['Wave 1', ['schema-sync'], 1, 1, 'done'],
      ['Wave 2', ['api-integration'], 0, 1, 'not-started'],
    ]);
  });

  it('reads CRLF and BOM plans with the same lines and characters', () => {
    const lf = fixture('HUBSPOT-ROLLOUT-PLAN.md');
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const a = waves(lf);
    const b = waves(crlf);
    assert.deepEqual(
      b.waves.map((w) => w.tasks.map((t) => [t.line, t.checkRange.start.character])),
      a.waves.map((w) => w.tasks.map((t) => [t.line, t.checkRange.start.character])),
    );
    assert.deepEqual(b.progress, a.progress);
  });

  it('finds agent names in code spans, lists and prose, with their ranges', () => {
    const names = (text: string) => agentNames(text, 0, 2).map((a) => [a.name, a.range.start.character - 2]);
    assert.deepEqual(names('`schema-sync` + `analytics`'), [['schema-sync', 1], ['analytics', 17]]);
    assert.deepEqual(names('ui-ops, api-integration and analytics'), [['ui-ops', 0], ['api-integration', 8], ['analytics', 28]]);
    assert.deepEqual(names('**schema-sync** (DB + sync core)'), [['schema-sync', 2]]);
    assert.deepEqual(names('analytics agent - metric correctness'), [['analytics', 0]]);
    assert.deepEqual(names('{agent}'), []);
    assert.deepEqual(names('TBD'), []);
  });

  it('reads a text written again on other lines at its own places, and a wave of many agents each once', () => {
    const agents = Array.from({ length: 20 }, (_, k) => `agent-${k}`);
    const many = `- Agents: ${[...agents, ...agents.map((a) => a.toUpperCase())].join(', ')}`;
    const text = plan('- Agent: `schema-sync`', '  - Agent: `schema-sync`', many, many);
    const read = waves(text);
    for (const wave of read.waves.slice(0, 2)) {
      assert.deepEqual(wave.agentNames.map((a) => [a.range.start.line, a.range.start.character, at(text, a.range)]), [[wave.line + 1, wave.index === 0 ? 10 : 12, 'schema-sync']]);
    }
    for (const wave of read.waves.slice(2)) {
      assert.deepEqual(wave.agents, agents);
      assert.equal(wave.agentNames.length, 40);
      for (const name of wave.agentNames) assert.equal(name.range.start.line, wave.line + 1);
      assert.deepEqual(wave.agentNames.map((a) => at(text, a.range)), [...agents, ...agents.map((a) => a.toUpperCase())]);
    }
  });

  it('computes the edit that checks or unchecks a task: one character', () => {
    const text = fixture('HUBSPOT-ROLLOUT-PLAN.md');
    const task = byName(waves(text), 'Wave 2').tasks[0]!;
    const edit = taskCheckEdit(task, true);
    assert.equal(edit.newText, 'x');
    assert.equal(edit.range.end.character - edit.range.start.character, 1);
    assert.equal(at(text, edit.range), ' ');
    assert.equal(taskCheckEdit(task, false).newText, ' ');
  });
});

describe('waves: status', () => {
  it('is done, in-progress, not-started, or blocked while a wave it depends on has open tasks', () => {
    const text = plan(
      '- Agent: schema-sync\n- Tasks:\n  - [x] a\n  - [ ] b',
      '- Agent: analytics\n- Tasks:\n  - [x] c',
      '- Agent: analytics\n- Tasks:\n  - [ ] d\n- Blocks/unblocks: blocked by Wave 2',
      '- Agent: analytics\n- Tasks:\n  - [x] e\n  - [ ] f\n- Blocks/unblocks: blocked by Wave 1',
    );
    const result = waves(text);
    assert.deepEqual(result.waves.map((w) => [w.name, w.status, w.blockedBy]), [
      ['Wave 1', 'in-progress', []],
      ['Wave 2', 'done', []],
      ['Wave 3', 'not-started', []],
      ['Wave 4', 'blocked', [0]],
    ]);
  });

  it('is blocked by the sequencing: api-integration waits for the schema wave, ui-ops for the API wave', () => {
    const text = plan('- Agent: schema-sync\n- Tasks:\n  - [ ] migrations', '- Agent: api-integration\n- Tasks:\n  - [ ] routes', '- Agent: ui-ops\n- Tasks:\n  - [ ] views');
    const result = waves(text);
    assert.deepEqual(result.waves.map((w) => [w.status, w.dependsOn.map((d) => `${d.wave}:${d.reason}`), w.blockedBy]), [
      ['not-started', [], []],
      ['blocked', ['0:sequencing'], [0]],
      ['blocked', ['0:sequencing', '1:sequencing'], [0, 1]],
    ]);
    // Once the schema wave is done, the API wave may start; the UI wave still waits for it.
    const later = waves(text.replace('[ ] migrations', '[x] migrations'));
    assert.deepEqual(later.waves.map((w) => [w.status, w.blockedBy]), [
      ['done', []],
      ['not-started', []],
      ['blocked', [1]],
    ]);
  });

  it('a done wave is done even when its blockers are open; a wave without tasks never blocks', () => {
    const text = plan('- Agent: schema-sync\n- Tasks:\n  - [ ] a', '- Agent: analytics\n- Tasks:\n  - [x] b\n- Blocks/unblocks: blocked by Wave 1', '- Agent: schema-sync', '- Agent: api-integration\n- Tasks:\n  - [ ] c\n- Blocks/unblocks: blocked by Wave 3');
    const result = waves(text);
    assert.equal(byName(result, 'Wave 2').status, 'done');
    // Wave 4 waits for Wave 1 (sequencing: open) and Wave 3 (explicit: no tasks).
    assert.deepEqual(byName(result, 'Wave 4').blockedBy, [0]);
  });

  it('follows the workspace sequencing and roster instead of the playbook when given', () => {
    const text = plan('- Agent: frontend\n- Tasks:\n  - [ ] page', '- Agent: backend\n- Tasks:\n  - [ ] api');
    const options = { agents: ['backend', 'frontend'], waveSequencing: [['backend'], ['frontend']] };
    assert.deepEqual(waves(text, options).waves.map((w) => w.status), ['not-started', 'not-started']);
    assert.deepEqual(lint(text, options).map((f) => f.rule), ['wave-sequence']);
    assert.deepEqual(lint(text).map((f) => f.rule), ['wave-unknown-agent', 'wave-unknown-agent']);
  });
});

describe('waves: rules', () => {
  it('wave-unknown-agent: flags a name outside the roster, at the name, with a suggestion', () => {
    const text = plan('- Agents: `schema-synk` + `analytics`\n- Tasks:\n  - [ ] a', '- Agents:\n  - `marketing`\n  - ui-ops');
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, at(text, f.range)]), [
      ['wave-unknown-agent', 'warning', 'schema-synk'],
      ['wave-unknown-agent', 'warning', 'marketing'],
    ]);
    assert.match(findings[0]!.message, /did you mean schema-sync\?/);
    assert.doesNotMatch(findings[1]!.message, /did you mean/);
    // The roster from .connector-playbook.yaml replaces the playbook's.
    assert.deepEqual(lint(text, { agents: ['schema-synk', 'analytics', 'marketing', 'ui-ops'], waveSequencing: [] }), []);
  });

  it('wave-unknown-reference: flags a wave the plan does not have, at the reference', () => {
    const text = plan('- Agent: schema-sync\n- Blocks/unblocks: unblocks Wave 2 and Wave 7', '- Agent: analytics\n- Blocks/unblocks: blocked by Wave 1, Wave 0');
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, at(text, f.range)]), [
      ['wave-unknown-reference', 'error', 'Wave 7'],
      ['wave-unknown-reference', 'error', 'Wave 0'],
    ]);
    assert.match(findings[0]!.message, /Wave 1 refers to Wave 7, which this plan does not have \(its waves: Wave 1, Wave 2\)/);
  });

  it('wave-cycle: one finding per cycle, at its first reference; a wave blocked by itself', () => {
    const text = plan(
      '- Agent: schema-sync\n- Blocks/unblocks: blocked by Wave 3',
      '- Agent: schema-sync\n- Blocks/unblocks: blocked by Wave 1; unblocks Wave 3',
      '- Agent: schema-sync\n- Blocks/unblocks: blocked by Wave 2',
      '- Agent: analytics\n- Blocks/unblocks: blocked by Wave 4',
    );
    const findings = lint(text).filter((f) => f.rule === 'wave-cycle');
    assert.equal(findings.length, 2);
    assert.equal(findings[0]!.message, 'Waves block each other in a cycle: Wave 1 → Wave 2 → Wave 3 → Wave 1; none of them can start.');
    assert.equal(at(text, findings[0]!.range), 'Wave 3');
    assert.equal(findings[0]!.range.start.line, text.split('\n').indexOf('- Blocks/unblocks: blocked by Wave 3'));
    assert.equal(findings[1]!.message, 'Wave 4 is blocked by itself.');
    // The same edge written from both sides is one edge, and a chain is not a cycle.
    const chain = plan('- Agent: schema-sync\n- Blocks/unblocks: unblocks Wave 2', '- Agent: schema-sync\n- Blocks/unblocks: blocked by Wave 1');
    assert.deepEqual(lint(chain), []);
  });

  it('wave-sequence: api-integration before the schemas, ui-ops before the API, or in the same wave', () => {
    const early = plan('- Agent: api-integration\n- Tasks:\n  - [ ] routes', '- Agent: schema-sync\n- Tasks:\n  - [ ] migrations');
    const findings = lint(early);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, at(early, f.range)]), [['wave-sequence', 'warning', 'api-integration']]);
    assert.match(findings[0]!.message, /^api-integration starts in Wave 1, before schema-sync \(Wave 2\)/);

    const together = plan('- Agent: schema-sync\n- Tasks:\n  - [ ] m', '- Agents: `api-integration` + `ui-ops`\n- Tasks:\n  - [ ] r');
    assert.deepEqual(lint(together).map((f) => [at(together, f.range), f.message.split(',')[0]]), [['ui-ops', 'ui-ops starts in Wave 2']]);
    assert.match(lint(together)[0]!.message, /before api-integration \(the same wave\)/);

    // One wave is a very small connector's: the playbook exempts it from the split (§5).
    const oneWave = plan('- Agent: `api-integration`\n- Tasks:\n  - [ ] r\n- Agent: `schema-sync`\n- Tasks:\n  - [ ] m');
    assert.deepEqual(lint(oneWave), []);

    // The playbook's order, with a final review wave of all four agents, is fine.
    const good = plan('- Agents: `schema-sync` + `analytics`', '- Agent: `api-integration`', '- Agent: `ui-ops`', '- Agents: schema-sync, api-integration, analytics, ui-ops');
    assert.deepEqual(lint(good), []);
  });

  it('reaches the editor and the CLI through lintPlan, with severities and "off"', () => {
    const text = plan('- Agent: api-integration\n- Blocks/unblocks: blocked by Wave 5', '- Agent: schema-sync');
    const rules = (findings: Finding[]) => findings.filter((f) => f.rule.startsWith('wave-')).map((f) => `${f.rule}:${f.severity}`);
    assert.deepEqual(rules(lintPlan(parsePlan(text))), ['wave-sequence:warning', 'wave-unknown-reference:error']);
    assert.deepEqual(rules(lintPlan(parsePlan(text), { severities: { 'wave-sequence': 'off', 'wave-unknown-reference': 'warning' } })), ['wave-unknown-reference:warning']);
  });

  it('never throws on odd input', () => {
    const odd = ['## F) Agent-Team Plan\n### Wave 1\n- Agents:\n  -\n  - `` \n- Tasks:\n  - [ ]\n- Blocks/unblocks: Wave', '## F) Agent-Team Plan\n### Wave 1\n- Blocks/unblocks: blocked by Wave 1, 2 and 3 + unblocks Waves 4, 5\n', '\u0000### Wave 1\n', '## F) Agent-Team Plan\n' + '### Wave 1\n- [x] a\n'.repeat(500)];
    for (const text of odd) {
      const result = waves(text);
      lint(text);
      assert.ok(result.waves.length >= 0);
    }
  });
});

describe('waves: report for the CLI', () => {
  it('matches its schema and names the blocking waves', () => {
    const report = toWavesReport(waves(fixture('HUBSPOT-ROLLOUT-PLAN.md')));
    assert.deepEqual(WavesReportSchema.parse(report), report);
    assert.deepEqual(report.waves[2], { name: 'Wave 3', agents: ['ui-ops'], done: 0, total: 2, status: 'blocked', blockedBy: ['Wave 1', 'Wave 2'] });
    assert.deepEqual(report.goNoGo, { checked: 2, total: 5 });
    assert.deepEqual(report.progress, { done: 3, total: 9 });
  });
});

describe('waves: large plans', () => {
  // Speed is the benchmark's to measure (npm run bench); this checks what thousands of waves yield.
  it('handles thousands of waves: exact status, the nearest ten sequencing blockers listed', () => {
    const schema = Array.from({ length: 3000 }, () => '- Agent: schema-sync\n- Tasks:\n  - [ ] m\n- Blocks/unblocks: none');
    const text = plan(...schema, '- Agent: ui-ops\n- Tasks:\n  - [ ] views');
    const result = waves(text);
    const findings = lint(text);
    const last = result.waves[result.waves.length - 1]!;
    assert.equal(last.status, 'blocked');
    assert.deepEqual(last.blockedBy, Array.from({ length: 10 }, (_, k) => 2990 + k));
    assert.deepEqual(findings, []);
  });

  it('gives each wave exactly the tasks between its heading and its end, nested and out-of-order waves included', () => {
    // The reading searches each wave's tasks and fields from where the previous wave ended; a
    // wave inside another one or a wave before the previous one's end must still find its own.
    const nested = [
      '# P', '## F) Agent-Team Plan', '### Wave 1', '- Agent: `schema-sync`', '- Tasks:', '  - [x] a1', '#### Wave 1a', '- Agent: `analytics`',
      '- Tasks:', '  - [ ] b1', '  - [ ] b2', '### Wave 2', '- Agent: `ui-ops`', '- [ ] c1', '## G) Risks + Mitigations', '- [ ] not a wave task',
    ].join('\n');
    const texts = [nested, generatePlan(3000, 1), generatePlan(3000, 2), DEFAULT_TEMPLATE_TEXT];
    for (const text of texts) {
      const model = parsePlan(text);
      for (const wave of readWaves(model, DEFAULTS).waves) {
        const expected = model.tasks.filter((t) => t.line > wave.line && t.line < wave.endLine).map((t) => t.line);
        assert.deepEqual(wave.tasks.map((t) => t.line), expected, `tasks of ${wave.name} (line ${wave.line + 1})`);
      }
    }
    const read = waves(nested);
    assert.deepEqual(read.waves.map((w) => [w.name, w.agents, w.tasks.length]), [['Wave 1', ['schema-sync', 'analytics'], 3], ['Wave 1a', ['analytics'], 2], ['Wave 2', ['ui-ops'], 1]]);
  });

  it('reads an Agents field of a hundred thousand items without running out of stack', () => {
    const text = `## F) Agent-Team Plan\n### Wave 1\n- Agents:\n${'  - `schema-sync`\n'.repeat(100_000)}`;
    assert.deepEqual(waves(text).waves[0]!.agents, ['schema-sync']);
  });
});
