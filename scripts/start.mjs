// `npm start`: try the extension the way a user gets it — a production build packaged as a .vsix,
// installed into a real VS Code (code-server), opened on examples/ in your browser.
//
//   npm start                      port 8080, or the next free one
//   CONNECTOR_PLAYBOOK_PORT=9000 npm start
//   npm start -- --folder path/to/workspace
//
// User data (settings, open editors) and the installed extension persist between starts in
// $CACHE/start (see lib/cache.mjs); the folder is opened in place, so edits are kept. Ctrl+C stops
// code-server and everything it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureVscode } from './ensure-vscode.mjs';
import { isolatedEnv, startCodeServer } from './code-server.mjs';
import { logger, repoRoot } from './lib/util.mjs';

const log = logger('start');

const { values } = parseArgs({ options: { folder: { type: 'string' }, port: { type: 'string' } } });
const folder = resolve(values.folder ?? join(repoRoot, 'examples'));
const port = Number(values.port ?? process.env.CONNECTOR_PLAYBOOK_PORT) || undefined;

function run(cmd, args, opts) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

try {
  const install = await ensureVscode();
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

  const startDir = install.startDir;
  mkdirSync(startDir, { recursive: true });
  const vsix = join(startDir, `${pkg.name}-${pkg.version}.vsix`);
  // vsce runs the `vscode:prepublish` script first: the production build.
  log(`production build and packaging ${vsix}…`);
  await run(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--out', vsix], { cwd: repoRoot });

  const userDataDir = join(startDir, 'user-data');
  const extensionsDir = join(startDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  log('installing it into code-server…');
  await run(
    install.node,
    [install.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { cwd: startDir, env: isolatedEnv(startDir, install) },
  );

  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    log(`created ${folder} (empty)`);
  }
  // Recorded so a later `npm start` can tell which build is installed when debugging.
  writeFileSync(join(startDir, 'last-start.json'), JSON.stringify({ vsix, folder, at: new Date().toISOString() }, null, 2));

  const server = await startCodeServer({
    install,
    folder,
    runDir: startDir,
    userDataDir,
    extensionsDir,
    keepRunDir: true,
    settingsMode: 'ifMissing', // keep whatever the user changed in earlier sessions
    ...(port ? { port } : { preferredPort: 8080 }),
    quiet: true,
  });
  const url = `${server.url}?folder=${encodeURIComponent(folder)}`;
  console.log(`\n  Connector Playbook ${pkg.version} is running in code-server ${install.codeServerVersion}.`);
  console.log(`  Open: ${url}`);
  console.log(`  (bound to 127.0.0.1; from another machine use ssh -L ${server.port}:127.0.0.1:${server.port})`);
  console.log(`  Log: ${server.logFile}`);
  console.log('  Ctrl+C to stop.\n');
  const code = await server.exited;
  if (server.stopping) await new Promise(() => {}); // Ctrl+C: the signal handler exits once it is down
  log(`code-server exited unexpectedly (${code}); see ${server.logFile}`);
  process.exit(1);
} catch (e) {
  log(`FAILED: ${e.message}`);
  process.exit(1);
}
