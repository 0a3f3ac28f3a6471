import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { parseDocument, isMap, isScalar } from 'yaml';
import type { Position, Range } from './positions';
import { lineRange } from './positions';
import type { Field, FrontMatter, Heading, PlanModel, PlanSection, Placeholder, Table, TableCell, TableRow, Task } from './plan';
import { PLAN_KIND } from './plan';
import { sectionKeyOfHeading } from './sections';
import type { SectionKey } from './sections';
import type { SourceText } from './source';
import { lineIndexAt, toSourceText } from './source';

interface BlockState {
  push(type: string, tag: string, nesting: number): Token;
  Token: new (type: string, tag: string, nesting: number) => Token;
  src: string;
  tokens: Token[];
  bMarks: number[];
  bsCount: number[];
  eMarks: number[];
  tShift: number[];
  parentType: string;
  md: MarkdownIt;
  line: number;
  lineMax: number;
  level: number;
  tight: boolean;
  sCount: number[];
  blkIndent: number;
  skipEmptyLines(line: number): number;
  isEmpty(line: number): boolean;
  getLines(begin: number, end: number, indent: number, keepLastLF: boolean): string;
}
type BlockRule = (state: BlockState, startLine: number, endLine: number, silent: boolean) => boolean;
interface BlockParser {
  State: new (src: string, md: MarkdownIt, env: object, tokens: Token[]) => BlockState;
  ruler: {
    getRules(chain: string): BlockRule[];
    at(name: string, fn: BlockRule, options: { alt: string[] }): void;
    __rules__?: { name: string; enabled: boolean; fn: BlockRule; alt: string[] }[];
  };
}

// A table as markdown-it's own rule reads it (its header and delimiter checks, the same lines for
// the body), but as one token: the builder splits the rows itself, and markdown-it's tokens for
// every cell of a long mapping matrix were a good part of the parse.
const MAX_AUTOCOMPLETED_CELLS = 0x10000;

// How many cells markdown-it's escapedSplit finds in a trimmed table line (a pipe right after a
// backslash does not split), without the empty first and last pieces it drops.
function tableColumnCount(text: string): number {
  let count = 1;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 124 && !escaped) count++;
    escaped = c === 92;
  }
  if (text.charCodeAt(0) === 124) count--;
  if (count > 0 && text.length > 0 && text.charCodeAt(text.length - 1) === 124 && (text.length === 1 || text.charCodeAt(text.length - 2) !== 92)) count--;
  return count;
}

function trimmedLine(state: BlockState, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]).trim();
}

function tableRule(markdownItTable: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (!markdownItTable(state, startLine, endLine, true)) return false;
    if (silent) return true;
    const columnCount = tableColumnCount(trimmedLine(state, startLine));
    const oldParentType = state.parentType;
    state.parentType = 'table';
    const terminatorRules = state.md.block.ruler.getRules('blockquote') as unknown as BlockRule[];
    let autocompletedCells = 0;
    let nextLine = startLine + 2;
    for (; nextLine < endLine; nextLine++) {
      if (state.sCount[nextLine]! < state.blkIndent) break;
      let terminate = false;
      for (const rule of terminatorRules) {
        if (rule(state, nextLine, endLine, true)) {
          terminate = true;
          break;
        }
      }
      if (terminate) break;
      const text = trimmedLine(state, nextLine);
      if (!text || state.sCount[nextLine]! - state.blkIndent >= 4) break;
      autocompletedCells += columnCount - tableColumnCount(text);
      if (autocompletedCells > MAX_AUTOCOMPLETED_CELLS) break;
    }
    const open = state.push('table_open', 'table', 1);
    open.map = [startLine, nextLine];
    state.push('table_close', 'table', -1);
    state.parentType = oldParentType;
    state.line = nextLine;
    return true;
  };
}

// A paragraph as markdown-it's own rule reads it (the same lines, the same terminators), but as one
// token holding only what the builder reads: the first line as markdown-it's trimmed content
// starts, a line break after it when more text follows, and where it starts in the text.
// markdown-it joined every line of every paragraph into a new string, most of them never read.
function paragraphRule(state: BlockState, startLine: number, endLine: number): boolean {
  const terminatorRules = state.md.block.ruler.getRules('paragraph') as unknown as BlockRule[];
  const oldParentType = state.parentType;
  let nextLine = startLine + 1;
  state.parentType = 'paragraph';
  for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
    if (state.sCount[nextLine]! - state.blkIndent > 3) continue;
    if (state.sCount[nextLine]! < 0) continue;
    let terminate = false;
    for (const rule of terminatorRules) {
      if (rule(state, nextLine, endLine, true)) {
        terminate = true;
        break;
      }
    }
    if (terminate) break;
  }
  const content = paragraphContentStart(state, startLine, nextLine);
  state.line = nextLine;
  // No inline token: the opening token carries the content, and where it stands in the text
  // (markdown-it leaves `meta` to plugins). The builder reads it from there.
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [startLine, nextLine];
  open.content = content;
  open.meta = contentOffset;
  state.push('paragraph_close', 'p', -1);
  state.parentType = oldParentType;
  return true;
}

// Where the last content of paragraphContentStart starts in the text (on a later line than the
// paragraph's first when that one is white space only to JavaScript); -1 when it is empty.
let contentOffset = -1;

