// What the real VS Code shows (code-server, the production build): the activation time from
// Developer: Show Running Extensions on examples/, and the time from a keystroke to its findings in a
// 10,000-line plan. Both come from the tests that measure them; the figures are read from their output.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface HostBench {
  /** Each run's activation time, ms. */
  activations: number[];
  keystroke: { median: number; parse: number; lint: number; max: number } | undefined;
}

function run(repo: string, args: string[], timeoutMs: number): string {
  const result = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
}

export function benchHost(repo: string, activationRuns: number): HostBench {
  const activations: number[] = [];
  for (let k = 0; k < activationRuns; k++) {
    const out = run(repo, [join('node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--require', 'tsx/cjs', '--timeout', '180000', 'test/ui/activation.test.ts'], 240_000);
    const found = /measured: activation (\d+(?:\.\d+)?) ms/.exec(out);
    if (found) activations.push(Number(found[1]));
    else console.error(`[bench] no activation figure in the UI test's output:\n${out.slice(-1500)}`);
  }
  const out = run(repo, [join('scripts', 'run-integration.mjs'), '--no-build', '--grep', 'time from a keystroke to its findings'], 600_000);
  const found = /measured: median ([\d.]+) ms \(parse ([\d.]+), lint ([\d.]+)\), max ([\d.]+) ms/.exec(out);
  if (!found) console.error(`[bench] no keystroke figure in the integration test's output:\n${out.slice(-1500)}`);
  return {
    activations,
    keystroke: found ? { median: Number(found[1]), parse: Number(found[2]), lint: Number(found[3]), max: Number(found[4]) } : undefined,
  };
}
