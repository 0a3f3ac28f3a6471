// Completion and hover in `.connector-playbook.yaml` for when no YAML extension reads its schema:
// the keys, the rule ids and severities under `rules`, the agents of `agents` and `waveSequencing`.
// Read line by line, so that a file being typed (not valid YAML yet) is helped too.
import type { ConfigKey } from '../configSchema';
import { CONFIG_KEY_DOCS, SEVERITY_DOCS } from '../configSchema';
import { CONFIG_FILE_NAME, DEFAULT_AGENTS } from '../defaults';
import type { Position } from '../positions';
import { lineRange } from '../positions';
import type { RuleId } from '../rules';
import { RULE_IDS, RULES } from '../rules';
import type { PlanCompletion, PlanHover } from './editorPlan';

const TOP_KEY = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:/;
const SEVERITIES = Object.keys(SEVERITY_DOCS) as (keyof typeof SEVERITY_DOCS)[];

function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_KEY_DOCS, key);
}

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The top-level key a line belongs to: its own, or the nearest one above it. */
function parentKey(lines: readonly string[], line: number): { key: string; line: number } | undefined {
  for (let l = line; l >= 0; l--) {
    const text = lines[l]!;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (/^\S/.test(text)) {
      const match = TOP_KEY.exec(text);
      return match ? { key: match[1]!, line: l } : undefined;
    }
  }
  return undefined;
}

/** The agents the file's `agents` lists (block or flow style), else the playbook's. */
function rosterOf(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => /^agents[ \t]*:/.test(l));
  if (start < 0) return [...DEFAULT_AGENTS];
  const flow = /\[([^\]]*)\]/.exec(lines[start]!);
  const names: string[] = [];
  if (flow) names.push(...flow[1]!.split(','));
  else for (let l = start + 1; l < lines.length && !/^\S/.test(lines[l]!); l++) {
    const item = /^\s*-\s*(.+?)\s*$/.exec(lines[l]!);
    if (item) names.push(item[1]!);
  }
  const roster = names.map((n) => n.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
  return roster.length ? roster : [...DEFAULT_AGENTS];
}

function wordAround(text: string, character: number, chars: RegExp): { start: number; end: number } {
  let start = character;
  while (start > 0 && chars.test(text[start - 1]!)) start--;
  let end = character;
  while (end < text.length && chars.test(text[end]!)) end++;
  return { start, end };
}

/** What may be typed at a position of `.connector-playbook.yaml`. */
export function configCompletions(text: string, position: Position): PlanCompletion[] {
  const lines = linesOf(text);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const at = (start: number, end: number) => lineRange(position.line, start, Math.max(end, position.character));
  // A top-level key being typed.
  if (/^[A-Za-z0-9_-]*$/.test(before) && !line.slice(position.character).includes(':')) {
    const present = new Set(lines.map((l) => TOP_KEY.exec(l)?.[1]).filter((k): k is string => k !== undefined));
    const { end } = wordAround(line, position.character, /[A-Za-z0-9_-]/);
    return (Object.entries(CONFIG_KEY_DOCS) as [ConfigKey, (typeof CONFIG_KEY_DOCS)[ConfigKey]][])
      .filter(([key]) => !present.has(key))
      .map(([key, doc], k) => ({ label: key, kind: 'key', detail: CONFIG_FILE_NAME, documentation: doc.description, insertText: doc.snippet, range: at(0, end), sortText: String(k) }));
  }
  const parent = parentKey(lines, position.line);
  if (!parent) return [];
  const own = parent.line === position.line;
  if (parent.key === 'rules' && !own) {
    const key = /^([ \t]+)([A-Za-z0-9_-]*)$/.exec(before);
    if (key) {
      const present = new Set<string>();
      for (let l = parent.line + 1; l < lines.length && !/^\S/.test(lines[l]!); l++) {
        const id = /^\s+([A-Za-z0-9_-]+)\s*:/.exec(lines[l]!)?.[1];
        if (id && l !== position.line) present.add(id);
      }
      const { end } = wordAround(line, position.character, /[A-Za-z0-9_-]/);
      return RULE_IDS.filter((id) => !present.has(id)).map((id, k) => ({
        label: id,
        kind: 'key',
        detail: `default: ${RULES[id].severity}`,
        documentation: RULES[id].summary,
        insertText: `${id}: `,
        range: at(key[1]!.length, end),
        sortText: String(k).padStart(3, '0'),
      }));
    }
    const value = /^[ \t]+([A-Za-z0-9_-]+)[ \t]*:[ \t]*([A-Za-z]*)$/.exec(before);
    if (value) {
      const start = position.character - value[2]!.length;
      const { end } = wordAround(line, position.character, /[A-Za-z]/);
      return SEVERITIES.map((severity, k) => ({ label: severity, kind: 'enum', detail: 'severity', documentation: SEVERITY_DOCS[severity], insertText: severity, range: at(start, end), sortText: String(k) }));
    }
    return [];
  }
  if (parent.key === 'agents' || parent.key === 'waveSequencing') {
    // An agent name as a list item or in a flow list.
    const inFlow = /[[,][ \t]*([A-Za-z0-9_.-]*)$/.exec(before);
    const inBlock = !own && /^[ \t]*-[ \t]+([A-Za-z0-9_.-]*)$/.exec(before);
    const typed = inFlow ?? inBlock;
    if (!typed) return [];
    const names = parent.key === 'agents' ? [...DEFAULT_AGENTS] : rosterOf(lines);
    const written = new Set((parent.key === 'agents' ? rosterOf(lines) : (/\[([^\]]*)\]?/.exec(line)?.[1] ?? '').split(',')).map((n) => n.trim()));
    const { end } = wordAround(line, position.character, /[A-Za-z0-9_.-]/);
    const start = position.character - typed[1]!.length;
    return names
      .filter((name) => !written.has(name) || line.slice(start, end) === name)
      .map((name, k) => ({ label: name, kind: 'agent', detail: parent.key === 'agents' ? 'playbook agent (§5)' : 'agent of the roster', insertText: name, range: at(start, end), sortText: String(k) }));
  }
  return [];
}

