// A new plan carries the playbook: §4's blueprint in each phase's Deliverables, §5's team split as
// section F's waves (standard, small, or the workspace's roster), and no finding it should not have.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { readPlanPhases } from '../../src/core/phases';
import { readGateItems, readPhaseBlueprints, readTeamSplit } from '../../src/core/playbookGuide';
import type { ScaffoldAnswers } from '../../src/core/scaffold';
import { scaffoldPlan, ScaffoldAnswersSchema } from '../../src/core/scaffold';
import { scaffoldWaveLines } from '../../src/core/teamScaffold';
import type { WaveRoster } from '../../src/core/waves';
import { readWaves } from '../../src/core/waves';

const created = '2025-03-04';
const DEFAULTS: WaveRoster = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };
// The playbook's own kickoff template (§2), as a team might use it for their template.
const kickoffTemplate = /```md\n([\s\S]*?)\n```/.exec(readFileSync(join(__dirname, '../../templates/connector-playbook.md'), 'utf8'))![1]! + '\n';

function scaffold(answers: Partial<ScaffoldAnswers> = {}, roster?: WaveRoster, templateText?: string) {
  const text = scaffoldPlan({ name: 'Acme', ...answers }, { created, roster, templateText }).text;
  const model = parsePlan(text);
  const options = roster ?? DEFAULTS;
  return { text, model, findings: lintPlan(model, { agents: options.agents, waveSequencing: options.waveSequencing }), waves: readWaves(model, options) };
}

/** The findings a fresh plan must not have: the playbook's structure is complete and consistent. */
function structural(findings: { rule: string }[]): string[] {
  return findings.map((f) => f.rule).filter((rule) => rule === 'missing-section' || rule.startsWith('wave-') || rule.startsWith('mapping-'));
}

describe('scaffold: the phase blueprint (§4) in section E', () => {
  it('lists each phase\'s blueprint items under its Deliverables, ready to edit', () => {
    const { text, model } = scaffold();
    const blueprints = readPhaseBlueprints();
    const phases = readPlanPhases(model);
    assert.equal(phases.length, 4);
    phases.forEach((phase, i) => assert.deepEqual(phase.deliverableItems.map((d) => d.text), blueprints[i]!.items));
    assert.ok(text.includes('### Phase 2: Sync Engine\n- Scope:\n- Deliverables:\n  - Sync state table(s) + idempotent upsert model\n  - Backfill + incremental watermarks\n'));
    // A Deliverables with items is filled: no empty-field on it.
    const deliverablesLines = new Set(phases.map((p) => p.deliverables!.line));
    assert.deepEqual(lintPlan(model).filter((f) => f.rule === 'empty-field' && deliverablesLines.has(f.range.start.line)), []);
  });

  it('fills a template written like the playbook\'s kickoff template, whose phases are fields', () => {
    const { model } = scaffold({}, undefined, kickoffTemplate);
    const phases = readPlanPhases(model);
    assert.deepEqual(phases.map((p) => [p.kind, p.deliverableItems.length]), [['field', 4], ['field', 4], ['field', 4], ['field', 4]]);
  });
});

