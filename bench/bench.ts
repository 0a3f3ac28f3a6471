// `npm run bench`: lints generated plans of 1k, 10k and 100k lines and compares, in the same run,
// with markdown-it's full parse of the same text and (1k and 10k only) markdownlint's default lint.
//
// Each measurement runs in a fresh worker process (this file with `--worker`): one heap per kind of
// work, so neither side pays for the other's garbage, and the kinds take turns so a busy machine
// slows them alike. Each worker warms up for WARM_UP_CPU_MS before it times anything. Times are CPU
// time (all threads, GC and JIT compilation included), medians of every sample.
import { execFileSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import { lint as markdownlint } from 'markdownlint/sync';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../src/core/config';
import { lintPlan } from '../src/core/lint';
import { parsePlan } from '../src/core/parser';
import { lintWaves, readWaveOutline } from '../src/core/waves';
import { generatePlan } from './generatePlan';

/** Issue 2's targets. */
const MAX_RATIO_TO_MARKDOWN_IT = 0.6;
const MIN_SPEED_UP_VS_MARKDOWNLINT = 30;

const KINDS = ['lint', 'markdown-it', 'parse', 'wave-rules', 'markdownlint'] as const;
type Kind = (typeof KINDS)[number];

interface Row {
  lines: number;
  sizeKb: number;
  findings: number;
  ms: Partial<Record<Kind, number>>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The work of one kind on one text, as a function to time. */
function workOf(kind: Kind, text: string): () => unknown {
  switch (kind) {
    case 'lint':
      return () => lintPlan(parsePlan(text));
    case 'parse':
      return () => parsePlan(text);
    case 'wave-rules': {
      const model = parsePlan(text);
      // A copy per run: the wave reading is cached per model object, and lint meets a new one each time.
      return () => lintWaves(readWaveOutline(model), { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING });
    }
    case 'markdown-it': {
      // The same options as the core's parser.
      const md = new MarkdownIt('default', { html: true });
      return () => md.parse(text, {});
    }
    case 'markdownlint':
      // Default configuration: every rule markdownlint enables out of the box.
      return () => markdownlint({ strings: { plan: text } });
  }
}

/**
 * How long each worker runs its work before timing it, in CPU time: long enough for the JIT to
 * optimise either side's hot paths (lint's wave reading takes about twenty runs of the 10k-line
 * plan to settle, markdown-it's parse about five of the 100k-line one). The same rule for every kind.
 */
const WARM_UP_CPU_MS = 2000;

/** Worker: warm up, then print the CPU time of each timed run as JSON. */
function worker(kind: Kind, lines: number, runs: number): void {
  const run = workOf(kind, generatePlan(lines));
  for (let spent = 0, k = 0; k < 1 || spent < WARM_UP_CPU_MS; k++) spent += cpuMs(run);
  const times: number[] = [];
  for (let k = 0; k < runs; k++) times.push(cpuMs(run));
  process.stdout.write(JSON.stringify(times));
}

function sample(kind: Kind, lines: number, runs: number): number[] {
  const out = execFileSync(process.execPath, [process.argv[1]!, '--worker', kind, String(lines), String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out) as number[];
}

interface Plan {
  lines: number;
  rounds: number;
  runsPerWorker: number;
  markdownlintRuns: number;
}

function measure(plan: Plan): Row {
  const text = generatePlan(plan.lines);
  const samples = new Map<Kind, number[]>();
  for (let round = 0; round < plan.rounds; round++) {
    for (const kind of KINDS) {
      if (kind === 'markdownlint') continue;
      samples.set(kind, [...(samples.get(kind) ?? []), ...sample(kind, plan.lines, plan.runsPerWorker)]);
    }
  }
  if (plan.markdownlintRuns > 0) samples.set('markdownlint', sample('markdownlint', plan.lines, plan.markdownlintRuns));
  const ms: Row['ms'] = {};
  for (const [kind, times] of samples) ms[kind] = median(times);
  return { lines: plan.lines, sizeKb: Buffer.byteLength(text) / 1024, findings: lintPlan(parsePlan(text)).length, ms };
}

function formatTable(rows: Row[]): string {
  const header = ['lines', 'size KB', 'lint ms', 'lint MB/s', 'markdown-it ms', 'markdownlint ms', 'lint / markdown-it', 'speed-up vs markdownlint', 'of lint: parse ms', 'of lint: wave rules ms', 'findings'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`];
  for (const r of rows) {
    const lint = r.ms.lint!;
    const markdownlintMs = r.ms.markdownlint;
    lines.push(`| ${[
      r.lines.toLocaleString('en-US'),
      r.sizeKb.toFixed(0),
      lint.toFixed(1),
      (r.sizeKb / 1024 / (lint / 1000)).toFixed(1),
      r.ms['markdown-it']!.toFixed(1),
      markdownlintMs === undefined ? '–' : markdownlintMs.toFixed(0),
      (lint / r.ms['markdown-it']!).toFixed(2),
      markdownlintMs === undefined ? '–' : `${(markdownlintMs / lint).toFixed(0)}×`,
      r.ms.parse!.toFixed(1),
      r.ms['wave-rules']!.toFixed(1),
      String(r.findings),
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const plans: Plan[] = quick
    ? [
        { lines: 1000, rounds: 1, runsPerWorker: 10, markdownlintRuns: 1 },
        { lines: 10000, rounds: 1, runsPerWorker: 5, markdownlintRuns: 1 },
        { lines: 100000, rounds: 1, runsPerWorker: 2, markdownlintRuns: 0 },
      ]
    : [
        { lines: 1000, rounds: 3, runsPerWorker: 20, markdownlintRuns: 5 },
        { lines: 10000, rounds: 3, runsPerWorker: 10, markdownlintRuns: 3 },
        // Many short rounds: the machine's speed drifts, and both kinds should see the same drift.
        { lines: 100000, rounds: 8, runsPerWorker: 2, markdownlintRuns: 0 },
      ];
  console.log(`Node ${process.version}; median CPU ms of parsePlan+lintPlan vs markdown-it's full parse (same text, same options)${quick ? '; --quick' : ''}\n`);
  const rows: Row[] = [];
  for (const plan of plans) {
    rows.push(measure(plan));
    process.stderr.write(`  ${plan.lines} lines measured\n`);
  }
  console.log(formatTable(rows));
  console.log('');
  let missed = 0;
  for (const r of rows) {
    if (r.lines < 10000) continue;
    const ratio = r.ms.lint! / r.ms['markdown-it']!;
    const ok = ratio <= MAX_RATIO_TO_MARKDOWN_IT;
    if (!ok) missed++;
    console.log(`${ok ? 'met   ' : 'MISSED'}  ${r.lines} lines: lint ${ratio.toFixed(2)}× markdown-it's full parse (target ≤ ${MAX_RATIO_TO_MARKDOWN_IT}×)`);
  }
  const tenK = rows.find((r) => r.lines === 10000);
  if (tenK?.ms.markdownlint !== undefined) {
    const speedUp = tenK.ms.markdownlint / tenK.ms.lint!;
    const ok = speedUp >= MIN_SPEED_UP_VS_MARKDOWNLINT;
    if (!ok) missed++;
    console.log(`${ok ? 'met   ' : 'MISSED'}  10000 lines: ${speedUp.toFixed(0)}× faster than markdownlint (target ≥ ${MIN_SPEED_UP_VS_MARKDOWNLINT}×)`);
  }
  if (process.argv.includes('--check') && missed > 0) process.exitCode = 1;
}

const workerAt = process.argv.indexOf('--worker');
if (workerAt >= 0) {
  const [kind, lines, runs] = process.argv.slice(workerAt + 1);
  if (!(KINDS as readonly string[]).includes(kind ?? '')) throw new Error(`unknown kind ${kind}`);
  worker(kind as Kind, Number(lines), Number(runs));
} else {
  main();
}