/** The start of `state.getLines(startLine, nextLine, state.blkIndent, false).trim()`: its first line, then `\n` if it goes on. */
function paragraphContentStart(state: BlockState, startLine: number, nextLine: number): string {
  // getLines' indent skipping, for the first line only.
  const src = state.src;
  const lineStart = state.bMarks[startLine]!;
  const last = state.eMarks[startLine]!;
  const indent = state.blkIndent;
  let first = lineStart;
  let lineIndent = 0;
  while (first < last && lineIndent < indent) {
    const c = src.charCodeAt(first);
    if (c === 0x20) lineIndent++;
    else if (c === 0x09) lineIndent += 4 - ((lineIndent + state.bsCount[startLine]!) % 4);
    else if (first - lineStart < state.tShift[startLine]!) lineIndent++;
    else break;
    first++;
  }
  // Trimmed as String.prototype.trim would (isBlank is its white space), without the copies.
  let lead = first;
  while (lead < last && isBlank(src.charCodeAt(lead))) lead++;
  // The first character that is not white space on the paragraph's later lines, if any: whether
  // the content goes on past the first line, and where it starts when that line is blank (their
  // marks skip a quote's markers; getLines skips only white space from there).
  let later = -1;
  for (let line = startLine + 1; line < nextLine && later < 0; line++) {
    const lineEnd = state.eMarks[line]!;
    for (let at = state.bMarks[line]!; at < lineEnd; at++) {
      if (!isBlank(src.charCodeAt(at))) {
        later = at;
        break;
      }
    }
  }
  const continued = later >= 0;
  // A first line of white space only: trim() reaches into the next lines; let markdown-it say what
  // the content is. It starts at `later`.
  if (lead === last) {
    contentOffset = later;
    return state.getLines(startLine, nextLine, indent, false).trim();
  }
  let end = last;
  if (!continued) while (end > lead && isBlank(src.charCodeAt(end - 1))) end--;
  contentOffset = lead;
  return continued ? `${src.slice(lead, end)}\n` : src.slice(lead, end);
}

// Block-level parse only: the rules need blocks, and placeholders/code spans are found by a cheap
// scan of the inline ranges, which keeps lint well under markdown-it's full parse time.
const md = new MarkdownIt('default', { html: true });
{
  const ruler = (md.block as unknown as BlockParser).ruler;
  const table = ruler.__rules__?.find((rule) => rule.name === 'table');
  // Should a later markdown-it keep its rules elsewhere, its own table rule stays: slower, as right.
  if (table) ruler.at('table', tableRule(table.fn), { alt: [...table.alt] });
  if (ruler.__rules__?.some((rule) => rule.name === 'paragraph')) ruler.at('paragraph', paragraphRule, { alt: [] });
}

// markdown-it's block rules that look at a line's first character (after its indent) and stop
// unless it is one of their markers, changing nothing: fence, blockquote, hr, list, reference,
// html_block, heading. A block that starts with any other character (most of a plan: the text of
// list items and paragraphs) needs only the other rules, tried in the same order.
const MARKER_RULES = new Set(['fence', 'blockquote', 'hr', 'list', 'reference', 'html_block', 'heading']);

function isBlockMarker(c: number): boolean {
  // ~ ` > * - _ + [ < # and the digits of an ordered list.
  return c === 0x7e || c === 0x60 || c === 0x3e || c === 0x2a || c === 0x2d || c === 0x5f || c === 0x2b || c === 0x5b || c === 0x3c || c === 0x23 ||
    (c >= 0x30 && c <= 0x39);
}

const blockRules: BlockRule[] = (md.block as unknown as BlockParser).ruler.getRules('');
const unmarkedRules: BlockRule[] = (() => {
  const known = (md.block as unknown as BlockParser).ruler.__rules__?.filter((rule) => rule.enabled);
  // Should a later markdown-it keep its rules elsewhere or in another order, every rule is tried.
  if (!known || known.length !== blockRules.length || known.some((rule, k) => rule.fn !== blockRules[k])) return blockRules;
  return known.filter((rule) => !MARKER_RULES.has(rule.name)).map((rule) => rule.fn);
})();

/** The block rules to try, in markdown-it's order, on a line: all of them, or those that can start a block with its first character. */
function rulesFor(state: BlockState, line: number): BlockRule[] {
  return isBlockMarker(state.src.charCodeAt(state.bMarks[line]! + state.tShift[line]!)) ? blockRules : unmarkedRules;
}

// markdown-it's ParserBlock.tokenize, which its list and blockquote rules call for their content,
// with the rules chosen per line (above). Where markdown-it would throw, it stops instead: a plan
// must never make the parser throw. The parse's own top-level call passes `afterBlock`, called at
// the end of each block (markdown-it's list rule passes a fourth argument of its own: `true`).
function tokenizeLines(state: BlockState, startLine: number, endLine: number, afterBlock?: unknown): void {
  const maxNesting = (state.md.options as { maxNesting?: number }).maxNesting ?? 100;
  let line = startLine;
  let hasEmptyLines = false;
  while (line < endLine) {
    state.line = line = state.skipEmptyLines(line);
    if (line >= endLine) break;
    if (state.sCount[line]! < state.blkIndent) break;
    if (state.level >= maxNesting) {
      state.line = endLine;
      break;
    }
    const prevLine = state.line;
    const rules = rulesFor(state, line);
    let ok = false;
    for (let k = 0; k < rules.length; k++) {
      ok = rules[k]!(state, line, endLine, false);
      if (ok) break;
    }
    if (!ok || state.line <= prevLine) break;
    state.tight = !hasEmptyLines;
    if (state.isEmpty(state.line - 1)) hasEmptyLines = true;
    line = state.line;
    if (line < endLine && state.isEmpty(line)) {
      hasEmptyLines = true;
      line++;
      state.line = line;
    }
    if (typeof afterBlock === 'function') afterBlock();
  }
}
(md.block as unknown as { tokenize: typeof tokenizeLines }).tokenize = tokenizeLines;

