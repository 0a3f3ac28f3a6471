import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCliIn } from './cliInProcess';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { localDate } from '../../src/core/scaffold';


function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, ['new', ...argv]);
}

/** Every file under a folder, relative, sorted. */
function tree(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).map(String).sort();
}

describe('CLI: connector-playbook new', () => {
  let root: string;
  let cwd: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cp-new-'));
    cwd = join(root, 'repo');
    mkdirSync(cwd);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes src/docs/{CONNECTOR}-ROLLOUT-PLAN.md with the answers, exit 0', async () => {
    const before = localDate();
    const run = await cli(cwd, 'Acme CRM', '--system', 'HubSpot', '--auth', 'OAuth', '--pull', 'hybrid', '--link', 'contact.email -> staff.email', '--link', 'owner.id', '--cardinality', '1:N', '--scale', '5k', '--first-phase', 'mapping');
    assert.deepEqual(run, { code: 0, stdout: 'Created src/docs/ACME-CRM-ROLLOUT-PLAN.md\n', stderr: '' });
    const text = readFileSync(join(cwd, 'src/docs/ACME-CRM-ROLLOUT-PLAN.md'), 'utf8');
    const model = parsePlan(text);
    assert.equal(model.frontMatter?.data?.connector, 'Acme CRM');
    assert.ok([before, localDate()].includes(String(model.frontMatter?.data?.created)));
    assert.ok(text.includes('# Acme CRM Connector Rollout Plan\n'));
    assert.ok(text.includes('- External system: HubSpot\n- Authentication model: OAuth\n- Plan/tier constraints:\n- Data pull mode: hybrid\n- Scale expectations: 5k\n'));
    assert.ok(text.includes('- Link 1: contact.email -> staff.email\n- Link 2: owner.id -> {internal entity + key}\n- Link 3: {external field} -> {internal entity + key}\n'));
    assert.ok(text.includes('- First-phase priority: mapping'));
    assert.equal(lintPlan(model).filter((f) => f.rule === 'missing-section').length, 0);
  });

  it('writes into --out, creating the folder', async () => {
    const run = await cli(cwd, 'Slack', '--out', 'plans/new');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(tree(join(cwd, 'plans')), ['new', 'new/SLACK-ROLLOUT-PLAN.md']);
  });

  it('takes the docs folder and the template from .connector-playbook.yaml', async () => {
    writeFileSync(join(cwd, '.connector-playbook.yaml'), 'docsFolder: docs/rollouts\ntemplate: my-template.md\n');
    writeFileSync(join(cwd, 'my-template.md'), '# {ConnectorName} plan\n\n## B) Source Model\n- External system:\n');
    mkdirSync(join(cwd, 'sub'));
    const run = await cli(join(cwd, 'sub'), 'Close', '--system', 'Close');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Created ../docs/rollouts/CLOSE-ROLLOUT-PLAN.md\n');
    const text = readFileSync(join(cwd, 'docs/rollouts/CLOSE-ROLLOUT-PLAN.md'), 'utf8');
    assert.ok(text.endsWith('---\n\n# Close plan\n\n## B) Source Model\n- External system: Close\n'), text);
  });

  it('refuses to replace an existing plan without --force: exit 2, one stderr line, file untouched', async () => {
    mkdirSync(join(cwd, 'src/docs'), { recursive: true });
    const target = join(cwd, 'src/docs/SLACK-ROLLOUT-PLAN.md');
    writeFileSync(target, 'my work\n');
    const run = await cli(cwd, 'Slack');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'connector-playbook new: src/docs/SLACK-ROLLOUT-PLAN.md already exists; use --force to replace it\n');
    assert.equal(readFileSync(target, 'utf8'), 'my work\n');
  });

  it('replaces an existing plan with --force', async () => {
    mkdirSync(join(cwd, 'src/docs'), { recursive: true });
    const target = join(cwd, 'src/docs/SLACK-ROLLOUT-PLAN.md');
    writeFileSync(target, 'my work\n');
    const run = await cli(cwd, 'slack', '--force');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readFileSync(target, 'utf8').includes('# slack Connector Rollout Plan'));
  });

  const badNames: [string, RegExp][] = [
    ['', /invalid name "": Enter the connector name/],
    ['../x', /cannot contain \/ or \\/],
    ['..\\x', /cannot contain \/ or \\/],
    ['/tmp/evil', /cannot contain \/ or \\/],
    ['..', /at least one letter or digit/],
    ['...', /at least one letter or digit/],
    ['a\0b', /control characters/],
    ['n'.repeat(300), /too long/],
  ];
  for (const [name, message] of badNames) {
    it(`refuses the name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 5)}…` : name)}: exit 2, one line, nothing written`, async () => {
      const run = await cli(cwd, name, '--out', 'out');
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
      assert.deepEqual(tree(root), ['repo']);
    });
  }

  it('writes names that only look dangerous inside --out', async () => {
    for (const name of ['%2e%2e', 'CON', 'x.', '%2e%2e%2fetc']) {
      const run = await cli(cwd, name, '--out', 'out');
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
    }
    assert.deepEqual(tree(root), ['repo', 'repo/out', 'repo/out/2E-2E-2FETC-ROLLOUT-PLAN.md', 'repo/out/2E-2E-ROLLOUT-PLAN.md', 'repo/out/CON-ROLLOUT-PLAN.md', 'repo/out/X-ROLLOUT-PLAN.md']);
  });

  it('refuses a docsFolder in .connector-playbook.yaml that leaves the repository', async () => {
    writeFileSync(join(cwd, '.connector-playbook.yaml'), 'docsFolder: ../outside\n');
    const run = await cli(cwd, 'Slack');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^connector-playbook new: docsFolder "..\/outside" in .* points outside .*; use --out\n$/);
    assert.deepEqual(tree(root), ['repo', 'repo/.connector-playbook.yaml']);
  });

  it('is a usage error without a name, or with two', async () => {
    const none = await cli(cwd);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no NAME given/);
    const two = await cli(cwd, 'Acme', 'CRM');
    assert.equal(two.code, 2);
    assert.match(two.stderr, /one NAME only/);
    const unknown = await cli(cwd, 'Acme', '--sytem', 'x');
    assert.equal(unknown.code, 2);
    assert.equal(existsSync(join(cwd, 'src')), false);
  });

  it('prints its usage with --help', async () => {
    const run = await cli(cwd, '--help');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^usage: connector-playbook new NAME/);
  });
});
