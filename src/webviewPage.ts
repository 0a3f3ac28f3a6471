// The page both webviews (the mapping form, the dashboard) start from, without a 'vscode' import so
// that unit tests can check the CSP and the escaping. Nothing from a plan is put into markup: the
// initial state goes in as JSON that the page's script reads as text.

/** Escapes text for an HTML attribute or element. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a `<script type="application/json">` element: no `<`, `>`, `&` or line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A nonce of 32 random bytes (base64), from Web Crypto: a fresh one for every render. */
export function createNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The webviews' Content-Security-Policy: nothing but our own script (by nonce), styles and fonts. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; font-src ${cspSource}`;
}

export interface WebviewPageInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce for this render (see `createNonce`). */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The page's title, and what it says until its script has drawn the state. */
  title: string;
  loading: string;
  /** What the script reads from `#initial-state`. */
  initial: unknown;
}

/** Renders a webview's page: our stylesheet, the initial state as JSON, our module script. */
export function renderWebviewPage(input: WebviewPageInput): string {
  const nonce = escapeHtml(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(webviewCsp(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(input.loading)}</p></main>
<script type="application/json" id="initial-state" nonce="${nonce}">${jsonForScript(input.initial)}</script>
<script type="module" nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