/** The documentation of the key, rule id or severity at a position of `.connector-playbook.yaml`. */
export function configHover(text: string, position: Position): PlanHover | undefined {
  const lines = linesOf(text);
  const line = lines[position.line] ?? '';
  const top = TOP_KEY.exec(line);
  if (top && position.character <= top[1]!.length) {
    if (!isConfigKey(top[1]!)) return { contents: `\`${top[1]}\` is not a setting of \`${CONFIG_FILE_NAME}\`. Its settings: ${Object.keys(CONFIG_KEY_DOCS).map((k) => `\`${k}\``).join(', ')}.`, range: lineRange(position.line, 0, top[1]!.length) };
    const doc = CONFIG_KEY_DOCS[top[1]];
    const parts = [`**${top[1]}** — \`${CONFIG_FILE_NAME}\``, '', doc.description];
    if (doc.default !== undefined) parts.push('', `Default: \`${JSON.stringify(doc.default)}\``);
    parts.push('', 'For example:', '', '```yaml', doc.snippet, '```');
    return { contents: parts.join('\n'), range: lineRange(position.line, 0, top[1]!.length) };
  }
  const parent = parentKey(lines, position.line);
  if (parent?.key !== 'rules' || parent.line === position.line) return undefined;
  const rule = /^([ \t]+)([A-Za-z0-9_-]+)([ \t]*:[ \t]*)([A-Za-z]*)/.exec(line);
  if (!rule) return undefined;
  const idStart = rule[1]!.length;
  const idEnd = idStart + rule[2]!.length;
  const valueStart = idEnd + rule[3]!.length;
  if (position.character >= idStart && position.character <= idEnd) {
    const id = rule[2]!;
    const known = (RULE_IDS as readonly string[]).includes(id);
    const contents = known
      ? `**${id}** — rule, default severity \`${RULES[id as RuleId].severity}\`\n\n${RULES[id as RuleId].summary}`
      : `\`${id}\` is not a rule id. Rules: ${RULE_IDS.map((r) => `\`${r}\``).join(', ')}.`;
    return { contents, range: lineRange(position.line, idStart, idEnd) };
  }
  const severity = rule[4]! as keyof typeof SEVERITY_DOCS;
  if (position.character >= valueStart && position.character <= valueStart + severity.length && Object.hasOwn(SEVERITY_DOCS, severity)) {
    return { contents: `**${severity}** — ${SEVERITY_DOCS[severity]}`, range: lineRange(position.line, valueStart, valueStart + severity.length) };
  }
  return undefined;
}
