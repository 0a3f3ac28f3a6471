import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { english } from '../core/schema';
import { Commands } from '../constants';
import {
  AUTH_MODELS,
  CARDINALITY_EXPECTATIONS,
  EXTERNAL_SYSTEMS,
  FIRST_PHASE_PRIORITIES,
  localDate,
  planFileName,
  PULL_MODES,
  scaffoldPlan,
  ScaffoldAnswersSchema,
} from '../core/scaffold';
import type { ScaffoldAnswers } from '../core/scaffold';
import type { TeamSize } from '../core/teamScaffold';
import type { WaveRoster } from '../core/waves';
import { fileExists } from '../plans/planStore';
import type { PlanStore } from '../plans/planStore';
import { chooseWorkspaceFolder, FolderArgumentSchema, displayPath, docsFolderLinkProblem, docsFolderOf, fileInDocsFolder } from './docsFolder';
import type { DocsFolder } from './docsFolder';
import { runSteps, showChoiceStep, showInputBoxStep, showQuickPickStep } from './multiStepInput';
import type { StepOutcome, StepPosition } from './multiStepInput';

/**
 * The answers `connectorPlaybook.newPlan` takes as its argument to skip the input (scripts, tests):
 * the fast-start answers, plus the workspace folder (name, path or URI) and whether to open the plan.
 */
export const NewPlanArgumentSchema = z.extend(ScaffoldAnswersSchema, {
  folder: z.optional(FolderArgumentSchema),
  open: z.optional(z.boolean()),
});
export type NewPlanArgument = z.infer<typeof NewPlanArgumentSchema>;

/** What the command did; returned to a caller of `executeCommand`. */
export type NewPlanResult =
  | { status: 'created'; uri: vscode.Uri }
  | { status: 'exists'; uri: vscode.Uri }
  | { status: 'cancelled' }
  | { status: 'refused'; message: string };

const TITLE = vscode.l10n.t('New Rollout Plan');
const encoder = new TextEncoder();

/** `Connector: New Rollout Plan…` — never throws: problems become messages and a result. */
export async function newPlanCommand(plans: PlanStore, argument?: unknown): Promise<NewPlanResult> {
  try {
    return await newPlan(plans, argument);
  } catch (error) {
    const message = vscode.l10n.t('Connector Playbook: could not create the rollout plan: {0}', error instanceof Error ? error.message : String(error));
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }
}

function refuse(message: string): NewPlanResult {
  void vscode.window.showErrorMessage(vscode.l10n.t('Connector Playbook: {0}', message));
  return { status: 'refused', message };
}

// Menus and links pass no argument (or a URI); only an object with a name is a set of answers.
function isAnswersArgument(argument: unknown): boolean {
  return typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) && 'name' in argument;
}

async function newPlan(plans: PlanStore, argument: unknown): Promise<NewPlanResult> {
  let given: NewPlanArgument | undefined;
  if (isAnswersArgument(argument)) {
    const parsed = NewPlanArgumentSchema.safeParse(argument, english);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return refuse(vscode.l10n.t('invalid answers for {0}: {1}: {2}', Commands.newPlan, issue.path.join('.') || 'argument', issue.message));
    }
    given = parsed.data;
  }
  const folder = await chooseWorkspaceFolder('plan', given?.folder);
  if (!folder.ok) return folder.reason === 'cancelled' ? { status: 'cancelled' } : refuse(folder.message);
  const docs = await docsFolderOf(plans, folder.value);
  if (!docs.ok) return docs.reason === 'cancelled' ? { status: 'cancelled' } : refuse(docs.message);
  const linked = await docsFolderLinkProblem(folder.value, docs.value);
  if (linked) return refuse(linked);

  let answers: ScaffoldAnswers;
  if (given) {
    const { folder: _folder, open: _open, ...rest } = given;
    answers = rest;
  } else {
    const { config } = await plans.settingsOnceReady(folder.value.uri);
    const asked = await askAnswers(docs.value, vscode.workspace.workspaceFolders!.length > 1 ? folder.value.name : undefined, config);
    if (!asked) return { status: 'cancelled' };
    answers = asked;
  }

  // Until the file is written: a new name when the user wants one, never an overwrite.
  for (;;) {
    const named = planFileName(answers.name);
    if (named.error !== undefined) return refuse(named.error);
    const uri = fileInDocsFolder(docs.value, named.fileName);
    if (!uri) return refuse(vscode.l10n.t('the name "{0}" would write outside {1}.', answers.name, docs.value.relative));
    if (await fileExists(uri)) {
      const message = vscode.l10n.t('{0} already exists; it was not replaced.', displayPath(uri));
      if (given) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0}', message), vscode.l10n.t('Open')).then((choice) => (choice ? openPlan(uri) : undefined));
        return { status: 'exists', uri };
      }
      const openExisting = vscode.l10n.t('Open Existing Plan');
      const chooseAnother = vscode.l10n.t('Choose Another Name');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists.', displayPath(uri)),
        { modal: true, detail: vscode.l10n.t('A rollout plan is never replaced. Open the existing plan, or choose another connector name.') },
        openExisting,
        chooseAnother,
      );
      if (choice === openExisting) {
        await openPlan(uri);
        return { status: 'exists', uri };
      }
      if (choice !== chooseAnother) return { status: 'cancelled' };
      const renamed = await askName(docs.value, { title: TITLE, step: 1, totalSteps: 1 }, answers.name);
      if (renamed.outcome !== 'next') return { status: 'cancelled' };
      answers = { ...answers, name: renamed.value };
      continue;
    }

    const settings = await plans.settingsOnceReady(folder.value.uri);
    const { text } = scaffoldPlan(answers, { templateText: settings.template.text, created: localDate(), roster: settings.config });
    // Checked again right before writing: the folders or the file may have appeared while the user answered.
    const linkedNow = await docsFolderLinkProblem(folder.value, docs.value);
    if (linkedNow) return refuse(linkedNow);
    await vscode.workspace.fs.createDirectory(docs.value.uri);
    if (await fileExists(uri)) continue;
    await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
    if (settings.templateError) void vscode.window.showWarningMessage(vscode.l10n.t('Connector Playbook: {0}', settings.templateError));
    if (given?.open !== false) await openPlan(uri);
    return { status: 'created', uri };
  }
}

