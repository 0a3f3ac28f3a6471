// The playbook's "Ready For Review" gate (§6): six criteria, each pass, fail or confirm (a person
// must say so), read from the plan and from the results of the configured lint and build commands.
// Running those commands is the caller's (Node only); this file only reads their outcomes.
import type { Finding } from './findings';
import { normalizeLabel } from './labels';
import type { Field, PlanModel } from './plan';
import { PLAYBOOK_TEXT } from './playbook';
import { readGateItems } from './playbookGuide';
import type { ListedItem } from './phases';
import { itemsUnder, readPlanPhases } from './phases';
import { lineAt } from './source';

/** The criteria's ids, in the playbook's order. */
export const GATE_CRITERION_IDS = ['lint-clean', 'build-compiles', 'sync-edge-cases', 'mapping-remap', 'docs-match', 'open-questions'] as const;
export type GateCriterionId = (typeof GATE_CRITERION_IDS)[number];
export type GateState = 'pass' | 'fail' | 'confirm';

/** One criterion's outcome. */
export interface GateCriterion {
  id: GateCriterionId;
  /** The playbook's words: `Lint clean for connector files`. */
  title: string;
  state: GateState;
  /** One line: why. */
  reason: string;
  /** The plan's line it points at (0-based), when it points at one. */
  line?: number;
}

export interface GateResult {
  criteria: GateCriterion[];
}

/** What became of a configured command. */
export type GateCommandOutcome =
  | { kind: 'exited'; command: string; exitCode: number | null; signal?: string | null }
  | { kind: 'timed-out'; command: string; seconds: number }
  | { kind: 'failed-to-start'; command: string; message: string }
  /** Not run, and why: untrusted workspace, `--no-run`, no process in a web or virtual workspace. */
  | { kind: 'not-run'; command: string; reason: string };

export interface GateInput {
  /** The plan's findings under its settings (lintPlan). */
  findings: readonly Finding[];
  /** The commands `.connector-playbook.yaml` configures (`gate.lint`, `gate.build`). */
  configured: { lint?: string | undefined; build?: string | undefined };
  /** Their outcomes, when they were run (or deliberately not). */
  outcomes?: { lint?: GateCommandOutcome | undefined; build?: GateCommandOutcome | undefined };
  playbookText?: string;
  /**
   * Leave out the confirmations the front matter records (`review.confirmed`), which otherwise
   * count as passes while the plan is ready-for-review or go: marking a plan asks for them afresh.
   */
  ignoreRecorded?: boolean;
}

/** Where the gate's commands would run, as the editor knows it. */
export interface GateRunPlace {
  trusted: boolean;
  /** A Node process is at hand (not VS Code for the Web's worker). */
  hasProcess: boolean;
  /** The workspace folder's URI scheme; undefined when the plan is in no folder. */
  folderScheme: string | undefined;
}

/** Why the gate's commands cannot run there, or undefined when they can: only trusted, on disk, with Node. */
export function gateRunBlocker(place: GateRunPlace): string | undefined {
  if (!place.trusted) return 'the workspace is not trusted';
  if (!place.hasProcess) return 'no process can run in VS Code for the Web';
  if (place.folderScheme === undefined) return 'the plan is not in a workspace folder';
  if (place.folderScheme !== 'file') return `the workspace is virtual (${place.folderScheme}), so no process can run`;
  return undefined;
}

/** Whether a gate lets a plan through: nothing fails, and with `strict` nothing is left to confirm. */
export function gateReady(result: GateResult, strict = false): boolean {
  return result.criteria.every((c) => c.state === 'pass' || (c.state === 'confirm' && !strict));
}

/** Checks a plan against §6's gate, in the playbook's order. */
export function evaluateGate(model: PlanModel, input: GateInput): GateResult {
  const items = readGateItems(input.playbookText ?? PLAYBOOK_TEXT);
  const title = (index: number) => items[index] ?? GATE_CRITERION_IDS[index]!;
  const outcomes = input.outcomes ?? {};
  const criteria: GateCriterion[] = [
    { id: 'lint-clean', title: title(0), ...lintClean(input.findings, input.configured.lint, outcomes.lint) },
    { id: 'build-compiles', title: title(1), ...commandCriterion('build', input.configured.build, outcomes.build) },
    { id: 'sync-edge-cases', title: title(2), ...syncEdgeCases(model) },
    { id: 'mapping-remap', title: title(3), ...mappingRemap(model) },
    { id: 'docs-match', title: title(4), ...docsMatch(model) },
    { id: 'open-questions', title: title(5), ...openQuestions(model) },
  ];
  const recorded = input.ignoreRecorded ? undefined : recordedConfirmations(model);
  if (!recorded) return { criteria };
  // What a person confirmed when the plan was marked stands in for the confirmation; a failure never does.
  return { criteria: criteria.map((c) => (c.state === 'confirm' && recorded.ids.includes(c.id) ? { id: c.id, title: c.title, state: 'pass', reason: `Confirmed by hand${recorded.date ? ` on ${recorded.date}` : ''} (review in the front matter).` } : c)) };
}

