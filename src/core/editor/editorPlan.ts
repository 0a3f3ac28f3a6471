// What completion, hover and navigation read of one version of a plan, and the plain data they
// return: the feature folder turns it into VS Code's types.
import type { Heading, PlanModel, PlanSection } from '../plan';
import type { Range } from '../positions';
import type { PlanTemplate } from '../template';
import type { PlanWaves, WaveOutline, WaveRoster, WaveStatus } from '../waves';

/** One version of a plan as the editor features read it (the store's PlanVersion has each part). */
export interface EditorPlan {
  model: PlanModel;
  outline: readonly WaveOutline[];
  waves: PlanWaves;
  template: PlanTemplate;
  roster: WaveRoster;
}

export type CompletionKind = 'value' | 'enum' | 'agent' | 'wave' | 'section' | 'field' | 'task' | 'key';

/** A completion as plain data. */
export interface PlanCompletion {
  label: string;
  kind: CompletionKind;
  /** Shown beside the label. */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  insertText: string;
  /** What the item replaces; always on the line of the position and holding it. */
  range: Range;
  /** Set when the text already in `range` would not match the label. */
  filterText?: string;
  sortText: string;
  preselect?: boolean;
}

/** A hover as plain data: markdown and the range it is about. */
export interface PlanHover {
  contents: string;
  range: Range;
}

/** A wave's status in words. */
export const WAVE_STATUS_WORDS: Readonly<Record<WaveStatus, string>> = { done: 'done', 'in-progress': 'in progress', blocked: 'blocked', 'not-started': 'not started' };


/** The section a line belongs to: the last one whose heading stands above it. */
export function sectionOfLine(model: PlanModel, line: number): PlanSection | undefined {
  let found: PlanSection | undefined;
  for (const section of model.sections) {
    if (section.heading.line >= line) break;
    found = section;
  }
  return found;
}

/** The index in `model.headings` of the nearest heading above a line. */
export function headingIndexAbove(model: PlanModel, line: number): number | undefined {
  let lo = 0;
  let hi = model.headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.headings[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? lo - 1 : undefined;
}

/** The heading written on a line, if any. */
export function headingOnLine(model: PlanModel, line: number): Heading | undefined {
  const index = headingIndexAbove(model, line + 1);
  const heading = index === undefined ? undefined : model.headings[index];
  return heading?.line === line ? heading : undefined;
}

/** Text from a plan shown in a hover's markdown: its markdown characters escaped, so it reads as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** A name in a code span, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
