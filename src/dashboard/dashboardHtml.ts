// The dashboard's HTML, in one function and without a 'vscode' import so that unit tests can check
// the CSP and the escaping. Nothing from a plan is put into markup: the state goes in as JSON that
// the script reads as text, and the script writes values with textContent / setAttribute only.
import { escapeHtml, jsonForScript, mappingEditorCsp } from '../mappingEditor/mappingEditorHtml';
import type { DashboardState } from '../protocol/dashboardMessages';

export { createNonce } from '../mappingEditor/mappingEditorHtml';

export interface DashboardHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this render. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  generation: number;
  state: DashboardState;
  /** The plan to select when the page opens. */
  selected: string | null;
}

/** The dashboard's Content-Security-Policy: our own script (by nonce), styles and fonts, nothing else. */
export function dashboardCsp(cspSource: string, nonce: string): string {
  return mappingEditorCsp(cspSource, nonce);
}

/** Renders the dashboard's page. */
export function renderDashboardHtml(input: DashboardHtmlInput): string {
  const nonce = escapeHtml(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(dashboardCsp(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>Rollout Dashboard</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Reading the rollout plans…</p></main>
<script type="application/json" id="initial-state" nonce="${nonce}">${jsonForScript({ generation: input.generation, state: input.state, selected: input.selected })}</script>
<script type="module" nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
