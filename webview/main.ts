// The mapping-matrix form's entry point: reads the initial state, says `ready`, queues the user's
// changes one at a time and shows every state the extension sends. Holds view state only; the
// document is the source of truth.
import { FormStateSchema, parseExtensionMessage } from '../src/protocol/mappingMessages';
import type { ExtensionMessage, FormChange, FormState, WebviewMessage } from '../src/protocol/mappingMessages';
import { EditQueue } from './editQueue';
import { applyLocally, findingsAfter } from './localModel';
import { MappingForm } from './mappingForm';
import { registerToolkit } from './toolkit';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  focus?: { row: number; column: number };
}

function readInitial(): { version: number; state: FormState } | undefined {
  try {
    const raw = JSON.parse(document.getElementById('initial-state')?.textContent ?? 'null') as { version?: unknown; state?: unknown } | null;
    const state = FormStateSchema.safeParse(raw?.state);
    if (!state.success || typeof raw?.version !== 'number') return undefined;
    return { version: raw.version, state: state.data };
  } catch {
    return undefined;
  }
}

function start(): void {
  const vscode = acquireVsCodeApi();
  registerToolkit();
  const root = document.getElementById('app')!;
  const initial = readInitial();
  let shown: FormState | undefined = initial?.state;
  let data = shown?.data;
  let findings = shown?.findings ?? [];
  const queue = new EditQueue((request) => vscode.postMessage(request), initial?.version ?? -1);

  const form = new MappingForm(root, {
    change(change: FormChange) {
      if (!shown || !data) return;
      data = applyLocally(data, change);
      findings = findingsAfter(findings, change);
      form.render(shown, data, findings);
      queue.push(change);
    },
    openText(row) {
      vscode.postMessage(row === undefined ? { type: 'openText' } : { type: 'openText', row });
    },
  });

  const show = (state: FormState) => {
    shown = state;
    data = state.data;
    findings = state.findings;
    form.render(state);
  };

  if (initial) show(initial.state);
  const saved = vscode.getState() as ViewState | undefined;
  if (saved?.focus) form.focusCell(saved.focus.row, saved.focus.column);
  document.addEventListener('focusin', () => vscode.setState({ focus: form.focusState() } satisfies ViewState));

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseExtensionMessage(event.data);
    if (!parsed.ok) return;
    handle(parsed.message);
  });

  function handle(message: ExtensionMessage): void {
    switch (message.type) {
      case 'state': {
        const dropping = queue.waiting;
        if (queue.accept(message.version)) {
          show(message.state);
          if (dropping > 0 && queue.idle && message.reason !== 'edit') form.showNotice('The plan changed before the form was in sync; your last change was not applied.', 'warning');
        }
        return;
      }
      case 'editResult':
        if (!queue.settle(message)) return;
        if (message.ok) form.clearNotice();
        else form.showNotice(message.message ?? 'The change was not applied.', message.stale ? 'warning' : 'error');
        return;
      case 'notice':
        form.showNotice(message.message, message.level);
        return;
    }
  }

  // Report what breaks the page's policy (it should be nothing) to the developer console.
  document.addEventListener('securitypolicyviolation', (event) => console.warn(`CSP: ${event.violatedDirective} blocked ${event.blockedURI || 'inline content'}`));
  vscode.postMessage({ type: 'ready' });
}

start();
