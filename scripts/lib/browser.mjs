// Headless Chromium (Debian's, driven by playwright-core) pointed at a code-server workbench.
import { createRequire } from 'node:module';
import { chromiumPath } from './cache.mjs';
import { repoRoot } from './util.mjs';

// Resolved from the repository so the harness uses the project's pinned playwright-core.
const require = createRequire(`${repoRoot}/package.json`);

// Flags measured to work headless as root on these machines (see ../shared/REAL-VSCODE.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium({ headless = process.env.HEADED !== '1' } = {}) {
  // Never let Playwright fetch a browser of its own; we only have Debian's.
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS });
}

/**
 * The workbench URL for a folder, optionally with the test payload that the built workbench
 * honours under `--vscode-option enable-smoke-test-driver`: extensionDevelopmentPath loads the
 * extension from source, extensionTestsPath runs a mocha entry inside the extension host.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(folder)}`);
  if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}${q.length ? `?${q.join('&')}` : ''}`;
}
