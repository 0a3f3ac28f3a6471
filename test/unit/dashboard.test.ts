// The Rollout Dashboard's row per plan, from the core: connector, status, go/no-go, waves, problems,
// the identity graph's marks, the line each part opens; the gate as read; order and filters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectorOf, readDashboardPlan } from '../../src/core/dashboard';
import type { DashboardGate, DashboardPlan } from '../../src/core/dashboard';
import { dashboardStatuses, filterDashboardPlans, sortDashboardPlans } from '../../src/core/dashboardOrder';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { readGateWithoutRunning } from '../../src/core/gate';
import { readIdentityGraph } from '../../src/core/identity';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { readWaves } from '../../src/core/waves';
import { REPO_DIR } from '../fixtures/lintFixtures';

const FILES = ['src/docs/CLOSE-ROLLOUT-PLAN.md', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md', 'src/docs/NOTION-ROLLOUT-PLAN.md', 'src/docs/SLACK-ROLLOUT-PLAN.md', 'planning/zendesk-rollout.md'];

function row(file: string, text = readFileSync(join(REPO_DIR, 'examples', file), 'utf8')): DashboardPlan {
  const model = parsePlan(text);
  const roster = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };
  const findings = lintPlan(model, roster);
  return readDashboardPlan({ id: `id:${file}`, file, model, findings, waves: readWaves(model, roster), identity: readIdentityGraph(model), gate: readGateWithoutRunning(model, findings, {}) });
}

describe('dashboard: a plan\'s row', () => {
  it('reads the HubSpot sample: status, go/no-go, waves with the blocked one, problems, identity, and the line of each', () => {
    const { gate, ...hubspot } = row('src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.deepEqual(gate.criteria.map((c) => c.state), ['fail', 'confirm', 'fail', 'fail', 'confirm', 'pass']);
    assert.deepEqual(hubspot, {
      id: 'id:src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      file: 'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      connector: 'HubSpot',
      connectorLine: 4,
      status: 'ready-for-review',
      statusLine: 2,
      // The first open go/no-go item.
      goNoGo: { checked: 1, total: 5, line: 84 },
      progress: { done: 1, total: 4 },
      waves: [
        { name: 'Wave 1', line: 55, done: 1, total: 2, status: 'in-progress', blockedBy: [] },
        { name: 'Wave 2', line: 62, done: 0, total: 2, status: 'blocked', blockedBy: ['Wave 1'] },
      ],
      // Without the sample's .connector-playbook.yaml placeholders are warnings.
      problems: { error: 1, warning: 27, info: 0, lines: { error: 26, warning: 9, info: null } },
      identity: { links: 2, rows: 4, gaps: 1, ruleOfThumbBreaks: 1, line: 17 },
    });
  });

  it('reads every sample plan, each line inside the plan', () => {
    for (const file of FILES) {
      const text = readFileSync(join(REPO_DIR, 'examples', file), 'utf8');
      const lines = text.split('\n').length;
      const r = row(file, text);
      const all = [r.connectorLine, r.statusLine, r.goNoGo.line, r.identity.line, ...r.waves.map((w) => w.line), ...Object.values(r.problems.lines)];
      assert.ok(all.every((line) => line === null || (line >= 0 && line < lines)), file);
    }
    assert.deepEqual(FILES.map((f) => row(f).connector), ['Close', 'HubSpot', 'Notion', 'Slack', 'Zendesk']);
    assert.deepEqual(FILES.map((f) => row(f).status), ['go', 'ready-for-review', null, 'draft', 'draft']);
  });

  it('names the connector from the front matter, else the title, else the file', () => {
    const name = (text: string, file = 'docs/ACME-ROLLOUT-PLAN.md') => connectorOf(parsePlan(text), file);
    assert.deepEqual(name('---\nkind: connector-rollout-plan\nconnector: Acme CRM\n---\n# Something else\n'), { name: 'Acme CRM', line: 2 });
    assert.deepEqual(name('# **Acme** Connector Rollout Plan\n'), { name: 'Acme', line: 0 });
    assert.deepEqual(name('# {ConnectorName} Connector Rollout Plan\n'), { name: 'ACME', line: 0 });
    assert.deepEqual(name('no heading at all\n'), { name: 'ACME', line: 0 });
  });

  it('carries the Ready-for-Review gate it is given', () => {
    const model = parsePlan(readFileSync(join(REPO_DIR, 'examples', 'src/docs/CLOSE-ROLLOUT-PLAN.md'), 'utf8'));
    const gate: DashboardGate = { ready: false, criteria: [{ id: 'lint-clean', state: 'fail', line: 9 }, { id: 'build-compiles', state: 'confirm' }] };
    assert.deepEqual(readDashboardPlan({ id: 'close', file: 'close.md', model, findings: [], waves: readWaves(model, { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING }), identity: readIdentityGraph(model), gate }).gate, gate);
  });

  it('is plain data: structuredClone and JSON keep all of it', () => {
    const r = row('src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.deepEqual(structuredClone(r), r);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });
});

describe('dashboard: order and filters', () => {
  const rows = FILES.map((f) => row(f));
  const names = (plans: DashboardPlan[]) => plans.map((p) => p.connector);

  it('sorts by connector, status (none, draft, ready-for-review, go), go/no-go, progress and problems, either way', () => {
    assert.deepEqual(names(sortDashboardPlans(rows, 'connector')), ['Close', 'HubSpot', 'Notion', 'Slack', 'Zendesk']);
    assert.deepEqual(names(sortDashboardPlans(rows, 'connector', true)), ['Zendesk', 'Slack', 'Notion', 'HubSpot', 'Close']);
    assert.deepEqual(names(sortDashboardPlans(rows, 'status')), ['Notion', 'Slack', 'Zendesk', 'HubSpot', 'Close']);
    // Ties keep the connector's order, whichever way the column sorts.
    assert.deepEqual(names(sortDashboardPlans(rows, 'status', true)), ['Close', 'HubSpot', 'Slack', 'Zendesk', 'Notion']);
    assert.deepEqual(names(sortDashboardPlans(rows, 'goNoGo')), ['Zendesk', 'HubSpot', 'Slack', 'Close', 'Notion']);
    // An error outweighs any number of warnings (without the sample's configuration, placeholders are warnings).
    assert.deepEqual(names(sortDashboardPlans(rows, 'problems', true)).slice(0, 3), ['HubSpot', 'Close', 'Zendesk']);
  });

  it('filters by status (none for plans without one) and by text in the connector or the path', () => {
    assert.deepEqual(names(filterDashboardPlans(rows, { status: 'draft' })), ['Slack', 'Zendesk']);
    assert.deepEqual(names(filterDashboardPlans(rows, { status: 'none' })), ['Notion']);
    assert.deepEqual(names(filterDashboardPlans(rows, { connector: 'sp' })), ['HubSpot']);
    assert.deepEqual(names(filterDashboardPlans(rows, { connector: 'PLANNING/' })), ['Zendesk']);
    assert.deepEqual(names(filterDashboardPlans(rows, { status: 'go', connector: 'slack' })), []);
    assert.deepEqual(names(filterDashboardPlans(rows, {})), names(rows));
  });

  it('lists the statuses present in the order a plan moves through them', () => {
    assert.deepEqual(dashboardStatuses(rows), ['none', 'draft', 'ready-for-review', 'go']);
  });
});
