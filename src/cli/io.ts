/** Where a CLI command writes; tests pass buffers, main passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Standard input, for `mapping import … -`. */
  readStdin(): Promise<string>;
}

/** Exit codes of PRODUCT.md F5. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or input error: one line on stderr, exit 2. */
export class UsageError extends Error {}
