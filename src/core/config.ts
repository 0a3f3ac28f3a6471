import type { Node } from 'yaml';
import { yamlLibrary } from './yaml';
import * as z from 'zod/mini';
import { english } from './schema';
import type { Finding } from './findings';
import type { Range } from './positions';
import { RULE_IDS, SeveritySettingSchema } from './rules';
import type { RuleSeverities } from './rules';
import { lineIndexAt } from './source';
import { CONFIG_FILE_NAME, DEFAULT_AGENTS, DEFAULT_DOCS_FOLDER, DEFAULT_PLAN_GLOB, DEFAULT_WAVE_SEQUENCING } from './defaults';

export { CONFIG_FILE_NAME, DEFAULT_AGENTS, DEFAULT_DOCS_FOLDER, DEFAULT_PLAN_GLOB, DEFAULT_WAVE_SEQUENCING } from './defaults';

/** How long a gate command may run by default, and at most (seconds). */
export const DEFAULT_GATE_TIMEOUT_SECONDS = 300;
export const MAX_GATE_TIMEOUT_SECONDS = 3600;

// A pattern rather than a refinement, so that the JSON Schema made from this one says it too.
const relativePath = z.string().check(
  z.minLength(1),
  z.regex(/^[^\0]*$/, 'must not contain NUL'),
);

export const WorkspaceConfigSchema = z.strictObject({
    docsFolder: z.optional(relativePath),
    planGlob: z.optional(z.string().check(z.minLength(1))),
    template: z.optional(relativePath),
    rules: z.optional(z.record(z.string(), SeveritySettingSchema)),
    agents: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    waveSequencing: z.optional(z.array(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)))),
    /** The "Ready For Review" gate's commands (§6), run from the workspace folder. */
    gate: z.optional(
      z.strictObject({
        lint: z.optional(z.string().check(z.minLength(1))),
        build: z.optional(z.string().check(z.minLength(1))),
        timeoutSeconds: z.optional(z.number().check(z.positive(), z.maximum(MAX_GATE_TIMEOUT_SECONDS))),
      }),
    ),
  });
export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;

/** A configuration with every default applied. */
export interface ResolvedConfig {
  docsFolder: string;
  planGlob: string;
  template: string | undefined;
  rules: RuleSeverities;
  agents: string[];
  waveSequencing: string[][];
  /** The gate's commands; none unless configured. */
  gate: GateCommands;
}

/** The commands the "Ready For Review" gate runs, and how long each may take. */
export interface GateCommands {
  lint: string | undefined;
  build: string | undefined;
  timeoutSeconds: number;
}

export function resolveConfig(config: WorkspaceConfig | undefined): ResolvedConfig {
  return {
    docsFolder: config?.docsFolder ?? DEFAULT_DOCS_FOLDER,
    planGlob: config?.planGlob ?? DEFAULT_PLAN_GLOB,
    template: config?.template,
    rules: config?.rules ?? {},
    agents: config?.agents ?? [...DEFAULT_AGENTS],
    waveSequencing: config?.waveSequencing ?? DEFAULT_WAVE_SEQUENCING.map((stage) => [...stage]),
    gate: { lint: config?.gate?.lint, build: config?.gate?.build, timeoutSeconds: config?.gate?.timeoutSeconds ?? DEFAULT_GATE_TIMEOUT_SECONDS },
  };
}

export interface ConfigResult {
  /** The valid configuration; undefined when the file is broken (defaults apply). */
  config: WorkspaceConfig | undefined;
  findings: Finding[];
}

