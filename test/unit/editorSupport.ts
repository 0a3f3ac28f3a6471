// Shared by the editor-intelligence unit tests: a plan read as the store's PlanVersion reads it, a
// cursor written into a line as `‸`, and what a range or a set of edits does to the text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/defaults';
import type { EditorPlan } from '../../src/core/editor/editorPlan';
import { parsePlan } from '../../src/core/parser';
import type { Position, Range, TextEdit } from '../../src/core/positions';
import { getDefaultTemplate } from '../../src/core/template';
import type { PlanTemplate } from '../../src/core/template';
import type { WaveRoster } from '../../src/core/waves';
import { readWaveOutline, readWaves } from '../../src/core/waves';

export const REPO = join(__dirname, '..', '..');
export const DEFAULT_ROSTER: WaveRoster = { agents: [...DEFAULT_AGENTS], waveSequencing: DEFAULT_WAVE_SEQUENCING.map((s) => [...s]) };
const bundled = getDefaultTemplate();

/** A file of the repository, as stored. */
export function repoFile(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

/** A plan's text read as the store reads a version: model, outline, waves, template and roster. */
export function editorPlanOf(text: string, roster: WaveRoster = DEFAULT_ROSTER, template: PlanTemplate = bundled): EditorPlan {
  const model = parsePlan(text);
  const outline = readWaveOutline(model);
  return { model, outline, waves: readWaves(model, roster, outline), template, roster };
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/**
 * The position a probe marks: the probe is a line's text (or a part of it) with `‸` where the cursor
 * is; the `nth` line (0-based) holding it, when several do.
 */
export function cursor(text: string, probe: string, nth = 0): Position {
  assert.ok(probe.includes('‸'), `${probe} marks no cursor (‸)`);
  const bare = probe.replace('‸', '');
  const all = lines(text);
  const exact = all.flatMap((l, i) => (l === bare ? [i] : []));
  const holding = exact.length ? exact : all.flatMap((l, i) => (l.includes(bare) ? [i] : []));
  const line = holding[nth];
  assert.ok(line !== undefined, `no line holds ${JSON.stringify(bare)}`);
  return { line, character: all[line]!.indexOf(bare) + probe.indexOf('‸') };
}

/** The text a one-line range covers. */
export function textAt(text: string, range: Range): string {
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return lines(text)[range.start.line]!.slice(range.start.character, range.end.character);
}

/** The text after edits (non-overlapping, any order), lines joined with `\n`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const all = lines(text);
  const offsets = [0];
  for (const l of all) offsets.push(offsets[offsets.length - 1]! + l.length + 1);
  const joined = all.join('\n');
  const at = (p: Position) => offsets[p.line]! + p.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let out = joined;
  for (const e of sorted) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
  return out;
}

/** Replaces the one occurrence of `from` (it must be there). */
export function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the text holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