/**
 * markdown-it's block state for a text, its line marks found as its constructor finds them (the
 * offsets of each line's start, end and first non-space, the indent with tabs expanded; a last line
 * of nothing but spaces left out) but a line at a time with indexOf instead of a character at a
 * time, which was a tenth of the parse. A test holds it to markdown-it's own constructor.
 */
export function createBlockState(src: string, tokens: Token[], lineCount?: number): BlockState {
  const block = md.block as unknown as BlockParser;
  const state = new block.State('', md, {}, tokens);
  // Sized once when the line count is known: growing five arrays of a long plan by push allocated
  // and copied each of them several times.
  const size = lineCount === undefined ? 0 : lineCount + 1;
  const bMarks: number[] = new Array<number>(size);
  const eMarks: number[] = new Array<number>(size);
  const tShift: number[] = new Array<number>(size);
  const sCount: number[] = new Array<number>(size);
  const bsCount: number[] = new Array<number>(size);
  const length = src.length;
  let line = 0;
  let start = 0;
  while (start < length) {
    let pos = start;
    let offset = 0;
    for (;;) {
      const c = src.charCodeAt(pos);
      if (c === 0x20) offset++;
      else if (c === 0x09) offset += 4 - (offset % 4);
      else break;
      pos++;
    }
    if (pos >= length) break;
    const newline = src.indexOf('\n', pos);
    const end = newline < 0 ? length : newline;
    bMarks[line] = start;
    eMarks[line] = end;
    tShift[line] = pos - start;
    sCount[line] = offset;
    bsCount[line] = 0;
    line++;
    start = end + 1;
  }
  // markdown-it's entry past the last line.
  bMarks[line] = length;
  eMarks[line] = length;
  tShift[line] = 0;
  sCount[line] = 0;
  bsCount[line] = 0;
  for (const marks of [bMarks, eMarks, tShift, sCount, bsCount]) marks.length = line + 1;
  state.src = src;
  state.bMarks = bMarks;
  state.eMarks = eMarks;
  state.tShift = tShift;
  state.sCount = sCount;
  state.bsCount = bsCount;
  state.lineMax = line;
  return state;
}

// markdown-it's top-level block loop (ParserBlock.tokenize), handing tokens over as soon as they
// are final: at the end of each top-level block and before each list item. Tokens then die young
// instead of piling up for a whole list or file, which kept the garbage collector busy on large
// plans. The builder reads a list item's end from its `map`, which markdown-it fills in when the
// item ends; markdown-it itself reads earlier tokens only to hide a tight list's paragraphs, which
// the builder does not look at.
//
// The tokens go into one array, reused: the first `count` of it are those not handed over yet (a
// new array per list item was most of what the parse allocated). markdown-it's list rule reads
// `state.tokens` only to hide a tight list's paragraphs: from the array's length when the list
// began, it may set `hidden` on tokens of this array, handed over or not, shared ones included.
// The builder never reads `hidden`.
function tokenizeBlocks(src: string, lineCount: number, startLine: number, onBlock: (tokens: Token[], count: number) => void): void {
  if (!src) return;
  const tokens: Token[] = [];
  let count = 0;
  const state = createBlockState(src, tokens, lineCount);
  const handOver = () => {
    onBlock(tokens, count);
    count = 0;
  };
  const Token = state.Token;
  // What the rules get for a closing token the builder never reads: they set its markup, nothing
  // reads it back, and no token is made for each paragraph, heading and quote.
  const unkept = new Token('', '', -1);
  // Lists and the ends of list items: the builder reads only that they come, so one token of each
  // type stands for all of them (the rules set its map or markup; nothing reads them back).
  const shared = new Map<string, Token>();
  for (const [type, tag, nesting] of [['bullet_list_open', 'ul', 1], ['ordered_list_open', 'ol', 1], ['list_item_close', 'li', -1], ['bullet_list_close', 'ul', -1], ['ordered_list_close', 'ol', -1]] as const) {
    const token = new Token(type, tag, nesting);
    token.block = true;
    shared.set(type, token);
  }
  state.push = function pushFinal(type: string, tag: string, nesting: number): Token {
    if (nesting === -1 && (type === 'paragraph_close' || type === 'heading_close' || type === 'blockquote_close')) {
      // markdown-it's own bookkeeping for a closing token.
      this.level--;
      return unkept;
    }
    if (nesting === 1 && type === 'list_item_open' && count > 0) handOver();
    // markdown-it's StateBlock.push, into the reused array.
    let token = shared.get(type);
    if (token === undefined) {
      token = new Token(type, tag, nesting);
      token.block = true;
    }
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    if (count < tokens.length) tokens[count] = token;
    else tokens.push(token);
    count++;
    return token;
  };
  tokenizeLines(state, startLine, state.lineMax, handOver);
  if (count > 0) onBlock(tokens, count);
}

/** Parses a plan's text (any bytes decoded as text) into its model. Never throws on content. */
export function parsePlan(text: string): PlanModel {
  const source = toSourceText(text);
  const frontMatter = parseFrontMatter(source);
  const builder = new PlanBuilder(source, frontMatter);
  tokenizeBlocks(source.src, source.lineCount, frontMatter ? frontMatter.endLine : 0, (tokens, count) => builder.addBlock(tokens, count));
  return builder.finish();
}

