// `connector-playbook report` (the dashboard as a file) and `connector-playbook graph`: the JSON's
// shape and values on the sample workspace, Markdown for a job summary, a self-contained HTML page,
// plan text shown as text in each, and usage errors as one line with exit 2.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { type CliRun, runCliIn } from './cliInProcess';
import { REPORT_CSP } from '../../src/cli/reportHtml';
import { reportHtml } from '../../src/cli/reportHtml';
import { markdownText, reportMarkdown } from '../../src/cli/reportMarkdown';
import { ReportSchema, toReport } from '../../src/cli/schemas';
import { readDashboardPlan } from '../../src/core/dashboard';
import { readGateWithoutRunning } from '../../src/core/gate';
import { gateCellText } from '../../src/core/dashboardOrder';
import { lintPlan } from '../../src/core/lint';
import { readWaves } from '../../src/core/waves';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { identityMermaid, layoutIdentityGraph, readIdentityGraph, renderIdentitySvg } from '../../src/core/identity';
import { parsePlan } from '../../src/core/parser';
import { REPO_DIR } from '../fixtures/lintFixtures';

const EXAMPLES = join(REPO_DIR, 'examples');
const XSS = '<img src=x onerror=alert(1)>';

function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, argv);
}

/** A workspace with a plan whose name and a mapping cell hold markup. */
function hostileWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cp-report-'));
  mkdirSync(join(dir, 'src', 'docs'), { recursive: true });
  const text = readFileSync(join(EXAMPLES, 'src', 'docs', 'HUBSPOT-ROLLOUT-PLAN.md'), 'utf8')
    .replace('# HubSpot Connector Rollout Plan', `# ${XSS} | **bold** Connector Rollout Plan`)
    .replace('| Renewal deal | `hubspot_deal` | deal ID | `renewals` | 1:1 | app |', `| Renewal deal | ${XSS} | deal ID | \`renewals\` | 1:1 | app |`);
  writeFileSync(join(dir, 'src', 'docs', 'EVIL-ROLLOUT-PLAN.md'), text);
  return dir;
}

