// Table lines split into cells as markdown-it splits them (at pipes not escaped by a backslash,
// outer pipes optional), keeping where each cell stands so that edits can be minimal.
import type { TableCell, TableRow } from '../plan';

/** Whether a character is white space to `String.prototype.trim`. */
export function isBlank(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
export function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let k = index - 1; k >= 0 && text.charCodeAt(k) === 92; k--) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether a line holds a pipe that is not escaped. */
export function hasUnescapedPipe(line: string): boolean {
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) if (!isEscaped(line, i)) return true;
  return false;
}

/** Where a table line's content starts after `quoteDepth` blockquote markers (`>` and one optional space each). */
function tableContentStart(line: string, quoteDepth: number): number {
  let at = 0;
  for (let depth = 0; depth < quoteDepth; depth++) {
    while (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9) at++;
    if (line.charCodeAt(at) !== 62) return at;
    at++;
    if (line.charCodeAt(at) === 32) at++;
  }
  return at;
}

/** Splits a table line's text into cells; `from` skips a blockquote prefix. */
export function splitRowText(text: string, line: number, from = 0): TableCell[] {
  let firstContent = from;
  while (firstContent < text.length && isBlank(text.charCodeAt(firstContent))) firstContent++;
  let lastContent = text.length;
  while (lastContent > firstContent && isBlank(text.charCodeAt(lastContent - 1))) lastContent--;
  const pipes: number[] = [];
  for (let i = text.indexOf('|', firstContent); i >= 0 && i < lastContent; i = text.indexOf('|', i + 1)) if (!isEscaped(text, i)) pipes.push(i);
  const lead = pipes[0] === firstContent;
  const trail = pipes.length > 0 && pipes[pipes.length - 1] === lastContent - 1 && lastContent - 1 !== firstContent;
  const inner = pipes.filter((p) => p !== firstContent && p !== lastContent - 1);
  const cells: TableCell[] = [];
  let cellStart = lead ? firstContent + 1 : firstContent;
  const end = trail ? lastContent - 1 : lastContent;
  for (const pipe of [...inner, end]) {
    if (pipe < cellStart) break;
    cells.push(makeCell(text, line, cellStart, pipe));
    cellStart = pipe + 1;
  }
  return cells;
}

function makeCell(text: string, line: number, cellStart: number, cellEnd: number): TableCell {
  let from = cellStart;
  while (from < cellEnd && isBlank(text.charCodeAt(from))) from++;
  let to = cellEnd;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  const trimmed = text.slice(from, to);
  return {
    raw: text.slice(cellStart, cellEnd),
    text: trimmed.includes('\\|') ? trimmed.replace(/\\\|/g, '|') : trimmed,
    range: { start: { line, character: from }, end: { line, character: to } },
  };
}

/** One table line as a row of cells. */
export function tableRow(text: string, line: number, quoteDepth: number): TableRow {
  return { line, cells: splitRowText(text, line, tableContentStart(text, quoteDepth)) };
}
