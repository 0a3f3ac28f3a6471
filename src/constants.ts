// Every command, view, setting, context-key and rule id in one place; package.json must agree
// (test/unit/metadata.test.ts checks it).

export const EXTENSION_ID = 'connector-playbook.connector-playbook';
export const DIAGNOSTIC_SOURCE = 'connector-playbook';

export const Commands = {
  newPlan: 'connectorPlaybook.newPlan',
  copyFastStartPrompt: 'connectorPlaybook.copyFastStartPrompt',
  addPlaybook: 'connectorPlaybook.addPlaybook',
  editMappingMatrix: 'connectorPlaybook.editMappingMatrix',
  fillPlaceholder: 'connectorPlaybook.fillPlaceholder',
  showPlanProblems: 'connectorPlaybook.showPlanProblems',
  refreshPlans: 'connectorPlaybook.refreshPlans',
  revealPlanLine: 'connectorPlaybook.revealPlanLine',
  checkReadyForReview: 'connectorPlaybook.checkReadyForReview',
  markReadyForReview: 'connectorPlaybook.markReadyForReview',
  setPlanStatus: 'connectorPlaybook.setPlanStatus',
  openFastStartPromptInChat: 'connectorPlaybook.openFastStartPromptInChat',
  showGateOutput: 'connectorPlaybook.showGateOutput',
  copyAgentBrief: 'connectorPlaybook.copyAgentBrief',
  openAgentBriefInChat: 'connectorPlaybook.openAgentBriefInChat',
  openDashboard: 'connectorPlaybook.openDashboard',
} as const;

export const Views = {
  container: 'connectorPlaybook',
  plans: 'connectorPlaybook.plans',
  gate: 'connectorPlaybook.gate',
} as const;

export const CustomEditors = {
  mappingMatrix: 'connectorPlaybook.mappingMatrix',
} as const;

/** MCP server definition providers (contributes.mcpServerDefinitionProviders). */
export const McpServerProviders = {
  plans: 'connectorPlaybook.mcpServers',
} as const;

/** Webview panels (not declared in package.json: a panel's view type is ours alone). */
export const Panels = {
  dashboard: 'connectorPlaybook.dashboard',
} as const;

export const ContextKeys = {
  isPlan: 'connectorPlaybook.isPlan',
  hasPlans: 'connectorPlaybook.hasPlans',
} as const;

export const Settings = {
  section: 'connectorPlaybook',
  docsFolder: 'docsFolder',
  planGlob: 'planGlob',
  run: 'run',
  rules: 'rules',
  debounceMs: 'debounceMs',
} as const;

export const WALKTHROUGH_ID = 'connectorPlaybook.gettingStarted';

/** Where each rule's documentation lives; a diagnostic's code links here. */
export const RULES_DOC_URL = 'https://github.com/connector-playbook/connector-playbook/blob/main/docs/rules.md';
