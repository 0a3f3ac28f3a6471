// What the playbook asks for in each section of the template and in each of its fields, in its own
// words (quotes are checked against the playbook's text by a unit test). The agent ownership (§5
// table) and the phase blueprint (§4) are the playbook feature's hovers, not repeated here.
import { normalizeLabel } from '../labels';
import type { SectionKey } from '../sections';

/** A passage of the playbook, quoted word for word, and the section it comes from. */
export interface PlaybookQuote {
  section: string;
  text: string;
}

export interface Guidance {
  /** What to write there, in a sentence. */
  asks: string;
  quotes: readonly PlaybookQuote[];
}

const HOW_TO = '§1 How To Use This';
const KICKOFF = '§2 Connector Kickoff Template';
const MATRIX = '§3 Mapping Design Matrix';
const BLUEPRINT = '§4 Phase Blueprint';
const TEAM = '§5 Agent Team Composition';
const GATE = '§6 "Ready For Review" Gate';
const PROMPT = '§7 Fast-Start Prompt';

export const SECTION_GUIDANCE: Readonly<Record<SectionKey, Guidance>> = {
  A: {
    asks: 'Why the connector exists, the decisions or metrics it unlocks, and what success looks like in the next 2–4 weeks.',
    quotes: [{ section: KICKOFF, text: 'What "success" looks like in 2-4 weeks:' }],
  },
  B: {
    asks: 'The external system, how it authenticates, the limits of its plan or tier, and how data is pulled from it.',
    quotes: [
      { section: KICKOFF, text: 'Auth model: {bot token / OAuth / API key / service account}' },
      { section: KICKOFF, text: 'Pull style: {incremental, full snapshot, hybrid}' },
    ],
  },
  C: {
    asks: 'Every point where an external record meets an internal one, as `external field -> internal entity + key`.',
    quotes: [{ section: KICKOFF, text: 'Linking point 1: {external field} -> {internal entity + key}' }],
  },
  D: {
    asks: 'The mapping design matrix: one row per mapping with its source, external ID, internal entity, cardinality (`1:1` or `1:N`) and where it is enforced; then the onConflict strategy and the metadata every mapping keeps.',
    quotes: [
      { section: MATRIX, text: 'Use this to avoid ambiguity on "what maps to what".' },
      { section: MATRIX, text: 'Use DB constraints for invariants that must never drift (true 1:1).' },
      { section: MATRIX, text: 'Use app logic for flexible mappings (1:N, evolving ownership).' },
    ],
  },
  E: {
    asks: 'The delivery phases of the standard blueprint (Connection + Mapping, Sync Engine, Analytics, Operational Readiness), each with its scope, deliverables and validation tests.',
    quotes: [{ section: BLUEPRINT, text: 'Phase Blueprint (Standard)' }],
  },
  F: {
    asks: 'The work split into waves of agents: for each wave its agents, its tasks as `[ ]` items, and the waves it waits for or unblocks.',
    quotes: [
      { section: TEAM, text: 'Use this split unless the connector is very small:' },
      { section: PROMPT, text: 'agent-team split with task dependencies' },
    ],
  },
  G: {
    asks: 'The top risks of the rollout, each with its mitigation.',
    quotes: [{ section: KICKOFF, text: 'Risk 1 + mitigation:' }],
  },
  H: {
    asks: 'What the owner sets up by hand: the external app, its permissions and scopes, secrets and env vars, the migrations to apply and the first smoke test.',
    quotes: [{ section: BLUEPRINT, text: 'App setup checklist (scopes/env vars)' }],
  },
  I: {
    asks: 'The checklist that must be fully checked before the rollout goes. An open item is information while the plan is a draft, a warning in ready-for-review and an error in go.',
    quotes: [{ section: BLUEPRINT, text: 'Go/no-go criteria' }],
  },
  J: {
    asks: 'The questions still open, and the assumptions the plan makes until they are answered.',
    quotes: [{ section: GATE, text: 'Rollout plan includes open questions and explicit follow-ups' }],
  },
};

