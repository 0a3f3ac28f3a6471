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

declare const __VERSION__: string | undefined;
/** The package's version, as the build defines it. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

/** The one PLAN argument of a command that reads one plan. */
export function onePlan(positionals: readonly string[], usage: string): string {
  if (positionals.length === 0) throw new UsageError(`no PLAN given; ${usage}`);
  if (positionals.length > 1) throw new UsageError(`one PLAN at a time, not ${positionals.length}; ${usage}`);
  return positionals[0]!;
}
