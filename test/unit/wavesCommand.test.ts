import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCliIn } from './cliInProcess';
import { WavesReportSchema } from '../../src/cli/schemas';

const FIXTURES = join(__dirname, '..', 'fixtures', 'waves');

function waves(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, ['waves', ...argv]);
}

describe('CLI: connector-playbook waves', () => {
  it('prints each wave with its status, progress, agents and blockers as text', async () => {
    const run = await waves(FIXTURES, 'HUBSPOT-ROLLOUT-PLAN.md');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'HUBSPOT-ROLLOUT-PLAN.md: tasks 3/9, go/no-go 2/5',
        '  Wave 1  in-progress  3/5  schema-sync + analytics',
        '  Wave 2  blocked      0/2  api-integration  blocked by Wave 1',
        '  Wave 3  blocked      0/2  ui-ops  blocked by Wave 1, Wave 2',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON {waves:[{name, agents, done, total, status, blockedBy}], goNoGo} that its schema accepts', async () => {
    const run = await waves(FIXTURES, 'agent-layouts.md', '--format', 'json');
    assert.equal(run.code, 0);
    const report = WavesReportSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(report.waves, [
      { name: 'Wave 1', agents: ['schema-sync', 'analytics'], done: 1, total: 2, status: 'in-progress', blockedBy: [] },
      { name: 'Wave 2', agents: ['api-integration', 'analytics'], done: 1, total: 3, status: 'blocked', blockedBy: ['Wave 1'] },
      { name: 'Wave 3', agents: ['ui-ops', 'schema-sync', 'analytics'], done: 1, total: 2, status: 'blocked', blockedBy: ['Wave 1', 'Wave 2'] },
      { name: 'Wave 4', agents: ['ui-ops', 'api-integration'], done: 1, total: 3, status: 'blocked', blockedBy: ['Wave 1', 'Wave 2', 'Wave 3'] },
    ]);
    assert.deepEqual(report.goNoGo, { checked: 1, total: 2 });
    assert.deepEqual(report.progress, { done: 4, total: 10 });
  });

  it('uses the sequencing of the plan\'s .connector-playbook.yaml', async () => {
    const run = await waves(join(FIXTURES, 'custom-roster'), 'NOTION-ROLLOUT-PLAN.md', '--format=json');
    const report = WavesReportSchema.parse(JSON.parse(run.stdout));
    // qa (third stage) waits for the frontend wave; with the playbook's sequencing nothing would.
    assert.deepEqual(report.waves.map((w) => [w.name, w.status, w.blockedBy]), [
      ['Wave 1', 'done', []],
      ['Wave 2', 'not-started', []],
      ['Wave 3', 'blocked', ['Wave 2']],
    ]);
  });

  it('reads the template and a plan without waves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-waves-'));
    try {
      writeFileSync(join(dir, 'EMPTY-ROLLOUT-PLAN.md'), '# Empty\n\n## I) Operational Go/No-Go\n- [x] Auth and connection test pass\n');
      const run = await waves(dir, 'EMPTY-ROLLOUT-PLAN.md');
      assert.deepEqual(run, { code: 0, stdout: 'EMPTY-ROLLOUT-PLAN.md: tasks 0/0, go/no-go 1/1\n  No waves: section F has no "### Wave N" headings.\n', stderr: '' });
      const json = await waves(dir, join(dir, 'EMPTY-ROLLOUT-PLAN.md'), '--format', 'json');
      assert.deepEqual(JSON.parse(json.stdout), { waves: [], progress: { done: 0, total: 0 }, goNoGo: { checked: 1, total: 1 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one stderr line for a missing file, no PLAN, two PLANs, a bad format or an unknown option', async () => {
    const cases: [string[], RegExp][] = [
      [['NOPE-ROLLOUT-PLAN.md'], /^connector-playbook waves: .*NOPE-ROLLOUT-PLAN\.md: no such file or directory\n$/],
      [[], /^connector-playbook waves: no PLAN given; usage: connector-playbook waves PLAN/],
      [['a.md', 'b.md'], /^connector-playbook waves: one PLAN at a time, not 2/],
      [['HUBSPOT-ROLLOUT-PLAN.md', '--format', 'sarif'], /^connector-playbook waves: --format must be text or json, not "sarif"\n$/],
      [['HUBSPOT-ROLLOUT-PLAN.md', '--verbose'], /^connector-playbook waves: .*--verbose/],
      [['.'], /^connector-playbook waves: .*: not a file\n$/],
    ];
    for (const [argv, stderr] of cases) {
      const run = await waves(FIXTURES, ...argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, stderr);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    }
  });

  it('prints its usage with --help', async () => {
    assert.deepEqual(await waves(FIXTURES, '--help'), { code: 0, stdout: 'usage: connector-playbook waves PLAN [--format text|json]\n', stderr: '' });
  });
});
