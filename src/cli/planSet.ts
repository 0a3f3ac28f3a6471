// Plans as `report` and `graph` read them: each with its folder's configuration and template, the
// plan's own findings as `lint` reports them (the configuration's own findings are lint's alone),
// its waves and its gate as read.
import { dirname, relative, resolve, sep } from 'node:path';
import type { Finding } from '../core/findings';
import { readGateWithoutRunning } from '../core/gate';
import { lintPlan } from '../core/lint';
import { parsePlan } from '../core/parser';
import type { PlanModel } from '../core/plan';
import type { PlanTemplate } from '../core/template';
import { getDefaultTemplate, parseTemplate } from '../core/template';
import type { PlanWaves } from '../core/waves';
import { readWaves } from '../core/waves';
import { ConfigLocator, expandPlanPaths, readTemplate, readTextFile } from './files';

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
  private readonly configs = new ConfigLocator();
  private readonly templates = new Map<string, PlanTemplate>();
  private bundled: PlanTemplate | undefined;

  constructor(private readonly cwd: string) {}

  /** The plans that PATH arguments name, as `lint` finds them (a folder without plans is a usage error). */
  expand(paths: string[]): string[] {
    return expandPlanPaths(paths, this.cwd, this.configs.forFolder(this.cwd).config.planGlob);
  }

  /** Reads, parses, checks and reads the waves of one plan. */
  read(path: string): CliPlan {
    const loaded = this.configs.forFile(path);
    const model = parsePlan(readTextFile(path));
    const findings = lintPlan(model, { template: this.templateFor(loaded.path, loaded.config.template), severities: loaded.config.rules, agents: loaded.config.agents, waveSequencing: loaded.config.waveSequencing });
    const waves = readWaves(model, { agents: loaded.config.agents, waveSequencing: loaded.config.waveSequencing });
    const gate = readGateWithoutRunning(model, findings, loaded.config.gate);
    return { path, file: relative(this.cwd, path).split(sep).join('/') || path, model, findings, waves, gate };
  }

  // A template that cannot be read is the configuration's problem (lint reports it): the bundled one applies.
  private templateFor(configPath: string | undefined, template: string | undefined): PlanTemplate {
    this.bundled ??= getDefaultTemplate();
    if (!configPath || !template) return this.bundled;
    const path = resolve(dirname(configPath), template);
    let known = this.templates.get(path);
    if (!known) {
      const text = readTemplate(path);
      known = text === undefined ? this.bundled : parseTemplate(text);
      this.templates.set(path, known);
    }
    return known;
  }
}
