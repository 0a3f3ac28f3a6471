// A plan's text as lines, as plain data. VS Code hands extensions text without a BOM and counts a
// lone CR as a line break, so the core does the same for files read from disk.
import type { Position } from './positions';

/** The text of a plan and where each line starts, with what is needed to write it back unchanged. */
export interface SourceText {
  /** The text markdown-it parses: BOM removed, every line break a `\n`, NUL as U+FFFD. */
  readonly text: string;
  /** Offset in `text` where each line starts. */
  readonly lineStarts: readonly number[];
  readonly hasBom: boolean;
  /** The line break to use for inserted text: the file's first one, else `\n`. */
  readonly eol: '\n' | '\r\n';
}

/** Normalises a file's text and finds its lines. */
export function toSourceText(raw: string): SourceText {
  const hasBom = raw.charCodeAt(0) === 0xfeff;
  let text = hasBom ? raw.slice(1) : raw;
  const firstBreak = text.search(/\r\n?|\n/);
  const eol: '\n' | '\r\n' = firstBreak >= 0 && text.startsWith('\r\n', firstBreak) ? '\r\n' : '\n';
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('\0')) text = text.replace(/\0/g, '\uFFFD');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text, lineStarts, hasBom, eol };
}

/** How many lines the text has (a final line break starts an empty last line). */
export function lineCount(source: SourceText): number {
  return source.lineStarts.length;
}

/** One line's text, without its line break; empty past the end. */
export function lineAt(source: SourceText, line: number): string {
  const start = source.lineStarts[line];
  if (start === undefined) return '';
  const next = source.lineStarts[line + 1];
  return source.text.slice(start, next === undefined ? source.text.length : next - 1);
}

/** The text of lines `[from, to)`, line breaks included. */
export function linesText(source: SourceText, from: number, to: number): string {
  const start = source.lineStarts[from] ?? source.text.length;
  return source.text.slice(start, source.lineStarts[to] ?? source.text.length);
}

/** The index of the line holding `offset`, given each line's start offset (binary search). */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? Infinity) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The line and character of an offset in the text. */
export function positionAt(source: SourceText, offset: number): Position {
  const line = lineIndexAt(source.lineStarts, offset);
  return { line, character: offset - source.lineStarts[line]! };
}

/** The last line before `end` that is not blank, looking no further up than `floor`. */
export function lastWrittenLine(source: SourceText, end: number, floor: number): number {
  let line = end - 1;
  while (line > floor && lineAt(source, line).trim() === '') line--;
  return line;
}
