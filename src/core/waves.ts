import type { Finding } from './findings';
import type { PlanModel } from './plan';

export interface WaveLintOptions {
  agents: readonly string[];
  waveSequencing: readonly (readonly string[])[];
}

/** Findings of the wave rules (agent roster, references, cycles, sequencing). */
export function lintWaves(_model: PlanModel, _options: WaveLintOptions): Finding[] {
  return [];
}
