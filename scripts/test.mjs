// `npm test`: every tier in order, stopping at the first failure.
//
//   node scripts/test.mjs                           ensure → build → typecheck → unit → integration → web → ui
//   node scripts/test.mjs unit|integration|web|ui   one tier (plus what it needs: ensure/build)
//   node scripts/test.mjs ui -- --grep palette  extra args after -- go to mocha (unit, ui)
//
// The last line is always `N passed, N failed` (tests summed over the tiers that ran). Each tier
// runs in its own process with a hard time limit, so a hang cannot stall CI: the whole suite
// stays well under 20 minutes even in the worst case.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVscode } from './ensure-vscode.mjs';
import { readJson, repoRoot } from './lib/util.mjs';

const TIERS = ['unit', 'integration', 'web', 'ui'];
const SCREENSHOT_DIR = join(repoRoot, '.test-artifacts', 'screenshots');
const MIN = 60_000;

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const passthrough = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
const requested = (dashdash >= 0 ? argv.slice(0, dashdash) : argv).filter((a) => !a.startsWith('-'));
for (const t of requested) {
  if (!TIERS.includes(t)) {
    console.error(`unknown tier "${t}"; use one of: ${TIERS.join(', ')}`);
    process.exit(2);
  }
}
const tiers = requested.length ? requested : TIERS;
const all = requested.length === 0;

const resultsDir = mkdtempSync(join(tmpdir(), 'cpb-results-'));
const mochaBin = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const reporter = join(repoRoot, 'scripts', 'lib', 'spec-with-stats.cjs');

let child;
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(sig, () => {
    // The tier's own handlers stop code-server and Chromium; give them a moment.
    child?.kill(sig);
    setTimeout(() => process.exit(code), 3000).unref();
  });
}

