// Completion in plans, computed in core from the model and the template: on the template itself, on
// filled plans and on broken ones. Each case names the labels offered, what they replace and insert.
import * as assert from 'node:assert/strict';
import { planCompletions } from '../../src/core/editor/completion';
import type { PlanCompletion } from '../../src/core/editor/editorPlan';
import { mayComplete } from '../../src/core/editor/trigger';
import { DEFAULT_TEMPLATE_TEXT, parseTemplate } from '../../src/core/template';
import { applyEdits, cursor, edit, editorPlanOf, repoFile, textAt } from './editorSupport';

function complete(text: string, probe: string, nth = 0, roster?: Parameters<typeof editorPlanOf>[1]): PlanCompletion[] {
  const items = planCompletions(editorPlanOf(text, roster), cursor(text, probe, nth));
  return [...items].sort((a, b) => a.sortText.localeCompare(b.sortText) || a.label.localeCompare(b.label));
}
const labels = (items: readonly PlanCompletion[]) => items.map((i) => i.label);
/** The line after accepting an item, as VS Code writes it: its insert text over its range. */
function accept(text: string, item: PlanCompletion): string {
  return applyEdits(text, [{ range: item.range, newText: item.insertText }]).split('\n')[item.range.start.line]!;
}

const TEMPLATE = DEFAULT_TEMPLATE_TEXT;
const SLACK = repoFile('test/fixtures/plans/clean-slack.md');
const HUBSPOT = repoFile('examples/src/docs/HUBSPOT-ROLLOUT-PLAN.md');

describe('editor completion: section D cells', () => {
  it('offers 1:1 and 1:N on the template\'s cardinality placeholder, replacing it whole', () => {
    const items = complete(TEMPLATE, '| Primary | {source_a} | {id} | {entity} | {1:‸1/1:N} | {DB/app} |');
    assert.deepEqual(labels(items), ['1:1', '1:N']);
    for (const item of items) {
      assert.equal(textAt(TEMPLATE, item.range), '{1:1/1:N}');
      assert.equal(item.kind, 'value');
      // The placeholder typed so far would hide the items: it stands in front of the label.
      assert.equal(item.filterText, `{1:${item.label}`);
    }
    assert.equal(accept(TEMPLATE, items[1]!), '| Primary | {source_a} | {id} | {entity} | 1:N | {DB/app} |');
    assert.match(items[0]!.documentation!, /DB constraint/);
  });

  it('offers the enforcements on the template\'s Enforced In placeholder', () => {
    const items = complete(TEMPLATE, '| Secondary | {source_b} | {id} | {entity} | {1:1/1:N} | ‸{DB/app} |');
    assert.deepEqual(labels(items), ['DB partial unique', 'DB unique', 'app']);
    assert.equal(textAt(TEMPLATE, items[0]!.range), '{DB/app}');
    assert.equal(items[0]!.filterText, undefined);
  });

  it('on a filled plan, puts the normalised value first for an odd cardinality and suggests DB for a 1:1', () => {
    const odd = complete(HUBSPOT, '| Company | `hubspot_company` | company ID | `accounts` | 1-‸N | app |');
    assert.deepEqual(labels(odd), ['1:N', '1:1']);
    assert.equal(odd[0]!.preselect, true);
    assert.equal(textAt(HUBSPOT, odd[0]!.range), '1-N');
    assert.equal(odd[0]!.filterText, '1-1:N');
    const enforcement = complete(SLACK, '| Staff identity | `slack_user` | `U` user ID | `staff` | 1:1 | DB partial unique index‸ |');
    assert.equal(enforcement[0]!.label, 'DB partial unique');
    assert.match(enforcement[0]!.detail!, /suggested for this row/);
    const app = complete(SLACK, '| Partner channel | `slack_channel` | `C` channel ID | `partners` | 1:N | ‸app |');
    assert.equal(app[0]!.label, 'app');
  });

  it('offers nothing in other columns, on the header or on the delimiter row', () => {
    assert.deepEqual(complete(SLACK, '| Staff identity | `slack_‸user` |'), []);
    assert.deepEqual(complete(SLACK, '| Mapping Purpose | source | External ID | Internal Entity | Card‸inality | Enforced In |'), []);
    assert.deepEqual(complete(SLACK, '|---|---|---|---|-‸--|---|'), []);
  });

  it('completes a new cell typed after the last pipe of a short row, with spaces and the closing pipe', () => {
    const text = edit(HUBSPOT, '| Renewal deal | `hubspot_deal` | deal ID | `renewals` | 1:1 | app |', '| Renewal deal | `hubspot_deal` | deal ID | `renewals` |');
    const items = complete(text, '| Renewal deal | `hubspot_deal` | deal ID | `renewals` |‸');
    assert.deepEqual(labels(items), ['1:1', '1:N']);
    assert.equal(accept(text, items[0]!), '| Renewal deal | `hubspot_deal` | deal ID | `renewals` | 1:1 |');
  });

  it('keeps a code span around a value written in one', () => {
    const text = edit(SLACK, '| `staff` | 1:1 |', '| `staff` | `1:1` |');
    const items = complete(text, '| Staff identity | `slack_user` | `U` user ID | `staff` | `1:‸1` |');
    assert.equal(items[0]!.insertText, '`1:1`');
  });
});

