import { gateCommand } from './gateCommand';
import { graphCommand } from './graphCommand';
import { lintCommand } from './lintCommand';
import { mappingCommand } from './mappingCommand';
import { mcpCommand } from './mcpCommand';
import { newCommand } from './newCommand';
import { reportCommand } from './reportCommand';
import { wavesCommand } from './wavesCommand';
import type { CliIo } from './io';
import { ExitCode, UsageError } from './io';

const USAGE = `usage: connector-playbook <command> [options]

commands:
  lint [--format text|json|sarif] [--max-warnings N] PATH…   check rollout plans
  new NAME [--system S] [--auth A] [--pull P] [--link L]… [--cardinality C] [--scale S]
           [--first-phase P] [--team standard|small] [--out DIR] [--force]
                                                             scaffold a plan
  mapping export PLAN [--format json|csv]                    print section D's matrix
  mapping import PLAN FILE|- [--format json|csv]            write section D's matrix
  waves PLAN [--format text|json]                            agent-wave progress
  gate PLAN [--format text|json] [--no-run] [--strict]       the Ready-for-Review gate
  mcp [--root DIR] [--read-only]                             MCP server (stdio) with the agent tools
  graph PLAN [--format mermaid|svg]                          the identity graph (sections C and D)
  report [--format markdown|html|json] PATH…                 the rollout dashboard as a file

exit codes: 0 no errors, 1 errors (or too many warnings; for gate: a criterion fails, or with
            --strict one is left to confirm), 2 usage error or unreadable input`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  lint: lintCommand,
  new: newCommand,
  mapping: mappingCommand,
  waves: wavesCommand,
  gate: gateCommand,
  mcp: mcpCommand,
  graph: graphCommand,
  report: reportCommand,
};

/** Runs the CLI in-process; returns the exit code and never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return ExitCode.ok;
  }
  // A usage error is one line on stderr (F5), so scripts see it and stdout stays clean.
  if (!command) {
    io.stderr('connector-playbook: missing command: lint, new, mapping, waves, gate, mcp, graph or report (try --help)\n');
    return ExitCode.usage;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`connector-playbook: unknown command "${command}" (try --help)\n`);
    return ExitCode.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    const message = error instanceof UsageError || isArgError(error) ? (error as Error).message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr(`connector-playbook ${command}: ${message.split('\n')[0]}\n`);
    return ExitCode.usage;
  }
}

function isArgError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS');
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = ExitCode.usage;
    },
  );
}
