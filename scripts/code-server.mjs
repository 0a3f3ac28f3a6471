// Starts code-server (the real VS Code workbench + server) fully isolated from the user's own
// VS Code / code-server state, so tests and `npm start` never touch ~/.config, ~/.local or
// ~/.cache and several runs can share one machine.
//
//   import { startCodeServer } from './code-server.mjs';
//   const cs = await startCodeServer({ folder });   // → { url, port, runDir, stop(), … }
//
// CLI (handy for poking at the test setup by hand):
//   node scripts/code-server.mjs [FOLDER]           prints the URL, Ctrl+C stops it
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, readFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installed } from './lib/cache.mjs';
import { isAlive, logger, sleep } from './lib/util.mjs';

const log = logger('code-server');

/** Settings that keep a fresh profile quiet: no welcome page, tours, telemetry or update noise. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'files.hotExit': 'off',
  'window.commandCenter': false,
  'notebook.experimental.generateDataExplorers': false,
};

// Everything started here, so the exit / signal handlers can stop it all.
const running = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL the groups and drop the temp dirs.
  process.on('exit', () => {
    for (const s of running) s.killNow();
  });
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, async () => {
      process.stderr.write(`\n[code-server] ${sig}: stopping ${running.size} server(s)\n`);
      await Promise.allSettled([...running].map((s) => s.stop()));
      process.exit(code);
    });
  }
}

/** A TCP port that was free a moment ago. Races with other runs are handled by retrying. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });
}

export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolvePromise) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolvePromise(false));
    srv.listen(port, host, () => srv.close(() => resolvePromise(true)));
  });
}

function httpOk(url) {
  return new Promise((resolvePromise) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolvePromise(res.statusCode > 0 && res.statusCode < 500);
    });
    req.on('error', () => resolvePromise(false));
    req.on('timeout', () => {
      req.destroy();
      resolvePromise(false);
    });
  });
}

/**
 * Removes run dirs left behind by runs that were SIGKILLed (their exit handlers never ran).
 * Only dirs whose owner process is gone are touched, so parallel runs are safe.
 */