/** The confirmations the front matter records, while the plan is ready-for-review or go. */
function recordedConfirmations(model: PlanModel): { ids: string[]; date: string | undefined } | undefined {
  const fm = model.frontMatter;
  if (!fm?.data || (fm.status !== 'ready-for-review' && fm.status !== 'go')) return undefined;
  const review = fm.data.review;
  if (typeof review !== 'object' || review === null || Array.isArray(review)) return undefined;
  const { confirmed, date } = review as { confirmed?: unknown; date?: unknown };
  if (!Array.isArray(confirmed)) return undefined;
  return { ids: confirmed.filter((id): id is string => typeof id === 'string'), date: typeof date === 'string' ? date : undefined };
}

type Outcome = Pick<GateCriterion, 'state' | 'reason' | 'line'>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quote(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}\``;
}

// A configured command's part: pass when it exited 0, fail otherwise, confirm when it did not run.
// The outcome comes first, the command last: a narrow view cuts the end of a reason.
function commandCriterion(key: 'lint' | 'build', command: string | undefined, outcome: GateCommandOutcome | undefined): Outcome {
  const name = `gate.${key}`;
  if (!command) return { state: 'confirm', reason: `No ${key} command is configured (${name} in .connector-playbook.yaml): confirm it by hand.` };
  if (!outcome) return { state: 'confirm', reason: `${name} has not run: check again to run it, or confirm it by hand.` };
  switch (outcome.kind) {
    case 'exited':
      if (outcome.exitCode === 0) return { state: 'pass', reason: `${name} exited 0: ${quote(command)}.` };
      return { state: 'fail', reason: `${name} ${outcome.exitCode === null ? `was stopped (${outcome.signal ?? 'signal'})` : `exited ${outcome.exitCode}`}, see its output: ${quote(command)}.` };
    case 'timed-out':
      return { state: 'fail', reason: `${name} did not finish within ${outcome.seconds} s (gate.timeoutSeconds) and was stopped: ${quote(command)}.` };
    case 'failed-to-start':
      return { state: 'fail', reason: `${name} could not start (${outcome.message.split('\n')[0]}): ${quote(command)}.` };
    case 'not-run':
      return { state: 'confirm', reason: `${name} was not run (${outcome.reason}): confirm it by hand.` };
  }
}

// The plan's own findings at warning or error fail it; unchecked go/no-go items are the move to go's concern.
function lintClean(findings: readonly Finding[], command: string | undefined, outcome: GateCommandOutcome | undefined): Outcome {
  const problems = findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.rule !== 'go-no-go-unchecked');
  const fromCommand = commandCriterion('lint', command, outcome);
  if (problems.length === 0) {
    return fromCommand.state === 'confirm' && !command
      ? { state: 'confirm', reason: 'The plan has no warnings or errors; no lint command is configured (gate.lint in .connector-playbook.yaml): confirm the connector files lint clean.' }
      : fromCommand;
  }
  const errors = problems.filter((f) => f.severity === 'error').length;
  const counts = [errors ? plural(errors, 'error') : '', problems.length - errors ? plural(problems.length - errors, 'warning') : ''].filter(Boolean).join(' and ');
  const first = problems[0]!;
  const also = fromCommand.state === 'fail' ? `; ${fromCommand.reason}` : '';
  return { state: 'fail', reason: `The plan has ${counts}, the first on line ${first.range.start.line + 1} (${first.rule})${also || '.'}`, line: first.range.start.line };
}

const EDGE_CASES: { name: string; pattern: RegExp }[] = [
  { name: 'restart', pattern: /\b(?:restart\w*|resum\w*|crash\w*|recover\w*)\b/i },
  { name: 'overlap', pattern: /\b(?:overlap\w*|concurren\w*|parallel|double[- ]run\w*|two runs)\b/i },
  { name: 'page-cap', pattern: /\bpage[- ]?(?:caps?|limits?|cap(?:ped)?)\b|\bpagination (?:cap|limit)s?\b|\bmax(?:imum)? pages\b/i },
];

// Phase 2's Validation tests: every edge case named passes, one named by an open task fails.
function syncEdgeCases(model: PlanModel): Outcome {
  const phases = readPlanPhases(model);
  const phase = phases.find((p) => p.blueprint?.number === 2) ?? phases.find((p) => p.number === 2);
  if (!phase) return { state: 'confirm', reason: 'The plan has no Phase 2 (Sync Engine) in section E: confirm the sync engine was tested for restart, overlap and page-cap.' };
  const field = phase.validationTests;
  const items: ListedItem[] = phase.kind === 'field' ? phase.deliverableItems : phase.validationItems;
  const line = field?.line ?? phase.line;
  if (items.length === 0) return { state: 'fail', reason: `Phase ${phase.number}'s validation tests are empty: list the restart, overlap and page-cap cases.`, line };
  const missing = EDGE_CASES.filter((c) => !items.some((item) => c.pattern.test(item.text))).map((c) => c.name);
  if (missing.length) return { state: 'fail', reason: `Phase ${phase.number}'s validation tests do not name ${missing.join(', ')} (of restart, overlap and page-cap).`, line };
  const open = EDGE_CASES.flatMap((c) => items.filter((item) => item.checked === false && c.pattern.test(item.text)).map((item) => ({ name: c.name, item })));
  if (open.length) {
    return { state: 'fail', reason: `The ${[...new Set(open.map((o) => o.name))].join(', ')} test${open.length === 1 ? ' is' : 's are'} not checked yet (line ${open[0]!.item.line + 1}).`, line: open[0]!.item.line };
  }
  return { state: 'pass', reason: `Phase ${phase.number}'s validation tests name the restart, overlap and page-cap cases.`, line };
}

