// markdown-it's block parse of a plan's body, through its public API only, and how a new version of
// the text is re-read: only from the top-level block before the change until the blocks line up
// again with the previous parse.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { SourceText } from '../source';
import { lineAt, lineCount, lineIndexAt } from '../source';

/** markdown-it's nesting limit (`maxNesting` of its 'default' preset): content nested deeper is not read. */
export const MAX_NESTING = 100;

// The rules need blocks only: placeholders and code spans are found by scanning the blocks' own
// lines, so markdown-it's inline pass (half of its parse) is switched off; and its line-break
// normalisation, which toSourceText has done already.
const md = new MarkdownIt('default', { html: true }).disable(['normalize', 'inline', 'text_join']);

/** A run of whole top-level blocks from one markdown-it parse; a token's line is `origin + map[0]`. */
export interface BlockRun {
  readonly origin: number;
  readonly tokens: readonly Token[];
  /** Index in `tokens` of each top-level block's first token. */
  readonly blockStarts: readonly number[];
}

/** The body of a plan (after its front matter) as markdown-it's block tokens. */
export interface BlockParse {
  readonly source: SourceText;
  /** The first line of the body. */
  readonly bodyStart: number;
  readonly runs: readonly BlockRun[];
}

function topLevelStarts(tokens: readonly Token[], from = 0, to = tokens.length): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.level === 0 && token.nesting >= 0 && token.map) starts.push(i);
  }
  return starts;
}

function parseLines(source: SourceText, from: number, to: number): BlockRun {
  const start = source.lineStarts[from] ?? source.text.length;
  const end = to >= lineCount(source) ? source.text.length : source.lineStarts[to]!;
  const tokens = md.parse(source.text.slice(start, end), {});
  return { origin: from, tokens, blockStarts: topLevelStarts(tokens) };
}

/** Parses the whole body. */
export function parseBody(source: SourceText, bodyStart: number): BlockParse {
  const runs = bodyStart < lineCount(source) ? [parseLines(source, bodyStart, lineCount(source))] : [];
  return { source, bodyStart, runs };
}

/** A top-level block of a parse: its run, its first token and its first line. */
interface BlockAt {
  run: number;
  block: number;
  line: number;
}

function blockLine(run: BlockRun, block: number): number {
  return run.origin + run.tokens[run.blockStarts[block]!]!.map![0];
}

function eachBlock(parse: BlockParse): BlockAt[] {
  const blocks: BlockAt[] = [];
  parse.runs.forEach((run, r) => {
    for (let b = 0; b < run.blockStarts.length; b++) blocks.push({ run: r, block: b, line: blockLine(run, b) });
  });
  return blocks;
}

// Only blank lines before a block: a link reference definition makes no token, and it may have
// read lines past the next block's start before it decided where it ends.
function cleanGapBefore(source: SourceText, blocks: readonly BlockAt[], k: number, bodyStart: number, runs: readonly BlockRun[]): boolean {
  const previous = blocks[k - 1];
  let from = bodyStart;
  if (previous) {
    const run = runs[previous.run]!;
    const next = previous.block + 1 < run.blockStarts.length ? run.blockStarts[previous.block + 1]! : run.tokens.length;
    let end = previous.line + 1;
    for (let i = run.blockStarts[previous.block]!; i < next; i++) {
      const map = run.tokens[i]!.map;
      if (map) end = Math.max(end, run.origin + map[1]);
    }
    from = end;
  }
  for (let line = from; line < blocks[k]!.line; line++) if (lineAt(source, line).trim() !== '') return false;
  return true;
}

/** Lines `[first, oldEnd]` of the old text became `[first, newEnd]` of the new one; the rest is the same. */
interface ChangedLines {
  first: number;
  oldEnd: number;
  newEnd: number;
}

function changedLines(before: SourceText, after: SourceText): ChangedLines | undefined {
  const a = before.text;
  const b = after.text;
  if (a === b) return undefined;
  const prefix = commonLength(Math.min(a.length, b.length), (from, to) => a.slice(from, to) === b.slice(from, to));
  const suffix = commonLength(Math.min(a.length, b.length) - prefix, (from, to) => a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from));
  return {
    first: lineIndexAt(before.lineStarts, prefix),
    oldEnd: lineIndexAt(before.lineStarts, a.length - suffix),
    newEnd: lineIndexAt(after.lineStarts, b.length - suffix),
  };
}

// The length of the common prefix of two strings (or, with a suffix test, suffix), found by
// comparing ever larger pieces and then halving the one that differs: string comparisons, not a
// loop over characters.
function commonLength(most: number, same: (from: number, to: number) => boolean): number {
  let known = 0;
  let step = 256;
  while (known < most && same(known, Math.min(most, known + step))) {
    known = Math.min(most, known + step);
    step *= 2;
  }
  let hi = Math.min(most, known + step);
  while (hi - known > 1) {
    const mid = (known + hi) >> 1;
    if (same(known, mid)) known = mid;
    else hi = mid;
  }
  return hi - known === 1 && known < most && same(known, hi) ? hi : known;
}

