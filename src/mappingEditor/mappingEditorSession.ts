import * as vscode from 'vscode';
import { locateMappingFindings } from '../core/mappingData';
import type { MappingData } from '../core/mappingData';
import { editMappingMatrix } from '../core/mappingEdit';
import { toWorkspaceEdit } from '../plans/convert';
import { firstInvalidUtf8Line } from '../core/utf8';
import type { PlanStore } from '../plans/planStore';
import { parseWebviewMessage } from '../protocol/mappingMessages';
import type { ExtensionMessage, FormState, WebviewMessage } from '../protocol/mappingMessages';

/** The part of a webview a session talks to (a `vscode.Webview` is one). */
export interface WebviewPort {
  postMessage(message: unknown): Thenable<boolean>;
  readonly onDidReceiveMessage: vscode.Event<unknown>;
}

type StateReason = Extract<ExtensionMessage, { type: 'state' }>['reason'];

const EMPTY_DATA: MappingData = {
  status: 'noSection',
  sectionLine: null,
  tableStartLine: null,
  tableEndLine: null,
  columns: [],
  rows: [],
  fields: {
    onConflict: { label: 'onConflict strategy', value: '', present: false, multiline: false, line: null },
    requiredMetadata: { label: 'Required metadata per mapping', value: '', present: false, multiline: false, line: null },
  },
};

/** What the form shows for a document version, from the shared parse and the linter's findings. */
function formStateOf(document: vscode.TextDocument, plans: PlanStore): FormState {
  const fileName = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  const plan = plans.plan(document);
  if (!plan) return { fileName, data: EMPTY_DATA, findings: [], unavailable: vscode.l10n.t('{0} is too large for the form; edit section D in the text editor.', fileName) };
  return { fileName, data: plan.mapping, findings: locateMappingFindings(plan.model, plan.mapping, plan.findings) };
}

/**
 * One open form over one document: applies the form's changes as WorkspaceEdits (one per change,
 * so one undo step each), one at a time, refuses changes made against an older version, and
 * sends the form a fresh state when the text changes anywhere else.
 */
export class MappingEditorSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** The document version of the last state sent to the form. */
  private sentVersion: number | undefined;
  private disposed = false;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly port: WebviewPort,
    private readonly plans: PlanStore,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.disposables.push(
      // One listener per panel, for its whole life (not per render).
      port.onDidReceiveMessage((raw) => this.receive(raw)),
      plans.onDidChange((change) => {
        if (!change.uris) this.push('settings');
        // Its own edits were sent as they were applied; a change of any other origin is sent now.
        else if (change.uris.some((uri) => uri.toString() === this.document.uri.toString()) && this.document.version !== this.sentVersion) this.push('external');
      }),
    );
  }

  /** The document version the form was last told about is always the live one. */
  state(): FormState {
    return formStateOf(this.document, this.plans);
  }

  /** Sends the current state now (the panel became visible, or the form asked). */
  push(reason: StateReason): void {
    if (this.disposed) return;
    this.sentVersion = this.document.version;
    this.post({ type: 'state', version: this.document.version, reason, state: this.state() });
  }

  private post(message: ExtensionMessage): void {
    if (this.disposed) return;
    this.port.postMessage(message).then(undefined, (error: unknown) => this.log(`posting to the form failed: ${String(error)}`));
  }

  /** Handles one message from the webview; never throws. */
  receive(raw: unknown): void {
    try {
      const parsed = parseWebviewMessage(raw);
      if (!parsed.ok) {
        this.log(`ignored a message from the form: ${parsed.error}`);
        this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('The form sent a message that was ignored ({0}).', parsed.error) });
        const id = requestIdOf(raw);
        if (id !== undefined) this.post({ type: 'editResult', id, ok: false, version: this.document.version, message: parsed.error });
        return;
      }
      this.handle(parsed.message);
    } catch (error) {
      this.log(`error handling a message from the form: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('The form could not handle that change; the plan was not modified.') });
    }
  }

  private handle(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.push('sync');
        return;
      case 'edit':
        // Serialised: each edit is checked against the version the previous one left.
        this.queue = this.queue.then(() => this.applyEdit(message)).catch((error: unknown) => {
          this.log(`applying a form edit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          this.post({ type: 'editResult', id: message.id, ok: false, version: this.document.version, message: vscode.l10n.t('The change could not be applied.') });
          this.push('refused');
        });
        return;
      case 'openText':
        void this.openText(message.row);
        return;
    }
  }

  /** Resolves when every edit received so far has been handled (for tests and disposal). */
  whenIdle(): Promise<void> {
    return this.queue;
  }

  private async applyEdit(message: Extract<WebviewMessage, { type: 'edit' }>): Promise<void> {
    const document = this.document;
    if (this.disposed || document.isClosed) return;
    if (message.version !== document.version) {
      this.post({
        type: 'editResult',
        id: message.id,
        ok: false,
        stale: true,
        version: document.version,
        message: vscode.l10n.t('The plan changed in the meantime, so your last change was not applied. The form now shows the current plan; make the change again if it is still needed.'),
      });
      this.push('refused');
      return;
    }
    const plan = this.plans.plan(document);
    if (!plan) {
      this.post({ type: 'editResult', id: message.id, ok: false, version: document.version, message: vscode.l10n.t('The plan is too large for the form.') });
      return;
    }
    const encoding = await invalidBytesProblem(document, plan.model.source.text);
    if (encoding) {
      this.post({ type: 'editResult', id: message.id, ok: false, version: document.version, message: encoding });
      this.push('refused');
      return;
    }
    const result = editMappingMatrix(plan.model, [message.change], { template: plan.settings.template });
    if (!result.ok) {
      this.post({ type: 'editResult', id: message.id, ok: false, version: document.version, message: result.message });
      this.push('refused');
      return;
    }
    if (result.edits.length === 0) {
      this.post({ type: 'editResult', id: message.id, ok: true, version: document.version });
      return;
    }
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document.uri, result.edits));
    if (!applied) {
      this.post({ type: 'editResult', id: message.id, ok: false, version: document.version, message: vscode.l10n.t('VS Code did not apply the change (is the file read-only?).') });
      this.push('refused');
      return;
    }
    this.post({ type: 'editResult', id: message.id, ok: true, version: document.version });
    this.push('edit');
  }

  private async openText(row: number | undefined): Promise<void> {
    const data = this.state().data;
    const line = (row !== undefined ? data.rows[row]?.line : undefined) ?? data.tableStartLine ?? data.sectionLine ?? 0;
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    const position = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.disposed = true;
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * Why a form edit must not be made: the file holds bytes that are not UTF-8, which VS Code shows as
 * U+FFFD and would write as EF BF BD on the next save, outside the table as well as in it.
 */
async function invalidBytesProblem(document: vscode.TextDocument, text: string): Promise<string | undefined> {
  if (!text.includes('\uFFFD') || !/^utf8(bom)?$/.test(document.encoding) || document.uri.scheme === 'untitled') return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(document.uri);
  } catch {
    return undefined;
  }
  const line = firstInvalidUtf8Line(bytes);
  if (line === undefined) return undefined;
  // The character goes in as an argument: l10n-dev's export misreads a \u escape in a message.
  return vscode.l10n.t('Line {0} of the plan holds bytes that are not valid UTF-8 (shown as {1}); saving after a form edit would replace them. Fix them, or reopen the file with its encoding (Reopen with Encoding), then edit the table.', line + 1, '\uFFFD');
}

function requestIdOf(raw: unknown): number | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}
