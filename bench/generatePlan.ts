// Builds realistic rollout plans of a given size from the template: every section filled, a long
// mapping matrix, many phases and waves with nested tasks, some placeholders, code and prose.
import { DEFAULT_TEMPLATE_TEXT } from '../src/core/template';

const SYSTEMS = ['Slack', 'HubSpot', 'Close', 'Notion', 'Zendesk', 'Intercom', 'Salesforce', 'Jira'];
const AGENTS = ['`schema-sync`', '`analytics`', '`api-integration`', '`ui-ops`'];

// A small deterministic generator so every run benchmarks the same text.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sectionOf(template: string, letter: string): string {
  const start = template.indexOf(`## ${letter})`);
  const next = template.indexOf('\n## ', start + 1);
  return template.slice(start, next < 0 ? template.length : next + 1);
}

/** A plan of about `lines` lines, about 45 bytes a line like a real one. */
export function generatePlan(lines: number, seed = 1): string {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const system = pick(SYSTEMS);
  const out: string[] = [];
  const push = (...texts: string[]) => {
    for (const t of texts) out.push(...t.split('\n'));
  };
  push('---', 'kind: connector-rollout-plan', 'status: ready-for-review', '---', `# ${system} Connector Rollout Plan`, '');
  push('## A) Business Goal',
    `- Why this connector exists: teams track ${system} activity by hand and lose a day a week to it.`,
    '- Decisions/metrics this should unlock: response time, weekly active contacts, churn signals.',
    '- Success in the next 2-4 weeks: hourly sync of the top accounts with a verified metric card.', '');
  push('## B) Source Model', `- External system: ${system}`, '- Authentication model: OAuth 2.0 with refresh tokens',
    '- Plan/tier constraints: 100 requests per 10 seconds; 90 days of history on the free tier', '- Data pull mode: incremental', '');
  push(sectionOf(DEFAULT_TEMPLATE_TEXT, 'C').trimEnd(), '');
  // Each unit below is about 58 lines; the mapping matrix and later sections grow with the size.
  const units = Math.max(1, Math.floor((lines - 110) / 58));
  push('## D) Mapping Rules + Cardinality',
    '| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |',
    '|---|---|---|---|---|---|');
  for (let k = 0; k < units * 4; k++) {
    const one = rnd() < 0.5;
    push(`| Link ${k} for ${pick(['owners', 'contacts', 'deals', 'channels'])} | \`${system.toLowerCase()}_${k}\` | \`id_${k}\` \\| alt | \`${pick(['staff', 'partners', 'tenants'])}\` | ${one ? '1:1' : '1:N'} | ${one ? 'DB partial unique' : 'app'} |`);
  }
  push('', '- onConflict strategy: `DO UPDATE SET entity_id = EXCLUDED.entity_id`', '- Required metadata per mapping: `matched_by`, `confidence`, `matched_at`', '');
  push('## E) Delivery Phases');
  for (let k = 1; k <= units * 2; k++) {
    push(`### Phase ${k}: ${pick(['Connection + Mapping', 'Sync Engine', 'Analytics', 'Operational Readiness'])}`,
      `- Scope: ${pick(['OAuth install flow and test-connection', 'backfill then incremental pulls', 'derived tables and recompute'])} for part ${k}.`,
      '- Deliverables:',
      '  - migration and sync state table with a `watermark` column',
      '  - endpoints validated with zod, retried with backoff on 429',
      `- Validation tests: ${rnd() < 0.1 ? '{validation tests}' : 'resume after a killed worker without duplicates'}`,
      '  and a second line that continues the paragraph about the tests.',
      '');
    if (k % 5 === 0) push('```ts', `const cursor = { since: '{watermark}', page: ${k} };`, '```', '');
  }
  push('## F) Agent-Team Plan');
  for (let k = 1; k <= units * 2; k++) {
    push(`### Wave ${k}`, `- Agent: ${pick(AGENTS)}${rnd() < 0.3 ? `, ${pick(AGENTS)}` : ''}`, '- Tasks:');
    for (let t = 0; t < 6; t++) push(`  - [${rnd() < 0.6 ? 'x' : ' '}] ${pick(['Migration for sync state', 'Watermark and lease logic', 'Mapping endpoint', 'Status view', 'Recompute job'])} ${k}.${t}`);
    push(`- Blocks/unblocks: ${k > 1 ? `blocked by Wave ${k - 1}; ` : ''}unblocks Wave ${k + 1}`, '');
  }
  push('## G) Risks + Mitigations');
  for (let k = 1; k <= units * 6; k++) push(`- Risk ${k}: ${pick(['rate limits stall the backfill', 'emails differ between systems', 'webhooks arrive out of order'])}; mitigation: ${pick(['token bucket', 'manual mapping queue', 'idempotent upserts'])}.`);
  push('');
  push(sectionOf(DEFAULT_TEMPLATE_TEXT, 'H').trimEnd().replace(/:$/gm, ': done by the owner'), '');
  push(sectionOf(DEFAULT_TEMPLATE_TEXT, 'I').trimEnd(), '');
  push('## J) Open Questions and Assumptions');
  for (let k = 1; k <= units * 8; k++) push(`- Q${k}: ${rnd() < 0.05 ? '' : 'Do we count reactions as responses? No.'}`);
  // Fill up to the size asked for with more questions, then close the plan.
  for (let k = units * 8 + 1; out.length < lines - 1; k++) push(`- Q${k}: Are archived ${system} records exported? Yes.`);
  push('- Assumptions made: bot messages never count.');
  return `${out.join('\n')}\n`;
}
