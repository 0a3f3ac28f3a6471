// The dashboard's HTML. The page is made before the plans are read: it says so, and its rows come
// as a message. The script writes values with textContent / setAttribute only (see webviewPage.ts).
import { renderWebviewPage } from '../webviewPage';

export interface DashboardHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this render. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
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
    initial: { selected: input.selected },
  });
}
