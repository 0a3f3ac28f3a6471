// The package as users get it: `npm pack` installed into a fresh prefix with no registry, the CLI
// run from PATH; and the .vsix as `vsce` makes it. Both ship the one `files` list of package.json.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURES_DIR, REPO_DIR } from '../fixtures/lintFixtures';

/** What may ship, in the npm tarball and in the .vsix alike. */
const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  // The bundles, never the benchmark nor source maps.
  /^dist\/(?!bench\.js$)[\w/-]+\.m?js$/,
  /^media\/[\w/.-]+$/,
  /^templates\/[\w-]+\.md$/,
  /^schemas\/[\w.-]+\.schema\.json$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

/** What must ship for the CLI and the extension to work. */
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'package.nls.json',
  'l10n/bundle.l10n.json',
  'dist/cli.js',
  'dist/extension/extension.mjs',
  'dist/extension/yaml.js',
  'dist/web/extension.js',
  'dist/webview/main.js',
  'media/icon.png',
  'media/mappingEditor.css',
  'media/planPreview.css',
  'schemas/connector-playbook.schema.json',
  'templates/rollout-plan.md',
];

function checkShipped(files: readonly string[]): void {
  const unexpected = files.filter((f) => !SHIPPED.some((pattern) => pattern.test(f)));
  const missing = REQUIRED.filter((f) => !files.includes(f));
  assert.deepEqual({ unexpected, missing }, { unexpected: [], missing: [] });
}

