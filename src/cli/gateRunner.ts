// Runs the gate's configured commands (`gate.lint`, `gate.build`) for the CLI and the extension:
// Node only (child_process), so it stays out of core, which reads only the outcomes.
import { spawn } from 'node:child_process';
import type { GateCommandOutcome } from '../core/gate';

export interface GateRunOptions {
  /** The folder the commands run from (the workspace folder, or the configuration file's). */
  cwd: string;
  /** Only a trusted workspace runs commands. */
  trusted: boolean;
  timeoutSeconds: number;
  /** Each piece of the commands' output, stdout and stderr alike, as it comes. */
  onOutput?(text: string): void;
  /** Stops a running command (the user cancelled). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** How long a stopped command has to exit before it is killed. */
const KILL_GRACE_MS = 2000;

/** Runs one command through the shell; resolves with its outcome, never rejects. */
export function runGateCommand(command: string, options: GateRunOptions): Promise<GateCommandOutcome> {
  if (!options.trusted) return Promise.resolve({ kind: 'not-run', command, reason: 'the workspace is not trusted' });
  if (options.signal?.aborted) return Promise.resolve({ kind: 'not-run', command, reason: 'cancelled' });
  return new Promise((resolve) => {
    const output = options.onOutput ?? (() => undefined);
    output(`$ ${command}\n`);
    let child: ReturnType<typeof spawn>;
    try {
      // Its own process group (POSIX), so that a timeout stops what the shell started too.
      child = spawn(command, { cwd: options.cwd, shell: true, detached: process.platform !== 'win32', env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      resolve({ kind: 'failed-to-start', command, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    let settled = false;
    let timedOut = false;
    let cancelled = false;
    const finish = (outcome: GateCommandOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const stop = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const halt = () => {
      stop('SIGTERM');
      killTimer = setTimeout(() => stop('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      output(`\n[stopped: no result within ${options.timeoutSeconds} s]\n`);
      halt();
    }, Math.max(1, options.timeoutSeconds * 1000));
    const onAbort = () => {
      cancelled = true;
      output('\n[cancelled]\n');
      halt();
    };
    options.signal?.addEventListener('abort', onAbort);
    // Decoded as streams, so that a character split between two chunks stays whole.
    child.stdout?.setEncoding('utf8').on('data', (text: string) => output(text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => output(text));
    child.on('error', (error) => finish({ kind: 'failed-to-start', command, message: error.message }));
    child.on('close', (code, signal) => {
      if (timedOut) finish({ kind: 'timed-out', command, seconds: options.timeoutSeconds });
      else if (cancelled) finish({ kind: 'not-run', command, reason: 'cancelled' });
      else {
        output(`[exit ${code ?? signal}]\n`);
        finish({ kind: 'exited', command, exitCode: code, signal });
      }
    });
  });
}

/** The gate's commands as configured, run one after the other (lint, then build). */
export async function runGateCommands(
  configured: { lint?: string | undefined; build?: string | undefined },
  options: GateRunOptions,
): Promise<{ lint?: GateCommandOutcome; build?: GateCommandOutcome }> {
  const outcomes: { lint?: GateCommandOutcome; build?: GateCommandOutcome } = {};
  if (configured.lint) outcomes.lint = await runGateCommand(configured.lint, options);
  if (configured.build) outcomes.build = await runGateCommand(configured.build, options);
  return outcomes;
}
