// Entry point for the web-worker extension host (code-server's, as on vscode.dev and github.dev):
// mocha's browser build runs the bundled suite. A worker has no file system and no environment,
// so each result is written to the console, which the workbench hands to scripts/run-web.mjs.
import 'mocha/mocha.js';

interface BrowserMocha {
  setup(options: { ui: string; reporter: undefined; timeout: number }): void;
  run(done: (failures: number) => void): { on(event: string, listener: (test: { fullTitle(): string }, error?: Error) => void): void };
}
declare const mocha: BrowserMocha;

export async function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 30_000 });
  // Loaded after setup, so that their describe() calls find mocha ready.
  await import('./extension.test');
  let passes = 0;
  let failures = 0;
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failed) => {
      console.log(`web worker: ${passes} passing, ${failures} failing`);
      if (failed > 0) reject(new Error(`${failed} web-worker test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      passes++;
      console.log(`  ✔ ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error) => {
      failures++;
      console.log(`  ✖ ${test.fullTitle()}: ${error?.message ?? error}`);
    });
  });
}
