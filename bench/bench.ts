// `npm run bench`: lints generated plans of 1k, 10k and 100k lines and compares, in the same run,
// with markdown-it's full parse of the same text and (1k and 10k only) markdownlint's default lint.
import MarkdownIt from 'markdown-it';
import { lint as markdownlint } from 'markdownlint/sync';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../src/core/config';
import { lintPlan } from '../src/core/lint';
import { parsePlan } from '../src/core/parser';
import { lintWaves } from '../src/core/waves';
import { generatePlan } from './generatePlan';

interface Row {
  lines: number;
  sizeKb: number;
  lintMs: number;
  /** Of lintMs: parsePlan alone, and the wave rules alone. */
  parseMs: number;
  wavesMs: number;
  markdownItMs: number;
  markdownlintMs: number | undefined;
  findings: number;
}

/** Issue 2's targets. */
const MAX_RATIO_TO_MARKDOWN_IT = 0.6;
const MIN_SPEED_UP_VS_MARKDOWNLINT = 30;

const md = new MarkdownIt('default', { html: true });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// CPU time of this process (all its threads, GC included): on a busy machine wall time mostly
// measures the other processes, CPU time still measures the work.
function time(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function lintOnce(text: string): number {
  return lintPlan(parsePlan(text)).length;
}

function markdownlintOnce(text: string): void {
  // Default configuration: every rule markdownlint enables out of the box.
  markdownlint({ strings: { plan: text } });
}

function measure(lines: number, rounds: number, markdownlintRuns: number): Row {
  const text = generatePlan(lines);
  const model = parsePlan(text);
  const findings = lintPlan(model).length;
  const waveOptions = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };
  const lintTimes: number[] = [];
  const parseTimes: number[] = [];
  const waveTimes: number[] = [];
  const markdownItTimes: number[] = [];
  // Runs of a few of each in turn: each side pays for its own garbage (the run before it is its
  // own kind), and a busy machine slows both sides alike. The first round warms the JIT up.
  const perRound = lines >= 100000 ? 2 : 4;
  for (let round = 0; round <= rounds; round++) {
    const keep = round > 0;
    for (let k = 0; k < perRound; k++) {
      const t = time(() => lintOnce(text));
      if (keep) lintTimes.push(t);
    }
    for (let k = 0; k < perRound; k++) {
      const t = time(() => md.parse(text, {}));
      if (keep) markdownItTimes.push(t);
    }
    for (let k = 0; k < perRound; k++) {
      const t = time(() => parsePlan(text));
      if (keep) parseTimes.push(t);
    }
    for (let k = 0; k < perRound; k++) {
      const t = time(() => lintWaves(model, waveOptions));
      if (keep) waveTimes.push(t);
    }
  }
  let markdownlintMs: number | undefined;
  if (markdownlintRuns > 0) {
    markdownlintOnce(text.slice(0, 2000));
    const times: number[] = [];
    for (let k = 0; k < markdownlintRuns; k++) times.push(time(() => markdownlintOnce(text)));
    markdownlintMs = median(times);
  }
  return {
    lines,
    sizeKb: Buffer.byteLength(text) / 1024,
    lintMs: median(lintTimes),
    parseMs: median(parseTimes),
    wavesMs: median(waveTimes),
    markdownItMs: median(markdownItTimes),
    markdownlintMs,
    findings,
  };
}

function formatTable(rows: Row[]): string {
  const header = ['lines', 'size KB', 'lint ms', 'lint MB/s', 'markdown-it ms', 'markdownlint ms', 'lint / markdown-it', 'speed-up vs markdownlint', 'of lint: parse ms', 'of lint: wave rules ms', 'findings'];
  const body = rows.map((r) => [
    r.lines.toLocaleString('en-US'),
    r.sizeKb.toFixed(0),
    r.lintMs.toFixed(1),
    (r.sizeKb / 1024 / (r.lintMs / 1000)).toFixed(1),
    r.markdownItMs.toFixed(1),
    r.markdownlintMs === undefined ? '–' : r.markdownlintMs.toFixed(0),
    (r.lintMs / r.markdownItMs).toFixed(2),
    r.markdownlintMs === undefined ? '–' : `${(r.markdownlintMs / r.lintMs).toFixed(0)}×`,
    r.parseMs.toFixed(1),
    r.wavesMs.toFixed(1),
    String(r.findings),
  ]);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`];
  for (const cells of body) lines.push(`| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const plan: [number, number, number][] = quick
    ? [[1000, 3, 1], [10000, 2, 1], [100000, 1, 0]]
    : [[1000, 10, 5], [10000, 6, 3], [100000, 3, 0]];
  console.log(`Node ${process.version}, markdown-it full parse vs parsePlan+lintPlan (median CPU ms${quick ? ', --quick' : ''})\n`);
  const rows: Row[] = [];
  for (const [lines, rounds, markdownlintRuns] of plan) {
    rows.push(measure(lines, rounds, markdownlintRuns));
    process.stderr.write(`  ${lines} lines measured\n`);
  }
  console.log(formatTable(rows));
  console.log('');
  let missed = 0;
  for (const r of rows) {
    if (r.lines < 10000) continue;
    const ratio = r.lintMs / r.markdownItMs;
    const ok = ratio <= MAX_RATIO_TO_MARKDOWN_IT;
    if (!ok) missed++;
    console.log(`${ok ? 'met   ' : 'MISSED'}  ${r.lines} lines: lint ${ratio.toFixed(2)}× markdown-it's full parse (target ≤ ${MAX_RATIO_TO_MARKDOWN_IT}×)`);
  }
  const tenK = rows.find((r) => r.lines === 10000);
  if (tenK?.markdownlintMs !== undefined) {
    const speedUp = tenK.markdownlintMs / tenK.lintMs;
    const ok = speedUp >= MIN_SPEED_UP_VS_MARKDOWNLINT;
    if (!ok) missed++;
    console.log(`${ok ? 'met   ' : 'MISSED'}  10000 lines: ${speedUp.toFixed(0)}× faster than markdownlint (target ≥ ${MIN_SPEED_UP_VS_MARKDOWNLINT}×)`);
  }
  if (process.argv.includes('--check') && missed > 0) process.exitCode = 1;
}

main();
