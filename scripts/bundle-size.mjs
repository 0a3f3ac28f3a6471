// The sizes of the production bundles, as a user gets them: what the extension loads when it
// activates (its entry and the chunks the entry imports), what it loads on first use of a feature,
// the CLI and the webviews' scripts (the form's, the dashboard's). Run after `node esbuild.config.mjs --production`.
//
//   node scripts/bundle-size.mjs           a table
//   node scripts/bundle-size.mjs --json    the figures as JSON
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './lib/util.mjs';

/** The files an ES module loads before it runs: itself and its static imports, recursively. */
export function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // esbuild writes static imports of chunks as `import … from "./chunk.mjs"` (dynamic ones as import("…")).
    for (const match of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) visit(join(dirname(file), match[1]));
  };
  visit(entry);
  return [...seen];
}

const size = (files) => files.reduce((sum, file) => sum + statSync(file).size, 0);

/** The figures, in bytes. */
export function bundleSizes(root = repoRoot) {
  const extensionDir = join(root, 'dist', 'extension');
  const entry = join(extensionDir, 'extension.mjs');
  if (!existsSync(entry)) throw new Error('dist/extension/extension.mjs is missing: run node esbuild.config.mjs --production first');
  const all = readdirSync(extensionDir).filter((f) => f.endsWith('.mjs')).map((f) => join(extensionDir, f));
  const atActivation = staticClosure(entry);
  const optional = (file) => (existsSync(file) ? statSync(file).size : undefined);
  return {
    activation: size(atActivation),
    activationFiles: atActivation.map((f) => relative(root, f)),
    extension: size(all),
    yaml: optional(join(extensionDir, 'yaml.js')),
    browser: optional(join(root, 'dist', 'web', 'extension.js')),
    cli: statSync(join(root, 'dist', 'cli.js')).size,
    webview: optional(join(root, 'dist', 'webview', 'main.js')),
    dashboard: optional(join(root, 'dist', 'webview', 'dashboard.js')),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const sizes = bundleSizes();
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes, null, 2));
  else {
    const kb = (n) => (n === undefined ? '–' : `${(n / 1024).toFixed(1)} KB`);
    console.log(`extension, loaded at activation   ${kb(sizes.activation)} (${sizes.activationFiles.length} files)`);
    console.log(`extension, all of its chunks      ${kb(sizes.extension)}`);
    console.log(`yaml.js, loaded when first needed ${kb(sizes.yaml)}`);
    console.log(`browser (web worker) bundle       ${kb(sizes.browser)}`);
    console.log(`CLI                               ${kb(sizes.cli)}`);
    console.log(`mapping form (webview)            ${kb(sizes.webview)}`);
    console.log(`rollout dashboard (webview)       ${kb(sizes.dashboard)}`);
  }
}
