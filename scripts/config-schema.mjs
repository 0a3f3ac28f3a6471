// Writes schemas/connector-playbook.schema.json, the JSON Schema of .connector-playbook.yaml, from the
// zod schema (src/core/configSchema.ts): bundled in memory with esbuild, run, written when it changed.
// esbuild.config.mjs runs it with every build; test/unit/configSchema.test.ts checks the file matches the zod schema.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const CONFIG_SCHEMA_FILE = join(root, 'schemas', 'connector-playbook.schema.json');

/** The schema's text as the build writes it. */
async function configSchemaText() {
  const result = await esbuild.build({
    stdin: { contents: "export { workspaceConfigJsonSchema } from './src/core/configSchema';", resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // The schema never reads YAML; the configuration's reader loads it only when it parses a file.
    external: ['yaml'],
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return `${JSON.stringify(module.workspaceConfigJsonSchema(), null, 2)}\n`;
}

/** Writes the schema file when its content changed; returns whether it did. */
export async function writeConfigSchema() {
  const text = await configSchemaText();
  if (existsSync(CONFIG_SCHEMA_FILE) && readFileSync(CONFIG_SCHEMA_FILE, 'utf8') === text) return false;
  mkdirSync(dirname(CONFIG_SCHEMA_FILE), { recursive: true });
  writeFileSync(CONFIG_SCHEMA_FILE, text);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log((await writeConfigSchema()) ? `wrote ${CONFIG_SCHEMA_FILE}` : `${CONFIG_SCHEMA_FILE} is up to date`);
}
