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
