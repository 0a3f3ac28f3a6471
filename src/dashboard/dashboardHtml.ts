// The dashboard's HTML. The state goes in as JSON, and the script writes values with
// textContent / setAttribute only (see webviewPage.ts).
import type { DashboardState } from '../protocol/dashboardMessages';
import { renderWebviewPage } from '../webviewPage';

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

/** Renders the dashboard's page. */
export function renderDashboardHtml(input: DashboardHtmlInput): string {
  return renderWebviewPage({
    cspSource: input.cspSource,
    nonce: input.nonce,
    scriptUri: input.scriptUri,
    styleUri: input.styleUri,
    title: 'Rollout Dashboard',
    loading: 'Reading the rollout plans…',
    initial: { generation: input.generation, state: input.state, selected: input.selected },
  });
}
