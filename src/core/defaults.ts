// The playbook's defaults, which a workspace's .connector-playbook.yaml may change (F6).

/** The file name of the workspace configuration (F6). */
export const CONFIG_FILE_NAME = '.connector-playbook.yaml';

/** The playbook's agent roster (§5). */
export const DEFAULT_AGENTS = ['schema-sync', 'api-integration', 'analytics', 'ui-ops'] as const;
/** The playbook's wave sequencing (§5): each stage starts once the earlier ones are stable. */
export const DEFAULT_WAVE_SEQUENCING: readonly (readonly string[])[] = [['schema-sync', 'analytics'], ['api-integration'], ['ui-ops']];
export const DEFAULT_DOCS_FOLDER = 'src/docs';
export const DEFAULT_PLAN_GLOB = '**/*-ROLLOUT-PLAN.md';
