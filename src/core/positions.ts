/** A zero-based position, in UTF-16 code units like VS Code's. */
export interface Position {
  line: number;
  character: number;
}

/** A zero-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

/** Makes a range on one line. */
export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/** A text edit on a plan, as plain data; feature folders turn it into a WorkspaceEdit. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Compares two positions. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether a range holds a position (its end included, as a cursor right after a word is on it). */
export function rangeHolds(range: Range, position: Position): boolean {
  if (position.line < range.start.line || position.line > range.end.line) return false;
  if (position.line === range.start.line && position.character < range.start.character) return false;
  if (position.line === range.end.line && position.character > range.end.character) return false;
  return true;
}

/** Applies edits that do not overlap to a text, given where each position stands in it (less `base`). */
export function applyAtOffsets(text: string, edits: readonly TextEdit[], offset: (p: Position) => number, base = 0): string {
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    const start = offset(edit.range.start) - base;
    const end = offset(edit.range.end) - base;
    if (start < 0 || end < start || end > limit || end > result.length) throw new RangeError('edits overlap or fall outside the text');
    result = result.slice(0, start) + edit.newText + result.slice(end);
    limit = start;
  }
  return result;
}