describe('CLI: connector-playbook report', () => {
  it('prints JSON {plans, totals} that its strict schema accepts, one plan per file, sorted by connector', async () => {
    const run = await cli(EXAMPLES, 'report', '--format', 'json', '.');
    assert.deepEqual([run.code, run.stderr], [0, '']);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(report.plans.map((p) => [p.connector, p.file, p.status]), [
      ['Close', 'src/docs/CLOSE-ROLLOUT-PLAN.md', 'go'],
      ['HubSpot', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md', 'ready-for-review'],
      ['Notion', 'src/docs/NOTION-ROLLOUT-PLAN.md', null],
      ['Slack', 'src/docs/SLACK-ROLLOUT-PLAN.md', 'draft'],
      ['Zendesk', 'planning/zendesk-rollout.md', 'draft'],
    ]);
    assert.deepEqual(report.plans[1], {
      file: 'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      connector: 'HubSpot',
      status: 'ready-for-review',
      goNoGo: { checked: 1, total: 5 },
      progress: { done: 1, total: 4 },
      waves: [
        { name: 'Wave 1', done: 1, total: 2, status: 'in-progress', blockedBy: [] },
        { name: 'Wave 2', done: 0, total: 2, status: 'blocked', blockedBy: ['Wave 1'] },
      ],
      problems: { error: 6, warning: 22, info: 0 },
      identity: { links: 2, rows: 4, gaps: 1, ruleOfThumbBreaks: 1 },
      gate: {
        ready: false,
        criteria: [
          { id: 'lint-clean', state: 'fail' },
          { id: 'build-compiles', state: 'confirm' },
          { id: 'sync-edge-cases', state: 'fail' },
          { id: 'mapping-remap', state: 'fail' },
          { id: 'docs-match', state: 'confirm' },
          { id: 'open-questions', state: 'pass' },
        ],
      },
    });
    assert.deepEqual(report.totals, {
      plans: 5,
      byStatus: { none: 1, draft: 2, 'ready-for-review': 1, go: 1 },
      goNoGo: { checked: 11, total: 25 },
      progress: { done: 11, total: 21 },
      problems: { error: 16, warning: 34, info: 9 },
      blockedWaves: 3,
    });
  });

  it('counts the same problems as lint, plan by plan', async () => {
    const report = ReportSchema.parse(JSON.parse((await cli(EXAMPLES, 'report', '--format', 'json', '.')).stdout));
    const findings = JSON.parse((await cli(EXAMPLES, 'lint', '--format', 'json', '.')).stdout) as { file: string; severity: string }[];
    for (const plan of report.plans) {
      const own = findings.filter((f) => f.file === plan.file);
      assert.deepEqual(plan.problems, { error: own.filter((f) => f.severity === 'error').length, warning: own.filter((f) => f.severity === 'warning').length, info: own.filter((f) => f.severity === 'info').length }, plan.file);
    }
  });

  it('rejects JSON that is not its shape (a missing key, an extra key, a negative count)', () => {
    const valid = { plans: [], totals: { plans: 0, byStatus: {}, goNoGo: { checked: 0, total: 0 }, progress: { done: 0, total: 0 }, problems: { error: 0, warning: 0, info: 0 }, blockedWaves: 0 } };
    assert.ok(ReportSchema.safeParse(valid).success);
    assert.ok(!ReportSchema.safeParse({ plans: [] }).success);
    assert.ok(!ReportSchema.safeParse({ ...valid, extra: 1 }).success);
    assert.ok(!ReportSchema.safeParse({ ...valid, totals: { ...valid.totals, plans: -1 } }).success);
  });

  it('prints Markdown for a job summary by default: the totals, a table row per plan, each graph as Mermaid folded away', async () => {
    const run = await cli(EXAMPLES, 'report', '.');
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], '## Rollout plans');
    assert.equal(lines[2], '5 plans (1 without status, 2 draft, 1 ready-for-review, 1 go); go/no-go 11/25 checked; tasks 11/21 done; 3 blocked waves; 16 errors, 34 warnings, 9 info.');
    assert.equal(lines[4], '| Connector | Status | Go/No-Go | Waves | Problems | Identity graph | Ready for review |');
    const rows = lines.filter((l) => l.startsWith('| **'));
    assert.equal(rows.length, 5);
    assert.equal(rows[1], '| **HubSpot**<br>src/docs/HUBSPOT-ROLLOUT-PLAN.md | ready-for-review | ██░░░░░░░░ 1/5 | 🔄 Wave 1 1/2<br>⛔ Wave 2 0/2 (blocked by Wave 1) | **6 errors**, 22 warnings | 2 links, 4 rows: 1 gap, 1 rule-of-thumb break | 3 failing |');
    assert.equal(run.stdout.match(/^```mermaid$/gm)?.length, 5);
    assert.equal(run.stdout.match(/^<details>$/gm)?.length, 5);
    assert.ok(run.stdout.includes(identityMermaid(readIdentityGraph(parsePlan(readFileSync(join(EXAMPLES, 'src/docs/SLACK-ROLLOUT-PLAN.md'), 'utf8')))).trimEnd()));
  });

  it('escapes plan text in Markdown: a name or a cell holding markup stays text, a pipe does not split the table', async () => {
    const dir = hostileWorkspace();
    try {
      const run = await cli(dir, 'report', '--format', 'markdown', 'src/docs');
      assert.equal(run.code, 0);
      assert.ok(!run.stdout.includes('<img'), 'no raw <img');
      const row = run.stdout.split('\n').find((l) => l.startsWith('| **'))!;
      // The title's emphasis marks are markdown, not part of the name.
      assert.ok(row.startsWith(`| **${markdownText(`${XSS} | bold`)}**<br>`), row);
      assert.ok(row.startsWith('| **&lt;img src=x onerror=alert(1)&gt; \\| bold**<br>'), row);
      assert.equal(row.split(/(?<!\\)\|/).length - 2, 7, 'seven cells: the escaped pipe does not add one');
      assert.match(run.stdout, /<summary>&lt;img src=x onerror=alert\(1\)&gt; \| bold — /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a self-contained HTML page: a CSP that loads nothing, no script, no link, plan text as text', async () => {
    const dir = hostileWorkspace();
    try {
      const run = await cli(dir, 'report', '--format', 'html', 'src/docs');
      assert.equal(run.code, 0);
      const html = run.stdout;
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`));
      assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'");
      assert.doesNotMatch(html, /<script|<link|<img|<iframe|<object|\s(?:xlink:)?href=|\ssrc=["']|url\(|@import/i);
      const { document } = new JSDOM(html).window;
      assert.equal(document.querySelectorAll('img, script').length, 0);
      assert.equal(document.querySelector('tbody strong')?.textContent, `${XSS} | bold`);
      const svg = document.querySelector('details svg');
      assert.ok(svg, 'the identity graph is inline SVG');
      assert.ok([...svg.querySelectorAll('text')].some((t) => t.textContent === `${XSS} · deal ID`), 'the cell shows as text in the graph');
      assert.ok(svg.querySelector('.ig-edge.ig-rule.ig-gap'), 'the markup row is a gap that breaks the rule of thumb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives each plan's gate as read: in the JSON, and as a column of Markdown and HTML in the dashboard's words", () => {
    const roster = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };
    const gateOf = (text: string) => {
      const model = parsePlan(text);
      return readGateWithoutRunning(model, lintPlan(model, roster), {});
    };
    const rowOf = (file: string, text: string) => {
      const model = parsePlan(text);
      return readDashboardPlan({ id: file, file, model, findings: lintPlan(model, roster), waves: readWaves(model, roster), identity: readIdentityGraph(model), gate: gateOf(text) });
    };
    const slack = readFileSync(join(EXAMPLES, 'src/docs/SLACK-ROLLOUT-PLAN.md'), 'utf8');
    // Phase 2's tests naming overlap too: nothing fails, and the gate is ready, with three to confirm.
    const overlapNamed = slack.replace('kill the worker mid-page', 'two runs never overlap; kill the worker mid-page');
    assert.deepEqual([gateOf(overlapNamed).ready, gateCellText(gateOf(overlapNamed))], [true, '3 to confirm']);
    const rows = [rowOf('SLACK-ROLLOUT-PLAN.md', slack), rowOf('OVERLAP-ROLLOUT-PLAN.md', overlapNamed)];
    const report = ReportSchema.parse(toReport(rows));
    assert.deepEqual(report.plans[0]!.gate, {
      ready: false,
      criteria: [
        { id: 'lint-clean', state: 'confirm' },
        { id: 'build-compiles', state: 'confirm' },
        { id: 'sync-edge-cases', state: 'fail' },
        { id: 'mapping-remap', state: 'pass' },
        { id: 'docs-match', state: 'confirm' },
        { id: 'open-questions', state: 'pass' },
      ],
    });
    const markdown = reportMarkdown(rows, report, new Map());
    assert.match(markdown, /^\| Connector \| Status \| Go\/No-Go \| Waves \| Problems \| Identity graph \| Ready for review \|$/m);
    assert.match(markdown, /^\| \*\*Slack\*\*<br>SLACK-ROLLOUT-PLAN\.md .* \| 1 failing \|$/m);
    assert.match(markdown, /^\| \*\*Slack\*\*<br>OVERLAP-ROLLOUT-PLAN\.md .* \| 3 to confirm \|$/m);
    const html = reportHtml(rows, report, new Map());
    assert.match(html, /<th>Ready for review<\/th>/);
    assert.match(html, /<td>3 to confirm<\/td><\/tr>/);
    assert.equal(gateCellText({ ready: true, criteria: [{ id: 'a', state: 'pass' }] }), 'ready');
  });

  it('exits 2 with one line on stderr for usage errors: no PATH, a bad format, a folder without plans', async () => {
    const runs = [
      await cli(EXAMPLES, 'report'),
      await cli(EXAMPLES, 'report', '--format', 'pdf', '.'),
      await cli(join(REPO_DIR, 'test', 'fixtures', 'cli'), 'report', 'empty-folder'),
    ];
    for (const run of runs) {
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^connector-playbook report: .+\n$/);
    }
    assert.equal(runs[1]!.stderr, 'connector-playbook report: --format must be markdown, html or json, not "pdf"\n');
  });
});

