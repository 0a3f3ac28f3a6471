import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { ExitCode, UsageError, VERSION } from './io';

export const MCP_USAGE = 'usage: connector-playbook mcp [--root DIR] [--read-only]';


/** `connector-playbook mcp`: an MCP server over stdio with the agent tools (F8) on the plans under a root folder. */
export async function mcpCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { root: { type: 'string' }, 'read-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(`${MCP_USAGE}\n`);
    return ExitCode.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"; ${MCP_USAGE}`);
  const root = resolve(io.cwd, values.root ?? '.');
  let realRoot: string;
  try {
    if (!statSync(root).isDirectory()) throw new UsageError(`--root ${values.root}: not a folder`);
    realRoot = realpathSync(root);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--root ${values.root ?? '.'}: no such folder`);
  }
  // Standard output carries the protocol: everything else goes to standard error.
  io.stderr(`connector-playbook mcp: the plans under ${realRoot}${values['read-only'] ? ', read-only' : ''}, over stdio\n`);
  const { serveMcp } = await import('./mcp/server');
  await serveMcp({ root: realRoot, readOnly: values['read-only'] === true, version: VERSION, stdin: process.stdin, stdout: process.stdout, stderr: io.stderr });
  return ExitCode.ok;
}
