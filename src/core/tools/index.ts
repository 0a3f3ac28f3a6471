// The agent tools (F8): one table served by the extension's language-model tools and by `connector-playbook mcp`.
export * from './names';
export * from './port';
export * from './schemas';
export * from './taskIds';
export * from './planSummary';
export * from './agentBrief';
export * from './table';
