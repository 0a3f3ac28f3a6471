// Headless Chromium (Debian's, driven by playwright-core) pointed at a code-server workbench.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * @param {object} [o]
 * @param {string} [o.homeDir]  HOME / XDG dirs for Chromium. Its crash reporter and dconf write
 *   into ~/.config/chromium and ~/.cache/dconf otherwise, i.e. into the real user's home.
 */
export async function launchChromium({ headless = process.env.HEADED !== '1', homeDir } = {}) {
  // Never let Playwright fetch a browser of its own; we only have Debian's.
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const { chromium } = require('playwright-core');
  const home = homeDir ?? mkdtempSync(join(tmpdir(), 'cpb-chromium-'));
  for (const d of ['.config', '.cache', '.local/share']) mkdirSync(join(home, d), { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
  };
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS, env });
  if (!homeDir) browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
  return browser;
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
