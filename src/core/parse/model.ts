// The plan model from markdown-it's block tokens: headings and sections, `Label: value` fields and
// `[ ]` tasks (a list item's first line), tables and placeholders, as plain data. A new version is
// built from the previous model where its lines were not read again.
import type Token from 'markdown-it/lib/token.mjs';
import type { Field, FrontMatter, Heading, PlanModel, PlanSection, Placeholder, Table, Task } from '../plan';
import { lineRange } from '../positions';
import type { Range } from '../positions';
import { sectionKeyOfHeading } from '../sections';
import type { SectionKey } from '../sections';
import type { SourceText } from '../source';
import { lineAt, lineCount } from '../source';
import type { BlockParse, ReadAgain } from './blocks';
import { MAX_NESTING } from './blocks';
import { scanPlaceholders } from './placeholders';
import { hasUnescapedPipe, isBlank, tableRow } from './tables';

/** The section a heading leaves open for what follows it. */
interface SectionState {
  section: SectionKey | undefined;
  level: number;
}

/** The model's lists, in document order. */
interface ModelItems {
  headings: Heading[];
  fields: Field[];
  tasks: Task[];
  placeholders: Placeholder[];
  tables: Table[];
}

/** A list item while its tokens are read; its field is completed when it closes. */
interface OpenItem {
  line: number;
  endLine: number;
  depth: number;
  sawFirstBlock: boolean;
  field: Field | undefined;
  fieldIndex: number | undefined;
}

/** Builds the model of a parsed plan. */
export function buildModel(source: SourceText, frontMatter: FrontMatter | undefined, body: BlockParse): PlanModel {
  const builder = new ModelBuilder(source, { headings: [], fields: [], tasks: [], placeholders: [], tables: [] }, { section: undefined, level: 0 });
  for (const run of body.runs) builder.read(run.tokens, run.origin);
  return finish(source, frontMatter, builder.items, builder.tooDeepLine);
}

/**
 * The model of a new version whose body was read again only on some lines: what stands before
 * them is kept, what stands after them is kept moved (or rebuilt, if what they changed reaches it).
 */
export function updateModel(previous: PlanModel, source: SourceText, frontMatter: FrontMatter | undefined, body: BlockParse, readAgain: ReadAgain): PlanModel {
  const { from, oldTo, newTo } = readAgain;
  const before = itemsBefore(previous, from);
  const items: ModelItems = {
    headings: previous.headings.slice(0, before.headings),
    fields: previous.fields.slice(0, before.fields),
    tasks: previous.tasks.slice(0, before.tasks),
    placeholders: previous.placeholders.slice(0, before.placeholders),
    tables: previous.tables.slice(0, before.tables),
  };
  const builder = new ModelBuilder(source, items, sectionStateAfter(items.headings));
  for (const run of body.runs) {
    for (let b = 0; b < run.blockStarts.length; b++) {
      const first = run.blockStarts[b]!;
      const line = run.origin + run.tokens[first]!.map![0];
      if (line < from || line >= newTo) continue;
      builder.read(run.tokens.slice(first, run.blockStarts[b + 1] ?? run.tokens.length), run.origin);
    }
  }
  const after = itemsBefore(previous, oldTo);
  const oldState = sectionStateAfter(previous.headings.slice(0, after.headings));
  // A section opened or closed by the lines read again reaches past them: read everything.
  if (oldState.section !== builder.state.section || oldState.level !== builder.state.level) return buildModel(source, frontMatter, body);
  const move = new Mover(newTo - oldTo, items.fields.length - after.fields, items.headings.length, after.headings);
  items.headings.push(...move.all(previous.headings.slice(after.headings), (h) => ({ ...h, line: h.line + move.shift, textRange: move.range(h.textRange) })));
  items.fields.push(...move.all(previous.fields.slice(after.fields), (f) => move.field(f)));
  items.tasks.push(...move.all(previous.tasks.slice(after.tasks), (t) => move.task(t)));
  items.placeholders.push(...move.all(previous.placeholders.slice(after.placeholders), (p) => ({ ...p, range: move.range(p.range) })));
  items.tables.push(...move.all(previous.tables.slice(after.tables), (t) => move.table(t)));
  const tooDeep = [previous.tooDeepLine !== undefined && previous.tooDeepLine < from ? previous.tooDeepLine : undefined, builder.tooDeepLine,
    previous.tooDeepLine !== undefined && previous.tooDeepLine >= oldTo ? previous.tooDeepLine + move.shift : undefined].find((line) => line !== undefined);
  return finish(source, frontMatter, items, tooDeep);
}