/** Reads `.connector-playbook.yaml`; problems become findings on that file, never exceptions. */
export function parseWorkspaceConfig(text: string): ConfigResult {
  const findings: Finding[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = editorRange(source);
  const { isMap, isScalar, isSeq, parseDocument } = yamlLibrary();
  let doc;
  try {
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    return { config: undefined, findings: [configFinding(at(0, 0), `Cannot read ${CONFIG_FILE_NAME}: ${String(error)}`)] };
  }
  if (doc.errors.length) {
    for (const error of doc.errors) findings.push(configFinding(at(error.pos[0], error.pos[1]), `YAML: ${error.message.split('\n')[0]}`));
    return { config: undefined, findings };
  }
  if (doc.contents === null) return { config: {}, findings };
  if (!isMap(doc.contents)) {
    return { config: undefined, findings: [configFinding(at(0, source.length), `${CONFIG_FILE_NAME} must be a mapping of settings.`)] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses alias bombs ("Excessive alias count") by throwing: report it, never crash.
    return { config: undefined, findings: [configFinding(at(0, 0), `Cannot read ${CONFIG_FILE_NAME}: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const parsed = WorkspaceConfigSchema.safeParse(data, english);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      let node = path.length ? (doc.getIn(path, true) as Node | undefined) : undefined;
      // An unknown key is shown on itself, in the mapping it is written in (`gate.test`).
      if (issue.code === 'unrecognized_keys') node = keyNode(path.length ? node : doc.contents, issue.keys[0]!) ?? node;
      const range = node?.range ? at(node.range[0], node.range[1]) : at(0, 0);
      const where = path.length ? `${path.join('.')}: ` : '';
      // zod does not repeat the value it refused: say what the file has there.
      const found = node && isScalar(node) && issue.code !== 'unrecognized_keys' ? ` (found ${JSON.stringify(node.value)})` : '';
      findings.push(configFinding(range, `${where}${issue.message}${found}`));
    }
    return { config: undefined, findings };
  }
  const config = parsed.data;
  // Unknown rule ids are probably typos: say so, but keep the rest of the configuration.
  for (const rule of Object.keys(config.rules ?? {})) {
    if (!(RULE_IDS as readonly string[]).includes(rule)) {
      const rules = doc.get('rules', true);
      const node = isMap(rules) ? keyNode(rules, rule) : undefined;
      findings.push({ ...configFinding(node?.range ? at(node.range[0], node.range[1]) : at(0, 0), `Unknown rule "${rule}". Known rules: ${RULE_IDS.join(', ')}.`), severity: 'warning' });
    }
  }
  const waves = doc.get('waveSequencing', true);
  if (isSeq(waves) && config.agents && config.waveSequencing) {
    for (const stage of config.waveSequencing) {
      for (const agent of stage) {
        if (!config.agents.includes(agent)) {
          findings.push({ ...configFinding(waves.range ? at(waves.range[0], waves.range[1]) : at(0, 0), `waveSequencing names "${agent}", who is not in agents.`), severity: 'warning' });
        }
      }
    }
  }
  return { config, findings };
}

// Offsets to positions as VS Code counts lines (CRLF, CR and LF all end one), clamped to the line,
// so a lone CR or an offset between CR and LF never yields a column past the line's end.
function editorRange(text: string): (offset: number, endOffset: number) => Range {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const lineEnd = (line: number): number => {
    const next = starts[line + 1];
    if (next === undefined) return text.length;
    return text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  };
  const position = (offset: number) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const line = lineIndexAt(starts, clamped);
    return { line, character: Math.min(clamped, lineEnd(line)) - starts[line]! };
  };
  return (offset, endOffset) => ({ start: position(offset), end: position(Math.max(offset, endOffset)) });
}

/** The message for a `template` that cannot be read (the extension and the CLI say the same). */
export function unreadableTemplateMessage(template: string): string {
  return `The template "${template.replace(/\s*[\r\n]+\s*/g, ' ')}" cannot be read; the bundled template is used.`;
}

/** A `template` in the configuration that cannot be read: a warning on its entry, for the bundled template applies. */
export function unreadableTemplateFinding(configText: string, template: string): Finding {
  const source = configText.charCodeAt(0) === 0xfeff ? configText.slice(1) : configText;
  const at = editorRange(source);
  let range = at(0, 0);
  const { isMap, parseDocument } = yamlLibrary();
  try {
    const doc = parseDocument(source, { prettyErrors: false, logLevel: 'silent' });
    const pair = isMap(doc.contents) ? doc.contents.items.find((item: { key: unknown }) => (item.key as { value?: unknown } | null)?.value === 'template') : undefined;
    const start = (pair?.key as Node | undefined)?.range?.[0];
    const end = (pair?.value as Node | undefined)?.range?.[1];
    if (start !== undefined && end !== undefined) range = at(start, end);
  } catch {
    // The file was read once already; a range at its start will do.
  }
  return { rule: 'config', severity: 'warning', message: unreadableTemplateMessage(template), range };
}

function keyNode(map: unknown, key: string): Node | undefined {
  if (!yamlLibrary().isMap(map)) return undefined;
  for (const pair of map.items) {
    const k = pair.key as Node & { value?: unknown };
    if (k && k.value === key) return k;
  }
  return undefined;
}

function configFinding(range: Range, message: string): Finding {
  // Keys may hold line breaks; a finding's message is one line (the CLI prints one line per finding).
  return { rule: 'config', severity: 'error', message: message.replace(/\s*[\r\n]+\s*/g, ' '), range };
}
