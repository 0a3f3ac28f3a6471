// Placeholders left from the template, found by scanning a block's own lines: code spans are
// skipped unless they hold nothing but a placeholder, and backslash escapes are honoured.
import type { Placeholder } from '../plan';
import type { SourceText } from '../source';
import { positionAt } from '../source';

const PLACEHOLDER_BODY = /^\{[^{}\n]*[^{}\s][^{}\n]*\}$/;

/** Appends the placeholders of lines `[fromLine, toLine)`; in a table a code span ends at its cell's pipe. */
export function scanPlaceholders(source: SourceText, fromLine: number, toLine: number, inTable: boolean, out: Placeholder[]): void {
  const text = source.text;
  const from = source.lineStarts[fromLine] ?? text.length;
  const to = source.lineStarts[toLine] ?? text.length;
  // Most blocks hold no brace at all.
  const firstBrace = text.indexOf('{', from);
  if (firstBrace < 0 || firstBrace >= to) return;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === 96 /* ` */) {
      let n = 1;
      while (text.charCodeAt(i + n) === 96) n++;
      const close = closingRun(text, i + n, inTable ? cellEnd(text, i + n, to) : to, n);
      if (close < 0) {
        i += n;
        continue;
      }
      const inner = text.slice(i + n, close);
      const trimmed = inner.trim();
      if (PLACEHOLDER_BODY.test(trimmed)) {
        const at = i + n + inner.indexOf('{');
        out.push({ text: trimmed, range: { start: positionAt(source, at), end: positionAt(source, at + trimmed.length) }, inCodeSpan: true });
      }
      i = close + n;
      continue;
    }
    if (c === 123 /* { */) {
      let j = i + 1;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (d === 125 || d === 123 || d === 10) break;
        j++;
      }
      const candidate = text.slice(i, j + 1);
      if (j < to && text.charCodeAt(j) === 125 && PLACEHOLDER_BODY.test(candidate)) {
        out.push({ text: candidate, range: { start: positionAt(source, i), end: positionAt(source, j + 1) }, inCodeSpan: false });
        i = j + 1;
        continue;
      }
    }
    i++;
  }
}

// The closing run of exactly `n` backticks before `to`, or -1.
function closingRun(text: string, from: number, to: number, n: number): number {
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) !== 96) continue;
    let m = 1;
    while (text.charCodeAt(k + m) === 96) m++;
    if (m === n) return k;
    k += m - 1;
  }
  return -1;
}

// Where a table cell ends: its next unescaped pipe, or the end of the line.
function cellEnd(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 124 || c === 10) return k;
  }
  return to;
}
