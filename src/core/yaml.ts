// `yaml` is loaded where it is first needed, not with the core: most plans' front matter is read
// without it, and the extension ships it as a file of its own (esbuild.config.mjs).
import type * as Yaml from 'yaml';

// CommonJS's require, which esbuild resolves in every bundle (declared here for the webview's types).
declare function require(id: 'yaml'): typeof Yaml;

/** The `yaml` library, loaded on first use. */
export function yamlLibrary(): typeof Yaml {
  return require('yaml');
}