const FIELD_GUIDANCE: ReadonlyMap<string, Guidance> = new Map<string, Guidance>([
  ['why this connector exists', { asks: 'The problem the connector solves, for whom.', quotes: [{ section: KICKOFF, text: 'Why this connector exists:' }] }],
  ['decisions/metrics this should unlock', { asks: 'The decisions or metrics that become possible once the data is in.', quotes: [{ section: KICKOFF, text: 'What decisions/metrics it should unlock:' }] }],
  ['success in the next 2-4 weeks', { asks: 'What must be true in 2–4 weeks for the rollout to count as a success.', quotes: [{ section: KICKOFF, text: 'What "success" looks like in 2-4 weeks:' }] }],
  ['external system', { asks: 'The system the data comes from, with its product or edition.', quotes: [{ section: KICKOFF, text: 'External system: {e.g., Slack, HubSpot, Close, Notion}' }] }],
  ['authentication model', { asks: 'How the connector authenticates.', quotes: [{ section: KICKOFF, text: 'Auth model: {bot token / OAuth / API key / service account}' }] }],
  ['plan/tier constraints', { asks: 'The limits of the customer\'s plan or API tier that shape the sync.', quotes: [{ section: KICKOFF, text: 'Plan limits known: {API tiers, retention windows, scope limits}' }] }],
  ['data pull mode', { asks: 'How data is pulled: one of the template\'s options.', quotes: [{ section: KICKOFF, text: 'Pull style: {incremental, full snapshot, hybrid}' }] }],
  ['link', { asks: 'One linking point: the external field, and the internal entity and key it meets.', quotes: [{ section: KICKOFF, text: 'Linking point 1: {external field} -> {internal entity + key}' }] }],
  ['onconflict strategy', { asks: 'What happens when two records claim the same mapping (keep the newest, keep a manual mapping, refuse …).', quotes: [{ section: KICKOFF, text: 'onConflict strategy:' }] }],
  ['required metadata per mapping', { asks: 'The metadata every mapping keeps (who mapped it, when, with what confidence …).', quotes: [{ section: KICKOFF, text: 'Required metadata fields:' }] }],
  ['scope', { asks: 'What this phase covers, and what it leaves out.', quotes: [] }],
  ['deliverables', { asks: 'What this phase ships: code, endpoints, tables, docs.', quotes: [] }],
  ['validation tests', { asks: 'How this phase is shown to work before the next one starts.', quotes: [] }],
  ['agent', { asks: 'The agents of this wave, from the roster, e.g. `schema-sync` + `analytics`.', quotes: [{ section: TEAM, text: '`schema-sync` + `analytics` start first.' }] }],
  ['tasks', { asks: 'The wave\'s work as `[ ]` items under the field; a checked `[x]` item is done.', quotes: [{ section: HOW_TO, text: 'Use Section 5 to split work into agent tasks.' }] }],
  ['blocks/unblocks', { asks: 'The waves this one waits for or unblocks, e.g. `blocked by Wave 1; unblocks Wave 3`.', quotes: [{ section: PROMPT, text: 'agent-team split with task dependencies' }] }],
  ['risk', { asks: 'One risk and its mitigation.', quotes: [{ section: KICKOFF, text: 'Risk 1 + mitigation:' }] }],
  ['external app creation', { asks: 'The app the owner creates in the external system, and where.', quotes: [{ section: BLUEPRINT, text: 'App setup checklist (scopes/env vars)' }] }],
  ['required permissions/scopes', { asks: 'The permissions or OAuth scopes the app needs, no more.', quotes: [{ section: BLUEPRINT, text: 'App setup checklist (scopes/env vars)' }] }],
  ['secrets/env vars (.env.local + deployment)', { asks: 'The secrets and environment variables to set, locally and in the deployment.', quotes: [{ section: BLUEPRINT, text: 'App setup checklist (scopes/env vars)' }] }],
  ['migration files to apply', { asks: 'The migrations the owner applies, in order.', quotes: [] }],
  ['first smoke-test sequence', { asks: 'The first end-to-end check against the live source, step by step.', quotes: [{ section: BLUEPRINT, text: 'Integration smoke tests against live source' }] }],
  ['question', { asks: 'A question still open, and who answers it.', quotes: [{ section: GATE, text: 'Rollout plan includes open questions and explicit follow-ups' }] }],
  ['assumptions made', { asks: 'What the plan assumes until the open questions are answered.', quotes: [] }],
]);

/** Every quote of the playbook this file makes (the unit test checks each against the playbook). */
export function allQuotes(): PlaybookQuote[] {
  return [...Object.values(SECTION_GUIDANCE), ...FIELD_GUIDANCE.values()].flatMap((g) => g.quotes);
}

/** What the playbook asks for in a field, by its label; numbered labels (`Link 2`, `Q3`) share one. */
export function fieldGuidance(label: string): Guidance | undefined {
  const key = normalizeLabel(label);
  if (/^link \d+$/.test(key)) return FIELD_GUIDANCE.get('link');
  if (/^risk \d+$/.test(key)) return FIELD_GUIDANCE.get('risk');
  if (/^q\d+$/.test(key)) return FIELD_GUIDANCE.get('question');
  if (key === 'agents') return FIELD_GUIDANCE.get('agent');
  return FIELD_GUIDANCE.get(key);
}

/** The quotes as markdown lines: `> text` with the section they come from. */
export function quotesMarkdown(quotes: readonly PlaybookQuote[]): string[] {
  return quotes.map((q) => `> ${q.text.replace(/[\\<]/g, '\\$&')} — *playbook ${q.section}*`);
}
