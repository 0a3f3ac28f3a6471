// The core as the editor uses it: one character typed mid-plan, from the edit to its findings, read
// from the previous version (as the store does) and, for comparison, read whole; and plans built to
// be slow to read (a section F written again and again) at 1, 3 and 10 MB.
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../src/core/config';
import { lintPlan } from '../src/core/lint';
import { parsePlan, parsePlanVersion } from '../src/core/parser';
import type { PlanParse } from '../src/core/parser';
import { getDefaultTemplate } from '../src/core/template';
import type { WavesByText } from '../src/core/waves';
import { readWaveOutline, readWaveOutlineFrom, readWaves } from '../src/core/waves';
import { generatePlan } from './generatePlan';

const ROSTER = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

export interface KeystrokeBench {
  lines: number;
  sizeKb: number;
  /** Median ms from an edit to its findings, read from the previous version. */
  incremental: number;
  /** The same, reading each version whole. */
  whole: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Types `keystrokes` characters at the end of the plan's middle line; times the last `timed` of them. */
export function benchKeystrokes(lines: number, keystrokes = 160, timed = 100): KeystrokeBench {
  const template = getDefaultTemplate();
  const text = generatePlan(lines);
  const rows = text.split('\n');
  const middle = Math.floor(rows.length / 2);
  const word = 'and the watermark is kept per page ';
  const incremental: number[] = [];
  const whole: number[] = [];
  let previous: PlanParse = parsePlanVersion(text);
  let byText: WavesByText = readWaveOutlineFrom(previous.model, undefined).byText;
  for (let k = 0; k < keystrokes; k++) {
    rows[middle] += word[k % word.length]!;
    const next = rows.join('\n');
    let start = performance.now();
    const parse = parsePlanVersion(next, previous);
    const outline = readWaveOutlineFrom(parse.model, byText);
    lintPlan(parse.model, { template, waveOutline: outline.waves });
    if (k >= keystrokes - timed) incremental.push(performance.now() - start);
    previous = parse;
    byText = outline.byText;
    start = performance.now();
    lintPlan(parsePlan(next), { template });
    if (k >= keystrokes - timed) whole.push(performance.now() - start);
  }
  return { lines, sizeKb: Buffer.byteLength(text) / 1024, incremental: median(incremental), whole: median(whole) };
}

export interface RepeatedSectionBench {
  sizeMb: number;
  waves: number;
  ms: number;
  msPerMb: number;
}

const SECTION_F = [
  '## F) Agent-Team Plan',
  '### Wave 1', '- Agent: `schema-sync`', '- Tasks:', '  - [ ] Migration for sync state', '- Blocks/unblocks: unblocks Wave 2', '',
  '### Wave 2', '- Agent: `api-integration`', '- Tasks:', '  - [x] Mapping endpoint', '- Blocks/unblocks: blocked by Wave 1; unblocks Wave 3', '',
  '### Wave 3', '- Agent: `ui-ops`', '- Tasks:', '  - [ ] Status view', '- Blocks/unblocks: blocked by Wave 2', '', '',
].join('\n');

/** Parse, lint and the waves' reading of a section F written again and again up to `sizeMb`. */
export function benchRepeatedSectionF(sizeMb: number): RepeatedSectionBench {
  const text = SECTION_F.repeat(Math.ceil((sizeMb * 1024 * 1024) / SECTION_F.length));
  const start = performance.now();
  const model = parsePlan(text);
  const outline = readWaveOutline(model);
  lintPlan(model, { waveOutline: outline });
  const waves = readWaves(model, ROSTER, outline).waves.length;
  const ms = performance.now() - start;
  const mb = Buffer.byteLength(text) / 1024 / 1024;
  return { sizeMb: mb, waves, ms, msPerMb: ms / mb };
}
