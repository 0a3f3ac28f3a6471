// The playbook read as data (§4 blueprint, §5 team split, §6 gate items), the plan's phases, the
// code action's edit, and the hover content on phase headings and agent names.
import assert from 'node:assert/strict';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { applyEdits } from '../../src/core/frontMatterEdit';
import { parsePlan } from '../../src/core/parser';
import { addBlueprintDeliverablesEdit, blueprintCoverage, missingDeliverables, phaseAtLine, readPlanPhases } from '../../src/core/phases';
import { PLAYBOOK_TEXT } from '../../src/core/playbook';
import {
  agentOwnership,
  agentOwnershipMarkdown,
  agentStage,
  finalReviewStep,
  parsePhaseTitle,
  phaseBlueprint,
  phaseBlueprintMarkdown,
  readGateItems,
  readPhaseBlueprints,
  readTeamSplit,
} from '../../src/core/playbookGuide';
import { playbookHoverAt } from '../../src/core/playbookHover';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { readWaveOutline } from '../../src/core/waves';

const ROSTER = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

describe('playbook guide: the playbook read as data', () => {
  it('reads §4: four phases with four items each, in the playbook\'s words', () => {
    const phases = readPhaseBlueprints();
    assert.deepEqual(phases.map((p) => [p.number, p.title, p.items.length]), [
      [1, 'Connection + Mapping', 4],
      [2, 'Sync Engine', 4],
      [3, 'Analytics', 4],
      [4, 'Operational Readiness', 4],
    ]);
    assert.deepEqual(phases[1]!.items, ['Sync state table(s) + idempotent upsert model', 'Backfill + incremental watermarks', 'Retry + lease/lock + crash recovery', 'Chunking model for scale (cron/background worker)']);
  });

  it('reads §5: four agents with what they own and their typical tasks, and the four sequencing steps', () => {
    const team = readTeamSplit();
    assert.deepEqual(team.agents.map((a) => a.name), [...DEFAULT_AGENTS]);
    assert.deepEqual(team.agents[0], { name: 'schema-sync', owns: 'DB + sync core', typicalTasks: ['Migrations', 'Sync state', 'Watermark/lease logic'] });
    assert.deepEqual(team.agents[3]!.typicalTasks, ['Mapping UI', 'Status views', 'Error states', 'Docs alignment']);
    assert.equal(team.sequencing.length, 4);
    assert.equal(finalReviewStep(), 'Final strict review pass across all phases');
  });

  it('reads §6: six items, in order', () => {
    assert.deepEqual(readGateItems(), [
      'Lint clean for connector files',
      'Build compiles',
      'Sync engine tested for restart/overlap/page-cap edge cases',
      'Mapping remap paths validated (no stale attribution)',
      'Docs reflect actual routes/methods/scopes (no drift)',
      'Rollout plan includes open questions and explicit follow-ups',
    ]);
  });

  it('follows the playbook it is given, CRLF included', () => {
    const edited = PLAYBOOK_TEXT.replace('- Backfill + incremental watermarks', '- Backfill + incremental watermarks\n- Dead-letter queue').replace(/\n/g, '\r\n');
    assert.deepEqual(readPhaseBlueprints(edited)[1]!.items.slice(1, 3), ['Backfill + incremental watermarks', 'Dead-letter queue']);
    assert.deepEqual(readTeamSplit('no table here'), { agents: [], sequencing: [] });
  });

  it('finds a phase\'s blueprint by its title, else by its number', () => {
    assert.deepEqual(parsePhaseTitle('Phase 1 (Connection + Mapping):'), { number: 1, title: 'Connection + Mapping' });
    assert.deepEqual(parsePhaseTitle('**Phase 3**: Analytics/Derivations'), { number: 3, title: 'Analytics/Derivations' });
    assert.equal(parsePhaseTitle('Phases'), undefined);
    assert.equal(phaseBlueprint('Phase 2: Sync Engine')?.number, 2);
    assert.equal(phaseBlueprint('Phase 9: sync engine')?.number, 2, 'the title decides');
    assert.equal(phaseBlueprint('Phase 3: Analytics/Derivations')?.number, 3, 'else the number');
    assert.equal(phaseBlueprint('Phase 7: Launch party'), undefined);
  });

  it('names an agent\'s ownership, its typical tasks and its stage', () => {
    assert.equal(agentOwnership('API-Integration')?.owns, 'API routes + validation');
    assert.equal(agentOwnership('qa'), undefined);
    assert.deepEqual(agentStage('ui-ops', DEFAULT_WAVE_SEQUENCING), { index: 2, count: 3, together: ['ui-ops'], after: ['api-integration'] });
    const schema = agentOwnershipMarkdown('schema-sync', ROSTER)!;
    assert.match(schema, /^\*\*`schema-sync`\*\* owns DB \+ sync core · the playbook's team split \(§5\)/);
    assert.match(schema, /Typical tasks: Migrations, Sync state, Watermark\/lease logic\./);
    assert.match(schema, /starts first, with `analytics` \(stage 1 of 3\)/);
    assert.match(agentOwnershipMarkdown('api-integration', ROSTER)!, /starts once `schema-sync` \+ `analytics` are stable \(stage 2 of 3\)/);
    // A configured agent the playbook does not describe, and one nobody knows.
    const custom = { agents: ['backend', 'qa'], waveSequencing: [['backend'], ['qa']] };
    assert.match(agentOwnershipMarkdown('qa', custom)!, /in this workspace's roster[\s\S]*starts once `backend` is stable \(stage 2 of 2\)/);
    assert.equal(agentOwnershipMarkdown('ghost', custom), undefined);
  });

  it('marks the blueprint items a phase lists, and escapes text that would become markup', () => {
    const blueprint = { number: 2, title: 'Sync *Engine*', items: ['a <b>', 'c'] };
    const markdown = phaseBlueprintMarkdown(blueprint, [true, false]);
    assert.match(markdown, /^\*\*Phase 2: Sync \\\*Engine\\\*\*\*/);
    assert.match(markdown, /- ✓ a \\<b\\>\n- c\n/);
    assert.match(markdown, /Deliverables lack 1 of 2/);
  });
});

const PHASES = `# X Connector Rollout Plan

## E) Delivery Phases
### Phase 1: Connection + Mapping
- Scope: test-connection
- Deliverables:
  - Connector type/config + registration
  - Mapping UI
- Validation tests:

### Phase 2: Sync Engine
- Scope: deals
- Deliverables: Backfill + incremental watermarks (hourly)
- Validation tests:
  - [x] restart resumes from the watermark

### Phase 3: Analytics
- Scope: none

### Phase 4: Operational Readiness

## F) Agent-Team Plan
### Wave 1
- Agent: \`schema-sync\`, analytics
`;

describe('phases: section E against the blueprint', () => {
  it('reads each phase with its Deliverables, its Validation tests and its blueprint', () => {
    const phases = readPlanPhases(parsePlan(PHASES));
    assert.deepEqual(phases.map((p) => [p.number, p.title, p.line, p.endLine]), [[1, 'Connection + Mapping', 3, 10], [2, 'Sync Engine', 10, 16], [3, 'Analytics', 16, 19], [4, 'Operational Readiness', 19, 21]]);
    assert.deepEqual(phases[0]!.deliverableItems.map((d) => d.text), ['Connector type/config + registration', 'Mapping UI']);
    assert.deepEqual(phases[1]!.validationItems, [{ text: 'restart resumes from the watermark', line: 14, checked: true }]);
    assert.equal(phaseAtLine(phases, 12)?.number, 2);
  });

  it('counts an item as listed when a deliverable says it or a shortened form of it', () => {
    const [one, two, three] = readPlanPhases(parsePlan(PHASES));
    assert.deepEqual(blueprintCoverage(one!), [true, false, false, true]);
    assert.deepEqual(missingDeliverables(two!), ['Sync state table(s) + idempotent upsert model', 'Retry + lease/lock + crash recovery', 'Chunking model for scale (cron/background worker)']);
    assert.equal(missingDeliverables(three!).length, 4);
  });

  it('adds what Deliverables lack in one edit: under its items, after its value, or as a new field', () => {
    const model = parsePlan(PHASES);
    const [one, two, three, four] = readPlanPhases(model);
    const after = (phase: typeof one) => applyEdits(model, [addBlueprintDeliverablesEdit(model, phase!)!]);
    assert.ok(after(one).includes('  - Mapping UI\n  - External API client + rate limits + pagination\n  - Mapping endpoints (manual + auto-match)\n- Validation tests:\n'));
    assert.ok(after(two).includes('- Deliverables: Backfill + incremental watermarks (hourly)\n  - Sync state table(s) + idempotent upsert model\n  - Retry'));
    assert.ok(after(three).includes('- Scope: none\n- Deliverables:\n  - Derived table(s) + algorithm versioning\n'));
    assert.ok(after(four).includes('### Phase 4: Operational Readiness\n\n- Deliverables:\n  - App setup checklist (scopes/env vars)\n'));
    // Applied, nothing is left to add.
    const done = parsePlan(after(one));
    assert.equal(addBlueprintDeliverablesEdit(done, readPlanPhases(done)[0]!), undefined);
  });

  it('keeps the items\' bullet and the plan\'s CRLF', () => {
    const text = PHASES.replace('  - Mapping UI', '  * Mapping UI').replace('  - Connector type', '  * Connector type').replace(/\n/g, '\r\n');
    const model = parsePlan(text);
    const edit = addBlueprintDeliverablesEdit(model, readPlanPhases(model)[0]!)!;
    assert.equal(edit.newText, '\r\n  * External API client + rate limits + pagination\r\n  * Mapping endpoints (manual + auto-match)');
  });

  it('reads the playbook\'s own kickoff template, where phases are fields', () => {
    const model = parsePlan('## E) Phase Plan\n- Phase 1 (Connection + Mapping):\n- Phase 2 (Sync Engine): backfill\n');
    const phases = readPlanPhases(model);
    assert.deepEqual(phases.map((p) => [p.kind, p.number, p.blueprint?.title]), [['field', 1, 'Connection + Mapping'], ['field', 2, 'Sync Engine']]);
    assert.ok(applyEdits(model, [addBlueprintDeliverablesEdit(model, phases[0]!)!]).startsWith('## E) Phase Plan\n- Phase 1 (Connection + Mapping):\n  - Connector type/config + registration\n'));
  });
});

describe('hover: the playbook on a plan', () => {
  const model = parsePlan(PHASES);
  const outline = readWaveOutline(model);
  const lines = PHASES.split('\n');

  it('shows a phase heading\'s blueprint, marking what Deliverables list, over the heading\'s text', () => {
    const hover = playbookHoverAt(model, outline, { line: 3, character: 10 }, ROSTER)!;
    assert.deepEqual(hover.range, { start: { line: 3, character: 4 }, end: { line: 3, character: lines[3]!.length } });
    assert.match(hover.markdown, /^\*\*Phase 1: Connection \+ Mapping\*\* · the playbook's standard blueprint \(§4\)/);
    assert.match(hover.markdown, /- ✓ Connector type\/config \+ registration\n- External API client/);
    assert.match(hover.markdown, /Deliverables lack 2 of 4/);
    assert.equal(playbookHoverAt(model, outline, { line: 4, character: 4 }, ROSTER), undefined, 'not on a field');
    assert.equal(playbookHoverAt(model, outline, { line: 2, character: 6 }, ROSTER), undefined, 'not on the section heading');
  });

  it('shows an agent\'s ownership on its name in Agent:, whatever way it is written', () => {
    const line = lines.indexOf('- Agent: `schema-sync`, analytics');
    const onCode = playbookHoverAt(model, outline, { line, character: 12 }, ROSTER)!;
    assert.match(onCode.markdown, /owns DB \+ sync core/);
    assert.deepEqual(onCode.range, { start: { line, character: 10 }, end: { line, character: 21 } });
    const onPlain = playbookHoverAt(model, outline, { line, character: 26 }, ROSTER)!;
    assert.match(onPlain.markdown, /owns metric correctness/);
    assert.equal(playbookHoverAt(model, outline, { line, character: 3 }, ROSTER), undefined, 'not on the label');
  });

  it('reads the template without a finding to show', () => {
    const template = parsePlan(DEFAULT_TEMPLATE_TEXT);
    const heading = DEFAULT_TEMPLATE_TEXT.split('\n').indexOf('### Phase 4: Operational Readiness');
    assert.match(playbookHoverAt(template, readWaveOutline(template), { line: heading, character: 5 }, ROSTER)!.markdown, /Deliverables lack 4 of 4/);
  });
});