/** The environment minus npm's own variables, so an outer `npm test` cannot steer the inner npm. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, env: cleanEnv(), ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('packaging: package.json', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('is publishable: not private, a bin, engines for node and vscode', () => {
    assert.equal(manifest.private, undefined);
    assert.deepEqual(manifest.bin, { 'connector-playbook': './dist/cli.js' });
    assert.deepEqual(Object.keys(manifest.engines as object).sort(), ['node', 'vscode']);
  });

  it('has a LICENSE file of the license it names (MIT)', () => {
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(join(REPO_DIR, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('has no runtime dependencies: esbuild bundles them into dist/', () => {
    assert.deepEqual(manifest.dependencies ?? {}, {});
  });

  it('names a 128×128 PNG icon, a gallery banner, keywords, repository, homepage and bugs', () => {
    const icon = readFileSync(join(REPO_DIR, String(manifest.icon)));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    const banner = manifest.galleryBanner as { color: string; theme: string };
    assert.match(banner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(banner.theme));
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    const repository = (manifest.repository as { url: string }).url;
    assert.match(repository, /^https:\/\//);
    assert.equal(manifest.homepage, `${repository}#readme`);
    assert.deepEqual(manifest.bugs, { url: `${repository}/issues` });
  });
});

describe('packaging: the pre-commit hook', () => {
  const hooks = parseYaml(readFileSync(join(REPO_DIR, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, string>[];

  it('runs connector-playbook lint as a node hook on the files named *-ROLLOUT-PLAN.md', () => {
    assert.equal(hooks.length, 1);
    const hook = hooks[0]!;
    assert.deepEqual([hook.id, hook.language, hook.entry], ['connector-playbook-lint', 'node', 'connector-playbook lint']);
    // pre-commit matches `files` with Python's re.search on paths relative to the repository.
    const files = new RegExp(hook.files!);
    assert.deepEqual(
      ['src/docs/ACME-ROLLOUT-PLAN.md', 'ACME-ROLLOUT-PLAN.md', 'README.md', 'src/docs/ACME-ROLLOUT-PLAN.md.bak', 'docs/rollout-plan.md'].map((f) => files.test(f)),
      [true, true, false, false, false],
    );
  });
});

describe('packaging: vsce', function () {
  this.timeout(180_000);
  const vsce = join(REPO_DIR, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No GITHUB_ACTIONS: vsce would print its warnings as workflow commands there.
  const env = cleanEnv();
  delete env.GITHUB_ACTIONS;
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'cp-vsix-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('vsce package prints no warning and needs no flag or answer', () => {
    // stdin ignored: a question (missing LICENSE or repository) finds no "y" and stops the packaging.
    const result = run(process.execPath, [vsce, 'package', '--out', join(root, 'connector-playbook.vsix')], { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 0, output);
    assert.doesNotMatch(output, /WARNING|::warning/i);
    assert.ok(existsSync(join(root, 'connector-playbook.vsix')));
  });

  it('vsce ls lists only the files list: bundles, media, templates, manifest and its strings, README, CHANGELOG, LICENSE', () => {
    const result = run(process.execPath, [vsce, 'ls'], { cwd: REPO_DIR, env });
    assert.equal(result.code, 0, result.stderr);
    checkShipped(result.stdout.split('\n').filter(Boolean));
  });
});

describe('packaging: npm pack, installed from the tarball', function () {
  this.timeout(180_000);
  let root: string;
  let tarball: string;
  let packed: string[];
  let prefix: string;
  let work: string;
  /** Only the prefix's bin and node itself: the installed CLI needs nothing else. */
  let pathFromPrefix: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'cp-pack-'));
    const pack = run('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPO_DIR });
    assert.equal(pack.code, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(root, info!.filename);
    packed = info!.files.map((f) => f.path);
    prefix = join(root, 'prefix');
    const install = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--cache', join(root, 'cache'), '--no-audit', '--no-fund', tarball], { cwd: root });
    assert.equal(install.code, 0, install.stderr);
    pathFromPrefix = [join(prefix, 'bin'), dirname(process.execPath)].join(delimiter);
    work = join(root, 'work');
    mkdirSync(work);
    cpSync(join(FIXTURES_DIR, 'cli', 'src', 'docs'), join(work, 'docs'), { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function fromPath(...args: string[]) {
    return run('connector-playbook', args, { cwd: work, env: cleanEnv({ PATH: pathFromPrefix }) });
  }

  it('packs only the files list: bundles, media, templates, manifest and its strings, README, CHANGELOG, LICENSE', () => {
    checkShipped(packed);
  });

  it('installs with nothing besides the package itself (no node_modules under it)', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'connector-playbook');
    assert.ok(existsSync(join(installed, 'dist', 'cli.js')));
    assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['connector-playbook']);
    assert.equal(existsSync(join(installed, 'node_modules')), false);
  });

  it('connector-playbook lint from PATH: exit 1 with the findings on a plan with errors, exit 0 on a clean one', () => {
    const errors = fromPath('lint', 'docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.equal(errors.code, 1, errors.stderr);
    assert.match(errors.stdout, /^docs\/HUBSPOT-ROLLOUT-PLAN\.md:30:22 +error +Same source and external ID as the row on line 27\. +mapping-duplicate$/m);
    assert.match(errors.stdout, /\n\d+ problems \(3 errors, \d+ warnings, \d+ info\) in 1 plan\.\n$/);
    assert.deepEqual(fromPath('lint', 'docs/SLACK-ROLLOUT-PLAN.md'), { code: 0, stdout: 'No problems in 1 plan.\n', stderr: '' });
  });

  it('connector-playbook new and waves from PATH: scaffolds a plan, then prints its waves', () => {
    const created = fromPath('new', 'Acme', '--system', 'HubSpot', '--out', 'scaffolded');
    assert.deepEqual(created, { code: 0, stdout: 'Created scaffolded/ACME-ROLLOUT-PLAN.md\n', stderr: '' });
    assert.match(readFileSync(join(work, 'scaffolded', 'ACME-ROLLOUT-PLAN.md'), 'utf8'), /^connector: Acme$/m);
    const waves = fromPath('waves', 'docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.equal(waves.code, 0, waves.stderr);
    assert.match(waves.stdout, /^docs\/HUBSPOT-ROLLOUT-PLAN\.md: tasks 1\/2, go\/no-go 2\/5$/m);
    assert.match(waves.stdout, /^ +Wave 2 +blocked +0\/0 +api-integration +blocked by Wave 1$/m);
  });

  it('connector-playbook report and graph from PATH: the job summary\'s Markdown, the identity graph as Mermaid', () => {
    // The step of the README's GitHub Actions example, with this workspace's folder.
    const summary = fromPath('report', 'docs');
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /^## Rollout plans\n\n2 plans \(/);
    assert.match(summary.stdout, /^\| \*\*HubSpot\*\*<br>docs\/HUBSPOT-ROLLOUT-PLAN\.md \| /m);
    const graph = fromPath('graph', 'docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.equal(graph.code, 0, graph.stderr);
    assert.match(graph.stdout, /^flowchart LR\n {2}subgraph external\["External fields"\]\n/);
  });

  it('npx --package TARBALL connector-playbook lint runs offline from an empty cache', () => {
    const npx = run('npm', ['exec', '--yes', '--offline', '--cache', join(root, 'npx-cache'), '--package', tarball, '--', 'connector-playbook', 'lint', 'docs/SLACK-ROLLOUT-PLAN.md'], { cwd: work });
    assert.deepEqual({ code: npx.code, stdout: npx.stdout }, { code: 0, stdout: 'No problems in 1 plan.\n' }, npx.stderr);
  });
});
