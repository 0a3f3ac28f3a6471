// The form's HTML. The state goes in as JSON, and the script writes values with textContent /
// value only (see webviewPage.ts).
import type { FormState } from '../protocol/mappingMessages';
import { renderWebviewPage } from '../webviewPage';

export interface MappingEditorHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this render (see `createNonce`). */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The document version the initial state belongs to. */
  version: number;
  state: FormState;
}

/** Renders the form's page. */
export function renderMappingEditorHtml(input: MappingEditorHtmlInput): string {
  return renderWebviewPage({
    cspSource: input.cspSource,
    nonce: input.nonce,
    scriptUri: input.scriptUri,
    styleUri: input.styleUri,
    title: `Mapping Matrix — ${input.state.fileName}`,
    loading: 'Loading the mapping matrix…',
    initial: { version: input.version, state: input.state },
  });
}
