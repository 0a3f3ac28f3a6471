// Which folder the tests open, and the throwaway copy they actually get.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { repoRoot } from './util.mjs';

/** CONNECTOR_PLAYBOOK_WORKSPACE, else examples/ once someone has put plans there, else the
 *  harness's own tiny workspace (so the tiers work in a fresh repository too). */
export function defaultWorkspace(env = process.env) {
  if (env.CONNECTOR_PLAYBOOK_WORKSPACE) return resolve(env.CONNECTOR_PLAYBOOK_WORKSPACE);
  const examples = join(repoRoot, 'examples');
  if (existsSync(examples) && readdirSync(examples).length > 0) return examples;
  return join(repoRoot, 'test', 'fixtures', 'workspace');
}

/** Copies `src` into `parentDir` (tests may edit files; the fixture in git never changes) and
 *  writes `files` (relative path → content) on top. Returns the copy's path. */
export function copyWorkspace(src, parentDir, files = {}) {
  if (!existsSync(src)) throw new Error(`workspace ${src} does not exist`);
  const dest = join(parentDir, basename(src));
  cpSync(src, dest, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const target = resolve(dest, rel);
    if (isAbsolute(rel) || relative(dest, target).startsWith('..')) throw new Error(`file ${rel} is outside the workspace`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return dest;
}
