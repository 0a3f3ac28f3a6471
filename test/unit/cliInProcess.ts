// The CLI run in this process, as a test sees it: its exit code and everything it printed.
import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `connector-playbook ARGV…` in `cwd`, with an empty stdin. */
export async function runCliIn(cwd: string, argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, readStdin: async () => '' });
  return { code, stdout, stderr };
}
