// npm's `prepare`: the production build, run by `npm install` in a clone, by `npm pack` and
// `npm publish`, and when npm installs this repository from git (pre-commit's `language: node`).
// A global install from git runs it without the devDependencies (npm/cli#8440: the preparing
// `npm install` inherits `--global`), so they are installed here first when esbuild is missing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(`${root}/package.json`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  require.resolve('esbuild');
} catch {
  run('npm', ['install', '--global=false', `--prefix=${root}`, '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
}
run(process.execPath, ['esbuild.config.mjs', '--production']);