/** How many of each kind of item start before `line`. */
function itemsBefore(model: PlanModel, line: number): Record<keyof ModelItems, number> {
  return {
    headings: countBefore(model.headings, line, (h) => h.line),
    fields: countBefore(model.fields, line, (f) => f.line),
    tasks: countBefore(model.tasks, line, (t) => t.line),
    placeholders: countBefore(model.placeholders, line, (p) => p.range.start.line),
    tables: countBefore(model.tables, line, (t) => t.startLine),
  };
}

/** Moves what follows the lines read again: by the lines added or removed, and the fields and headings they added or removed. */
class Mover {
  constructor(
    readonly shift: number,
    private readonly fieldsAdded: number,
    /** Headings up to the end of the lines read again, in the new and the previous version. */
    private readonly headingsNow: number,
    private readonly headingsBefore: number,
  ) {}

  /** The items as they are when nothing moves, else moved copies. */
  all<T>(items: T[], moved: (item: T) => T): T[] {
    return this.shift === 0 && this.fieldsAdded === 0 && this.headingsNow === this.headingsBefore ? items : items.map(moved);
  }

  range(range: Range): Range {
    return { start: { line: range.start.line + this.shift, character: range.start.character }, end: { line: range.end.line + this.shift, character: range.end.character } };
  }

  // The nearest heading above: one that moved with the item, or the last one before it.
  private headingIndex(index: number | undefined): number | undefined {
    if (index !== undefined && index >= this.headingsBefore) return index - this.headingsBefore + this.headingsNow;
    return this.headingsNow > 0 ? this.headingsNow - 1 : undefined;
  }

  field(field: Field): Field {
    return {
      ...field,
      line: field.line + this.shift,
      endLine: field.endLine + this.shift,
      labelRange: this.range(field.labelRange),
      valueRange: this.range(field.valueRange),
      // A field's parent is in the same list, so it moved too.
      parentField: field.parentField === undefined ? undefined : field.parentField + this.fieldsAdded,
      headingIndex: this.headingIndex(field.headingIndex),
    };
  }

  task(task: Task): Task {
    return {
      ...task,
      line: task.line + this.shift,
      endLine: task.endLine + this.shift,
      checkRange: this.range(task.checkRange),
      textRange: this.range(task.textRange),
      parentField: task.parentField === undefined ? undefined : task.parentField + this.fieldsAdded,
      headingIndex: this.headingIndex(task.headingIndex),
    };
  }

  table(table: Table): Table {
    const row = (r: Table['header']) => ({ line: r.line + this.shift, cells: r.cells.map((c) => ({ ...c, range: this.range(c.range) })) });
    return { ...table, startLine: table.startLine + this.shift, endLine: table.endLine + this.shift, delimiterLine: table.delimiterLine + this.shift, header: row(table.header), rows: table.rows.map(row) };
  }
}