function parseFrontMatter(source: SourceText): FrontMatter | undefined {
  if (source.line(0).trimEnd() !== '---') return undefined;
  let close = -1;
  for (let line = 1; line < source.lineCount; line++) {
    const t = source.line(line).trimEnd();
    if (t === '---' || t === '...') {
      close = line;
      break;
    }
  }
  if (close < 0) return undefined;
  const yamlStart = source.lineStarts[1]!;
  const yamlText = source.src.slice(yamlStart, source.lineStarts[close]);
  const fm: FrontMatter = { startLine: 0, endLine: close + 1, data: undefined, error: undefined, status: undefined, statusRange: undefined, kind: undefined };
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    const error = doc.errors[0];
    if (error) {
      fm.error = { message: error.message.split('\n')[0]!, line: offsetPosition(source, yamlStart + error.pos[0]).line };
      return fm;
    }
    if (doc.contents === null) {
      fm.data = {};
      return fm;
    }
    if (!isMap(doc.contents)) {
      fm.error = { message: 'Front matter must be a YAML mapping (key: value lines).', line: 1 };
      return fm;
    }
    const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    fm.data = data;
    if (typeof data.kind === 'string') fm.kind = data.kind;
    const statusNode = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'status');
    if (statusNode) {
      fm.status = data.status === null || data.status === undefined ? '' : String(data.status);
      const node = statusNode.value;
      if (isScalar(node) && node.range) {
        fm.statusRange = offsetRange(source, yamlStart + node.range[0], yamlStart + node.range[1]);
      }
    }
  } catch (error) {
    fm.error = { message: error instanceof Error ? error.message.split('\n')[0]! : 'Front matter does not parse.', line: 1 };
  }
  return fm;
}

interface OpenListItem {
  startLine: number;
  /** The item's token map: markdown-it sets its end when the item ends, after the item was handed over. */
  map: [number, number];
  depth: number;
  sawFirstBlock: boolean;
  hasExtra: boolean;
  field: Field | undefined;
  task: Task | undefined;
  fieldIndex: number | undefined;
}

