// What `list_plans`, `get_plan` and `lint_plan` tell an agent about a plan, as plain JSON: status,
// sections filled or not, the mapping rows, the waves with their tasks and ids, go/no-go, findings.
import type { Finding } from '../findings';
import { findingCounts } from '../findings';
import { planStatus } from '../lint';
import { normalizeLabel, normalizeOptionValue } from '../labels';
import { readMappingData } from '../mappingData';
import type { MappingData } from '../mappingData';
import type { PlanModel } from '../plan';
import { SECTIONS } from '../sections';
import type { SectionKey } from '../sections';
import { lineAt } from '../source';
import type { PlanTemplate } from '../template';
import type { PlanWaves, Wave } from '../waves';
import { wavesWaitingFor } from '../waves';
import { taskId } from './taskIds';

/** A plan in `list_plans`. */
export interface PlanListEntry {
  path: string;
  connector: string | null;
  status: string | null;
  goNoGo: { checked: number; total: number };
  tasks: { done: number; total: number };
  waves: number;
}

export type SectionState = 'filled' | 'empty' | 'missing';

/** A wave task as `get_plan` hands it out: the id `check_task` takes. */
export interface TaskSummary {
  id: string;
  text: string;
  done: boolean;
  /** 1-based. */
  line: number;
  /** The agents of the `Agent:` field it follows, joined with ` + `; null for the wave's own tasks. */
  agent: string | null;
  /** The id of the task it is nested in. */
  parent: string | null;
}

export interface WaveSummary {
  name: string;
  title: string;
  line: number;
  status: Wave['status'];
  done: number;
  total: number;
  agents: string[];
  /** Waves it waits for, and why (`explicit`: its Blocks/unblocks field; `sequencing`: the playbook's order). */
  waitsFor: { wave: string; reason: 'explicit' | 'sequencing' }[];
  /** Waits it waits for that still have open tasks. */
  blockedBy: string[];
  /** Waves that wait for it. */
  unblocks: string[];
  tasks: TaskSummary[];
}

export interface PlanSummary {
  path: string;
  /** What check_task ids of this version carry. */
  version: string;
  title: string | null;
  connector: string | null;
  status: string | null;
  sections: { key: SectionKey; title: string; state: SectionState; line: number | null }[];
  mapping: {
    rows: { line: number; purpose: string; source: string; externalId: string; internalEntity: string; cardinality: string; enforcedIn: string }[];
    onConflict: string | null;
    requiredMetadata: string | null;
  } | null;
  waves: WaveSummary[];
  progress: { done: number; total: number };
  goNoGo: { checked: number; total: number; items: { text: string; checked: boolean; line: number }[] };
  findings: { errors: number; warnings: number; infos: number };
  gate?: unknown;
}

/** A finding as `lint_plan` gives it: 1-based lines and columns. */
export interface FindingSummary {
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The connector a plan is for: its front matter's `connector`, else its `# X Connector Rollout Plan` title. */
export function planConnector(model: PlanModel): string | null {
  const fromFrontMatter = model.frontMatter?.data?.connector;
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim()) return fromFrontMatter.trim();
  const title = model.headings[0];
  if (!title || title.level !== 1 || /\{[^{}]*\}/.test(title.text)) return null;
  const match = /^(.*?)\s+Connector Rollout Plan$/i.exec(title.text.trim());
  return match?.[1] ? match[1] : null;
}

/** A plan's entry in `list_plans`. */
export function planListEntry(path: string, model: PlanModel, waves: PlanWaves): PlanListEntry {
  return {
    path,
    connector: planConnector(model),
    status: model.frontMatter?.status ?? null,
    goNoGo: { checked: waves.goNoGo.checked, total: waves.goNoGo.total },
    tasks: { done: waves.progress.done, total: waves.progress.total },
    waves: waves.waves.length,
  };
}

