// The CLI's side of issue 13: `connector-playbook gate` (output, JSON, exit codes, commands run or
// not), `new --team`, and a new plan's waves as `connector-playbook waves` shows them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCliIn } from './cliInProcess';
import { GateReportSchema, WavesReportSchema } from '../../src/cli/schemas';
import { GATE_CRITERION_IDS } from '../../src/core/gate';
import { REPO_DIR } from '../fixtures/lintFixtures';

function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, argv);
}

// Node, quoted for the shell, inside a single-quoted YAML scalar.
const node = JSON.stringify(process.execPath).replace(/'/g, "''");
const slack = readFileSync(join(REPO_DIR, 'examples/src/docs/SLACK-ROLLOUT-PLAN.md'), 'utf8');
// The sample Slack plan names the restart and page-cap cases; this one names overlap too.
const ready = slack.replace('resume without duplicates;', 'resume without duplicates; two overlapping runs hold one lease;');

describe('CLI: connector-playbook gate', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cp-gate-'));
    mkdirSync(join(dir, 'src/docs'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

  it('prints the six criteria with their state, reason and line; a failing one exits 1', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', slack);
    const run = await cli(dir, 'gate', 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'src/docs/SLACK-ROLLOUT-PLAN.md: not ready for review: 1 failing, 3 to confirm');
    assert.deepEqual(lines.slice(1).filter((_, i) => i % 2 === 0), [
      '  confirm  lint-clean — Lint clean for connector files',
      '  confirm  build-compiles — Build compiles',
      '  FAIL     sync-edge-cases — Sync engine tested for restart/overlap/page-cap edge cases',
      '  pass     mapping-remap — Mapping remap paths validated (no stale attribution)',
      '  confirm  docs-match — Docs reflect actual routes/methods/scopes (no drift)',
      '  pass     open-questions — Rollout plan includes open questions and explicit follow-ups',
    ]);
    const testsLine = slack.split('\n').findIndex((l) => l.startsWith('- Validation tests: kill the worker')) + 1;
    assert.equal(lines[6], `           Phase 2's validation tests do not name overlap (of restart, overlap and page-cap).  src/docs/SLACK-ROLLOUT-PLAN.md:${testsLine}`);
  });

  it('exits 0 when nothing fails, and 1 with --strict while criteria are left to confirm', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready);
    const run = await cli(dir, 'gate', 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.stdout.split('\n')[0], 'src/docs/SLACK-ROLLOUT-PLAN.md: ready for review once a person confirms 3 criteria');
    const strict = await cli(dir, 'gate', '--strict', 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(strict.code, 1);
    assert.equal(strict.stdout.split('\n')[0], 'src/docs/SLACK-ROLLOUT-PLAN.md: not ready for review (--strict): 3 to confirm');
    // Marked ready with the three confirmed, --strict lets it through.
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready.replace('status: draft', 'status: ready-for-review\nreview:\n  date: 2026-12-01\n  confirmed: [lint-clean, build-compiles, docs-match]'));
    const marked = await cli(dir, 'gate', '--strict', '--format', 'json', 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(marked.code, 0, marked.stdout);
    assert.equal(GateReportSchema.parse(JSON.parse(marked.stdout)).ready, true);
  });

  it('prints {plan, ready, criteria:[{id, title, state, reason, line?}]} with 1-based lines', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', slack);
    const run = await cli(dir, 'gate', 'src/docs/SLACK-ROLLOUT-PLAN.md', '--format=json');
    assert.equal(run.code, 1);
    const report = GateReportSchema.parse(JSON.parse(run.stdout));
    assert.equal(report.plan, 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(report.ready, false);
    assert.deepEqual(report.criteria.map((c) => c.id), [...GATE_CRITERION_IDS]);
    const mapping = report.criteria.find((c) => c.id === 'mapping-remap')!;
    assert.equal(slack.split('\n')[mapping.line! - 1], '- [x] Mappings validated (manual + auto-match)');
    assert.equal('line' in report.criteria.find((c) => c.id === 'build-compiles')!, false);
  });

  it('runs the lint and build commands of .connector-playbook.yaml from its folder, their output on stderr', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready);
    write('lint.js', "console.log(require('fs').existsSync('src/docs') ? 'lint ok' : 'wrong folder')");
    write('build.js', "console.error('build broke'); process.exit(2)");
    write('.connector-playbook.yaml', `gate:\n  lint: '${node} lint.js'\n  build: '${node} build.js'\n  timeoutSeconds: 30\n`);
    const run = await cli(join(dir, 'src/docs'), 'gate', 'SLACK-ROLLOUT-PLAN.md', '--format', 'json');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /lint ok/);
    assert.match(run.stderr, /build broke/);
    const report = GateReportSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(report.criteria.slice(0, 2).map((c) => [c.id, c.state]), [['lint-clean', 'pass'], ['build-compiles', 'fail']]);
    assert.match(report.criteria[1]!.reason, /^gate\.build exited 2, see its output: `.*build\.js`\.$/);
  });

  it('fails a command past gate.timeoutSeconds', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready);
    write('hang.js', 'setInterval(() => {}, 1000)');
    write('.connector-playbook.yaml', `gate:\n  build: '${node} hang.js'\n  timeoutSeconds: 1\n`);
    const run = await cli(dir, 'gate', 'src/docs/SLACK-ROLLOUT-PLAN.md', '--format', 'json');
    assert.equal(run.code, 1);
    const build = GateReportSchema.parse(JSON.parse(run.stdout)).criteria[1]!;
    assert.deepEqual([build.state, build.reason.replace(/`[^`]*`/, 'CMD')], ['fail', 'gate.build did not finish within 1 s (gate.timeoutSeconds) and was stopped: CMD.']);
  });

  it('--no-run leaves the commands to confirm and runs nothing', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready);
    write('build.js', "require('fs').writeFileSync('ran', '')");
    write('.connector-playbook.yaml', `gate:\n  build: '${node} build.js'\n`);
    const run = await cli(dir, 'gate', '--no-run', 'src/docs/SLACK-ROLLOUT-PLAN.md', '--format', 'json');
    assert.equal(run.code, 0);
    assert.equal(existsSync(join(dir, 'ran')), false);
    const build = GateReportSchema.parse(JSON.parse(run.stdout)).criteria[1]!;
    assert.equal(build.state, 'confirm');
    assert.match(build.reason, /was not run \(--no-run\)/);
  });

  it('says so when .connector-playbook.yaml is broken, and uses the defaults', async () => {
    write('src/docs/SLACK-ROLLOUT-PLAN.md', ready);
    write('.connector-playbook.yaml', 'gate:\n  build: 42\n');
    const run = await cli(dir, 'gate', 'src/docs/SLACK-ROLLOUT-PLAN.md');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'connector-playbook gate: .connector-playbook.yaml has errors, so its defaults apply (connector-playbook lint shows them)\n');
  });

  it('exits 2 with one line on stderr for usage errors and unreadable plans', async () => {
    for (const argv of [['gate'], ['gate', 'a.md', 'b.md'], ['gate', '--format', 'sarif', 'a.md'], ['gate', 'missing.md'], ['gate', '--bogus', 'a.md']]) {
      const run = await cli(dir, ...argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^connector-playbook gate: [^\n]+\n$/, argv.join(' '));
    }
    assert.match((await cli(dir, 'gate', '--help')).stdout, /^usage: connector-playbook gate PLAN/);
  });
});

describe('CLI: connector-playbook new --team, then waves', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cp-team-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('new X --out DIR, then waves: four waves, Wave 1 schema-sync + analytics not started, Waves 2 and 3 blocked', async () => {
    assert.equal((await cli(dir, 'new', 'Acme', '--out', 'plans')).code, 0);
    const text = await cli(dir, 'waves', 'plans/ACME-ROLLOUT-PLAN.md');
    assert.equal(text.code, 0);
    assert.equal(
      text.stdout,
      [
        'plans/ACME-ROLLOUT-PLAN.md: tasks 0/19, go/no-go 0/5',
        '  Wave 1  not-started  0/6  schema-sync + analytics',
        '  Wave 2  blocked      0/3  api-integration  blocked by Wave 1',
        '  Wave 3  blocked      0/4  ui-ops  blocked by Wave 1, Wave 2',
        '  Wave 4  blocked      0/6  schema-sync + analytics + api-integration + ui-ops  blocked by Wave 1, Wave 2, Wave 3',
        '',
      ].join('\n'),
    );
    const json = WavesReportSchema.parse(JSON.parse((await cli(dir, 'waves', 'plans/ACME-ROLLOUT-PLAN.md', '--format', 'json')).stdout));
    assert.deepEqual(json.waves.map((w) => [w.name, w.agents, w.status]), [
      ['Wave 1', ['schema-sync', 'analytics'], 'not-started'],
      ['Wave 2', ['api-integration'], 'blocked'],
      ['Wave 3', ['ui-ops'], 'blocked'],
      ['Wave 4', ['schema-sync', 'analytics', 'api-integration', 'ui-ops'], 'blocked'],
    ]);
  });

  it('--team small: one wave, nothing blocked', async () => {
    assert.equal((await cli(dir, 'new', 'Tiny', '--team', 'small', '--out', 'plans')).code, 0);
    const json = WavesReportSchema.parse(JSON.parse((await cli(dir, 'waves', 'plans/TINY-ROLLOUT-PLAN.md', '--format', 'json')).stdout));
    assert.deepEqual(json.waves.map((w) => [w.name, w.agents.length, w.total, w.status]), [['Wave 1', 4, 19, 'not-started']]);
    const lint = await cli(dir, 'lint', '--format', 'json', 'plans/TINY-ROLLOUT-PLAN.md');
    assert.deepEqual((JSON.parse(lint.stdout) as { rule: string }[]).filter((f) => f.rule.startsWith('wave-')), []);
  });

  it('uses the roster and sequencing of .connector-playbook.yaml', async () => {
    writeFileSync(join(dir, '.connector-playbook.yaml'), 'agents: [backend, frontend]\nwaveSequencing:\n  - [backend]\n  - [frontend]\n');
    assert.equal((await cli(dir, 'new', 'Acme')).code, 0);
    const json = WavesReportSchema.parse(JSON.parse((await cli(dir, 'waves', 'src/docs/ACME-ROLLOUT-PLAN.md', '--format', 'json')).stdout));
    assert.deepEqual(json.waves.map((w) => [w.name, w.agents, w.status]), [
      ['Wave 1', ['backend'], 'not-started'],
      ['Wave 2', ['frontend'], 'blocked'],
      ['Wave 3', ['backend', 'frontend'], 'blocked'],
    ]);
  });

  it('refuses a team other than standard or small: exit 2, nothing written', async () => {
    const run = await cli(dir, 'new', 'Acme', '--team', 'huge', '--out', 'plans');
    assert.deepEqual(run, { code: 2, stdout: '', stderr: 'connector-playbook new: --team must be standard or small, not "huge"\n' });
    assert.equal(existsSync(join(dir, 'plans')), false);
  });
});
