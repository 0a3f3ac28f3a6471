// Small helpers shared by the harness scripts. Kept dependency-free so they run before `npm ci`
// has finished wiring anything and under both the system Node (20) and the cached Node 24.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, computed from this file so the harness works from any clone location. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Progress lines go to stderr so a caller can keep stdout for machine-readable output. */
export function logger(prefix) {
  return (...args) => process.stderr.write(`[${prefix}] ${args.join(' ')}\n`);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

export function readJson(file, fallback = undefined) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

/**
 * Runs a long command with its output going to a log file rather than the terminal (npm and
 * node-gyp print thousands of lines), printing a heartbeat so a 3-minute install does not look
 * hung, and the log's tail when it fails.
 */
export function runLogged(cmd, args, { cwd, env, logFile, label, log, heartbeatMs = 20000 }) {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    out.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const beat = setInterval(() => {
      log(`  … still ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
    }, heartbeatMs);
    // A SIGTERM to us alone (CI timeout) would leave npm writing into a cache dir that the next
    // run wipes; take the child down with us. The exit handlers then release the install lock.
    const onSignal = (sig) => {
      child.kill('SIGTERM');
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const done = (err, code) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      clearInterval(beat);
      out.end(() => {
        if (!err && code === 0) return resolvePromise();
        let tail = '';
        try {
          tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        } catch {}
        reject(new Error(`${label} failed (${err ? err.message : `exit ${code}`}); log: ${logFile}\n${tail}`));
      });
    };
    child.on('error', (e) => done(e));
    child.on('close', (code) => done(null, code));
  });
}

/** Runs a short command, inheriting stdio, resolving with its exit code. */
export function runInherit(cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', (e) => {
      process.stderr.write(`failed to start ${cmd}: ${e.message}\n`);
      resolvePromise(127);
    });
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 + 15 : 1)));
  });
}

export function which(name, pathVar = process.env.PATH || '') {
  for (const dir of pathVar.split(':')) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}
