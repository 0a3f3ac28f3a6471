// One esbuild context per entry point: extension (node/cjs, vscode external), webviews (browser/esm),
// cli (node), benchmark, and the integration-test bundle that runs inside the extension host.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeConfigSchema } from './scripts/config-schema.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  loader: { '.md': 'text' },
};

// The extension loads `yaml` from dist/extension/yaml.js when it first needs it (core/yaml.ts): most plans are
// read without it, and the extension's own bundle stays small.
const yamlOnDemand = {
  name: 'yaml-on-demand',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.js', external: true }));
  },
};

// entities (markdown-it's HTML entity tables) declares "sideEffects": false, but the package.json
// of its ES build hides that from esbuild, which then keeps its encoding tables, never used here.
const entitiesSideEffectFree = {
  name: 'entities-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      const inEntities = args.path === 'entities' || /[\\/]node_modules[\\/]entities[\\/]/.test(args.importer);
      if (!inEntities || args.pluginData === 'resolved') return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolved' });
      return result.errors.length ? undefined : { path: result.path, sideEffects: false };
    });
  },
};

function filesIn(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

/** @type {Record<string, import('esbuild').BuildOptions>} */
const contexts = {
  extension: {
    ...common,
    // An ES module split in chunks: what a command or editor needs is loaded when it is first used
    // (dynamic import), so activation loads only what checking plans needs. VS Code loads .mjs
    // extensions natively in its Node extension host (1.100 and later).
    // One folder for the entry, its chunks and yaml.js, so that every chunk finds ./yaml.js.
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist/extension',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    splitting: true,
    platform: 'node',
    // ES modules where a package has them, so that what the extension never runs is left out.
    mainFields: ['module', 'main'],
    format: 'esm',
    // `require` for the one file loaded that way (yaml.js, see yamlOnDemand).
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    external: ['vscode'],
    plugins: [yamlOnDemand, entitiesSideEffectFree],
  },
  // The web-worker bundle (vscode.dev, github.dev): one CommonJS file with everything in it.
  web: {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    format: 'cjs',
    // Node's modules are reached only where a local process can run (the gate's commands), never in a worker.
    external: ['vscode', 'node:*'],
    plugins: [entitiesSideEffectFree],
  },
  yaml: {
    ...common,
    entryPoints: ['src/yamlBundle.ts'],
    outfile: 'dist/extension/yaml.js',
    platform: 'node',
    format: 'cjs',
  },
  cli: {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    mainFields: ['module', 'main'],
    plugins: [entitiesSideEffectFree],
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  webview: {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'esm',
  },
  dashboardWebview: {
    ...common,
    entryPoints: ['webview/dashboard/main.ts'],
    outfile: 'dist/webview/dashboard.js',
    platform: 'browser',
    format: 'esm',
  },
  bench: {
    ...common,
    sourcemap: false,
    entryPoints: ['bench/bench.ts'],
    outfile: 'dist/bench.js',
    platform: 'node',
    format: 'cjs',
  },
  // The suite run in the web-worker host: a test file must lie inside the extension's folder, and
  // only 'vscode' resolves there, so mocha's browser build is bundled in.
  webTests: {
    ...common,
    entryPoints: ['test/web/index.ts'],
    outfile: 'out/test/web/index.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode', 'node:*'],
    plugins: [entitiesSideEffectFree],
  },
  integrationTests: {
    ...common,
    entryPoints: ['test/integration/index.ts', ...filesIn('test/integration', '.test.ts')],
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
  },
};

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const selected = Object.entries(contexts).filter(([name, opts]) =>
  (!only || only.includes(name)) && Object.values(opts.entryPoints).every((e) => existsSync(e)));

if (watch) {
  for (const [, opts] of selected) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
  }
  console.log('[esbuild] watching', selected.map(([n]) => n).join(', '));
} else {
  // Chunk names change with their content: old ones must not be left beside the new.
  for (const [, opts] of selected) {
    if (!opts.splitting || !existsSync(opts.outdir)) continue;
    for (const file of readdirSync(opts.outdir)) if (/\.mjs(\.map)?$/.test(file)) rmSync(join(opts.outdir, file));
  }
  await Promise.all(selected.map(([, opts]) => esbuild.build(opts)));
}
// The JSON Schema of .connector-playbook.yaml, made from the zod schema (shipped in schemas/).
if (!only || only.includes('extension')) await writeConfigSchema();
