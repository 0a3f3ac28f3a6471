import * as vscode from 'vscode';
import { Commands } from '../constants';
import { AGENT_TOOL_NAMES, LANGUAGE_MODEL_TOOL_PREFIX } from '../core/tools/names';
import type { AgentToolName } from '../core/tools/names';
import type { PlanStore } from '../plans/planStore';
import type { LanguageModelTools } from './languageModelTools';
import { registerMcpServerProvider } from './mcpServerProvider';

/** The agent features as the extension's API gives them (integration tests, other extensions). */
export interface AgentsApi {
  /** The language-model tools as registered, by VS Code name: the objects VS Code calls. */
  tools: ReadonlyMap<string, vscode.LanguageModelTool<object>>;
  /** The MCP servers offered to VS Code now. */
  mcpServerDefinitions(): vscode.McpStdioServerDefinition[];
}

/**
 * Agents work the plan (F8): the agent tools as language-model tools (their code loaded on first
 * call), the MCP server offered to VS Code, and the brief commands of the Plans view.
 */
export function registerAgents(context: vscode.ExtensionContext, plans: PlanStore): vscode.Disposable & { agents: AgentsApi } {
  let loading: Promise<LanguageModelTools> | undefined;
  const load = () => (loading ??= import('./languageModelTools').then((m) => new m.LanguageModelTools(plans)));
  const tools = new Map<string, vscode.LanguageModelTool<object>>();
  const disposables: vscode.Disposable[] = [];
  for (const name of AGENT_TOOL_NAMES) {
    const tool: vscode.LanguageModelTool<object> = {
      prepareInvocation: async (options) => (await load()).prepare(name as AgentToolName, options.input),
      invoke: async (options) => (await load()).invoke(name as AgentToolName, options.input),
    };
    tools.set(LANGUAGE_MODEL_TOOL_PREFIX + name, tool);
    disposables.push(vscode.lm.registerTool(LANGUAGE_MODEL_TOOL_PREFIX + name, tool));
  }
  const mcp = registerMcpServerProvider(context);
  disposables.push(
    mcp,
    vscode.commands.registerCommand(Commands.copyAgentBrief, async (node?: unknown) => (await import('./briefCommands')).copyAgentBrief(plans, node)),
    vscode.commands.registerCommand(Commands.openAgentBriefInChat, async (node?: unknown) => (await import('./briefCommands')).openAgentBriefInChat(plans, node)),
  );
  return Object.assign(vscode.Disposable.from(...disposables), { agents: { tools, mcpServerDefinitions: () => mcp.definitions() } });
}