async function openPlan(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
}

function askName(docs: DocsFolder, position: StepPosition, value: string): Promise<{ outcome: StepOutcome; value: string }> {
  return showInputBoxStep({
    ...position,
    value,
    prompt: vscode.l10n.t('Connector name, e.g. HubSpot: the plan is written to {0}/{CONNECTOR}-ROLLOUT-PLAN.md', docs.relative),
    placeholder: vscode.l10n.t('Connector name (required)'),
    validate: async (name, accepting) => {
      // Not nagging before anything is typed; Enter on an empty name says what is missing.
      if (!name.trim()) return accepting ? vscode.l10n.t('Enter the connector name, e.g. HubSpot.') : undefined;
      const named = planFileName(name);
      if (named.error !== undefined) return named.error;
      const uri = fileInDocsFolder(docs, named.fileName);
      if (!uri) return vscode.l10n.t('This name would write outside {0}.', docs.relative);
      if (await fileExists(uri)) {
        return { message: vscode.l10n.t('{0} already exists: you will be offered to open it or to choose another name.', displayPath(uri)), severity: vscode.InputBoxValidationSeverity.Warning };
      }
      return { message: vscode.l10n.t('Writes {0}', displayPath(uri)), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
}

/** The playbook's fast-start questions (§7), each optional but the name; undefined on Escape. */
async function askAnswers(docs: DocsFolder, folderName: string | undefined, roster: WaveRoster): Promise<ScaffoldAnswers | undefined> {
  const answers: ScaffoldAnswers = { name: '', team: 'standard' };
  const title = folderName ? vscode.l10n.t('New Rollout Plan in {0}', folderName) : TITLE;
  const choice = (key: 'system' | 'auth' | 'pull' | 'cardinality' | 'firstPhase', placeholder: string, choices: readonly string[]) => async (position: StepPosition) => {
    const result = await showQuickPickStep({ ...position, value: answers[key], choices: choices.map((label) => ({ label })), placeholder });
    if (result.outcome === 'next') answers[key] = result.value;
    return result.outcome;
  };
  const text = (key: 'links' | 'scale', prompt: string, placeholder: string) => async (position: StepPosition) => {
    const current = answers[key];
    const result = await showInputBoxStep({ ...position, value: Array.isArray(current) ? current.join('; ') : (current ?? ''), prompt, placeholder });
    if (result.outcome === 'next') answers[key] = result.value.trim() || undefined;
    return result.outcome;
  };
  const completed = await runSteps(
    [
      async (position) => {
        const result = await askName(docs, position, answers.name);
        if (result.outcome === 'next') answers.name = result.value;
        return result.outcome;
      },
      choice('system', vscode.l10n.t('External system: pick one or type its name'), EXTERNAL_SYSTEMS),
      choice('auth', vscode.l10n.t('Authentication model: pick one or type it'), AUTH_MODELS),
      choice('pull', vscode.l10n.t('Data pull mode: pick one or type it'), PULL_MODES),
      text('links', vscode.l10n.t('Linking points, separated by ";" — e.g. user.email -> staff.email; team.id -> partners.id (Enter to leave for later)'), vscode.l10n.t('external field -> internal entity + key; …')),
      choice('cardinality', vscode.l10n.t('Cardinality expectations: 1:1 or 1:N, or type several (1:1, 1:N) or a note'), CARDINALITY_EXPECTATIONS),
      text('scale', vscode.l10n.t('Scale expectations — records, channels, users (Enter to leave for later)'), vscode.l10n.t('e.g. 200 channels, 5k users, 2M messages')),
      choice('firstPhase', vscode.l10n.t('First-phase priority: mapping, sync or analytics'), FIRST_PHASE_PRIORITIES),
      async (position) => {
        const result = await showChoiceStep<TeamSize>({ ...position, value: answers.team ?? 'standard', choices: teamChoices(roster), placeholder: vscode.l10n.t("Team split (playbook §5): the agents and waves of section F") });
        if (result.outcome === 'next') answers.team = result.value;
        return result.outcome;
      },
    ],
    title,
  );
  return completed ? answers : undefined;
}

/** The team step's choices, counted from the roster: the playbook's split unless the connector is very small. */
function teamChoices(roster: WaveRoster): { value: TeamSize; label: string; description: string; detail: string }[] {
  const agents = roster.agents.length;
  // As teamScaffold splits them: the stages that name a roster agent (at least one), then the review.
  const waves = Math.max(1, roster.waveSequencing.filter((stage) => stage.some((a) => roster.agents.includes(a))).length) + 1;
  return [
    {
      value: 'standard',
      label: vscode.l10n.t('standard'),
      description: vscode.l10n.t('{0} agents, {1} waves', agents, waves),
      detail: vscode.l10n.t('Each agent\'s typical tasks in the wave the sequencing starts it in, then a final strict review pass.'),
    },
    {
      value: 'small',
      label: vscode.l10n.t('small connector'),
      description: vscode.l10n.t('one wave'),
      detail: vscode.l10n.t('Every agent\'s tasks and the final review in one wave, for a very small connector.'),
    },
  ];
}