// Section I's item on mappings being validated.
function mappingRemap(model: PlanModel): Outcome {
  const item = model.tasks.find((t) => t.sectionKey === 'I' && /\bmappings?\b/i.test(t.text));
  if (!item) return { state: 'confirm', reason: 'Section I has no go/no-go item on mappings: confirm remap paths were validated (no stale attribution).' };
  if (!item.checked) return { state: 'fail', reason: `The go/no-go item "${item.text}" is not checked.`, line: item.line };
  return { state: 'pass', reason: `The go/no-go item "${item.text}" is checked.`, line: item.line };
}

// The plan cannot show that the docs match the code: a person confirms it, shown the scopes it lists.
function docsMatch(model: PlanModel): Outcome {
  const scopes = model.fields.find((f) => f.sectionKey === 'H' && /scopes|permissions/.test(normalizeLabel(f.label)));
  return {
    state: 'confirm',
    reason: 'Confirm the docs reflect the actual routes, methods and scopes (no drift).',
    ...(scopes ? { line: scopes.line } : {}),
  };
}

const NOT_AN_ANSWER = /^(?:tbd|tba|todo|n\/?a|none|nothing|-+|\?+|…|\.\.\.)\.?$/i;

function isReal(text: string): boolean {
  const bare = text.replace(/\{[^{}]*\}/g, '').replace(/[*_`]/g, '').trim();
  return bare.length > 0 && !NOT_AN_ANSWER.test(bare) && !/\{[^{}]*\}/.test(text);
}

// Section J must hold a real question and a real assumption: not empty, not a placeholder, not "TBD".
function openQuestions(model: PlanModel): Outcome {
  const section = model.sections.find((s) => s.key === 'J');
  if (!section) return { state: 'fail', reason: 'Section J) Open Questions and Assumptions is missing.' };
  const fields = model.fields.filter((f) => f.line > section.heading.line && f.line < section.endLine && f.depth === 0);
  const isAssumption = (f: Field) => /assum/.test(normalizeLabel(f.label));
  const real = (f: Field) => itemsUnder(model, f).some((item) => isReal(item.text));
  const questions = fields.filter((f) => !isAssumption(f));
  const assumptions = fields.filter(isAssumption);
  const hasQuestion = questions.some(real) || hasRealPlainItem(model, section.heading.line + 1, section.endLine);
  const hasAssumption = assumptions.some(real);
  const line = section.heading.line;
  if (hasQuestion && hasAssumption) return { state: 'pass', reason: 'Section J holds open questions and assumptions.', line };
  const firstEmpty = (list: Field[]) => list.find((f) => !real(f))?.line;
  if (!hasQuestion) return { state: 'fail', reason: 'Section J holds no open question yet (empty, a placeholder or "TBD").', line: firstEmpty(questions) ?? line };
  return { state: 'fail', reason: 'Section J states no assumption yet ("Assumptions made:" is empty).', line: firstEmpty(assumptions) ?? line };
}

// A question may be written as a plain list item (`- Which pipeline counts as renewals?`).
function hasRealPlainItem(model: PlanModel, from: number, to: number): boolean {
  const fieldLines = new Set(model.fields.map((f) => f.line));
  for (let line = from; line < to; line++) {
    if (fieldLines.has(line)) continue;
    const match = /^\s*[-*+]\s+(.*\S)/.exec(lineAt(model.source, line));
    if (match && /\?/.test(match[1]!) && isReal(match[1]!)) return true;
  }
  return false;
}

/** The gate as read, not run: its configured commands are reported as not run (agents, the dashboard, the report). */
export function readGateWithoutRunning(model: PlanModel, findings: readonly Finding[], configured: { lint?: string | undefined; build?: string | undefined }): { ready: boolean; criteria: GateCriterion[] } {
  const reason = 'read without running the commands; run `connector-playbook gate` or Connector: Check Ready for Review';
  const notRun = (command: string | undefined): GateCommandOutcome | undefined => (command ? { kind: 'not-run', command, reason } : undefined);
  const result = evaluateGate(model, { findings, configured, outcomes: { lint: notRun(configured.lint), build: notRun(configured.build) } });
  return { ready: gateReady(result), criteria: result.criteria };
}