// A line says something of the author's own when, without the template's own text, placeholders,
// field labels and markdown punctuation, a letter or digit is left.
function lineHasContent(model: PlanModel, line: number, templateLines: ReadonlySet<string>, template: PlanTemplate | undefined, fieldsByLine: ReadonlyMap<number, PlanModel['fields'][number]>): boolean {
  let text = lineAt(model.source, line);
  if (templateLines.has(text.trim())) return false;
  const field = fieldsByLine.get(line);
  if (field) {
    if (template && template.optionLists.get(normalizeLabel(field.label)) === normalizeOptionValue(field.value)) return false;
    text = text.slice(field.valueRange.start.character);
  }
  text = text.replace(/\{[^{}\n]*\}/g, '').replace(/->|[-*+|`>:/\\[\]()#_~.,;]/g, ' ');
  return /[\p{L}\p{N}]/u.test(text);
}

/** Each template section A–J: filled (something of the author's own), empty (the template's text only), or missing. */
function sectionStates(model: PlanModel, template: PlanTemplate | undefined): PlanSummary['sections'] {
  const fieldsByLine = new Map(model.fields.map((f) => [f.line, f]));
  return SECTIONS.map(({ key, title }) => {
    const section = model.sections.find((s) => s.key === key);
    if (!section) return { key, title, state: 'missing' as const, line: null };
    const templateLines = new Set((template?.sectionLines.get(key) ?? []).map((l) => l.trim()).filter(Boolean));
    let filled = false;
    for (let line = section.startLine; line < section.endLine && !filled; line++) {
      if (model.headings.some((h) => h.line === line)) continue;
      filled = lineHasContent(model, line, templateLines, template, fieldsByLine);
    }
    return { key, title, state: filled ? ('filled' as const) : ('empty' as const), line: section.heading.line + 1 };
  });
}

/** The waves as `get_plan` gives them, with task ids of this version. */
function waveSummaries(waves: PlanWaves, version: string): WaveSummary[] {
  const all = waves.waves;
  return all.map((wave) => {
    const idOf = (index: number | undefined) => (index === undefined ? null : taskId(wave.tasks[index]!.line, version));
    return {
      name: wave.name,
      title: wave.title || wave.name,
      line: wave.line + 1,
      status: wave.status,
      done: wave.done,
      total: wave.total,
      agents: wave.agents,
      waitsFor: wave.dependsOn.map((d) => ({ wave: all[d.wave]!.name, reason: d.reason })),
      blockedBy: wave.blockedBy.map((w) => all[w]!.name),
      unblocks: wavesWaitingFor(all, wave.index).map((other) => other.name),
      tasks: wave.tasks.map((task) => ({
        id: taskId(task.line, version),
        text: task.text,
        done: task.checked,
        line: task.line + 1,
        agent: task.agentGroup === undefined ? null : wave.agentGroups[task.agentGroup]!.agents.map((a) => a.name).join(' + '),
        parent: idOf(task.parentTask),
      })),
    };
  });
}

/** Counts of findings by severity. */
/** `get_plan`'s answer (without the gate, which the port adds); `mapping` is section D's, when the caller has it. */
export function planSummary(path: string, version: string, model: PlanModel, waves: PlanWaves, findings: readonly Finding[], template: PlanTemplate | undefined, mapping: MappingData = readMappingData(model)): PlanSummary {
  const column = (cells: (string | null)[], key: string) => {
    const index = mapping.columns.findIndex((c) => c.key === key);
    return index < 0 ? '' : (cells[index] ?? '');
  };
  return {
    path,
    version,
    title: model.headings[0]?.text ?? null,
    connector: planConnector(model),
    status: planStatus(model) ?? model.frontMatter?.status ?? null,
    sections: sectionStates(model, template),
    mapping:
      mapping.status === 'ready'
        ? {
            rows: mapping.rows.map((row) => ({
              line: row.line + 1,
              purpose: column(row.cells, 'purpose'),
              source: column(row.cells, 'source'),
              externalId: column(row.cells, 'externalId'),
              internalEntity: column(row.cells, 'internalEntity'),
              cardinality: column(row.cells, 'cardinality'),
              enforcedIn: column(row.cells, 'enforcedIn'),
            })),
            onConflict: mapping.fields.onConflict.present ? mapping.fields.onConflict.value : null,
            requiredMetadata: mapping.fields.requiredMetadata.present ? mapping.fields.requiredMetadata.value : null,
          }
        : null,
    waves: waveSummaries(waves, version),
    progress: { done: waves.progress.done, total: waves.progress.total },
    goNoGo: { checked: waves.goNoGo.checked, total: waves.goNoGo.total, items: waves.goNoGo.items.map((i) => ({ text: i.text, checked: i.checked, line: i.line + 1 })) },
    findings: findingCounts(findings),
  };
}

/** A finding with 1-based positions. */
export function findingSummary(finding: Finding): FindingSummary {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  };
}
