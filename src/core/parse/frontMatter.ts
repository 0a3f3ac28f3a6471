// A plan's YAML front matter: where it stands, and the status and kind it declares.
import type { FrontMatter } from '../plan';
import { PLAN_KIND } from '../plan';
import type { Position, Range } from '../positions';
import { lineRange } from '../positions';
import type { SourceText } from '../source';
import { yamlLibrary } from '../yaml';
import { lineAt, lineCount, positionAt, toSourceText } from '../source';

/** The lines of the front matter block, `---` lines included (end exclusive), if the text opens with one. */
export function frontMatterLines(source: SourceText): { end: number } | undefined {
  if (lineAt(source, 0).trimEnd() !== '---') return undefined;
  const count = lineCount(source);
  for (let line = 1; line < count; line++) {
    const text = lineAt(source, line).trimEnd();
    if (text === '---' || text === '...') return { end: line + 1 };
  }
  return undefined;
}

/** Reads the front matter; its problems are kept for the `front-matter` rule, never thrown. */
export function parseFrontMatter(source: SourceText): FrontMatter | undefined {
  const lines = frontMatterLines(source);
  if (!lines) return undefined;
  return simpleFrontMatter(source, lines.end) ?? yamlFrontMatter(source, lines.end);
}

// `key: word …` lines whose values YAML's core schema reads as strings: most plans' front matter.
const SIMPLE_LINE = /^([A-Za-z][\w-]*):(?:[ \t]+(\w[\w./+-]*(?: [\w./+-]+)*))?[ \t]*$/;
// What the core schema reads as null, a boolean or a number (YAML 1.2, §10.3.2).
const CORE_SCALAR = new RegExp(
  [
    '^(?:~|[Nn]ull|NULL)?$',
    '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
    '^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$',
    '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
    '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$',
  ].join('|'),
);

/**
 * The front matter without `yaml` when every line is a `key: value` whose value YAML reads as a
 * plain string (or nothing): what `yaml` would make of it, at a fraction of the cost. Anything
 * else (quotes, lists, comments, numbers, a key written twice …) is left to `yaml`.
 */
function simpleFrontMatter(source: SourceText, end: number): FrontMatter | undefined {
  const data: Record<string, unknown> = {};
  let statusRange: Range | undefined;
  for (let line = 1; line < end - 1; line++) {
    const text = lineAt(source, line);
    if (text.trim() === '') continue;
    const match = SIMPLE_LINE.exec(text);
    if (!match || CORE_SCALAR.test(match[1]!) || Object.hasOwn(data, match[1]!)) return undefined;
    const value = match[2];
    if (value === undefined ? match[1] === 'status' : CORE_SCALAR.test(value)) return undefined;
    data[match[1]!] = value ?? null;
    if (match[1] === 'status' && value !== undefined) {
      const at = text.indexOf(value, match[1].length + 1);
      statusRange = lineRange(line, at, at + value.length);
    }
  }
  const status = Object.hasOwn(data, 'status') ? String(data.status ?? '') : undefined;
  return { startLine: 0, endLine: end, data, error: undefined, status, statusRange, kind: typeof data.kind === 'string' ? data.kind : undefined };
}

/** The YAML between a front matter's `---` lines, and where an offset in it stands in the plan. */
export function frontMatterYaml(source: SourceText, endLine: number): { text: string; at(offset: number): Position } {
  const start = source.lineStarts[1]!;
  return { text: source.text.slice(start, source.lineStarts[endLine - 1]), at: (offset) => positionAt(source, start + offset) };
}

function yamlFrontMatter(source: SourceText, end: number): FrontMatter {
  const lines = { end };
  const { text: yamlText, at } = frontMatterYaml(source, lines.end);
  const base = { startLine: 0, endLine: lines.end };
  const failed = (message: string, line: number): FrontMatter => ({ ...base, data: undefined, error: { message, line }, status: undefined, statusRange: undefined, kind: undefined });
  const { isMap, isScalar, parseDocument } = yamlLibrary();
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    const error = doc.errors[0];
    if (error) return failed(error.message.split('\n')[0]!, at(error.pos[0]).line);
    if (doc.contents === null) return { ...base, data: {}, error: undefined, status: undefined, statusRange: undefined, kind: undefined };
    if (!isMap(doc.contents)) return failed('Front matter must be a YAML mapping (key: value lines).', 1);
    const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    const statusPair = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'status');
    let statusRange: Range | undefined;
    if (statusPair && isScalar(statusPair.value) && statusPair.value.range) {
      statusRange = { start: at(statusPair.value.range[0]), end: at(statusPair.value.range[1]) };
    }
    return {
      ...base,
      data,
      error: undefined,
      status: statusPair ? (data.status === null || data.status === undefined ? '' : String(data.status)) : undefined,
      statusRange,
      kind: typeof data.kind === 'string' ? data.kind : undefined,
    };
  } catch (error) {
    return failed(error instanceof Error ? error.message.split('\n')[0]! : 'Front matter does not parse.', 1);
  }
}

/**
 * Whether a markdown text's front matter says `kind: connector-rollout-plan`. Reads only the front
 * matter, and parses it only when it names the kind at all.
 */
export function declaresPlanKind(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return false;
  const close = /\n(?:---|\.\.\.)[ \t]*\r?(?:\n|$)/.exec(text.slice(start));
  if (!close || !text.slice(start, start + close.index).includes(PLAN_KIND)) return false;
  // The opening line must be `---` alone: check it, and read the block as the parser does.
  const head = text.slice(start, start + close.index + close[0].length);
  return parseFrontMatter(toSourceText(head))?.kind === PLAN_KIND;
}
