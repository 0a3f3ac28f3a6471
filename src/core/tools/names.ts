// The agent tools' names (F8), with no dependency: the extension registers them at activation and
// loads the tools themselves on first use.

/** The five tools, as MCP clients name them; VS Code's names add {@link LANGUAGE_MODEL_TOOL_PREFIX}. */
export const AGENT_TOOL_NAMES = ['list_plans', 'get_plan', 'lint_plan', 'get_agent_brief', 'check_task'] as const;
export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];

/** VS Code's tool names are shared by every extension: ours carry the extension's prefix. */
export const LANGUAGE_MODEL_TOOL_PREFIX = 'connectorPlaybook_';

/** The tools that change a plan: refused in an untrusted workspace or a read-only server. */
export const WRITING_TOOLS: readonly AgentToolName[] = ['check_task'];