/** How many items (in line order) stand before `line`. */
function countBefore<T>(items: readonly T[], line: number, lineOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(items[mid]!) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A heading below a section's level stays inside it; another section's heading, or one at the same
// level or above, ends it.
function nextSectionState(state: SectionState, heading: Heading): SectionState {
  if (heading.sectionKey) return { section: heading.sectionKey, level: heading.level };
  if (state.section && heading.level <= state.level) return { section: undefined, level: 0 };
  return state;
}

function sectionStateAfter(headings: readonly Heading[]): SectionState {
  return headings.reduce(nextSectionState, { section: undefined, level: 0 });
}

function finish(source: SourceText, frontMatter: FrontMatter | undefined, items: ModelItems, tooDeepLine: number | undefined): PlanModel {
  return { source, frontMatter, ...items, sections: sections(items.headings, lineCount(source)), tooDeepLine };
}

class ModelBuilder {
  private readonly open: OpenItem[] = [];
  private listDepth = 0;
  private quoteDepth = 0;
  tooDeepLine: number | undefined;
  /** Where the next `{` of the text is, at or after the last block scanned (-1: none left). */
  private nextBrace: number | undefined;

  constructor(
    private readonly source: SourceText,
    /** The lists read so far, appended to. */
    readonly items: ModelItems,
    /** The section open where reading goes on. */
    public state: SectionState,
  ) {}

  /** Reads the tokens of whole top-level blocks, lines counted from `origin`. */
  read(tokens: readonly Token[], origin: number): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const map = token.map;
      if (token.nesting === 1 && token.level >= MAX_NESTING - 1 && map && this.tooDeepLine === undefined) this.tooDeepLine = origin + map[0];
      switch (token.type) {
        case 'heading_open':
          this.markContainerContent();
          this.addHeading(Number(token.tag.slice(1)), tokens[i + 1]!.content, origin + map![0]);
          this.scan(origin + map![0], origin + map![1], false);
          break;
        case 'paragraph_open':
          this.addParagraph(tokens[i + 1]!.content, origin + map![0], origin + map![1]);
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.markContainerContent();
          this.listDepth++;
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.listDepth--;
          break;
        case 'list_item_open':
          this.open.push({ line: origin + map![0], endLine: origin + map![1], depth: this.listDepth - 1, sawFirstBlock: false, field: undefined, fieldIndex: undefined });
          break;
        case 'list_item_close':
          this.open.pop();
          break;
        case 'blockquote_open':
          this.markContainerContent();
          this.quoteDepth++;
          break;
        case 'blockquote_close':
          this.quoteDepth--;
          break;
        case 'table_open':
          this.markContainerContent();
          this.addTable(origin + map![0], origin + map![1]);
          this.scan(origin + map![0], origin + map![1], true);
          break;
        case 'fence':
        case 'code_block':
        case 'html_block':
        case 'hr':
          this.markContainerContent();
          break;
        default:
          break;
      }
    }
  }

  // Placeholders of a block's lines; blocks are read in order, so the next brace is searched once.
  private scan(line: number, endLine: number, inTable: boolean): void {
    const from = this.source.lineStarts[line] ?? this.source.text.length;
    const to = this.source.lineStarts[endLine] ?? this.source.text.length;
    if (this.nextBrace === undefined || (this.nextBrace >= 0 && this.nextBrace < from)) this.nextBrace = this.source.text.indexOf('{', from);
    if (this.nextBrace >= 0 && this.nextBrace < to) scanPlaceholders(this.source, line, endLine, inTable, this.items.placeholders);
  }

  // A block inside a list item other than its first paragraph is nested content of that item.
  private markContainerContent(): void {
    const item = this.open[this.open.length - 1];
    if (!item) return;
    if (!item.sawFirstBlock) item.sawFirstBlock = true;
    // The field was made when its item's first line was read (this build's own object).
    else if (item.field) item.field.hasNested = true;
  }

  private enclosingField(): number | undefined {
    for (let k = this.open.length - 2; k >= 0; k--) {
      const index = this.open[k]!.fieldIndex;
      if (index !== undefined) return index;
    }
    return undefined;
  }

  private addParagraph(content: string, line: number, endLine: number): void {
    this.scan(line, endLine, false);
    const item = this.open[this.open.length - 1];
    if (!item || item.sawFirstBlock || line !== item.line) {
      this.markContainerContent();
      return;
    }
    item.sawFirstBlock = true;
    const newline = content.indexOf('\n');
    const firstLine = newline < 0 ? content : content.slice(0, newline);
    const isTask = /^\[[ xX]\](?:\s|$)/.test(firstLine);
    const colon = isTask ? -1 : labelColon(firstLine);
    if (!isTask && colon < 0) return;
    const at = this.locate(firstLine, line, endLine);
    const headingIndex = this.items.headings.length ? this.items.headings.length - 1 : undefined;
    const parentField = this.enclosingField();
    const sectionKey = this.state.section;
    if (isTask) {
      let textStart = 3;
      while (textStart < firstLine.length && isBlank(firstLine.charCodeAt(textStart))) textStart++;
      let textEnd = firstLine.length;
      while (textEnd > textStart && isBlank(firstLine.charCodeAt(textEnd - 1))) textEnd--;
      this.items.tasks.push({
        checked: firstLine[1] !== ' ',
        text: firstLine.slice(textStart, textEnd),
        line,
        endLine: item.endLine,
        checkRange: lineRange(at.line, at.character + 1, at.character + 2),
        textRange: lineRange(at.line, at.character + textStart, at.character + textEnd),
        depth: item.depth,
        parentField,
        sectionKey,
        headingIndex,
      });
      return;
    }
    let labelEnd = colon;
    while (labelEnd > 0 && isBlank(firstLine.charCodeAt(labelEnd - 1))) labelEnd--;
    let valueStart = colon + 1;
    while (valueStart < firstLine.length && isBlank(firstLine.charCodeAt(valueStart))) valueStart++;
    let valueEnd = firstLine.length;
    while (valueEnd > valueStart && isBlank(firstLine.charCodeAt(valueEnd - 1))) valueEnd--;
    item.field = {
      label: firstLine.slice(0, labelEnd),
      value: firstLine.slice(valueStart, valueEnd),
      labelRange: lineRange(at.line, at.character, at.character + colon),
      valueRange: lineRange(at.line, at.character + (valueStart < valueEnd ? valueStart : valueEnd), at.character + valueEnd),
      line,
      endLine: item.endLine,
      depth: item.depth,
      parentField,
      hasContinuation: newline >= 0,
      hasNested: false,
      sectionKey,
      headingIndex,
    };
    item.fieldIndex = this.items.fields.length;
    this.items.fields.push(item.field);
  }

  /**
   * Where a paragraph's first content line (as markdown-it trimmed it) stands in the text: at the
   * end of the paragraph's first line, after the list or quote markers (else where it is found).
   */
  private locate(firstLine: string, line: number, endLine: number): { line: number; character: number } {
    const wanted = firstLine.trimEnd();
    const text = this.source.text;
    // Nearly always at the end of the paragraph's first line: checked in place, without copying the line.
    const start = this.source.lineStarts[line]!;
    let end = (this.source.lineStarts[line + 1] ?? text.length + 1) - 1;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (end - wanted.length >= start && text.startsWith(wanted, end - wanted.length)) return { line, character: end - wanted.length - start };
    for (let l = line; l < endLine; l++) {
      const lineText = lineAt(this.source, l);
      const at = lineText.trimEnd().length - wanted.length;
      if (at >= 0 && lineText.startsWith(wanted, at)) return { line: l, character: at };
      const found = wanted ? lineText.indexOf(wanted) : -1;
      if (found >= 0) return { line: l, character: found };
    }
    return { line, character: 0 };
  }

  private addHeading(level: number, content: string, line: number): void {
    // A setext heading may span lines: its range stays on the first one, its text on one line.
    const newline = content.indexOf('\n');
    const firstLine = newline < 0 ? content : content.slice(0, newline);
    const text = newline < 0 ? content : content.replace(/\s*\n\s*/g, ' ');
    const sourceLine = lineAt(this.source, line);
    const start = Math.max(0, sourceLine.indexOf(firstLine));
    const heading: Heading = { level, text, line, textRange: lineRange(line, start, Math.min(start + firstLine.length, sourceLine.length)), sectionKey: sectionKeyOfHeading(text) };
    this.items.headings.push(heading);
    this.state = nextSectionState(this.state, heading);
  }

  private addTable(startLine: number, mapEnd: number): void {
    const header = tableRow(lineAt(this.source, startLine), startLine, this.quoteDepth);
    const rows: Table['rows'] = [];
    let endLine = startLine + 2;
    // A body line without an unescaped pipe ends the table as the model reads it.
    for (let line = startLine + 2; line < mapEnd; line++) {
      const text = lineAt(this.source, line);
      if (!hasUnescapedPipe(text)) break;
      rows.push(tableRow(text, line, this.quoteDepth));
      endLine = line + 1;
    }
    this.items.tables.push({ startLine, endLine, header, delimiterLine: startLine + 1, rows, sectionKey: this.state.section });
  }
}

// The colon that ends a label: the first one followed by white space or the end of the line.
function labelColon(firstLine: string): number {
  for (let i = firstLine.indexOf(':'); i >= 0; i = firstLine.indexOf(':', i + 1)) {
    const next = firstLine.charCodeAt(i + 1);
    if (i + 1 === firstLine.length || next === 32 || next === 9) return i === 0 || i > 120 ? -1 : i;
  }
  return -1;
}

function sections(headings: readonly Heading[], lines: number): PlanSection[] {
  const result: PlanSection[] = [];
  // The end of each section: the next section heading, or the next heading at its level or above.
  let open: Heading | undefined;
  for (const heading of headings) {
    if (open && (heading.sectionKey || heading.level <= open.level)) {
      result.push({ key: open.sectionKey!, heading: open, startLine: open.line + 1, endLine: heading.line });
      open = undefined;
    }
    if (heading.sectionKey) open = heading;
  }
  if (open) result.push({ key: open.sectionKey!, heading: open, startLine: open.line + 1, endLine: lines });
  return result;
}
