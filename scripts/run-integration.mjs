// Integration tier: runs out/test/integration/index.js (mocha) inside a real VS Code extension
// host with this repository as the extension under development.
//
//   node scripts/run-integration.mjs [--workspace DIR] [--grep PATTERN] [--timeout-ms N] [--no-build]
//
// Where a desktop VS Code exists (VSCODE_EXECUTABLE, or a desktop `code` on PATH) it runs under
// @vscode/test-electron; otherwise under code-server's web workbench in headless Chromium, the
// test payload replacing code-server's missing --extensionDevelopmentPath/--extensionTestsPath.
//
// Env: CONNECTOR_PLAYBOOK_WORKSPACE (fixture folder), INTEGRATION_TIMEOUT_MS (whole suite,
// default 10 min), MOCHA_GREP, CONNECTOR_PLAYBOOK_TEST_TIMEOUT_MS (per test, default 60 s),
// CONNECTOR_PLAYBOOK_RUNNER=code-server|electron, CONNECTOR_PLAYBOOK_KEEP=1 (keep temp dirs),
// CONNECTOR_PLAYBOOK_VERBOSE=1 (print all workbench log lines).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readSync, closeSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ensureVscode } from './ensure-vscode.mjs';
import { QUIET_SETTINGS, makeRunDir, startCodeServer } from './code-server.mjs';
import { launchChromium, workbenchUrl } from './lib/browser.mjs';
import { logger, readJson, repoRoot, runInherit } from './lib/util.mjs';
import { copyWorkspace, defaultWorkspace } from './lib/workspace.mjs';

const log = logger('integration');
const TESTS_ENTRY = join(repoRoot, 'out', 'test', 'integration', 'index.js');
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** Streams new lines of a file to stdout while the suite runs (the in-host reporter writes it). */
function tailFile(file) {
  let pos = 0;
  const pump = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size <= pos) return;
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(size - pos);
    readSync(fd, buf, 0, buf.length, pos);
    closeSync(fd);
    pos = size;
    process.stdout.write(buf);
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
  };
}

