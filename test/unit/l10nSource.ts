// What the extension's code says to people, read with TypeScript's parser: each vscode.l10n.t call
// with its message and arguments, and the places people read (messages, titles, labels, tooltips…)
// that hold a literal instead. Also what a translation must keep of each English string.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

export interface SourceFile {
  /** Relative to the repository, `/`-separated. */
  path: string;
  text: string;
}

export interface L10nCall {
  at: string;
  /** The message as the program sees it (escapes resolved); undefined when it is not a literal. */
  message: string | undefined;
  /** How many arguments follow the message. */
  args: number;
}

/** Every file l10n-dev's `export ./src` reads (it takes .ts, .tsx, .js and .jsx). */
export function sourceFiles(repo: string, dir: string): SourceFile[] {
  return readdirSync(join(repo, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))
    .sort()
    .map((f) => ({ path: relative(repo, join(repo, dir, f)).split(sep).join('/'), text: readFileSync(join(repo, dir, f), 'utf8') }));
}

/** Code that runs only in the extension: it imports 'vscode' (core and the CLI never do). */
export function isExtensionCode(file: SourceFile): boolean {
  return /from 'vscode'/.test(file.text) && !/^src\/(core|cli)\//.test(file.path);
}

function parse(file: SourceFile): ts.SourceFile {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function at(source: ts.SourceFile, node: ts.Node): string {
  return `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
}

function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node);
  ts.forEachChild(node, (child) => visit(child, fn));
}

/** Every `….l10n.t(…)` call of a file. */
export function l10nCalls(file: SourceFile): L10nCall[] {
  const source = parse(file);
  const calls: L10nCall[] = [];
  visit(source, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 't') return;
    const target = node.expression.expression;
    if (!(ts.isPropertyAccessExpression(target) && target.name.text === 'l10n') && !(ts.isIdentifier(target) && target.text === 'l10n')) return;
    const first = node.arguments[0];
    const message = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
    calls.push({ at: at(source, node), message, args: node.arguments.length - 1 });
  });
  return calls;
}

/** The `{n}` placeholders of a message, in order of their number. */
export function placeholderIndices(message: string): number[] {
  return [...new Set([...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** Calls to these take text people read as their first argument. */
const TEXT_CALLS = /^(vscode\.window\.)?(show(Information|Warning|Error)Message|createOutputChannel|setStatusBarMessage)$|^new (vscode\.)?(CodeAction|TreeItem|MarkdownString)$/;
/** Properties that hold text people read (quick picks, input boxes, status bar, tree items, commands, notices). */
const TEXT_PROPERTIES = new Set(['title', 'tooltip', 'prompt', 'placeHolder', 'placeholder', 'detail', 'description', 'invocationMessage', 'message', 'label', 'text', 'name', 'validationMessage', 'unavailable']);

/** Whether an expression is, or may be, English written in place: a literal with a word in it. */
function literalWords(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return literalWords(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /[A-Za-z]{2}/.test(node.text);
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].some((t) => /[A-Za-z]{2}/.test(t));
  if (ts.isConditionalExpression(node)) return literalWords(node.whenTrue) || literalWords(node.whenFalse);
  if (ts.isBinaryExpression(node)) return literalWords(node.left) || literalWords(node.right);
  // Lines put together: `[…].join('\n')`.
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((e) => !ts.isSpreadElement(e) && literalWords(e));
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') return literalWords(node.expression.expression);
  return false;
}

/**
 * The places in a file where people read a literal rather than a `vscode.l10n.t` message: the
 * first argument of a message, output channel, code action, tree item or error, and the text
 * properties of objects and items (`title: '…'`, `item.tooltip = \`…\``).
 */
export function unwrappedLiterals(file: SourceFile): string[] {
  const source = parse(file);
  const found: string[] = [];
  visit(source, (node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.[0]) {
      const callee = `${ts.isNewExpression(node) ? 'new ' : ''}${node.expression.getText(source)}`;
      if (TEXT_CALLS.test(callee) && literalWords(node.arguments[0])) found.push(`${at(source, node)} ${callee}(${node.arguments[0].getText(source)}`);
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && TEXT_PROPERTIES.has(node.name.text) && literalWords(node.initializer)) {
      found.push(`${at(source, node)} ${node.getText(source)}`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && TEXT_PROPERTIES.has(node.left.name.text) && literalWords(node.right)) {
      found.push(`${at(source, node)} ${node.getText(source)}`);
    }
  });
  return found;
}

/** What a translation must keep of a string: `{0}`-style placeholders, `$(icon)`s and `(command:…)` links. */
export function keptTokens(text: string): string[] {
  return [...text.matchAll(/\{[^\s{}]+\}|\$\([A-Za-z~-]+\)|\(command:[^\s)]+/g)].map((m) => m[0]).sort();
}

/** Why a translation does not fit its English file: keys missing or extra, values that are not text or lose a placeholder. */
export function translationProblems(english: Record<string, unknown>, translated: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const messageOf = (value: unknown) => (typeof value === 'string' ? value : (value as { message?: unknown } | undefined)?.message);
  for (const key of Object.keys(english)) {
    const value = translated[key];
    if (value === undefined) problems.push(`missing: ${key}`);
    else if (typeof value !== 'string' || !value.trim()) problems.push(`not a text: ${key}`);
    else if (keptTokens(value).join(' ') !== keptTokens(String(messageOf(english[key]))).join(' ')) problems.push(`placeholders differ: ${key} → ${value}`);
  }
  for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`unknown key: ${key}`);
  return problems;
}
