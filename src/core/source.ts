// A plan's text as lines. VS Code hands extensions text without a BOM and counts a lone CR as a
// line break, so the core does the same for files read from disk.

/** The text of a plan split into lines, with what is needed to write it back unchanged. */
export interface SourceText {
  /** The text markdown-it parses: BOM removed, every line break a `\n`. */
  readonly src: string;
  /** Offset in `src` where each line starts. */
  readonly lineStarts: readonly number[];
  readonly hasBom: boolean;
  /** The line break to use for inserted text: the file's first one, else `\n`. */
  readonly eol: '\n' | '\r\n';
  readonly lineCount: number;
  line(index: number): string;
}

/** Splits text into lines without copying it more than once. */
export function toSourceText(text: string): SourceText {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  let src = hasBom ? text.slice(1) : text;
  const firstCr = src.indexOf('\r');
  const eol: '\n' | '\r\n' = firstCr >= 0 && src.charCodeAt(firstCr + 1) === 10 && firstCr < (src.indexOf('\n') >>> 0) + 1 ? '\r\n' : '\n';
  if (firstCr >= 0) src = src.replace(/\r\n?/g, '\n');
  if (src.includes('\0')) src = src.replace(/\0/g, '\uFFFD');
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return {
    src,
    lineStarts,
    hasBom,
    eol,
    lineCount: lineStarts.length,
    line(index: number): string {
      const start = lineStarts[index];
      if (start === undefined) return '';
      const next = lineStarts[index + 1];
      return src.slice(start, next === undefined ? src.length : next - 1);
    },
  };
}

/** The index of the line holding `offset`, given each line's start offset (binary search). */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
