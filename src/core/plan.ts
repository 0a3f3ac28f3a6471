import type { Range } from './positions';
import type { SectionKey } from './sections';
import type { SourceText } from './source';

/** The statuses a plan's front matter may carry. */
export const PLAN_STATUSES = ['draft', 'ready-for-review', 'go'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The `kind` front matter that makes any markdown file a plan. */
export const PLAN_KIND = 'connector-rollout-plan';

export interface FrontMatter {
  /** Lines of the block, opening and closing `---` included (end exclusive). */
  startLine: number;
  endLine: number;
  data: Record<string, unknown> | undefined;
  /** The YAML error, when the block does not parse as a mapping. */
  error: { message: string; line: number } | undefined;
  status: string | undefined;
  /** Where `status:`'s value stands, for findings about it. */
  statusRange: Range | undefined;
  kind: string | undefined;
}

export interface Heading {
  level: number;
  /** The heading's text as written (inline markdown kept). */
  text: string;
  line: number;
  textRange: Range;
  sectionKey: SectionKey | undefined;
}

export interface PlanSection {
  key: SectionKey;
  heading: Heading;
  /** First line after the heading, and the line where the section ends (exclusive). */
  startLine: number;
  endLine: number;
}

/** A `Label: value` list item. */
export interface Field {
  label: string;
  value: string;
  labelRange: Range;
  /** Where the value stands; empty at the end of the line when there is none. */
  valueRange: Range;
  line: number;
  /** The list item's last line + 1. */
  endLine: number;
  /** List nesting depth, 0 for a top-level list. */
  depth: number;
  /** Index in `fields` of the nearest enclosing field, if any. */
  parentField: number | undefined;
  /** The paragraph goes on past the first line. */
  hasContinuation: boolean;
  /** The list item holds more blocks (a nested list, a paragraph, code …). */
  hasNested: boolean;
  sectionKey: SectionKey | undefined;
  /** Index in `headings` of the nearest heading above. */
  headingIndex: number | undefined;
}

/** A `[ ]` / `[x]` list item. */
export interface Task {
  checked: boolean;
  text: string;
  line: number;
  endLine: number;
  /** The one character between the brackets. */
  checkRange: Range;
  textRange: Range;
  depth: number;
  parentField: number | undefined;
  sectionKey: SectionKey | undefined;
  headingIndex: number | undefined;
}

/** A `{…}` left from the template. */
export interface Placeholder {
  /** The whole placeholder, braces included. */
  text: string;
  range: Range;
  /** Written as a code span holding nothing but the placeholder. */
  inCodeSpan: boolean;
}

export interface TableCell {
  /** The cell as written between its pipes. */
  raw: string;
  /** Trimmed, with `\|` unescaped. */
  text: string;
  /** The trimmed content; empty at the cell's start when the cell is blank. */
  range: Range;
}

export interface TableRow {
  line: number;
  cells: TableCell[];
}

export interface Table {
  startLine: number;
  /** Exclusive; a following line without a pipe is not part of the table. */
  endLine: number;
  header: TableRow;
  delimiterLine: number;
  rows: TableRow[];
  sectionKey: SectionKey | undefined;
}

/**
 * Everything the rules and features read from one version of a plan: plain data, built once per
 * version with every range computed, so that a copy, `structuredClone` or JSON keeps every field.
 */
export interface PlanModel {
  source: SourceText;
  frontMatter: FrontMatter | undefined;
  headings: Heading[];
  sections: PlanSection[];
  fields: Field[];
  tasks: Task[];
  placeholders: Placeholder[];
  tables: Table[];
  /** The first line whose content is nested past markdown-it's limit and so is not read. */
  tooDeepLine: number | undefined;
}