// What String.prototype.trim removes, so labels and values read as before without the copies.
function isBlank(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

// `[ ]`, `[x]` or `[X]` followed by white space or the end: checked without a regex, per list item.
function isTaskPrefix(text: string): boolean {
  if (text.charCodeAt(0) !== 91 || text.charCodeAt(2) !== 93) return false;
  const mark = text.charCodeAt(1);
  if (mark !== 32 && mark !== 120 && mark !== 88) return false;
  const after = text.charCodeAt(3);
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10;
}

// Fields, tasks, headings and cells keep their ranges as numbers and make the range objects when
// read: a long plan has tens of thousands of them, most ranges are never looked at, and every object
// kept alive is work for the garbage collector while the plan is read.
//
// Each is made by an object literal over its class's prototype, not by `new`: V8 learns from a
// literal's allocation site that its objects live long and allocates them with the long-lived ones,
// instead of copying each through the young generation (on the 100k-line bench plan that copying
// was a fifth of the parse).
class FieldNode implements Field {
  // The paragraph's first line as markdown-it gave it, as `text` from `base`: the plan's own text
  // where the line stands in it, so that no string of the line is kept. Then where label and value
  // stand in that line (an empty value stands at its end), where it starts on its source line and
  // where its label's colon is.
  private declare readonly text: string;
  private declare readonly base: number;
  private declare readonly labelEnd: number;
  private declare readonly valueStart: number;
  private declare readonly valueEnd: number;
  private declare readonly start: number;
  private declare readonly colon: number;
  declare readonly line: number;
  // The line the text stands on: the item's own, but for an item whose first line is white space
  // only to JavaScript (a no-break space), whose text markdown-it reads from the next lines.
  private declare readonly textLine: number;
  declare endLine: number;
  declare readonly depth: number;
  declare readonly parentField: number | undefined;
  declare readonly hasContinuation: boolean;
  declare hasNested: boolean;
  declare readonly sectionKey: SectionKey | undefined;
  declare readonly headingIndex: number | undefined;

  static of(
    text: string, base: number, labelEnd: number, valueStart: number, valueEnd: number, start: number, colon: number, line: number, textLine: number,
    depth: number, parentField: number | undefined, hasContinuation: boolean, sectionKey: SectionKey | undefined, headingIndex: number | undefined,
  ): FieldNode {
    const field = {
      __proto__: FieldNode.prototype, text, base, labelEnd, valueStart, valueEnd, start, colon, line, textLine, endLine: line + 1, depth, parentField,
      hasContinuation, hasNested: false, sectionKey, headingIndex,
    };
    return field as unknown as FieldNode;
  }

  get label(): string {
    return this.text.slice(this.base, this.base + this.labelEnd);
  }

  get value(): string {
    return this.valueStart < this.valueEnd ? this.text.slice(this.base + this.valueStart, this.base + this.valueEnd) : '';
  }

  get labelRange(): Range {
    return lineRange(this.textLine, this.start, this.start + this.colon);
  }

  /** Empty at the end of the line when there is no value. */
  get valueRange(): Range {
    return this.valueStart < this.valueEnd
      ? lineRange(this.textLine, this.start + this.valueStart, this.start + this.valueEnd)
      : lineRange(this.textLine, this.start + this.valueEnd, this.start + this.valueEnd);
  }

  /** As JSON, the field as its interface describes it (not the plan's text it reads from). */
  toJSON(): Field {
    return {
      label: this.label, value: this.value, labelRange: this.labelRange, valueRange: this.valueRange, line: this.line, endLine: this.endLine, depth: this.depth,
      parentField: this.parentField, hasContinuation: this.hasContinuation, hasNested: this.hasNested, sectionKey: this.sectionKey, headingIndex: this.headingIndex,
    };
  }
}

class TaskNode implements Task {
  declare readonly checked: boolean;
  declare readonly line: number;
  declare endLine: number;
  declare readonly depth: number;
  declare readonly parentField: number | undefined;
  declare readonly sectionKey: SectionKey | undefined;
  declare readonly headingIndex: number | undefined;
  // Where the brackets and the text stand, on the line as for fields; the text is `source` from
  // `base` plus those offsets (the plan's own text, as for fields).
  private declare readonly textLine: number;
  private declare readonly checkStart: number;
  private declare readonly textStart: number;
  private declare readonly textEnd: number;
  private declare readonly source: string;
  private declare readonly base: number;

  static of(
    checked: boolean, line: number, textLine: number, depth: number, parentField: number | undefined, sectionKey: SectionKey | undefined,
    headingIndex: number | undefined, checkStart: number, textStart: number, textEnd: number, source: string, base: number,
  ): TaskNode {
    const task = {
      __proto__: TaskNode.prototype, checked, line, textLine, endLine: line + 1, depth, parentField, sectionKey, headingIndex, checkStart, textStart,
      textEnd, source, base,
    };
    return task as unknown as TaskNode;
  }

  get text(): string {
    return this.source.slice(this.base + this.textStart, this.base + this.textEnd);
  }

  /** The one character between the brackets. */
  get checkRange(): Range {
    return lineRange(this.textLine, this.checkStart + 1, this.checkStart + 2);
  }

  get textRange(): Range {
    return lineRange(this.textLine, this.textStart, this.textEnd);
  }

  /** As JSON, the task as its interface describes it (not the plan's text it reads from). */
  toJSON(): Task {
    return {
      checked: this.checked, text: this.text, line: this.line, endLine: this.endLine, checkRange: this.checkRange, textRange: this.textRange, depth: this.depth,
      parentField: this.parentField, sectionKey: this.sectionKey, headingIndex: this.headingIndex,
    };
  }
}

class HeadingNode implements Heading {
  declare readonly level: number;
  declare readonly text: string;
  declare readonly line: number;
  declare readonly sectionKey: SectionKey | undefined;
  private declare readonly start: number;
  private declare readonly end: number;

  static of(level: number, text: string, line: number, sectionKey: SectionKey | undefined, start: number, end: number): HeadingNode {
    const heading = { __proto__: HeadingNode.prototype, level, text, line, sectionKey, start, end };
    return heading as unknown as HeadingNode;
  }

  get textRange(): Range {
    return lineRange(this.line, this.start, this.end);
  }
}

// A cell keeps its row's text and offsets; its strings and range are made when read.
class CellNode implements TableCell {
  private declare readonly rowText: string;
  private declare readonly line: number;
  private declare readonly cellStart: number;
  private declare readonly cellEnd: number;
  private declare readonly from: number;
  private declare readonly to: number;

  static of(rowText: string, line: number, cellStart: number, cellEnd: number, from: number, to: number): CellNode {
    const cell = { __proto__: CellNode.prototype, rowText, line, cellStart, cellEnd, from, to };
    return cell as unknown as CellNode;
  }

  get raw(): string {
    return this.rowText.slice(this.cellStart, this.cellEnd);
  }

  get text(): string {
    const trimmed = this.rowText.slice(this.from, this.to);
    return trimmed.includes('\\|') ? trimmed.replace(/\\\|/g, '|') : trimmed;
  }

  get range(): Range {
    return lineRange(this.line, this.from, this.to);
  }
}

class PlanBuilder {
  private readonly headings: Heading[] = [];
  private readonly fields: Field[] = [];
  private readonly tasks: Task[] = [];
  private readonly placeholders: Placeholder[] = [];
  private readonly tables: Table[] = [];
  private readonly listItems: OpenListItem[] = [];
  private readonly closedItems: OpenListItem[] = [];
  private currentSection: SectionKey | undefined;
  private currentHeading: number | undefined;
  private sectionLevel = 0;
  private braceSearchFrom = Infinity;
  private nextBrace = -1;

  constructor(
    private readonly source: SourceText,
    private readonly frontMatter: FrontMatter | undefined,
  ) {}

  private listDepth = 0;

  /** Reads the first `count` tokens, those of a block or of a list item up to the next one. */
  addBlock(tokens: Token[], count: number): void {
    let listDepth = this.listDepth;
    for (let i = 0; i < count; i++) {
      const token = tokens[i]!;
      const type = token.type;
      // Most tokens close something or carry inline text the cases below already read: skip them first.
      if (type === 'inline' || type === 'paragraph_close' || type === 'heading_close') continue;
      switch (type) {
        case 'heading_open': {
          this.markParentContent();
          const inline = tokens[i + 1]!;
          this.addHeading(Number(token.tag.slice(1)), inline, token.map![0]);
          this.scanInline(token.map!);
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.markParentContent();
          listDepth++;
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          listDepth--;
          break;
        case 'list_item_open': {
          // The records of closed items are used again: a plan has tens of thousands of items.
          const item = this.closedItems.pop();
          if (item === undefined) {
            this.listItems.push({
              startLine: token.map![0],
              map: token.map!,
              depth: listDepth - 1,
              sawFirstBlock: false,
              hasExtra: false,
              field: undefined,
              task: undefined,
              fieldIndex: undefined,
            });
            break;
          }
          item.startLine = token.map![0];
          item.map = token.map!;
          item.depth = listDepth - 1;
          item.sawFirstBlock = false;
          item.hasExtra = false;
          item.field = undefined;
          item.task = undefined;
          item.fieldIndex = undefined;
          this.listItems.push(item);
          break;
        }
        case 'list_item_close':
          this.closeListItem();
          break;
        case 'paragraph_open': {
          // The paragraph rule puts the content on the opening token; markdown-it's own (should it
          // be the one in use) in an inline token after it.
          const next = i + 1 < count ? tokens[i + 1] : undefined;
          const inline = next !== undefined && next.type === 'inline' ? next : token;
          const item = this.listItems[this.listItems.length - 1];
          if (item && !item.sawFirstBlock && token.map![0] === item.startLine) {
            item.sawFirstBlock = true;
            this.readListItemParagraph(item, inline);
          } else {
            this.markParentContent();
          }
          this.scanInline(token.map!);
          break;
        }
        case 'table_open':
          this.markParentContent();
          this.addTable(token.map!);
          this.scanInline(token.map!, true);
          break;
        case 'fence':
        case 'code_block':
        case 'html_block':
        case 'hr':
        case 'blockquote_open':
          this.markParentContent();
          break;
        default:
          break;
      }
    }
    this.listDepth = listDepth;
  }

  finish(): PlanModel {
    while (this.listItems.length) this.closeListItem();
    return {
      source: this.source,
      frontMatter: this.frontMatter,
      headings: this.headings,
      sections: this.buildSections(),
      fields: this.fields,
      tasks: this.tasks,
      placeholders: this.placeholders,
      tables: this.tables,
    };
  }

  // A block inside a list item other than its first paragraph is nested content of that item.
  private markParentContent(): void {
    const item = this.listItems[this.listItems.length - 1];
    if (!item) return;
    if (!item.sawFirstBlock) item.sawFirstBlock = true;
    else item.hasExtra = true;
  }

  private closeListItem(): void {
    const item = this.listItems.pop();
    if (!item) return;
    if (item.field) {
      item.field.hasNested = item.hasExtra;
      item.field.endLine = item.map[1];
    }
    if (item.task) item.task.endLine = item.map[1];
    this.closedItems.push(item);
  }

  private lineLength(line: number): number {
    const next = this.source.lineStarts[line + 1];
    return (next === undefined ? this.source.src.length + 1 : next) - 1 - this.source.lineStarts[line]!;
  }

  private enclosingField(): number | undefined {
    for (let k = this.listItems.length - 2; k >= 0; k--) {
      const index = this.listItems[k]!.fieldIndex;
      if (index !== undefined) return index;
    }
    return undefined;
  }

  private readListItemParagraph(item: OpenListItem, inline: Token): void {
    const content = inline.content;
    const newline = content.indexOf('\n');
    const firstLine = newline < 0 ? content : content.slice(0, newline);
    const isTask = isTaskPrefix(firstLine);
    const colon = isTask ? -1 : labelColon(firstLine);
    if (!isTask && colon < 0) return;
    const line = item.startLine;
    // Fields and tasks read their strings from the plan's text where the line stands in it (nearly
    // always): the line's own string then dies young instead of being kept with the model. The
    // paragraph rule says where its content starts (on a later line when the item's first is white
    // space only); else it is searched for on the item's line.
    const offset: unknown = inline.meta;
    let textLine = line;
    let lineStart = this.source.lineStarts[line]!;
    const known = typeof offset === 'number' && offset >= lineStart;
    if (known && offset >= lineStart + this.lineLength(line)) {
      textLine = lineIndexAt(this.source.lineStarts, offset);
      lineStart = this.source.lineStarts[textLine]!;
    }
    const start = known ? offset - lineStart : this.contentStart(line, firstLine);
    const inSource = known || startsAt(this.source.src, firstLine, lineStart + start, 0);
    if (isTask) {
      let textStart = 3;
      while (isBlank(firstLine.charCodeAt(textStart))) textStart++;
      let textEnd = firstLine.length;
      while (textEnd > textStart && isBlank(firstLine.charCodeAt(textEnd - 1))) textEnd--;
      const entry = TaskNode.of(firstLine.charCodeAt(1) !== 32, line, textLine, item.depth, this.enclosingField(), this.currentSection, this.currentHeading,
        start, start + textStart, start + textEnd, inSource ? this.source.src : firstLine, inSource ? lineStart : -start);
      item.task = entry;
      this.tasks.push(entry);
      return;
    }
    // Label and value by index, without intermediate strings: this runs for every list item.
    let labelEnd = colon;
    while (labelEnd > 0 && isBlank(firstLine.charCodeAt(labelEnd - 1))) labelEnd--;
    let valueStart = colon + 1;
    while (isBlank(firstLine.charCodeAt(valueStart))) valueStart++;
    let valueEnd = firstLine.length;
    while (valueEnd > valueStart && isBlank(firstLine.charCodeAt(valueEnd - 1))) valueEnd--;
    const field = FieldNode.of(inSource ? this.source.src : firstLine, inSource ? lineStart + start : 0, labelEnd, valueStart, valueEnd, start, colon, line,
      textLine, item.depth, this.enclosingField(), newline >= 0,
      this.currentSection, this.currentHeading);
    item.field = field;
    item.fieldIndex = this.fields.length;
    this.fields.push(field);
  }

  // Where a list item's first paragraph line starts on its source line.
  private contentStart(line: number, firstLine: string): number {
    const src = this.source.src;
    const lineStart = this.source.lineStarts[line]!;
    const lineLength = this.lineLength(line);
    // The paragraph's first line is the end of its source line, give or take trailing white space:
    // found from the end without comparing the text. What does not fit is searched for below.
    let lineEnd = lineStart + lineLength;
    while (lineEnd > lineStart && isBlank(src.charCodeAt(lineEnd - 1))) lineEnd--;
    let textEnd = firstLine.length;
    while (textEnd > 0 && isBlank(firstLine.charCodeAt(textEnd - 1))) textEnd--;
    const at = lineEnd - textEnd;
    if (textEnd > 0 && at >= lineStart && src.charCodeAt(at) === firstLine.charCodeAt(0) && src.charCodeAt(lineEnd - 1) === firstLine.charCodeAt(textEnd - 1)) {
      return at - lineStart;
    }
    // The first occurrence on the line, as indexOf would find it: candidates by their first
    // character, so no pattern search is set up per list item.
    const first = firstLine.charAt(0);
    for (let at = src.indexOf(first, lineStart); at >= 0 && at - lineStart <= lineLength; at = src.indexOf(first, at + 1)) {
      if (startsAt(src, firstLine, at)) return at - lineStart;
    }
    return 0;
  }

  private addHeading(level: number, inline: Token, line: number): void {
    // A setext heading may span lines: its range stays on the first one, its text on one line.
    const content = inline.content;
    const newline = content.indexOf('\n');
    const firstLine = newline < 0 ? content : content.slice(0, newline);
    const text = newline < 0 ? content : content.replace(/\s*\n\s*/g, ' ');
    const sourceLine = this.source.line(line);
    const found = sourceLine.indexOf(firstLine);
    const start = found < 0 ? 0 : found;
    const sectionKey = sectionKeyOfHeading(text);
    this.headings.push(HeadingNode.of(level, text, line, sectionKey, start, Math.min(start + firstLine.length, sourceLine.length)));
    this.currentHeading = this.headings.length - 1;
    // A heading below a section's level stays inside it; another section's heading or one at the
    // same level or above ends it.
    // The open section's level is kept, not searched for: a section with thousands of sub-headings
    // made that search quadratic.
    if (sectionKey) {
      this.currentSection = sectionKey;
      this.sectionLevel = level;
    } else if (this.currentSection && level <= this.sectionLevel) {
      this.currentSection = undefined;
    }
  }

  private buildSections(): PlanSection[] {
    const sections: PlanSection[] = [];
    for (let k = 0; k < this.headings.length; k++) {
      const heading = this.headings[k]!;
      if (!heading.sectionKey) continue;
      let endLine = this.source.lineCount;
      for (let n = k + 1; n < this.headings.length; n++) {
        const next = this.headings[n]!;
        if (next.sectionKey || next.level <= heading.level) {
          endLine = next.line;
          break;
        }
      }
      sections.push({ key: heading.sectionKey, heading, startLine: heading.line + 1, endLine });
    }
    return sections;
  }

  private addTable(map: [number, number]): void {
    const [startLine, mapEnd] = map;
    const header = splitRow(this.source, startLine);
    const rows: TableRow[] = [];
    let endLine = startLine + 2;
    for (let line = startLine + 2; line < mapEnd; line++) {
      if (!hasUnescapedPipe(this.source.line(line))) break;
      rows.push(splitRow(this.source, line));
      endLine = line + 1;
    }
    this.tables.push({ startLine, endLine, header, delimiterLine: startLine + 1, rows, sectionKey: this.currentSection });
  }

  private scanInline(map: [number, number], inTable = false): void {
    const src = this.source.src;
    const from = this.source.lineStarts[map[0]]!;
    const nextLineStart = this.source.lineStarts[map[1]];
    const to = nextLineStart === undefined ? src.length : nextLineStart;
    // Blocks come in document order: remember the next brace so a plan with few braces is not
    // searched to its end once per block (that was quadratic).
    if (from < this.braceSearchFrom || (this.nextBrace >= 0 && this.nextBrace < from)) {
      this.braceSearchFrom = from;
      this.nextBrace = src.indexOf('{', from);
    }
    if (this.nextBrace < 0 || this.nextBrace >= to) return;
    scanPlaceholders(this.source, from, to, this.placeholders, inTable);
  }
}

// src.startsWith(text, at) by hand: the built-in went through the runtime for every list item.
// Whether `text` stands in `src` at `at`; its first `from` characters are known to.
function startsAt(src: string, text: string, at: number, from = 1): boolean {
  if (at + text.length > src.length) return false;
  for (let k = from; k < text.length; k++) {
    if (src.charCodeAt(at + k) !== text.charCodeAt(k)) return false;
  }
  return true;
}

// The colon that ends a label: the first one followed by white space or the end of the line.
function labelColon(firstLine: string): number {
  for (let i = firstLine.indexOf(':'); i >= 0; i = firstLine.indexOf(':', i + 1)) {
    const next = firstLine.charCodeAt(i + 1);
    if (i + 1 === firstLine.length || next === 32 || next === 9) {
      if (i === 0 || i > 120) return -1;
      return i;
    }
  }
  return -1;
}

function hasUnescapedPipe(line: string): boolean {
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) {
    if (!isEscaped(line, i)) return true;
  }
  return false;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let k = index - 1; k >= 0 && text.charCodeAt(k) === 92; k--) backslashes++;
  return backslashes % 2 === 1;
}

