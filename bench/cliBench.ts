// The CLI as CI runs it, on a generated workspace of 200 realistic plans (100 to 1,000 lines each),
// against a process that only reads the plans and runs markdown-it's full parse on each, and against
// markdownlint-cli2 on the same files: whole processes, CPU time (all threads) and wall time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlan } from './generatePlan';

export interface ProcessTimes {
  cpuMs: number;
  wallMs: number;
}

export interface CliBench {
  plans: number;
  sizeMb: number;
  ours: ProcessTimes;
  readAndParse: ProcessTimes;
  markdownlint: ProcessTimes | undefined;
}

/** 200 plans of 100 to 1,000 lines, each with its own connector and seed. */
export function writeWorkspace(count = 200): { dir: string; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cpb-bench-'));
  const docs = join(dir, 'src', 'docs');
  mkdirSync(docs, { recursive: true });
  let bytes = 0;
  for (let k = 1; k <= count; k++) {
    const text = generatePlan(100 + ((k * 389) % 901), k);
    const name = /^# (\w+)/m.exec(text)?.[1]?.toUpperCase() ?? 'PLAN';
    writeFileSync(join(docs, `${name}-${k}-ROLLOUT-PLAN.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, bytes };
}

function timeProcess(args: string[], cwd: string): ProcessTimes {
  const report = join(tmpdir(), `cpb-cpu-${process.pid}-${Date.now()}.json`);
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--require', join(cwd, 'bench', 'cpuReport.cjs'), ...args], {
    cwd,
    env: { ...process.env, CPU_REPORT: report },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 400)}`);
  const { cpuMs } = JSON.parse(readFileSync(report, 'utf8')) as { cpuMs: number };
  rmSync(report, { force: true });
  return { cpuMs, wallMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianTimes(samples: ProcessTimes[]): ProcessTimes {
  return { cpuMs: median(samples.map((s) => s.cpuMs)), wallMs: median(samples.map((s) => s.wallMs)) };
}

/** Runs the three kinds of process in turns (so a busy machine slows them alike) and takes medians. */
export function benchCli(repo: string, rounds: number, markdownlintRounds: number): CliBench {
  const { dir, bytes } = writeWorkspace();
  try {
    const ours: ProcessTimes[] = [];
    const readAndParse: ProcessTimes[] = [];
    const markdownlint: ProcessTimes[] = [];
    for (let round = 0; round < rounds; round++) {
      ours.push(timeProcess([join(repo, 'dist', 'cli.js'), 'lint', '--format', 'json', dir], repo));
      readAndParse.push(timeProcess([join(repo, 'bench', 'readAndParse.cjs'), dir], repo));
      if (round < markdownlintRounds) {
        markdownlint.push(timeProcess([join(repo, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${dir}/**/*.md`], repo));
      }
    }
    return {
      plans: 200,
      sizeMb: bytes / 1024 / 1024,
      ours: medianTimes(ours),
      readAndParse: medianTimes(readAndParse),
      markdownlint: markdownlint.length ? medianTimes(markdownlint) : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
