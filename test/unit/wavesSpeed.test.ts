import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generatePlan } from '../../bench/generatePlan';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { parsePlan } from '../../src/core/parser';
import type { PlanWaves, WaveLintOptions } from '../../src/core/waves';
import { lintWaves, MAX_SEQUENCING_LISTED, readWaveOutline, readWaves, waveEdges } from '../../src/core/waves';

const DEFAULTS: WaveLintOptions = { agents: [...DEFAULT_AGENTS], waveSequencing: DEFAULT_WAVE_SEQUENCING.map((s) => [...s]) };

// The sequencing dependencies by their definition, the slow way: the nearest waves before this one
// that name an agent of an earlier stage than this wave's latest stage.
function expectedSequencing(planWaves: PlanWaves, index: number, options: WaveLintOptions, openOnly: boolean): number[] {
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

describe('waves: the cheap wave graph gives the results of its definition', () => {
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

describe('waves: the reading is memoised per model and roster', () => {
  const text = generatePlan(1500);

  it('reuses the reading for an equal roster, reads again for another one or a changed one', () => {
    const model = parsePlan(text);
    const options: WaveLintOptions = { agents: [...DEFAULT_AGENTS], waveSequencing: DEFAULT_WAVE_SEQUENCING.map((s) => [...s]) };
    const first = readWaves(model, options);
    assert.equal(readWaves(model, { agents: [...options.agents], waveSequencing: options.waveSequencing.map((s) => [...s]) }), first);
    const reversed: WaveLintOptions = { agents: options.agents, waveSequencing: [...options.waveSequencing].reverse() };
    const other = readWaves(model, reversed);
    assert.notEqual(other, first);
    assert.deepEqual(other, readWaves(parsePlan(text), reversed));
    // The caller changing its arrays in place is a new roster too.
    const mutable = { agents: [...DEFAULT_AGENTS], waveSequencing: DEFAULT_WAVE_SEQUENCING.map((s) => [...s]) };
    const before = readWaves(model, mutable);
    mutable.waveSequencing[0] = ['ui-ops'];
    const after = readWaves(model, mutable);
    assert.notEqual(after, before);
    assert.deepEqual(after, readWaves(parsePlan(text), { agents: [...DEFAULT_AGENTS], waveSequencing: [['ui-ops'], ...DEFAULT_WAVE_SEQUENCING.slice(1)] }));
  });

  it('leaves no trace on the model that a copy, its keys or its JSON would show', () => {
    const model = parsePlan(text);
    const keys = Object.keys(model);
    const json = JSON.stringify(model);
    const first = readWaves(model, DEFAULTS);
    assert.deepEqual(Object.keys(model), keys);
    assert.equal(JSON.stringify(model), json);
    const copy = { ...model };
    const fromCopy = readWaves(copy, DEFAULTS);
    assert.notEqual(fromCopy, first, 'a copy is another model');
    assert.deepEqual(fromCopy, first);
  });

  it('memoises a frozen model too', () => {
    const model = Object.freeze(parsePlan(text));
    const first = readWaves(model, DEFAULTS);
    assert.ok(first.waves.length > 0);
    assert.equal(readWaves(model, DEFAULTS), first);
    assert.deepEqual(first, readWaves(parsePlan(text), DEFAULTS));
  });

  it('lets the wave rules read only the outline, which the full reading builds on for any roster', () => {
    const model = parsePlan(text);
    const findings = lintWaves(model, DEFAULTS);
    const outline = readWaveOutline(model);
    assert.ok(outline.length > 20);
    assert.equal(readWaveOutline(model), outline, 'the lint left its outline on the model');
    assert.deepEqual(findings, lintWaves(parsePlan(text), DEFAULTS));
    const reversed: WaveLintOptions = { agents: DEFAULTS.agents, waveSequencing: [...DEFAULTS.waveSequencing].reverse() };
    for (const options of [DEFAULTS, reversed]) {
      const full = readWaves(model, options);
      assert.deepEqual(full, readWaves(parsePlan(text), options));
      full.waves.forEach((wave, w) => {
        // The agents and references were read once, by the lint, and are copied: no reading may change another.
        assert.deepEqual(wave.agentNames, outline[w]!.agentNames);
        assert.notEqual(wave.agentNames, outline[w]!.agentNames);
        assert.deepEqual(wave.references, outline[w]!.references);
        assert.notEqual(wave.references, outline[w]!.references);
        assert.deepEqual(Object.keys(wave).sort(), ['agentGroups', 'agentNames', 'agents', 'blockedBy', 'dependsOn', 'done', 'endLine', 'headingRange', 'id', 'index', 'line', 'name', 'references', 'status', 'tasks', 'title', 'total']);
      });
    }
    const frozen = Object.freeze(parsePlan(text));
    const frozenOutline = readWaveOutline(frozen);
    assert.equal(readWaveOutline(frozen), frozenOutline);
    assert.equal(readWaves(frozen, DEFAULTS).waves[0]!.agentNames[0], frozenOutline[0]!.agentNames[0]);
  });

  it('keeps the lint\'s findings whatever a caller does to the arrays of a full reading', () => {
    const model = parsePlan(text);
    const findings = lintWaves(model, DEFAULTS);
    for (const wave of readWaves(model, DEFAULTS).waves) {
      wave.agents.push('intruder');
      wave.agentNames.length = 0;
      wave.references.length = 0;
    }
    assert.deepEqual(lintWaves(model, DEFAULTS), findings);
    assert.deepEqual(readWaves(model, { ...DEFAULTS, agents: [...DEFAULTS.agents] }).waves.length, readWaveOutline(model).length);
    assert.ok(readWaves(model, { agents: ['x'], waveSequencing: [['x']] }).waves.every((wave, w) => wave.agentNames.length === readWaveOutline(model)[w]!.agentNames.length));
  });

  it('keeps no plan text alive in its caches once the plans are gone', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Each plan of about 4 MB names agents nobody wrote before, so the caches take new entries.
    const base = generatePlan(100_000);
    // Once first, so that what the parse and the rules keep anyway (compiled code, label kinds) is counted before.
    lintWaves(parsePlan(base), DEFAULTS);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 0; k < 12; k++) {
      const model = parsePlan(base.replace(/- Agent: `schema-sync`/g, `- Agent: \`schema-sync\` + \`reader-${k}-with-a-long-name\``));
      lintWaves(model, DEFAULTS);
    }
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    // Twelve plans' texts would be about 100 MB (two bytes a character once a name is not Latin-1, one otherwise).
    assert.ok(retained < 20e6, `${(retained / 1e6).toFixed(1)} MB kept`);
  });
});
