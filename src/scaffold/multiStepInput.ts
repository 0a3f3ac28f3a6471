// A multi-step input over QuickInput, after vscode-extension-samples' quickinput-sample: a step
// counter, a Back button from the second step on, Escape cancelling the whole flow.
import * as vscode from 'vscode';

export type StepOutcome = 'next' | 'back' | 'cancel';

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

/** Runs steps in order, going back one on Back; false when cancelled. */
export async function runSteps(steps: ((position: StepPosition) => Promise<StepOutcome>)[], title: string): Promise<boolean> {
  let index = 0;
  while (index < steps.length) {
    const outcome = await steps[index]!({ title, step: index + 1, totalSteps: steps.length });
    if (outcome === 'cancel') return false;
    index = outcome === 'back' ? Math.max(0, index - 1) : index + 1;
  }
  return true;
}

type StepInput = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

/** Puts an input at its place in the flow: title, step counter, kept open on focus out, Back from the second step on. */
function placeStep(input: StepInput, position: StepPosition): void {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/**
 * Shows a step's input and resolves with the first result it finishes with: `back()` on Back,
 * `cancel()` when hidden, or what `listen`'s handlers pass to `finish`; then disposes it all.
 */
function runStep<R>(input: StepInput, outcomes: { back: () => R; cancel: () => R }, listen: (finish: (result: R) => void) => vscode.Disposable[]): Promise<R> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: R) => {
      if (done) return;
      done = true;
      resolve(result);
      disposables.forEach((d) => d.dispose());
      input.dispose();
    };
    const disposables = [
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(outcomes.back());
      }),
      ...listen(finish),
      input.onDidHide(() => finish(outcomes.cancel())),
    ];
    input.show();
  });
}

export interface InputBoxStep extends StepPosition {
  value: string;
  prompt: string;
  placeholder?: string;
  /** An error blocks Enter; a warning or information only shows. `accepting` is true on Enter. */
  validate?: (value: string, accepting: boolean) => Promise<string | vscode.InputBoxValidationMessage | undefined> | string | vscode.InputBoxValidationMessage | undefined;
}

/** One free-text step; resolves with the value typed, or how the user left. */
export function showInputBoxStep(options: InputBoxStep): Promise<{ outcome: StepOutcome; value: string }> {
  const input = vscode.window.createInputBox();
  placeStep(input, options);
  input.value = options.value;
  input.prompt = options.prompt;
  input.placeholder = options.placeholder;
  let generation = 0;
  const validate = async (value: string, accepting = false) => {
    const current = ++generation;
    const message = options.validate ? await options.validate(value, accepting) : undefined;
    // Validation may be asynchronous (a file check): only the latest answer counts.
    if (current === generation) input.validationMessage = message;
    return message;
  };
  const result = (outcome: StepOutcome) => ({ outcome, value: input.value });
  const shown = runStep(input, { back: () => result('back'), cancel: () => result('cancel') }, (finish) => [
    input.onDidChangeValue((value) => void validate(value)),
    input.onDidAccept(async () => {
      input.busy = true;
      input.enabled = false;
      const message = await validate(input.value, true);
      input.enabled = true;
      input.busy = false;
      const blocking = typeof message === 'string' || message?.severity === vscode.InputBoxValidationSeverity.Error;
      if (!blocking) finish(result('next'));
    }),
  ]);
  void validate(input.value);
  return shown;
}

export interface QuickPickStep extends StepPosition {
  /** The current answer, to pre-select when coming back; undefined when left for later. */
  value: string | undefined;
  choices: readonly { label: string; description?: string }[];
  placeholder: string;
}

const LATER_LABEL = vscode.l10n.t('$(circle-slash) Leave for later');

/** One choice step that also takes free text; resolves with the choice, or undefined for "later". */
export function showQuickPickStep(options: QuickPickStep): Promise<{ outcome: StepOutcome; value: string | undefined }> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  placeStep(pick, options);
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = false;
  const later: vscode.QuickPickItem = { label: LATER_LABEL, description: vscode.l10n.t('fill it in the plan later') };
  const fixed: vscode.QuickPickItem[] = options.choices.map((c) => ({ label: c.label, description: c.description }));
  const typedItem = (text: string): vscode.QuickPickItem => ({ label: text, description: vscode.l10n.t('use what you typed'), alwaysShow: true });
  const itemsFor = (typed: string): vscode.QuickPickItem[] => {
    const text = typed.trim();
    const known = fixed.some((item) => item.label.toLowerCase() === text.toLowerCase());
    // "Later" comes first so that Enter never picks an answer nobody chose; typed text that is
    // not a choice becomes one, after the choices it matches.
    return text && !known ? [later, ...fixed, typedItem(text)] : [later, ...fixed];
  };
  const previous = options.value;
  if (previous !== undefined && !fixed.some((item) => item.label === previous)) fixed.push({ label: previous, description: vscode.l10n.t('your earlier answer') });
  pick.items = itemsFor('');
  const active = previous === undefined ? undefined : pick.items.find((item) => item.label === previous);
  if (active) pick.activeItems = [active];
  return runStep<{ outcome: StepOutcome; value: string | undefined }>(pick, { back: () => ({ outcome: 'back', value: previous }), cancel: () => ({ outcome: 'cancel', value: undefined }) }, (finish) => [
    pick.onDidChangeValue((value) => {
      pick.items = itemsFor(value);
    }),
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) {
        // Nothing matches and nothing is active: Enter takes the typed text itself.
        const typed = pick.value.trim();
        finish({ outcome: 'next', value: typed || undefined });
        return;
      }
      finish({ outcome: 'next', value: chosen === later || chosen.label === LATER_LABEL ? undefined : chosen.label });
    }),
  ]);
}

export interface ChoiceStep<T extends string> extends StepPosition {
  value: T;
  choices: readonly { value: T; label: string; description?: string; detail?: string }[];
  placeholder: string;
}

/** One step of fixed choices only (no free text, no "later"); the current answer is active, so Enter keeps it. */
export function showChoiceStep<T extends string>(options: ChoiceStep<T>): Promise<{ outcome: StepOutcome; value: T }> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  placeStep(pick, options);
  pick.placeholder = options.placeholder;
  pick.items = options.choices.map((c) => ({ ...c }));
  const active = pick.items.find((item) => item.value === options.value);
  if (active) pick.activeItems = [active];
  return runStep<{ outcome: StepOutcome; value: T }>(pick, { back: () => ({ outcome: 'back', value: options.value }), cancel: () => ({ outcome: 'cancel', value: options.value }) }, (finish) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) finish({ outcome: 'next', value: chosen.value });
    }),
  ]);
}