/** Splits one table line into cells at unescaped pipes, outer pipes optional. */
export function splitRow(source: SourceText, line: number): TableRow {
  return { line, cells: splitRowText(source.line(line), line) };
}

/** Splits a table line's text into cells (exported for the mapping editor's writer). */
export function splitRowText(text: string, line: number): TableCell[] {
  // Offsets instead of trimmed copies: every row of every table is split on each parse.
  let firstContent = 0;
  while (firstContent < text.length && isBlank(text.charCodeAt(firstContent))) firstContent++;
  let lastContent = text.length;
  while (lastContent > 0 && isBlank(text.charCodeAt(lastContent - 1))) lastContent--;
  const cells: TableCell[] = [];
  let firstPipe = -1;
  let lastPipe = -1;
  for (let i = text.indexOf('|'); i >= 0; i = text.indexOf('|', i + 1)) {
    if (isEscaped(text, i)) continue;
    if (firstPipe < 0) firstPipe = i;
    lastPipe = i;
  }
  const trailing = lastPipe >= 0 && lastPipe === lastContent - 1 && lastContent - 1 !== firstContent;
  const end = trailing ? lastContent - 1 : lastContent;
  // Cell boundaries: the row's start (after a leading pipe), then every other unescaped pipe.
  let cellStart = firstPipe === firstContent ? firstContent + 1 : firstContent;
  let pipe = firstPipe;
  for (;;) {
    while (pipe >= 0 && (isEscaped(text, pipe) || pipe === firstContent || pipe === lastContent - 1)) {
      pipe = text.indexOf('|', pipe + 1);
    }
    const cellEnd = pipe >= 0 ? pipe : end;
    if (cellEnd < cellStart) break;
    cells.push(makeCell(text, line, cellStart, cellEnd));
    if (pipe < 0) break;
    cellStart = pipe + 1;
    pipe = text.indexOf('|', pipe + 1);
  }
  // Grown by push, the array keeps room for more; the model keeps every row, so keep it to size.
  return cells.slice();
}

