// The plan model from markdown-it's block tokens: headings and sections, `Label: value` fields and
// `[ ]` tasks (a list item's first line), tables and placeholders, as plain data.
import type Token from 'markdown-it/lib/token.mjs';
import type { Field, FrontMatter, Heading, PlanModel, PlanSection, Placeholder, Table, TableRow, Task } from '../plan';
import { lineRange } from '../positions';
import type { Range } from '../positions';
import { sectionKeyOfHeading } from '../sections';
import type { SectionKey } from '../sections';
import type { SourceText } from '../source';
import { lineAt, lineCount } from '../source';
import type { BlockParse } from './blocks';
import { MAX_NESTING } from './blocks';
import { scanPlaceholders } from './placeholders';
import { hasUnescapedPipe, isBlank, tableRow } from './tables';

/** A list item while its tokens are read. */
interface OpenItem {
  line: number;
  endLine: number;
  depth: number;
  sawFirstBlock: boolean;
  hasNested: boolean;
  /** The field or task its first line makes, completed when the item closes. */
  entry: { kind: 'field'; index: number; field: Omit<Field, 'hasNested'> } | { kind: 'task'; index: number; task: Task } | undefined;
}

/** Builds the model of a parsed plan. */
export function buildModel(source: SourceText, frontMatter: FrontMatter | undefined, body: BlockParse): PlanModel {
  const builder = new ModelBuilder(source);
  for (const run of body.runs) builder.read(run.tokens, run.origin);
  return builder.finish(frontMatter);
}

class ModelBuilder {
  private readonly headings: Heading[] = [];
  private readonly fields: (Field | undefined)[] = [];
  private readonly tasks: Task[] = [];
  private readonly placeholders: Placeholder[] = [];
  private readonly tables: Table[] = [];
  private readonly items: OpenItem[] = [];
  private listDepth = 0;
  private quoteDepth = 0;
  private section: SectionKey | undefined;
  private sectionLevel = 0;
  private tooDeepLine: number | undefined;

  constructor(private readonly source: SourceText) {}

