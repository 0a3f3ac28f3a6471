// `.connector-playbook.yaml` described for people and editors: each key's documentation, and the
// JSON Schema made from the zod schema (zod 4's toJSONSchema) with that documentation added.
import * as z from 'zod/mini';
import { DEFAULT_GATE_TIMEOUT_SECONDS, MAX_GATE_TIMEOUT_SECONDS, WorkspaceConfigSchema } from './config';
import { CONFIG_FILE_NAME, DEFAULT_AGENTS, DEFAULT_DOCS_FOLDER, DEFAULT_PLAN_GLOB, DEFAULT_WAVE_SEQUENCING } from './defaults';
import { RULE_IDS, RULES, SeveritySettingSchema } from './rules';

export type ConfigKey = keyof typeof WorkspaceConfigSchema.shape;

export interface ConfigKeyDoc {
  description: string;
  /** The value that applies when the key is absent, if there is one. */
  default?: unknown;
  /** What the key's value looks like in YAML, inserted by completion. */
  snippet: string;
}

/** Every key of the configuration, documented (a unit test checks they are the schema's keys). */
export const CONFIG_KEY_DOCS: Readonly<Record<ConfigKey, ConfigKeyDoc>> = {
  docsFolder: {
    description: 'Where plans and the playbook are written, relative to the workspace folder.',
    default: DEFAULT_DOCS_FOLDER,
    snippet: `docsFolder: ${DEFAULT_DOCS_FOLDER}`,
  },
  planGlob: {
    description: 'Which files are rollout plans: a glob relative to the workspace folder. A markdown file whose front matter says `kind: connector-rollout-plan` is a plan too.',
    default: DEFAULT_PLAN_GLOB,
    snippet: `planGlob: "${DEFAULT_PLAN_GLOB}"`,
  },
  template: {
    description: 'A markdown file, relative to the workspace folder, to scaffold plans from and check them against instead of the bundled template.',
    snippet: 'template: docs/our-template.md',
  },
  rules: {
    description: 'The severity of each rule: `error`, `warning`, `info` or `off`. The `connectorPlaybook.rules` setting overrides it.',
    default: {},
    snippet: 'rules:\n  placeholder: error',
  },
  agents: {
    description: 'The agent roster: the agents a wave may name (playbook §5).',
    default: [...DEFAULT_AGENTS],
    snippet: `agents: [${DEFAULT_AGENTS.join(', ')}]`,
  },
  waveSequencing: {
    description: 'The stages of the wave sequencing, in order: a wave with an agent of a later stage waits for the waves of earlier stages (playbook §5).',
    default: DEFAULT_WAVE_SEQUENCING.map((stage) => [...stage]),
    snippet: `waveSequencing:\n${DEFAULT_WAVE_SEQUENCING.map((stage) => `  - [${stage.join(', ')}]`).join('\n')}`,
  },
  gate: {
    description: `The commands the "Ready For Review" gate runs (playbook §6), from the workspace folder: \`lint\` for lint-clean, \`build\` for build-compiles, each for at most \`timeoutSeconds\` (default ${DEFAULT_GATE_TIMEOUT_SECONDS}, at most ${MAX_GATE_TIMEOUT_SECONDS}). They run only in a trusted workspace.`,
    snippet: 'gate:\n  lint: npm run lint\n  build: npm run build\n  timeoutSeconds: 300',
  },
};

/** The severities a rule may be set to, documented. */
export const SEVERITY_DOCS: Readonly<Record<z.infer<typeof SeveritySettingSchema>, string>> = {
  error: 'Reported as an error; `connector-playbook lint` exits 1.',
  warning: 'Reported as a warning.',
  info: 'Reported as information.',
  off: 'Not reported.',
};

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

/**
 * The JSON Schema of `.connector-playbook.yaml` (draft-07, which the YAML extension reads): the zod
 * schema's own, with each key's description and default, and the known rule ids listed under `rules`.
 */
export function workspaceConfigJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(WorkspaceConfigSchema, { target: 'draft-7' }) as JsonSchema;
  const properties = schema.properties ?? {};
  for (const [key, doc] of Object.entries(CONFIG_KEY_DOCS)) {
    const property = properties[key];
    if (!property) continue;
    property.description = doc.description;
    property.markdownDescription = doc.description;
    if (doc.default !== undefined) property.default = doc.default;
  }
  // Unknown rule ids stay allowed (a warning, not an error): the known ones are listed for completion.
  const rules = properties.rules;
  const severity = rules?.additionalProperties;
  if (rules && severity && typeof severity === 'object') {
    (severity as Record<string, unknown>).enumDescriptions = SeveritySettingSchema.options.map((value) => SEVERITY_DOCS[value]);
    rules.properties = Object.fromEntries(RULE_IDS.map((id) => [id, { ...severity, description: RULES[id].summary }]));
  }
  return {
    $schema: schema.$schema,
    $id: 'https://raw.githubusercontent.com/connector-playbook/connector-playbook/main/schemas/connector-playbook.schema.json',
    title: CONFIG_FILE_NAME,
    description: 'Connector Playbook settings for this workspace. Every key is optional.',
    ...schema,
  };
}
