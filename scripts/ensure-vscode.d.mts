// Types for TypeScript callers (test/ui/workbench.ts); the implementation is plain ESM.
export interface VscodeInstall {
  root: string;
  node: string;
  nodePkg: string;
  nodeVersion: string;
  codeServerDir: string;
  codeServerPkg: string;
  codeServerEntry: string;
  codeServerVersion: string;
  chromium: string;
  startDir: string;
  /** Electron executable of a desktop VS Code, when one was found. */
  desktopVscode?: string;
}
export const DEBIAN_PACKAGES: string[];
export const ALLOWED_INSTALL_SCRIPTS: string[];
export function findDesktopVscode(env?: NodeJS.ProcessEnv): string | undefined;
export function ensureVscode(options?: { log?: (...args: unknown[]) => void; root?: string }): Promise<VscodeInstall>;
