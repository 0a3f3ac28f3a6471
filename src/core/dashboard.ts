// The Rollout Dashboard's row for a plan, as plain data: connector and status, go/no-go, each wave's
// progress, problems by severity and the identity graph's gaps, each with the line it opens. The
// dashboard webview and `connector-playbook report` show the same rows.
import type { Finding } from './findings';
import type { GateState } from './gate';
import type { IdentityGraph } from './identity/graph';
import type { PlanModel } from './plan';
import type { Severity } from './rules';
import { lineAt } from './source';
import type { PlanWaves, WaveStatus } from './waves';

export interface DashboardWave {
  name: string;
  line: number;
  done: number;
  total: number;
  status: WaveStatus;
  /** The waves it waits for that still have open tasks, by name. */
  blockedBy: string[];
}

export interface DashboardProblems {
  error: number;
  warning: number;
  info: number;
  /** The line of the first finding of each severity, or null when there is none. */
  lines: Record<Severity, number | null>;
}

/**
 * The Ready-for-Review gate (playbook §6) as the dashboard shows it: each criterion's state and
 * 0-based line. The caller reads it (readGateWithoutRunning) and passes it in.
 */
export interface DashboardGate {
  ready: boolean;
  criteria: { id: string; state: GateState; line?: number }[];
}

export interface DashboardIdentity {
  /** Links of C and rows of D with something written. */
  links: number;
  rows: number;
  /** Edges only one of C and D has, and 1:1 mappings kept only in the app. */
  gaps: number;
  ruleOfThumbBreaks: number;
  /** Section C's heading, if it has one. */
  line: number | null;
}

/** One row of the dashboard. */
export interface DashboardPlan {
  /** The caller's key for the plan (a URI in the editor, a path in the CLI). */
  id: string;
  /** The plan's path as shown. */
  file: string;
  connector: string;
  connectorLine: number;
  /** The front matter's `status` as written; null when there is none. */
  status: string | null;
  statusLine: number | null;
  /** Checked and total items of section I; the line of its first open item (else its heading). */
  goNoGo: { checked: number; total: number; line: number | null };
  /** Every wave task. */
  progress: { done: number; total: number };
  waves: DashboardWave[];
  problems: DashboardProblems;
  identity: DashboardIdentity;
  /** The Ready-for-Review gate as read, its commands not run. */
  gate: DashboardGate;
}

/** A plan the dashboard cannot read, and why. */
export interface DashboardUnreadable {
  id: string;
  file: string;
  problem: string;
}

export interface DashboardPlanInput {
  id: string;
  file: string;
  model: PlanModel;
  findings: readonly Finding[];
  waves: PlanWaves;
  identity: IdentityGraph;
  gate: DashboardGate;
}

const TITLE_SUFFIX = /\s+connector\s+rollout\s+plan\s*$/i;

/** Text of a heading or value as shown: code and emphasis marks removed. */
function shown(text: string): string {
  return text.replace(/[`*]+/g, '').replace(/\s+/g, ' ').trim();
}

/** The connector's name: the front matter's `connector`, the title's `{Name} Connector Rollout Plan`, else the file's name. */
export function connectorOf(model: PlanModel, file: string): { name: string; line: number } {
  const fm = model.frontMatter;
  const declared = fm?.data?.connector;
  if (fm && typeof declared === 'string' && declared.trim()) {
    let line = fm.startLine;
    for (let l = fm.startLine + 1; l < fm.endLine - 1; l++) {
      if (/^connector\s*:/.test(lineAt(model.source, l))) {
        line = l;
        break;
      }
    }
    return { name: declared.trim(), line };
  }
  const title = model.headings.find((h) => h.level === 1) ?? model.headings[0];
  if (title) {
    const name = shown(title.text).replace(TITLE_SUFFIX, '').trim();
    if (name && !/^\{.*\}$/.test(name)) return { name, line: title.line };
  }
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/i, '').replace(/-ROLLOUT-PLAN$/i, '');
  return { name: base || file, line: title?.line ?? 0 };
}

function problemsOf(findings: readonly Finding[]): DashboardProblems {
  const problems: DashboardProblems = { error: 0, warning: 0, info: 0, lines: { error: null, warning: null, info: null } };
  for (const finding of findings) {
    problems[finding.severity]++;
    const line = finding.range.start.line;
    const first = problems.lines[finding.severity];
    if (first === null || line < first) problems.lines[finding.severity] = line;
  }
  return problems;
}

/** Reads one plan's dashboard row from its model, findings, waves and identity graph (all computed once by the caller). */
export function readDashboardPlan(input: DashboardPlanInput): DashboardPlan {
  const { model, waves } = input;
  const connector = connectorOf(model, input.file);
  const fm = model.frontMatter;
  const status = fm?.status?.trim() ? fm.status.trim() : null;
  const sectionLine = (key: string) => model.sections.find((s) => s.key === key)?.heading.line ?? null;
  const open = waves.goNoGo.items.find((item) => !item.checked);
  const graph = input.identity;
  const row: DashboardPlan = {
    id: input.id,
    file: input.file,
    connector: connector.name,
    connectorLine: connector.line,
    status,
    statusLine: status !== null ? (fm?.statusRange?.start.line ?? fm?.startLine ?? 0) : null,
    goNoGo: { checked: waves.goNoGo.checked, total: waves.goNoGo.total, line: open?.line ?? waves.goNoGo.items[0]?.line ?? sectionLine('I') },
    progress: { done: waves.progress.done, total: waves.progress.total },
    waves: waves.waves.map((wave) => ({
      name: wave.name,
      line: wave.line,
      done: wave.done,
      total: wave.total,
      status: wave.status,
      blockedBy: wave.blockedBy.map((index) => waves.waves[index]?.name ?? `wave ${index + 1}`),
    })),
    problems: problemsOf(input.findings),
    identity: { links: graph.links, rows: graph.rows, gaps: graph.gaps, ruleOfThumbBreaks: graph.ruleOfThumbBreaks, line: sectionLine('C') },
    gate: input.gate,
  };
  return row;
}