async function runUnderCodeServer({ install, workspace, env, timeoutMs, runDir }) {
  const testLog = join(runDir, 'mocha.log');
  const resultsFile = join(runDir, 'results.json');
  writeFileSync(testLog, '');
  const folder = copyWorkspace(workspace, runDir);
  const t0 = Date.now();
  const phase = (name) => verbose && log(`${name} at +${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const verbose = process.env.CONNECTOR_PLAYBOOK_VERBOSE === '1';
  const server = await startCodeServer({ install, folder, runDir, quiet: true });
  phase('code-server up');
  let browser;
  const stopTail = tailFile(testLog);
  try {
    browser = await launchChromium({ homeDir: join(runDir, 'chromium') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const finished = new Promise((r) => (finish = r));
    // The protocol @vscode/test-web uses: the workbench reports the suite's exit code here.
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) }));
    // Workbench errors explain most "suite never started" failures, but a passing run always has
    // a few harmless ones (no network: open-vsx, GitHub auth), so they are shown only on failure.
    const workbenchErrors = [];
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      if (verbose) process.stderr.write(`[workbench ${type}] ${text}\n`);
      else if (type === 'error') workbenchErrors.push(text.split('\n').slice(0, 3).join('\n'));
    });
    const showErrors = () => {
      if (verbose || !workbenchErrors.length) return;
      log(`workbench errors during the run (CONNECTOR_PLAYBOOK_VERBOSE=1 shows all log lines):`);
      for (const e of workbenchErrors.slice(-15)) process.stderr.write(`  ${e.replace(/\n/g, '\n  ')}\n`);
    };
    page.on('pageerror', (e) => verbose && process.stderr.write(`[page error] ${e.message}\n`));
    const url = workbenchUrl(server, {
      folder,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: TESTS_ENTRY,
      extensionEnvironment: { ...env, CONNECTOR_PLAYBOOK_TEST_LOG: testLog, CONNECTOR_PLAYBOOK_TEST_RESULTS: resultsFile },
    });
    log(`code-server ${server.url} · workspace copy ${folder}`);
    await page.goto(url);
    phase('page loaded');
    let timer;
    const outcome = await Promise.race([
      finished,
      new Promise((r) => (timer = setTimeout(() => r({ timeout: true }), timeoutMs))),
      server.exited.then((c) => ({ serverDied: c })),
    ]);
    clearTimeout(timer);
    phase('suite finished');
    stopTail();
    if (outcome.timeout || outcome.serverDied !== undefined || outcome.code !== 0) showErrors();
    if (outcome.timeout) {
      log(`TIMEOUT: the integration suite did not finish within ${Math.round(timeoutMs / 1000)} s — a test, activation or the extension host is hanging.`);
      log(`Last code-server output:\n${server.output().slice(-2000)}`);
      return { code: 1, stats: readJson(resultsFile), reason: 'timeout' };
    }
    if (outcome.serverDied !== undefined) {
      log(`code-server exited (${outcome.serverDied}) during the suite:\n${server.output().slice(-2000)}`);
      return { code: 1, stats: readJson(resultsFile), reason: 'server died' };
    }
    return { code: outcome.code, stats: readJson(resultsFile) };
  } finally {
    stopTail();
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

async function runUnderElectron({ vscodeExecutablePath, workspace, env, timeoutMs, runDir }) {
  const require = createRequire(`${repoRoot}/package.json`);
  const { runTests } = require('@vscode/test-electron');
  const resultsFile = join(runDir, 'results.json');
  const folder = copyWorkspace(workspace, runDir);
  const userDataDir = join(runDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  log(`desktop VS Code ${vscodeExecutablePath} · workspace copy ${folder}`);
  let timer;
  const run = runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: TESTS_ENTRY,
    extensionTestsEnv: { ...env, CONNECTOR_PLAYBOOK_TEST_RESULTS: resultsFile },
    launchArgs: [
      folder,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', userDataDir,
      '--extensions-dir', join(runDir, 'extensions'),
    ],
  }).then(
    (code) => ({ code }),
    (err) => ({ code: typeof err?.code === 'number' ? err.code || 1 : 1, error: err }),
  );
  const outcome = await Promise.race([run, new Promise((r) => (timer = setTimeout(() => r({ timeout: true }), timeoutMs)))]);
  clearTimeout(timer);
  if (outcome.timeout) {
    log(`TIMEOUT: the integration suite did not finish within ${Math.round(timeoutMs / 1000)} s.`);
    // test-electron does not hand out its VS Code process; it is our direct child, so stop it by
    // parent pid before we exit rather than leave it running.
    killChildren();
    return { code: 1, stats: readJson(resultsFile), reason: 'timeout' };
  }
  if (outcome.error && !readJson(resultsFile)) log(`VS Code run failed: ${outcome.error.message ?? outcome.error}`);
  return { code: outcome.code, stats: readJson(resultsFile) };
}

function killChildren() {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  for (const pid of (r.stdout || '').split(/\s+/).map(Number).filter(Boolean)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
}

/**
 * Runs the integration tier. Resolves with { code, stats } where stats is mocha's
 * { passes, failures, pending, tests, duration } or undefined when mocha never finished.
 */
export { defaultWorkspace };

export async function runIntegration({ workspace = defaultWorkspace(), grep, timeoutMs, install } = {}) {
  install ??= await ensureVscode();
  timeoutMs ??= Number(process.env.INTEGRATION_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  if (!existsSync(TESTS_ENTRY)) throw new Error(`${TESTS_ENTRY} is missing: build first (node esbuild.config.mjs)`);
  const env = {
    CONNECTOR_PLAYBOOK_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
    ...(grep || process.env.MOCHA_GREP ? { MOCHA_GREP: grep || process.env.MOCHA_GREP } : {}),
    ...(process.env.CONNECTOR_PLAYBOOK_TEST_TIMEOUT_MS ? { CONNECTOR_PLAYBOOK_TEST_TIMEOUT_MS: process.env.CONNECTOR_PLAYBOOK_TEST_TIMEOUT_MS } : {}),
  };
  const runDir = makeRunDir();
  try {
    const useElectron = install.desktopVscode && process.env.CONNECTOR_PLAYBOOK_RUNNER !== 'code-server';
    return useElectron
      ? await runUnderElectron({ vscodeExecutablePath: install.desktopVscode, workspace, env, timeoutMs, runDir })
      : await runUnderCodeServer({ install, workspace, env, timeoutMs, runDir });
  } finally {
    if (process.env.CONNECTOR_PLAYBOOK_KEEP === '1') log(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      grep: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'no-build': { type: 'boolean' },
      results: { type: 'string' },
    },
  });
  try {
    const install = await ensureVscode();
    if (!values['no-build']) {
      const code = await runInherit(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot });
      if (code !== 0) process.exit(code);
    }
    const t = Date.now();
    const r = await runIntegration({
      install,
      workspace: values.workspace ? resolve(values.workspace) : undefined,
      grep: values.grep,
      timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined,
    });
    if (values.results) writeFileSync(values.results, JSON.stringify({ ...r.stats, code: r.code }, null, 2));
    log(`${r.code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    process.exit(r.code === 0 ? 0 : 1);
  } catch (e) {
    log(`FAILED: ${e.stack ?? e}`);
    process.exit(1);
  }
}
