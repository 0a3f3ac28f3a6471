// What the agent tools need from where they run: the plans there, a plan's text, and a checked edit.
// The extension implements it over its plan store, `connector-playbook mcp` over a folder on disk.
import type { Finding } from '../findings';
import type { LintOptions } from '../lint';
import type { MappingData } from '../mappingData';
import type { PlanModel } from '../plan';
import type { TextEdit } from '../positions';
import type { PlanWaves } from '../waves';

/** One plan as read, with what its checks need. */
export interface PlanRead {
  /** The plan's path as the tools name it (relative, with `/`). */
  path: string;
  /** The plan's text as read. */
  text: string;
  /** Template, severities, roster and sequencing of the plan's folder. */
  options: LintOptions;
  /** The model and findings of this very text, when the caller keeps them (a store's cache). */
  cached?: {
    model: PlanModel;
    findings: () => readonly Finding[];
    /** The waves under `options`' roster and outline, when the caller keeps them. */
    waves?: () => PlanWaves;
    /** Section D's matrix as the form shows it, when the caller keeps it. */
    mapping?: () => MappingData;
  };
}

/** Why a plan cannot be read or written; said to the agent as it is. */
export interface PlanProblem {
  problem: string;
}

export type EditOutcome = { ok: true } | { ok: false; message: string };

/** A plan's summary as the playbook gate (issue 13) adds it to `get_plan`. */
export interface GateInput {
  path: string;
  model: PlanModel;
  findings: readonly Finding[];
}

export interface PlansPort<R extends PlanRead = PlanRead> {
  /** The plans' paths, sorted. */
  listPlans(): Promise<string[]>;
  /** A plan by the path `listPlans` gave; a problem for anything else. */
  readPlan(path: string): Promise<R | PlanProblem>;
  /**
   * Applies one edit to the plan as `read` saw it; refuses when the plan changed since (or was
   * deleted), and never writes anything else.
   */
  applyEdit(read: R, edit: TextEdit): Promise<EditOutcome>;
  /** The Ready-For-Review gate, when it is available: its result goes into `get_plan` as `gate`. */
  gate?: (plan: GateInput) => unknown;
}

export function isPlanProblem(value: PlanRead | PlanProblem): value is PlanProblem {
  return 'problem' in value;
}
