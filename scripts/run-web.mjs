// Web tier: runs out/test/web/index.js inside code-server's web-worker extension host, the host
// vscode.dev and github.dev use. The user setting remote.extensionKind moves the extension under
// development (its `browser` entry, dist/web/extension.js) into the worker; the suite's results come
// back through the workbench's console (a worker has no file system).
//
//   node scripts/run-web.mjs [--no-build] [--results FILE]
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format } from 'node:util';
import { ensureVscode } from './ensure-vscode.mjs';
import { makeRunDir, startCodeServer } from './code-server.mjs';
import { launchChromium, workbenchUrl } from './lib/browser.mjs';
import { logger, repoRoot, runInherit } from './lib/util.mjs';
import { copyWorkspace, defaultWorkspace } from './lib/workspace.mjs';

const log = logger('web');
const TESTS_ENTRY = join(repoRoot, 'out', 'test', 'web', 'index.js');
const EXTENSION_ID = 'connector-playbook.connector-playbook';
const TIMEOUT_MS = 6 * 60 * 1000;

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' }, results: { type: 'string' } } });
const install = await ensureVscode();
if (!values['no-build']) {
  const code = await runInherit(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot });
  if (code !== 0) process.exit(code);
}

const runDir = makeRunDir();
const stats = { passes: 0, failures: 0 };
let exitCode = 1;
let server;
let browser;
try {
  const folder = copyWorkspace(defaultWorkspace(), runDir);
  server = await startCodeServer({ install, folder, runDir, quiet: true, settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
  browser = await launchChromium({ homeDir: join(runDir, 'chromium') });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  // The worker's console arrives unformatted (a format string and its arguments).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (/^\s+✔ /.test(line)) stats.passes++;
    if (/^\s+✖ /.test(line)) stats.failures++;
    if (/^\s+[✔✖] |^web worker: /.test(line) || (type === 'error' && /connector-playbook/i.test(line))) process.stdout.write(`${line}\n`);
  });
  await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot, extensionTestsPath: TESTS_ENTRY }));
  let timer;
  const outcome = await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)))]);
  clearTimeout(timer);
  if (outcome === 'timeout') log(`TIMEOUT: the web-worker suite did not finish within ${TIMEOUT_MS / 1000} s.`);
  else exitCode = outcome;
  // A suite that never ran a test (the extension stayed in Node, say) is a failure, not a pass.
  if (stats.passes + stats.failures === 0) {
    log('no test ran in the web-worker host');
    exitCode = 1;
  }
} catch (error) {
  log(`FAILED: ${error.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(runDir, { recursive: true, force: true });
}
if (values.results) writeFileSync(values.results, JSON.stringify({ ...stats, failures: exitCode === 0 ? stats.failures : Math.max(1, stats.failures) }, null, 2));
log(`${exitCode === 0 ? 'passed' : 'FAILED'}: ${stats.passes} passed, ${stats.failures} failed`);
process.exit(exitCode === 0 ? 0 : 1);
