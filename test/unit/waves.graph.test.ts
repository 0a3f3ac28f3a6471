import assert from 'node:assert/strict';
import { generatePlan } from '../../bench/generatePlan';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { parsePlan } from '../../src/core/parser';
import type { PlanWaves, WaveRoster } from '../../src/core/waves';
import { MAX_SEQUENCING_LISTED, readWaves, waveEdges } from '../../src/core/waves';

const DEFAULTS: WaveRoster = { agents: [...DEFAULT_AGENTS], waveSequencing: DEFAULT_WAVE_SEQUENCING.map((s) => [...s]) };

// The sequencing dependencies by their definition, the slow way: the nearest waves before this one
// that name an agent of an earlier stage than this wave's latest stage.
function expectedSequencing(planWaves: PlanWaves, index: number, options: WaveRoster, openOnly: boolean): number[] {
  const stageOf = (agent: string) => options.waveSequencing.findIndex((stage) => stage.some((a) => a.toLowerCase() === agent.toLowerCase()));
  const wave = planWaves.waves[index]!;
  const stage = Math.max(-1, ...wave.agents.map(stageOf));
  const earlier = planWaves.waves
    .slice(0, index)
    .filter((w) => w.agents.some((a) => stageOf(a) >= 0 && stageOf(a) < stage))
    .filter((w) => !openOnly || w.done < w.total)
    .map((w) => w.index);
  return earlier.slice(-MAX_SEQUENCING_LISTED);
}

describe('waves: the wave graph gives the results of its definition', () => {
  for (const seed of [1, 2, 3]) {
    it(`lists the nearest sequencing waves and the explicit ones (generated plan, seed ${seed})`, () => {
      const planWaves = readWaves(parsePlan(generatePlan(3000, seed)), DEFAULTS);
      assert.ok(planWaves.waves.length > 50, `only ${planWaves.waves.length} waves`);
      const edges = waveEdges(planWaves.waves);
      let withSequencing = 0;
      for (const wave of planWaves.waves) {
        const explicit = edges.filter((e) => e.to === wave.index && e.from !== e.to).map((e) => e.from);
        const sequencing = expectedSequencing(planWaves, wave.index, DEFAULTS, false);
        if (sequencing.length > 0) withSequencing++;
        const dependsOn = [...new Set([...explicit, ...sequencing])].sort((a, b) => a - b).map((w) => ({ wave: w, reason: explicit.includes(w) ? 'explicit' : 'sequencing' }));
        assert.deepEqual(wave.dependsOn, dependsOn, wave.name);
        const openExplicit = explicit.filter((w) => planWaves.waves[w]!.done < planWaves.waves[w]!.total);
        const blockedBy = [...new Set([...openExplicit, ...expectedSequencing(planWaves, wave.index, DEFAULTS, true)])].sort((a, b) => a - b);
        assert.deepEqual(wave.blockedBy, blockedBy, wave.name);
      }
      assert.ok(withSequencing > 10, 'the plan exercises the sequencing');
    });
  }
});