function makeCell(text: string, line: number, cellStart: number, cellEnd: number): TableCell {
  let from = cellStart;
  while (from < cellEnd && isBlank(text.charCodeAt(from))) from++;
  let to = cellEnd;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  return CellNode.of(text, line, cellStart, cellEnd, from, to);
}

const PLACEHOLDER_BODY = /^\{[^{}\n]*[^{}\s][^{}\n]*\}$/;

// Finds placeholders between two offsets: code spans are skipped unless they hold nothing but a
// placeholder, and backslash escapes are honoured. In a table a code span ends at its cell's pipe.
function scanPlaceholders(source: SourceText, from: number, to: number, out: Placeholder[], inTable: boolean): void {
  const src = source.src;
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === 96 /* ` */) {
      let n = 1;
      while (src.charCodeAt(i + n) === 96) n++;
      const close = findClosingRun(src, i + n, inTable ? cellEnd(src, i + n, to) : to, n);
      if (close < 0) {
        i += n;
        continue;
      }
      const inner = src.slice(i + n, close);
      const trimmed = inner.trim();
      if (PLACEHOLDER_BODY.test(trimmed)) {
        const at = i + n + inner.indexOf('{');
        out.push({ text: trimmed, range: offsetRange(source, at, at + trimmed.length), inCodeSpan: true });
      }
      i = close + n;
      continue;
    }
    if (c === 123 /* { */) {
      let j = i + 1;
      while (j < to) {
        const d = src.charCodeAt(j);
        if (d === 125 || d === 123 || d === 10) break;
        j++;
      }
      if (j < to && src.charCodeAt(j) === 125) {
        const text = src.slice(i, j + 1);
        if (PLACEHOLDER_BODY.test(text)) {
          out.push({ text, range: offsetRange(source, i, j + 1), inCodeSpan: false });
          i = j + 1;
          continue;
        }
      }
    }
    i++;
  }
}

// Searches only up to `to`: an unclosed backtick must not send indexOf to the end of the plan.
function findClosingRun(src: string, from: number, to: number, n: number): number {
  for (let k = from; k < to; k++) {
    if (src.charCodeAt(k) !== 96) continue;
    let m = 1;
    while (src.charCodeAt(k + m) === 96) m++;
    if (m === n) return k;
    k += m - 1;
  }
  return -1;
}

// Where a table cell ends: its next unescaped pipe, or the end of the line.
function cellEnd(src: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = src.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 124 || c === 10) return k;
  }
  return to;
}

function offsetRange(source: SourceText, start: number, end: number): Range {
  return { start: offsetPosition(source, start), end: offsetPosition(source, end) };
}

function offsetPosition(source: SourceText, offset: number): Position {
  const line = lineIndexAt(source.lineStarts, offset);
  return { line, character: offset - source.lineStarts[line]! };
}

/** Whether a markdown text's front matter says `kind: connector-rollout-plan`. */
export function declaresPlanKind(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return false;
  return parseFrontMatter(toSourceText(text))?.kind === PLAN_KIND;
}
