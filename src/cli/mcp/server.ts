// `connector-playbook mcp`: the agent tools over MCP's stdio transport, built on the official SDK.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Readable, Writable } from 'node:stream';
import { AGENT_TOOLS, WRITING_TOOLS, inputJsonSchema, runAgentTool } from '../../core/tools';
import { RootPlans } from './rootPlans';

export interface McpServerOptions {
  /** The root folder's real path. */
  root: string;
  readOnly: boolean;
  version: string;
  stdin: Readable;
  stdout: Writable;
  /** Where the server says what went wrong (stdout carries the protocol). */
  stderr: (text: string) => void;
}

/**
 * The largest message the server reads (the SDK's default is 10 MiB): a 10 MB argument is read and
 * refused by the tool's schema with a message; past this the SDK closes the connection.
 */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

const INSTRUCTIONS =
  'Connector rollout plans (markdown, one per connector) and the agent waves that carry them out. Start with list_plans, read a plan with get_plan, take a wave\'s brief with get_agent_brief, and tick a task with check_task once it is done, passing the id and text get_plan gave.';

/** Serves the agent tools on the plans of `root` until the client closes standard input. */
export async function serveMcp(options: McpServerOptions): Promise<void> {
  const port = new RootPlans(options.root);
  const server = new Server({ name: 'connector-playbook', title: 'Connector Playbook', version: options.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: AGENT_TOOLS.map((tool) => {
      const writes = WRITING_TOOLS.includes(tool.name);
      return {
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: inputJsonSchema(tool) as { type: 'object'; properties?: Record<string, object> },
        annotations: { title: tool.title, readOnlyHint: !writes, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      };
    }),
  }));
  const readOnly = options.readOnly ? 'this server runs with --read-only: its tools only read.' : undefined;
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const outcome = await runAgentTool(request.params.name, request.params.arguments, port, { readOnly });
    return outcome.ok ? { content: [{ type: 'text' as const, text: outcome.text }] } : { content: [{ type: 'text' as const, text: outcome.message }], isError: true };
  });
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    options.stdin.once('end', () => resolve());
    options.stdin.once('close', () => resolve());
  });
  server.onerror = (error) => options.stderr(`connector-playbook mcp: ${error.message.split('\n')[0]}\n`);
  await server.connect(new StdioServerTransport(options.stdin, options.stdout, { maxBufferSize: MAX_MESSAGE_BYTES }));
  await closed;
  await server.close().catch(() => undefined);
}
