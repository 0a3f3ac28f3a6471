// Plans as `report` and `graph` read them: each with its folder's configuration and template, the
// plan's own findings as `lint` reports them (the configuration's own findings are lint's alone),
// its waves and its gate as read.
import { relative, sep } from 'node:path';
import type { Finding } from '../core/findings';
import { readGateWithoutRunning } from '../core/gate';
import { lintPlan } from '../core/lint';
import { parsePlan } from '../core/parser';
import type { PlanModel } from '../core/plan';
import type { PlanWaves } from '../core/waves';
import { readWaveOutline, readWaves } from '../core/waves';
import { ConfigLocator, expandPlanPaths, lintOptions, readTextFile } from './files';

export interface CliPlan {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory, with `/`. */
  file: string;
  model: PlanModel;
  findings: Finding[];
  waves: PlanWaves;
  /** The Ready-for-Review gate, read without running its commands. */
  gate: ReturnType<typeof readGateWithoutRunning>;
}

/** Reads plans one at a time, each under the `.connector-playbook.yaml` of its folder or a parent. */
export class PlanSet {
  // A template that cannot be read is the configuration's problem (lint reports it): the bundled one applies.
  private readonly configs = new ConfigLocator();

  constructor(private readonly cwd: string) {}

  /** The plans that PATH arguments name, as `lint` finds them (a folder without plans is a usage error). */
  expand(paths: string[]): string[] {
    return expandPlanPaths(paths, this.cwd, this.configs.forFolder(this.cwd).config.planGlob);
  }

  /** Reads, parses, checks and reads the waves of one plan. */
  read(path: string): CliPlan {
    const loaded = this.configs.forFile(path);
    const model = parsePlan(readTextFile(path));
    // Section F's waves, read once for the rules and the waves.
    const waveOutline = readWaveOutline(model);
    const findings = lintPlan(model, { ...lintOptions(loaded.config, this.configs.templateFor(loaded)), waveOutline });
    const waves = readWaves(model, { agents: loaded.config.agents, waveSequencing: loaded.config.waveSequencing }, waveOutline);
    const gate = readGateWithoutRunning(model, findings, loaded.config.gate);
    return { path, file: relative(this.cwd, path).split(sep).join('/') || path, model, findings, waves, gate };
  }
}
