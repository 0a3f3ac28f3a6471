// `yaml` is loaded where it is first needed, not with the core: most plans' front matter is read
// without it, and the extension ships it as a file of its own (esbuild.config.mjs).
import type * as Yaml from 'yaml';

/** The `yaml` library, loaded on first use. */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof Yaml;
}