describe('CLI: connector-playbook graph', () => {
  const plan = join(EXAMPLES, 'src', 'docs', 'HUBSPOT-ROLLOUT-PLAN.md');
  const graph = () => readIdentityGraph(parsePlan(readFileSync(plan, 'utf8')));

  it('prints Mermaid by default', async () => {
    const run = await cli(EXAMPLES, 'graph', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.deepEqual(run, { code: 0, stdout: identityMermaid(graph()), stderr: '' });
    assert.equal((await cli(EXAMPLES, 'graph', '--format', 'mermaid', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md')).stdout, run.stdout);
  });

  it('prints a self-contained SVG with --format svg, named after the connector', async () => {
    const run = await cli(EXAMPLES, 'graph', '--format', 'svg', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.deepEqual(run, { code: 0, stdout: renderIdentitySvg(layoutIdentityGraph(graph()), 'Identity graph — HubSpot'), stderr: '' });
    assert.match(run.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('exits 2 with one line for usage errors: no plan, two plans, a bad format, a missing file', async () => {
    const expected = [
      [['graph'], 'connector-playbook graph: no PLAN given; usage: connector-playbook graph PLAN [--format mermaid|svg]\n'],
      [['graph', 'a.md', 'b.md'], 'connector-playbook graph: one PLAN at a time, not 2; usage: connector-playbook graph PLAN [--format mermaid|svg]\n'],
      [['graph', '--format', 'png', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md'], 'connector-playbook graph: --format must be mermaid or svg, not "png"\n'],
    ] as const;
    for (const [argv, stderr] of expected) assert.deepEqual(await cli(EXAMPLES, ...argv), { code: 2, stdout: '', stderr });
    const missing = await cli(EXAMPLES, 'graph', 'missing.md');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^connector-playbook graph: .*missing\.md: no such file or directory\n$/);
  });
});
