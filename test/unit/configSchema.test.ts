// The JSON Schema of .connector-playbook.yaml (schemas/connector-playbook.schema.json) against the zod
// schema it is made from: the file is what the zod schema makes today, it has the same keys, and
// ajv with it accepts and rejects the same configurations as zod (rejecting them at the same keys).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { WorkspaceConfigSchema } from '../../src/core/config';
import { CONFIG_KEY_DOCS, workspaceConfigJsonSchema } from '../../src/core/configSchema';
import { RULE_IDS } from '../../src/core/rules';
import { REPO, repoFile } from './editorSupport';

const SCHEMA_PATH = join(REPO, 'schemas', 'connector-playbook.schema.json');
const shipped = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }>; additionalProperties: unknown };
// Strict: any keyword ajv does not know fails, except the two VS Code's editors read.
const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addKeyword('markdownDescription');
ajv.addKeyword('enumDescriptions');
const validate = ajv.compile(shipped);

/** The top-level keys a configuration is refused at, by zod and by the JSON Schema. */
function refusedKeys(config: unknown): { zod: string[]; jsonSchema: string[] } {
  const parsed = WorkspaceConfigSchema.safeParse(config);
  const zod = parsed.success ? [] : parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [String(i.path[0] ?? '')]));
  validate(config);
  const errors: ErrorObject[] = validate.errors ?? [];
  const jsonSchema = errors.map((e) => (e.keyword === 'additionalProperties' && e.instancePath === '' ? String(e.params.additionalProperty) : e.instancePath.split('/')[1] ?? ''));
  return { zod: [...new Set(zod)].sort(), jsonSchema: [...new Set(jsonSchema)].sort() };
}

describe('config schema: JSON Schema from the zod schema', () => {
  it('is the file the build writes from the zod schema (node esbuild.config.mjs writes it)', () => {
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), `${JSON.stringify(workspaceConfigJsonSchema(), null, 2)}\n`);
  });

  it('has the zod schema\'s keys, each documented, and nothing else at the top level', () => {
    const keys = Object.keys(WorkspaceConfigSchema.shape).sort();
    assert.deepEqual(Object.keys(shipped.properties).sort(), keys);
    assert.deepEqual(Object.keys(CONFIG_KEY_DOCS).sort(), keys);
    assert.equal(shipped.additionalProperties, false);
    for (const key of keys) assert.ok((shipped.properties[key] as { description?: string }).description, key);
    assert.deepEqual(Object.keys(shipped.properties.rules!.properties ?? {}), [...RULE_IDS]);
  });

  it('accepts what zod accepts: the sample workspace\'s, the fixtures\', an empty one, an unknown rule id', () => {
    const good = [
      parseYaml(repoFile('examples/.connector-playbook.yaml')),
      parseYaml(repoFile('test/fixtures/config/valid.yaml')),
      {},
      { rules: { 'no-such-rule': 'off' } },
      { agents: ['qa'], waveSequencing: [['qa']] },
    ];
    for (const config of good) {
      assert.equal(WorkspaceConfigSchema.safeParse(config).success, true, JSON.stringify(config));
      assert.equal(validate(config), true, `${JSON.stringify(config)}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  it('refuses what zod refuses, at the same keys', () => {
    const bad: unknown[] = [
      { docsFolder: 'docs', plan_glob: '*.md' },
      { docsFolder: '' },
      { docsFolder: 3 },
      { docsFolder: 'docs\0evil' },
      { template: null },
      { planGlob: '' },
      { rules: { placeholder: 'fatal' } },
      { rules: 'error' },
      { agents: [] },
      { agents: ['schema-sync', ''] },
      { agents: 'schema-sync' },
      { waveSequencing: [[]] },
      { waveSequencing: [['schema-sync'], 'ui-ops'] },
      { docsFolder: '', agents: [], rules: { x: 'loud' } },
      parseYaml(repoFile('test/fixtures/config/bad-severity.yaml')),
      parseYaml(repoFile('test/fixtures/config/unknown-keys.yaml')),
      ['docsFolder'],
      'docsFolder: src',
    ];
    for (const config of bad) {
      const refused = refusedKeys(config);
      assert.ok(refused.zod.length > 0, `zod accepts ${JSON.stringify(config)}`);
      assert.deepEqual(refused.jsonSchema, refused.zod, JSON.stringify(config));
    }
  });
});