describe('scaffold: the team split (§5) in section F', () => {
  it('standard: Wave 1 schema-sync + analytics, then api-integration, then ui-ops, then the final strict review pass', () => {
    const { waves, findings } = scaffold({ team: 'standard' });
    assert.deepEqual(waves.waves.map((w) => [w.title, w.agents, w.status, w.blockedBy]), [
      ['Wave 1', ['schema-sync', 'analytics'], 'not-started', []],
      ['Wave 2', ['api-integration'], 'blocked', [0]],
      ['Wave 3', ['ui-ops'], 'blocked', [0, 1]],
      ['Wave 4: Final strict review pass across all phases', [...['schema-sync', 'analytics', 'api-integration', 'ui-ops']], 'blocked', [0, 1, 2]],
    ]);
    assert.deepEqual(structural(findings), []);
  });

  it('puts each agent\'s typical tasks under it, and §6\'s gate items in the review wave', () => {
    const { waves } = scaffold();
    const roles = readTeamSplit().agents;
    for (const wave of waves.waves.slice(0, 3)) {
      for (const group of wave.agentGroups) {
        const role = roles.find((r) => r.name === group.agents[0]!.name)!;
        assert.deepEqual(group.tasks.map((t) => wave.tasks[t]!.text), role.typicalTasks, role.name);
        assert.ok(group.tasks.every((t) => !wave.tasks[t]!.checked));
      }
    }
    const review = waves.waves[3]!;
    assert.deepEqual(review.tasks.map((t) => t.text), readGateItems());
    assert.equal(review.agentGroups.length, 1);
    assert.equal(waves.progress.total, 3 + 3 + 3 + 4 + 6);
  });

  it('is the default, as the wizard and the CLI say', () => {
    assert.equal(scaffold().text, scaffold({ team: 'standard' }).text);
  });

  it('small: one wave with every agent\'s tasks and the review, nothing blocked, nothing flagged', () => {
    const { waves, findings, text } = scaffold({ team: 'small' });
    assert.equal(waves.waves.length, 1);
    const [wave] = waves.waves;
    assert.deepEqual(wave!.agents, ['schema-sync', 'analytics', 'api-integration', 'ui-ops']);
    assert.equal(wave!.status, 'not-started');
    assert.deepEqual(wave!.agentGroups.map((g) => g.agents.map((a) => a.name).join('+')), ['schema-sync', 'analytics', 'api-integration', 'ui-ops', 'schema-sync+analytics+api-integration+ui-ops']);
    assert.deepEqual(wave!.tasks.slice(-6).map((t) => t.text), readGateItems());
    assert.ok(text.includes('(final strict review pass across all phases)\n- Tasks:\n  - [ ] Lint clean for connector files\n'));
    assert.deepEqual(structural(findings), []);
  });

  it('takes the roster and the sequencing from the workspace configuration', () => {
    const roster: WaveRoster = { agents: ['backend', 'frontend', 'qa', 'analytics'], waveSequencing: [['backend', 'analytics'], ['frontend'], ['qa']] };
    const { waves, findings, text } = scaffold({}, roster);
    assert.deepEqual(waves.waves.map((w) => [w.name, w.agents, w.status]), [
      ['Wave 1', ['backend', 'analytics'], 'not-started'],
      ['Wave 2', ['frontend'], 'blocked'],
      ['Wave 3', ['qa'], 'blocked'],
      ['Wave 4', ['backend', 'analytics', 'frontend', 'qa'], 'blocked'],
    ]);
    // The playbook knows analytics' tasks; an agent it does not know gets one to write.
    assert.ok(text.includes('- Agent: `analytics` (metric correctness)\n- Tasks:\n  - [ ] Algorithm\n'));
    assert.ok(text.includes('- Agent: `backend`\n- Tasks:\n  - [ ] {task}\n'));
    assert.deepEqual(structural(findings), []);
  });

  it('places agents the sequencing leaves out in the first wave, and leaves out agents the roster lacks', () => {
    const lines = scaffoldWaveLines({ team: 'standard', roster: { agents: ['a', 'b', 'c'], waveSequencing: [['b', 'ghost'], ['c']] } });
    assert.deepEqual(lines.filter((l) => l.startsWith('### ') || l.startsWith('- Agent')), [
      '### Wave 1',
      '- Agent: `b`',
      '- Agent: `a`',
      '### Wave 2',
      '- Agent: `c`',
      '### Wave 3: Final strict review pass across all phases',
      '- Agents: `b` + `a` + `c`',
    ]);
  });

  it('writes waves into a template without them, at the end of section F, and keeps CRLF', () => {
    const template = '# {ConnectorName} Connector Rollout Plan\r\n\r\n## F) Agent-Team Plan\r\nOur split.\r\n\r\n## G) Risks\r\n- Risk 1:\r\n';
    const { text, waves } = scaffold({}, undefined, template);
    assert.ok(text.includes('## F) Agent-Team Plan\r\nOur split.\r\n\r\n### Wave 1\r\n- Agent: `schema-sync`'), text);
    assert.ok(!/[^\r]\n/.test(text), 'every line break is CRLF');
    assert.equal(waves.waves.length, 4);
  });

  it('accepts the team in the answers, and only standard or small', () => {
    assert.equal(ScaffoldAnswersSchema.safeParse({ name: 'x', team: 'small' }).success, true);
    assert.equal(ScaffoldAnswersSchema.safeParse({ name: 'x', team: 'huge' }).success, false);
  });
});
