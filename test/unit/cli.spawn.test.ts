// The built CLI as users and CI run it: `node esbuild.config.mjs` then `node dist/cli.js`, the
// file package.json's `bin` names.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFindingsSchema } from '../../src/cli/schemas';
import { FIXTURES_DIR, REPO_DIR } from '../fixtures/lintFixtures';

const manifest = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const CLI = join(REPO_DIR, manifest.bin['connector-playbook']!);

function run(args: string[], cwd = join(FIXTURES_DIR, 'cli')) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli: the built dist/cli.js', function () {
  this.timeout(120000);

  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--only=cli'], { cwd: REPO_DIR, encoding: 'utf8', timeout: 110000 });
    assert.equal(build.status, 0, build.stderr);
  });

  it('is the bin of package.json, built with a node shebang', () => {
    assert.equal(manifest.bin['connector-playbook'], './dist/cli.js');
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('lint missing.md prints one line on stderr and exits 2', () => {
    const result = run(['lint', 'missing.md']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'connector-playbook lint: missing.md: no such file or directory\n');
  });

  it('lints a folder to JSON and exits 1 on errors, 0 on a clean plan', () => {
    const result = run(['lint', '--format', 'json', '.']);
    assert.equal(result.code, 1, result.stderr);
    const findings = CliFindingsSchema.parse(JSON.parse(result.stdout));
    assert.equal(findings.length, 34);
    assert.ok(findings.some((f) => f.file === 'src/docs/HUBSPOT-ROLLOUT-PLAN.md' && f.rule === 'mapping-duplicate' && f.line === 30 && f.column === 22));
    const clean = run(['lint', 'src/docs/SLACK-ROLLOUT-PLAN.md']);
    assert.deepEqual(clean, { code: 0, stdout: 'No problems in 1 plan.\n', stderr: '' });
  });

  it('prints the version the build defines in SARIF', () => {
    const result = run(['lint', '--format', 'sarif', 'src/docs/SLACK-ROLLOUT-PLAN.md']);
    const version = (JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(JSON.parse(result.stdout).runs[0].tool.driver.version, version);
  });
});