export function sweepStaleRunDirs(base = tmpdir()) {
  let entries = [];
  try {
    entries = readdirSync(base).filter((n) => n.startsWith('cpb-'));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = join(base, name);
    try {
      // No pid file yet (being created) or not ours (other cpb-* dirs): readFileSync throws, skip.
      const pid = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      if (!pid || isAlive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
}

/** A fresh per-run directory. Under os.tmpdir() with a short name because VS Code puts unix
 *  sockets into TMPDIR / XDG_RUNTIME_DIR and socket paths are limited to ~107 bytes. */
export function makeRunDir(prefix = 'cpb-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

function writeSettings(userDataDir, settings, mode) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  if (mode === 'ifMissing' && existsSync(file)) return;
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

/** The environment code-server runs with: nothing of the user's home, nothing inherited from a
 *  VS Code terminal the tests might be started from, no PORT (it overrides --bind-addr). */
export function isolatedEnv(runDir, install, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|CODE_SERVER_|npm_|NODE_OPTIONS$|NODE_PATH$|PORT$|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
    env[k] = v;
  }
  const home = join(runDir, 'home');
  const dirs = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(runDir, 'run'),
    TMPDIR: join(runDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return {
    ...env,
    ...dirs,
    // Node 24 first: the extension host and code-server's helper scripts run `node` from PATH.
    PATH: `${join(install.nodePkg, 'bin')}:${env.PATH || '/usr/bin:/bin'}`,
    ...extra,
  };
}

// Group leader: runs code-server in the background and stops the whole group when the process
// that started it disappears, even if that process was SIGKILLed and never ran its handlers.
// POSIX sh (dash): `kill SIG 0` signals our own group; dash's kill does not accept `--`.
const WATCHDOG = `
parent="$1"; shift
"$@" &
child=$!
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
if kill -0 "$child" 2>/dev/null; then
  trap '' TERM
  kill -TERM 0
  sleep 3
  kill -KILL 0
fi
wait "$child"
`;

/**
 * Starts code-server.
 * @param {object} o
 * @param {string} [o.folder]         folder to open (absolute or relative to cwd)
 * @param {object} [o.install]        result of ensureVscode(); read from the cache if omitted
 * @param {number} [o.port]           exact port (fails if taken)
 * @param {number} [o.preferredPort]  try this port, then the next ones
 * @param {string} [o.runDir]         per-run dir (HOME, TMPDIR, …); a fresh temp dir if omitted
 * @param {string} [o.userDataDir]    defaults to RUNDIR/user-data
 * @param {string} [o.extensionsDir]  defaults to RUNDIR/extensions
 * @param {object} [o.settings]       merged over QUIET_SETTINGS
 * @param {'always'|'ifMissing'} [o.settingsMode]
 * @param {string[]} [o.extraArgs]
 * @param {boolean} [o.keepRunDir]    keep the temp dir on stop (also env CONNECTOR_PLAYBOOK_KEEP=1)
 * @param {boolean} [o.quiet]
 */
export async function startCodeServer(o = {}) {
  const install = o.install ?? installed();
  if (!install) throw new Error('code-server is not installed yet: run `node scripts/ensure-vscode.mjs`');
  installExitHandlers();
  sweepStaleRunDirs();
  const ownRunDir = !o.runDir;
  const runDir = o.runDir ?? makeRunDir();
  mkdirSync(runDir, { recursive: true });
  const userDataDir = o.userDataDir ?? join(runDir, 'user-data');
  const extensionsDir = o.extensionsDir ?? join(runDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeSettings(userDataDir, { ...QUIET_SETTINGS, ...(o.settings ?? {}) }, o.settingsMode ?? 'always');
  const keep = o.keepRunDir ?? process.env.CONNECTOR_PLAYBOOK_KEEP === '1';
  const env = isolatedEnv(runDir, install, o.env);
  const logFile = join(runDir, 'code-server.log');
  const folder = o.folder ? resolve(o.folder) : undefined;

  const candidates = async function* () {
    if (o.port) {
      yield o.port;
      return;
    }
    if (o.preferredPort) {
      for (let p = o.preferredPort; p < o.preferredPort + 50; p++) if (await isPortFree(p)) yield p;
      return;
    }
    for (let i = 0; i < 8; i++) yield await freePort();
  };

  let lastError;
  for await (const port of candidates()) {
    try {
      const server = await launch({ install, port, runDir, userDataDir, extensionsDir, env, logFile, folder, extraArgs: o.extraArgs ?? [], keep: keep || !ownRunDir, quiet: o.quiet });
      return server;
    } catch (e) {
      lastError = e;
      if (!e.portInUse) break;
      if (!o.quiet) log(`port ${port} was taken meanwhile, trying another`);
    }
  }
  if (ownRunDir && !keep) rmSync(runDir, { recursive: true, force: true });
  throw lastError ?? new Error('no free port found');
}

async function launch({ install, port, runDir, userDataDir, extensionsDir, env, logFile, folder, extraArgs, keep, quiet }) {
  const configFile = join(runDir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    install.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
    // Makes the built workbench honour the test `payload` (extensionDevelopmentPath /
    // extensionTestsPath) and expose the automation hooks Playwright drives.
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn('sh', ['-c', WATCHDOG, 'cpb-watchdog', String(process.pid), install.node, ...args], {
    cwd: runDir,
    env,
    detached: true, // setsid: own process group, so stop() can take every child down at once
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listening;
  const onData = (buf) => {
    out.write(buf);
    if (output.length < 200_000) output += buf.toString();
    // Only trust our own process's log line: with parallel runs, something else may answer
    // HTTP on this port if our bind failed.
    const m = /HTTP server listening on (http:\/\/\S+)/.exec(output);
    if (m && !listening) listening = m[1];
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exitCode;
  const exited = new Promise((r) => child.on('exit', (code, sig) => r((exitCode = code ?? sig))));

  const pgid = child.pid;
  let stopped = false;
  const groupAlive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const cleanupDir = () => {
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  };
  const server = {
    port,
    url: `http://127.0.0.1:${port}/`,
    authority: `127.0.0.1:${port}`,
    pid: pgid,
    runDir,
    userDataDir,
    extensionsDir,
    logFile,
    folder,
    exited,
    output: () => output,
    /** True once stop() or killNow() was called, so `exited` can be told apart from a crash. */
    get stopping() {
      return stopped;
    },
    killNow() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
      cleanupDir();
      running.delete(server);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 50 && groupAlive(); i++) await sleep(100);
      if (groupAlive()) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {}
        for (let i = 0; i < 20 && groupAlive(); i++) await sleep(100);
      }
      out.end();
      running.delete(server);
      cleanupDir();
    },
  };
  running.add(server);

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) break;
    if (listening && (await httpOk(`${server.url}healthz`))) {
      if (!quiet) log(`listening on ${server.url} (run dir ${runDir})`);
      return server;
    }
    await sleep(100);
  }
  const failure = new Error(
    exitCode !== undefined
      ? `code-server exited (${exitCode}) before listening on port ${port}:\n${output.slice(-3000)}`
      : `code-server did not answer on port ${port} within 60 s:\n${output.slice(-3000)}`,
  );
  failure.portInUse = /EADDRINUSE|address already in use/i.test(output);
  keep = true; // the caller retries in the same dir or removes it
  await server.stop();
  throw failure;
}

// CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensureVscode } = await import('./ensure-vscode.mjs');
  const install = await ensureVscode();
  const { workbenchUrl } = await import('./lib/browser.mjs');
  const { repoRoot } = await import('./lib/util.mjs');
  const server = await startCodeServer({ install, folder: process.argv[2] });
  console.log(`plain:                     ${workbenchUrl(server, { folder: server.folder })}`);
  // Like F5 in desktop VS Code: the extension loaded from this checkout (build it first).
  console.log(`with the extension loaded: ${workbenchUrl(server, { folder: server.folder, extensionDevelopmentPath: repoRoot })}`);
  console.log('Ctrl+C stops it.');
  const code = await server.exited;
  if (server.stopping) await new Promise(() => {});
  console.log(`code-server exited (${code})`);
  process.exit(1);
}