function sliceRun(run: BlockRun, fromBlock: number, toBlock: number, shift: number): BlockRun | undefined {
  if (fromBlock >= toBlock) return undefined;
  const first = run.blockStarts[fromBlock]!;
  const last = toBlock < run.blockStarts.length ? run.blockStarts[toBlock]! : run.tokens.length;
  if (fromBlock === 0 && toBlock === run.blockStarts.length && shift === 0) return run;
  return {
    origin: run.origin + shift,
    tokens: run.tokens.slice(first, last),
    blockStarts: run.blockStarts.slice(fromBlock, toBlock).map((i) => i - first),
  };
}

/** Lines `[from, oldTo)` of the previous version were read again as lines `[from, newTo)`; the rest is the same, moved. */
export interface ReadAgain {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * Re-reads a new version of a body from the previous parse. Lines before the top-level block
 * preceding the change keep their tokens; the changed part is parsed again until a top-level
 * block starts where one started before (after the change, with the same text from there on),
 * and the previous tokens from there on are kept, moved by the lines added or removed.
 * Without a `readAgain`, the whole body was parsed.
 */
export function reparseBody(previous: BlockParse, source: SourceText, bodyStart: number): { body: BlockParse; readAgain: ReadAgain | undefined } {
  const whole = () => ({ body: parseBody(source, bodyStart), readAgain: undefined });
  if (bodyStart !== previous.bodyStart) return whole();
  const change = changedLines(previous.source, source);
  if (!change) return { body: { source, bodyStart, runs: previous.runs }, readAgain: { from: bodyStart, oldTo: bodyStart, newTo: bodyStart } };
  if (change.first < bodyStart) return whole();
  const blocks = eachBlock(previous);
  // Restart at the last top-level block that starts before the change and follows blank lines only.
  let restart = -1;
  for (let k = blocks.length - 1; k >= 0; k--) {
    if (blocks[k]!.line < change.first && cleanGapBefore(previous.source, blocks, k, bodyStart, previous.runs)) {
      restart = k;
      break;
    }
  }
  const from = restart >= 0 ? blocks[restart]!.line : bodyStart;
  const shift = change.newEnd - change.oldEnd;
  // Where the previous blocks may line up again: their starts after the change (new lines).
  const candidates = blocks.filter((b) => b.line > change.oldEnd);
  const total = lineCount(source);
  let tryUntil = candidates[0] ? candidates[0].line + shift + 1 : total;
  for (;;) {
    const chunk = parseLines(source, from, tryUntil);
    const aligned = alignment(chunk, candidates, shift, source);
    if (aligned || tryUntil >= total) {
      const runs: BlockRun[] = [];
      if (restart >= 0) {
        const at = blocks[restart]!;
        runs.push(...previous.runs.slice(0, at.run));
        const head = sliceRun(previous.runs[at.run]!, 0, at.block, 0);
        if (head) runs.push(head);
      }
      const mine = sliceRun(chunk, 0, aligned ? aligned.chunkBlock : chunk.blockStarts.length, 0);
      if (mine) runs.push(mine);
      if (!aligned) return { body: { source, bodyStart, runs }, readAgain: { from, oldTo: lineCount(previous.source), newTo: total } };
      const at = aligned.previous;
      const tail = sliceRun(previous.runs[at.run]!, at.block, previous.runs[at.run]!.blockStarts.length, shift);
      if (tail) runs.push(tail);
      for (const run of previous.runs.slice(at.run + 1)) runs.push(shift === 0 ? run : { ...run, origin: run.origin + shift });
      return { body: { source, bodyStart, runs }, readAgain: { from, oldTo: at.line, newTo: at.line + shift } };
    }
    // Not lined up yet (a fence or HTML block may now run on): try four times as far, then to the end.
    const reach = from + 4 * (tryUntil - from);
    const next = candidates.find((c) => c.line + shift >= reach);
    tryUntil = next ? next.line + shift + 1 : total;
  }
}

/** The first block of a new chunk that starts where a previous block (moved) started, after blank lines only. */
function alignment(chunk: BlockRun, candidates: readonly BlockAt[], shift: number, source: SourceText): { chunkBlock: number; previous: BlockAt } | undefined {
  const chunkBlocks: BlockAt[] = chunk.blockStarts.map((_, b) => ({ run: 0, block: b, line: blockLine(chunk, b) }));
  let c = 0;
  for (let b = 1; b < chunkBlocks.length; b++) {
    const line = chunkBlocks[b]!.line - shift;
    while (c < candidates.length && candidates[c]!.line < line) c++;
    const previous = candidates[c];
    if (previous?.line === line && cleanGapBefore(source, chunkBlocks, b, chunk.origin, [chunk])) return { chunkBlock: b, previous };
  }
  return undefined;
}