describe('editor completion: front matter', () => {
  it('offers the three statuses after status:, the current one preselected', () => {
    const items = complete(SLACK, 'status: ‸go');
    assert.deepEqual(labels(items), ['draft', 'ready-for-review', 'go']);
    assert.equal(items.find((i) => i.preselect)?.label, 'go');
    assert.equal(textAt(SLACK, items[0]!.range), 'go');
    assert.match(items[2]!.documentation!, /error/);
  });

  it('offers the status even when the front matter is not valid YAML', () => {
    const text = '---\nkind: connector-rollout-plan\nstatus: \nowner: [unclosed\n---\n# Broken Connector Rollout Plan\n';
    assert.deepEqual(labels(complete(text, 'status: ‸')), ['draft', 'ready-for-review', 'go']);
  });

  it('offers the missing keys on a new line: status when only kind is written', () => {
    const text = '---\nkind: connector-rollout-plan\n\n---\n# X Connector Rollout Plan\n';
    const items = planCompletions(editorPlanOf(text), { line: 2, character: 0 });
    assert.deepEqual(labels(items), ['status']);
    assert.equal(items[0]!.insertText, 'status: draft');
  });
});

describe('editor completion: agents and waves in section F', () => {
  it('offers the roster after Agent: on the template, first-stage agents first, in code spans', () => {
    const items = complete(TEMPLATE, '- Agent:‸');
    assert.deepEqual(labels(items), ['schema-sync', 'analytics', 'api-integration', 'ui-ops']);
    assert.equal(items[0]!.insertText, '`schema-sync`');
    assert.equal(items[0]!.detail, 'roster agent · starts first');
    assert.equal(items[2]!.detail, 'roster agent · stage 2 of the wave sequencing');
    assert.deepEqual(items[0]!.range, { start: { line: items[0]!.range.start.line, character: 8 }, end: { line: items[0]!.range.start.line, character: 8 } });
  });

  it('inside a code span inserts the bare name, and leaves out the agents the field names already', () => {
    const items = complete(SLACK, '- Agent: `schema-sync`, `ana‸lytics`');
    assert.deepEqual(labels(items), ['analytics', 'api-integration', 'ui-ops']);
    assert.equal(textAt(SLACK, items[0]!.range), 'analytics');
    assert.equal(items[0]!.insertText, 'analytics');
    assert.match(items[0]!.documentation!, /Wave 1/);
  });

  it('after a name, puts the playbook\'s + between the names', () => {
    const text = edit(SLACK, '- Agent: `ui-ops`', '- Agent: `ui-ops` ');
    assert.equal(complete(SLACK, '- Agent: `ui-ops`‸')[0]!.insertText, ' + `schema-sync`');
    assert.equal(complete(text, '- Agent: `ui-ops` ‸')[0]!.insertText, '+ `schema-sync`');
    const between = complete(SLACK, '- Agent: `schema-sync`, ‸`analytics`');
    assert.deepEqual(labels(between), ['api-integration', 'ui-ops']);
    assert.equal(between[0]!.insertText, '`api-integration`', 'after a separator, no other');
  });

  it('offers a custom roster, and agents the plan names outside it', () => {
    const text = edit(SLACK, '- Agent: `ui-ops`', '- Agent: `ui-ops`, `data-eng`');
    const items = complete(text, '- Agent: `api-integration`‸', 0, { agents: ['schema-sync', 'ui-ops'], waveSequencing: [['schema-sync'], ['ui-ops']] });
    assert.deepEqual(labels(items), ['schema-sync', 'ui-ops', 'analytics', 'data-eng']);
    assert.equal(items[3]!.detail, 'named in this plan, not in the roster');
  });

  it('offers nested agent items of an Agents: field', () => {
    // (An empty first item would make `Agents:` a setext heading: markdown reads it so while it is typed.)
    const text = edit(SLACK, '- Agent: `schema-sync`, `analytics`', '- Agents:\n  - `analytics`\n  - ');
    const items = complete(text, '  - ‸');
    assert.deepEqual(labels(items), ['schema-sync', 'api-integration', 'ui-ops']);
  });

  it('offers the other waves after Blocks/unblocks: on the template, with their direction', () => {
    const items = complete(TEMPLATE, '- Blocks/unblocks:‸', 1);
    assert.deepEqual(labels(items).sort(), ['blocked by Wave 1', 'unblocks Wave 3']);
    for (const item of items) assert.equal(item.kind, 'wave');
    assert.match(items[0]!.detail!, /not started · 0\/0 tasks/);
  });

  it('after a direction word offers wave names alone, and replaces a reference already written', () => {
    const after = complete(SLACK, '- Blocks/unblocks: blocked by Wave 1; unblocks ‸Wave 3');
    assert.deepEqual(labels(after).sort(), ['Wave 1', 'Wave 3']);
    assert.equal(textAt(SLACK, after[0]!.range), 'Wave 3');
    const typed = edit(SLACK, '- Blocks/unblocks: blocked by Wave 2', '- Blocks/unblocks: blocked by Wa');
    const items = complete(typed, '- Blocks/unblocks: blocked by Wa‸');
    assert.equal(textAt(typed, items[0]!.range), 'Wa');
    assert.deepEqual(labels(items), ['Wave 2', 'Wave 1']);
  });

  it('offers waves in a broken section F (a wave without a number, an Agent without a colon)', () => {
    const broken = repoFile('test/fixtures/waves/malformed.md');
    assert.deepEqual(labels(complete(broken, '- Blocks/unblocks: ???, wave sequencing, Wave 9‸')), []);
    const items = complete(broken, '- Blocks/unblocks: ‸???, wave sequencing, Wave 9');
    assert.deepEqual(items, [], 'Wave 2 is the only numbered wave of section F, and it is this one');
    // `Agent` without its colon is not a field yet: the label is offered to complete it.
    const label = complete(broken, '- Agent‸');
    assert.deepEqual(labels(label), ['Agent']);
    assert.equal(accept(broken, label[0]!), '- Agent: ');
  });
});

