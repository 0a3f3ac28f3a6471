// Entry point the extension host loads as `extensionTestsPath` (code-server's workbench payload, or
// @vscode/test-electron on a desktop VS Code). Bundled by esbuild to out/test/integration/index.js
// with every *.test.ts next to it; mocha stays external and resolves from the repo's node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

// Set by scripts/run-integration.mjs. In code-server the extension host runs on the server, so a
// file is the one channel that reliably reaches the runner's terminal (it tails the file) —
// extension-host console output is not forwarded there in every mode.
const LOG_FILE = process.env.CONNECTOR_PLAYBOOK_TEST_LOG;
const RESULTS_FILE = process.env.CONNECTOR_PLAYBOOK_TEST_RESULTS;

function teeReporterOutput(file: string): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    fs.appendFileSync(file, format(...args) + '\n');
    original(...args);
  };
}

/** Test files in this folder, skipping bundles whose .ts source was deleted: esbuild never cleans
 *  out/, and a stale bundle would keep running a test nobody can see. */
function testFiles(dir: string): string[] {
  const sourceDir = path.resolve(dir, '..', '..', '..', 'test', 'integration');
  const checkSource = fs.existsSync(sourceDir);
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !checkSource || fs.existsSync(path.join(sourceDir, f.replace(/\.js$/, '.ts'))))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  if (LOG_FILE) teeReporterOutput(LOG_FILE);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.env.CONNECTOR_PLAYBOOK_TEST_COLOR === '1',
    timeout: Number(process.env.CONNECTOR_PLAYBOOK_TEST_TIMEOUT_MS) || 60_000,
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (RESULTS_FILE) fs.writeFileSync(RESULTS_FILE, JSON.stringify(runner.stats ?? { failures }, null, 2));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      if (LOG_FILE) fs.appendFileSync(LOG_FILE, `mocha could not start: ${(err as Error).stack ?? String(err)}\n`);
      reject(err);
    }
  });
}