  read(tokens: readonly Token[], origin: number): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const map = token.map;
      if (token.nesting === 1 && token.level >= MAX_NESTING - 1 && map && this.tooDeepLine === undefined) this.tooDeepLine = origin + map[0];
      switch (token.type) {
        case 'heading_open':
          this.markContainerContent();
          this.addHeading(Number(token.tag.slice(1)), tokens[i + 1]!.content, origin + map![0]);
          scanPlaceholders(this.source, origin + map![0], origin + map![1], false, this.placeholders);
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
          this.items.push({ line: origin + map![0], endLine: origin + map![1], depth: this.listDepth - 1, sawFirstBlock: false, hasNested: false, entry: undefined });
          break;
        case 'list_item_close':
          this.closeItem();
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
          scanPlaceholders(this.source, origin + map![0], origin + map![1], true, this.placeholders);
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

  finish(frontMatter: FrontMatter | undefined): PlanModel {
    while (this.items.length) this.closeItem();
    const fields = this.fields.filter((f): f is Field => f !== undefined);
    return {
      source: this.source,
      frontMatter,
      headings: this.headings,
      sections: sections(this.headings, lineCount(this.source)),
      fields,
      tasks: this.tasks,
      placeholders: this.placeholders,
      tables: this.tables,
      tooDeepLine: this.tooDeepLine,
    };
  }

  // A block inside a list item other than its first paragraph is nested content of that item.
  private markContainerContent(): void {
    const item = this.items[this.items.length - 1];
    if (!item) return;
    if (!item.sawFirstBlock) item.sawFirstBlock = true;
    else item.hasNested = true;
  }

  private closeItem(): void {
    const item = this.items.pop();
    if (!item?.entry) return;
    if (item.entry.kind === 'field') this.fields[item.entry.index] = { ...item.entry.field, hasNested: item.hasNested };
  }

  private enclosingField(): number | undefined {
    for (let k = this.items.length - 2; k >= 0; k--) {
      const entry = this.items[k]!.entry;
      if (entry?.kind === 'field') return entry.index;
    }
    return undefined;
  }

  private headingIndex(): number | undefined {
    return this.headings.length ? this.headings.length - 1 : undefined;
  }

  private addParagraph(content: string, line: number, endLine: number): void {
    scanPlaceholders(this.source, line, endLine, false, this.placeholders);
    const item = this.items[this.items.length - 1];
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
    const common = { depth: item.depth, parentField: this.enclosingField(), sectionKey: this.section, headingIndex: this.headingIndex() };
    if (isTask) {
      let textStart = 3;
      while (textStart < firstLine.length && isBlank(firstLine.charCodeAt(textStart))) textStart++;
      let textEnd = firstLine.length;
      while (textEnd > textStart && isBlank(firstLine.charCodeAt(textEnd - 1))) textEnd--;
      const task: Task = {
        checked: firstLine[1] !== ' ',
        text: firstLine.slice(textStart, textEnd),
        line,
        endLine: item.endLine,
        checkRange: lineRange(at.line, at.character + 1, at.character + 2),
        textRange: lineRange(at.line, at.character + textStart, at.character + textEnd),
        ...common,
      };
      this.tasks.push(task);
      item.entry = { kind: 'task', index: this.tasks.length - 1, task };
      return;
    }
    let labelEnd = colon;
    while (labelEnd > 0 && isBlank(firstLine.charCodeAt(labelEnd - 1))) labelEnd--;
    let valueStart = colon + 1;
    while (valueStart < firstLine.length && isBlank(firstLine.charCodeAt(valueStart))) valueStart++;
    let valueEnd = firstLine.length;
    while (valueEnd > valueStart && isBlank(firstLine.charCodeAt(valueEnd - 1))) valueEnd--;
    const field: Omit<Field, 'hasNested'> = {
      label: firstLine.slice(0, labelEnd),
      value: firstLine.slice(valueStart, valueEnd),
      labelRange: lineRange(at.line, at.character, at.character + colon),
      valueRange: lineRange(at.line, at.character + (valueStart < valueEnd ? valueStart : valueEnd), at.character + valueEnd),
      line,
      endLine: item.endLine,
      hasContinuation: newline >= 0,
      ...common,
    };
    this.fields.push(undefined);
    item.entry = { kind: 'field', index: this.fields.length - 1, field };
  }

  /**
   * Where a paragraph's first content line (as markdown-it trimmed it) stands in the text: on the
   * paragraph's first line, after the list or quote markers; on a later one when that line is
   * white space only to JavaScript (a no-break space is text to markdown-it, not to `trim`).
   */
  private locate(firstLine: string, line: number, endLine: number): { line: number; character: number } {
    const wanted = firstLine.trimEnd();
    for (let l = line; l < endLine; l++) {
      const text = lineAt(this.source, l);
      const end = text.trimEnd().length;
      if (end - wanted.length >= 0 && text.startsWith(wanted, end - wanted.length)) return { line: l, character: end - wanted.length };
      const found = wanted ? text.indexOf(wanted) : -1;
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
    const found = sourceLine.indexOf(firstLine);
    const start = found < 0 ? 0 : found;
    const sectionKey = sectionKeyOfHeading(text);
    this.headings.push({ level, text, line, textRange: lineRange(line, start, Math.min(start + firstLine.length, sourceLine.length)), sectionKey });
    // A heading below a section's level stays inside it; another section's heading or one at the
    // same level or above ends it.
    if (sectionKey) {
      this.section = sectionKey;
      this.sectionLevel = level;
    } else if (this.section && level <= this.sectionLevel) {
      this.section = undefined;
    }
  }

  private addTable(startLine: number, mapEnd: number): void {
    const header = tableRow(lineAt(this.source, startLine), startLine, this.quoteDepth);
    const rows: TableRow[] = [];
    let endLine = startLine + 2;
    // A body line without an unescaped pipe ends the table as the model reads it.
    for (let line = startLine + 2; line < mapEnd; line++) {
      const text = lineAt(this.source, line);
      if (!hasUnescapedPipe(text)) break;
      rows.push(tableRow(text, line, this.quoteDepth));
      endLine = line + 1;
    }
    this.tables.push({ startLine, endLine, header, delimiterLine: startLine + 1, rows, sectionKey: this.section });
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
  let open: { heading: Heading; key: SectionKey } | undefined;
  const close = (endLine: number) => {
    if (open) result.push({ key: open.key, heading: open.heading, startLine: open.heading.line + 1, endLine });
    open = undefined;
  };
  for (const heading of headings) {
    if (open && (heading.sectionKey || heading.level <= open.heading.level)) close(heading.line);
    if (heading.sectionKey) open = { heading, key: heading.sectionKey };
  }
  close(lines);
  return result;
}

/** A range's text when it stays on one line (for tests and messages). */
export function rangeText(source: SourceText, range: Range): string {
  return lineAt(source, range.start.line).slice(range.start.character, range.end.character);
}