describe('editor completion: field values from the template', () => {
  it('offers the template\'s options for Data pull mode, replacing the option list', () => {
    const items = complete(HUBSPOT, '- Data pull mode: ‸incremental / snapshot / hybrid');
    assert.deepEqual(labels(items), ['incremental', 'snapshot', 'hybrid']);
    assert.equal(textAt(HUBSPOT, items[0]!.range), 'incremental / snapshot / hybrid');
    assert.equal(accept(HUBSPOT, items[2]!), '- Data pull mode: hybrid');
  });

  it('offers nothing after a free-text field', () => {
    assert.deepEqual(complete(SLACK, '- Risk 1: ‸Slack rate limits'), []);
  });
});

describe('editor completion: headings and list items from the template', () => {
  it('offers nothing at a heading of the template (every section is there), but the next wave in section F', () => {
    const text = edit(TEMPLATE, '## G) Risks + Mitigations', '### \n\n## G) Risks + Mitigations');
    const items = complete(text, '### ‸');
    assert.deepEqual(labels(items), ['Wave 4']);
    assert.equal(items[0]!.insertText, 'Wave 4\n- Agent:\n- Tasks:\n- Blocks/unblocks:');
    assert.deepEqual(complete(edit(TEMPLATE, '## J) Open', '## \n\n## J) Open'), '## ‸'), []);
  });

  it('offers the missing sections of a broken plan at a new heading, the one expected there first, with its body', () => {
    const broken = repoFile('test/fixtures/edge/sections-missing.md') + '## \n';
    const items = complete(broken, '## ‸');
    assert.deepEqual(labels(items), ['J) Open Questions and Assumptions', 'B) Source Model', 'D) Mapping Rules + Cardinality', 'F) Agent-Team Plan', 'H) Manual Setup Handoff (Owner Actions)']);
    assert.equal(items[0]!.preselect, true);
    assert.equal(items[0]!.insertText, 'J) Open Questions and Assumptions\n- Q1:\n- Q2:\n- Q3:\n- Assumptions made:');
    assert.equal(items[0]!.kind, 'section');
    assert.match(items[2]!.documentation!, /\| Mapping Purpose \| source/);
    // Typed `##` without the space yet: the space comes with the item.
    const bare = complete(repoFile('test/fixtures/edge/sections-missing.md') + '##\n', '##‸');
    assert.equal(bare[0]!.insertText.startsWith(' J) Open Questions'), true);
  });

  it('offers the fields a section lacks at a new list item: section A of a broken plan', () => {
    const broken = edit(repoFile('test/fixtures/edge/sections-missing.md'), '- Why this connector exists: support wants first-reply times.', '- Why this connector exists: support wants first-reply times.\n- ');
    const items = complete(broken, '- ‸');
    assert.deepEqual(labels(items), ['Decisions/metrics this should unlock', 'Success in the next 2-4 weeks']);
    assert.equal(items[0]!.insertText, 'Decisions/metrics this should unlock: ');
    assert.equal(items[0]!.kind, 'field');
    assert.match(items[0]!.documentation!, /What decisions\/metrics it should unlock/);
  });

  it('offers a wave\'s missing fields under a wave heading, with Agent and Agents taken as one', () => {
    const text = edit(HUBSPOT, "- Agent: `api-integration`\n", "- Agents: `api-integration`\n- \n");
    assert.deepEqual(labels(complete(text, '- ‸')), []);
    const lacking = edit(HUBSPOT, '- Blocks/unblocks: blocked by Wave 1', '- ');
    assert.deepEqual(labels(complete(lacking, '- ‸')), ['Blocks/unblocks']);
  });

  it('offers the go/no-go items a plan lacks in section I', () => {
    const text = edit(HUBSPOT, '- [ ] Sync completes with safe resume behavior\n', '');
    const items = complete(edit(text, '- [ ] Logs/alerts', '- \n- [ ] Logs/alerts'), '- ‸');
    assert.deepEqual(labels(items), ['Sync completes with safe resume behavior']);
    assert.equal(items[0]!.insertText, '[ ] Sync completes with safe resume behavior');
  });

  it('offers nothing on an item already written, in prose, or with a workspace template lacking the section', () => {
    assert.deepEqual(complete(SLACK, '- ‸Risk 1: Slack rate limits stall the backfill'), []);
    assert.deepEqual(complete(SLACK, '# Slack Connector‸ Rollout Plan'), []);
    const tiny = parseTemplate('# {ConnectorName} Connector Rollout Plan\n\n## A) Business Goal\n- Why this connector exists:\n');
    const text = edit(SLACK, '- Risk 3:', '- Risk 3:\n- ');
    assert.deepEqual(planCompletions({ ...editorPlanOf(text), template: tiny }, cursor(text, '- ‸')), []);
  });
});

describe('editor completion: trigger characters parse nothing in prose', () => {
  it('looks further only where a completion can be', () => {
    assert.equal(mayComplete('Some prose: with a colon', 10, ':'), false);
    assert.equal(mayComplete('Some prose with a space ', 24, ' '), false);
    assert.equal(mayComplete('| a | b | ', 10, ' '), true);
    assert.equal(mayComplete('## ', 3, ' '), true);
    assert.equal(mayComplete('- ', 2, ' '), true);
    assert.equal(mayComplete('- Agent: `a` + ', 15, ' '), true);
    assert.equal(mayComplete('- Blocks/unblocks: blocked by ', 30, ' '), true);
    assert.equal(mayComplete('- Risk 1: slack rate ', 21, ' '), false);
    assert.equal(mayComplete('status:', 7, ':'), true);
    assert.equal(mayComplete('- Risk 1: slack rate ', 21, undefined), true);
  });
});
