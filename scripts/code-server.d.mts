// Types for TypeScript callers (test/ui/workbench.ts); the implementation is plain ESM.
import type { VscodeInstall } from './ensure-vscode.mjs';

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** 127.0.0.1:PORT, the vscode-remote authority */
  authority: string;
  pid: number;
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  folder?: string;
  exited: Promise<number | string | null>;
  /** True once stop() or killNow() was called. */
  readonly stopping: boolean;
  output(): string;
  stop(): Promise<void>;
  killNow(): void;
}

export interface StartCodeServerOptions {
  folder?: string;
  install?: VscodeInstall;
  port?: number;
  preferredPort?: number;
  runDir?: string;
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  settingsMode?: 'always' | 'ifMissing';
  extraArgs?: string[];
  env?: Record<string, string>;
  keepRunDir?: boolean;
  quiet?: boolean;
}

export const QUIET_SETTINGS: Record<string, unknown>;
export function freePort(host?: string): Promise<number>;
export function isPortFree(port: number, host?: string): Promise<boolean>;
export function makeRunDir(prefix?: string): string;
export function sweepStaleRunDirs(base?: string): void;
export function startCodeServer(options?: StartCodeServerOptions): Promise<CodeServer>;