/** Runs one step in a child process with a hard limit; resolves with its exit code. */
function runStep(args, { env = {}, limitMs, label }) {
  return new Promise((resolvePromise) => {
    child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n✖ ${label} exceeded its ${Math.round(limitMs / MIN)}-minute limit; stopping it.`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child = undefined;
      resolvePromise(timedOut ? 124 : (code ?? (signal ? 1 : 0)));
    });
  });
}

function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(suffix));
}

function screenshotsSince(t) {
  if (!existsSync(SCREENSHOT_DIR)) return [];
  return readdirSync(SCREENSHOT_DIR).filter((f) => f.endsWith('.png') && statSync(join(SCREENSHOT_DIR, f)).mtimeMs >= t);
}

// Steps: name → async () => ({ ok, stats?, note? })
let install;
const steps = {
  ensure: async () => {
    install = await ensureVscode();
    return { ok: true, note: install.desktopVscode ? `desktop VS Code: ${install.desktopVscode}` : `code-server ${install.codeServerVersion}` };
  },
  build: async () => ({ ok: (await runStep(['esbuild.config.mjs'], { limitMs: 5 * MIN, label: 'build' })) === 0 }),
  typecheck: async () => {
    let ok = (await runStep([tscBin, '-p', '.', '--noEmit'], { limitMs: 5 * MIN, label: 'typecheck' })) === 0;
    if (ok && existsSync(join(repoRoot, 'webview', 'tsconfig.json'))) {
      ok = (await runStep([tscBin, '-p', 'webview', '--noEmit'], { limitMs: 5 * MIN, label: 'typecheck (webview)' })) === 0;
    }
    return { ok };
  },
  unit: async () => {
    if (!hasFiles(join(repoRoot, 'test', 'unit'), '.test.ts')) return { ok: true, note: 'no unit tests yet' };
    const results = join(resultsDir, 'unit.json');
    // .mocharc.json supplies spec, tsx and timeout; only the reporter is swapped so counts land in a file.
    const code = await runStep([mochaBin, '--reporter', reporter, ...passthrough], {
      env: { CONNECTOR_PLAYBOOK_TEST_RESULTS: results },
      limitMs: 10 * MIN,
      label: 'unit tier',
    });
    return { ok: code === 0, stats: readJson(results) };
  },
  integration: async () => {
    const results = join(resultsDir, 'integration.json');
    const suiteLimit = Number(process.env.INTEGRATION_TIMEOUT_MS) || 10 * MIN;
    const code = await runStep([join('scripts', 'run-integration.mjs'), '--no-build', '--results', results], {
      limitMs: suiteLimit + 2 * MIN,
      label: 'integration tier',
    });
    return { ok: code === 0, stats: readJson(results) };
  },
  web: async () => {
    const results = join(resultsDir, 'web.json');
    const code = await runStep([join('scripts', 'run-web.mjs'), '--no-build', '--results', results], { limitMs: 10 * MIN, label: 'web tier' });
    return { ok: code === 0, stats: readJson(results) };
  },
  ui: async () => {
    if (!hasFiles(join(repoRoot, 'test', 'ui'), '.test.ts')) return { ok: true, note: 'no UI tests yet' };
    const results = join(resultsDir, 'ui.json');
    const since = Date.now() - 1000;
    const code = await runStep(
      [mochaBin, '--no-config', '--require', 'tsx/cjs', '--timeout', '180000', '--reporter', reporter, 'test/ui/**/*.test.ts', ...passthrough],
      { env: { CONNECTOR_PLAYBOOK_TEST_RESULTS: results }, limitMs: 10 * MIN, label: 'UI tier' },
    );
    const shots = screenshotsSince(since);
    return { ok: code === 0, stats: readJson(results), note: `screenshots: ${SCREENSHOT_DIR}${shots.length ? ` (${shots.length} new: ${shots.join(', ')})` : ' (none new)'}` };
  },
};

const plan = all ? ['ensure', 'build', 'typecheck', ...TIERS] : [...(tiers.some((t) => t !== 'unit') ? ['ensure', 'build'] : []), ...tiers];

const rows = [];
let passed = 0;
let failed = 0;
let failedStep;
const started = Date.now();
for (const name of plan) {
  console.log(`\n━━ ${name} ━━`);
  const t = Date.now();
  let r;
  try {
    r = await steps[name]();
  } catch (e) {
    console.error(e.stack ?? String(e));
    r = { ok: false };
  }
  const secs = (Date.now() - t) / 1000;
  let counts = '';
  if (r.stats) {
    passed += r.stats.passes ?? 0;
    failed += r.stats.failures ?? 0;
    counts = `${r.stats.passes ?? 0} passed, ${r.stats.failures ?? 0} failed${r.stats.pending ? `, ${r.stats.pending} pending` : ''}`;
  }
  if (!r.ok && !(r.stats?.failures > 0)) {
    // The step broke outside any test (build error, crash, timeout): count it so the summary
    // can never read "0 failed" on a failing run.
    failed += 1;
    counts = counts ? `${counts} (+1: the tier itself failed)` : 'failed (counted as 1 failure)';
  }
  rows.push({ name, secs, status: r.ok ? 'ok' : 'FAILED', counts, note: r.note });
  console.log(`${r.ok ? '✔' : '✖'} ${name} ${r.ok ? 'passed' : 'FAILED'} in ${secs.toFixed(1)} s${counts ? ` — ${counts}` : ''}${r.note ? ` — ${r.note}` : ''}`);
  if (!r.ok) {
    failedStep = name;
    break;
  }
}
rmSync(resultsDir, { recursive: true, force: true });

console.log('\n━━ summary ━━');
for (const r of rows) console.log(`${r.name.padEnd(12)} ${`${r.secs.toFixed(1)} s`.padStart(8)}  ${r.status}${r.counts ? `  ${r.counts}` : ''}`);
for (const name of plan.slice(rows.length)) console.log(`${name.padEnd(12)} ${''.padStart(8)}  not run (stopped after ${failedStep})`);
const ui = rows.find((r) => r.name === 'ui');
if (ui?.note) console.log(ui.note);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
