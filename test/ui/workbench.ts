// UI-test helper: a real VS Code workbench (code-server) in headless Chromium, on a throwaway copy
// of a folder, with this repository loaded as the extension under development.
//
//   const wb = await openWorkbench({ files: { 'demo-ROLLOUT-PLAN.md': text } });
//   await wb.openFile('demo-ROLLOUT-PLAN.md');
//   await wb.runCommand('Connector: Edit Mapping Matrix');
//   await wb.screenshot('mapping-matrix');
//   await wb.close();
//
// Runs under plain Node (mocha + tsx), not inside VS Code: see scripts/test.mjs (`ui` tier).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CodeServer } from '../../scripts/code-server.mjs';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = process.env.CONNECTOR_PLAYBOOK_SCREENSHOTS ?? path.join(REPO_ROOT, '.test-artifacts', 'screenshots');
export const EXTENSION_ID = 'connector-playbook.connector-playbook';
/** The default folder: almost empty (a README), so each test writes exactly the files it needs. */
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
/** The sample plans users see with `npm start`; pass as `folder` to test against them. */
export const EXAMPLES_WORKSPACE = path.join(REPO_ROOT, 'examples');

export interface OpenWorkbenchOptions {
  /** Folder to copy and open. Default: FIXTURE_WORKSPACE (test/fixtures/workspace), whatever
   *  examples/ holds at the time, so UI tests do not change behaviour when the samples do. */
  folder?: string;
  /** Extra files written into the copy before the workbench opens (relative path → content). */
  files?: Record<string, string>;
  /** User settings on top of the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Load this repository as the extension under development (default true; needs a build in dist/). */
  loadExtension?: boolean;
  viewport?: { width: number; height: number };
  /** Wait until the extension host reports 'Eager extensions activated' (default true), so the
   *  first screenshot already shows contributed views and status bar items. */
  waitForExtensionHost?: boolean;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The throwaway copy that is open in the workbench; tests may read and write it. */
  workspaceDir: string;
  url: string;
  /** Saves .test-artifacts/screenshots/NAME.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Runs a command by its palette label, e.g. 'Connector: New Rollout Plan…' (category included). */
  runCommand(title: string, options?: { timeoutMs?: number }): Promise<void>;
  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
  openFile(relPath: string, options?: { timeoutMs?: number }): Promise<void>;
  /** Picks a color theme through Preferences: Color Theme and waits until the workbench wears it. */
  colorTheme(name: 'Dark Modern' | 'Light Modern'): Promise<void>;
  /** Messages in the notification centre (headless, toasts do not always pop up). */
  notifications(): Promise<string[]>;
  /** The remote extension host's log (activation, errors, extension warnings). */
  extensionHostLog(): string;
  /** Resolves once the extension host log shows the extension was activated. */
  waitForActivation(extensionId?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Harness = {
  ensure: typeof import('../../scripts/ensure-vscode.mjs');
  codeServer: typeof import('../../scripts/code-server.mjs');
  browser: typeof import('../../scripts/lib/browser.mjs');
  workspace: typeof import('../../scripts/lib/workspace.mjs');
};

let harness: Promise<Harness> | undefined;

// The harness is ESM (.mjs) and this file runs as CommonJS under tsx, so it is loaded with
// import() rather than require().
function loadHarness(): Promise<Harness> {
  harness ??= (async () => ({
    ensure: await import('../../scripts/ensure-vscode.mjs'),
    codeServer: await import('../../scripts/code-server.mjs'),
    browser: await import('../../scripts/lib/browser.mjs'),
    workspace: await import('../../scripts/lib/workspace.mjs'),
  }))();
  return harness;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export async function openWorkbench(options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const h = await loadHarness();
  const install = await h.ensure.ensureVscode();
  const loadExtension = options.loadExtension ?? true;
  if (loadExtension && !fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension', 'extension.mjs'))) {
    throw new Error('dist/extension/extension.mjs is missing: build first (node esbuild.config.mjs)');
  }
  const runDir = h.codeServer.makeRunDir();
  const workspaceDir = h.workspace.copyWorkspace(path.resolve(REPO_ROOT, options.folder ?? FIXTURE_WORKSPACE), runDir, options.files);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.CONNECTOR_PLAYBOOK_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    server = await h.codeServer.startCodeServer({ install, folder: workspaceDir, runDir, settings: options.settings, quiet: true });
    browser = await h.browser.launchChromium({ homeDir: path.join(runDir, 'chromium') });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    // Only extensionDevelopmentPath, no extensionTestsPath: the workbench stays open for the test
    // to drive, and the extension is loaded from source like under F5.
    const url = h.browser.workbenchUrl(server, { folder: workspaceDir, ...(loadExtension ? { extensionDevelopmentPath: REPO_ROOT } : {}) });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    const wb = makeWorkbench(page, browser, server, workspaceDir, url, cleanup);
    if (options.waitForExtensionHost ?? true) await waitForLog(wb, 'Eager extensions activated', 60_000);
    return wb;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function waitForLog(wb: Workbench, needle: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (wb.extensionHostLog().includes(needle)) return;
    await sleep(250);
  }
  throw new Error(`the extension host log did not show "${needle}" within ${timeoutMs} ms (logs: ${wb.server.userDataDir}/logs)`);
}

function makeWorkbench(page: Page, browser: Browser, server: CodeServer, workspaceDir: string, url: string, cleanup: () => Promise<void>): Workbench {
  const quickInput = page.locator('.quick-input-widget');
  const quickInputBox = quickInput.locator('input.input');
  const rows = quickInput.locator('.quick-input-list .monaco-list-row');

  async function rowLabels(): Promise<string[]> {
    return rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  async function closeQuickInput(): Promise<void> {
    if (await quickInput.isVisible()) {
      await page.keyboard.press('Escape');
      await quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    }
  }

  const wb: Workbench = {
    page,
    browser,
    server,
    workspaceDir,
    url,

    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    async runCommand(title, { timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      // The palette does not refresh when an extension registers commands after it opened, so
      // close, reopen and retype until the row shows up.
      const row = rows.and(page.locator(`[aria-label=${cssString(title)}], [aria-label^=${cssString(`${title},`)}]`)).first();
      let seen: string[] = [];
      while (Date.now() < deadline) {
        await closeQuickInput();
        await page.keyboard.press('F1');
        await quickInputBox.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
        if (await quickInputBox.isVisible()) {
          await quickInputBox.fill(`>${title}`);
          try {
            await row.waitFor({ state: 'visible', timeout: 2_000 });
            await row.click();
            await quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
            return;
          } catch {
            seen = await rowLabels();
          }
        }
        await sleep(500);
      }
      await closeQuickInput();
      throw new Error(`command "${title}" did not appear in the command palette within ${timeoutMs} ms; rows shown: ${JSON.stringify(seen)}`);
    },

    async openFile(relPath, { timeoutMs = 30_000 } = {}) {
      const name = path.basename(relPath);
      const dir = path.dirname(relPath).split(path.sep).join('/');
      const deadline = Date.now() + timeoutMs;
      // Rows read "NAME DIR, file results" (or "NAME, file results" at the root): match the
      // directory too, so a same-named file elsewhere is never picked.
      const label = dir === '.' ? name : `${name} ${dir}`;
      const row = rows.and(page.locator(`[aria-label^=${cssString(`${label},`)}], [aria-label=${cssString(label)}]`)).first();
      const tab = page.locator(`.tabs-container .tab.active[aria-label^=${cssString(name)}]`);
      let seen: string[] = [];
      while (Date.now() < deadline) {
        await closeQuickInput();
        await page.keyboard.press('Control+P');
        await quickInputBox.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
        if (await quickInputBox.isVisible()) {
          // The relative path ranks the exact file first even when several share a name; the
          // file index of a just-copied workspace can lag, hence the retries.
          await quickInputBox.fill(relPath);
          try {
            await row.waitFor({ state: 'visible', timeout: 3_000 });
            await row.click();
            await tab.waitFor({ state: 'visible', timeout: 10_000 });
            return;
          } catch {
            seen = await rowLabels().catch(() => []);
          }
        }
        await sleep(500);
      }
      await closeQuickInput();
      throw new Error(`could not open ${relPath} via Quick Open within ${timeoutMs} ms; rows shown: ${JSON.stringify(seen)}`);
    },

    async colorTheme(name) {
      await wb.runCommand('Preferences: Color Theme');
      await quickInputBox.fill(name);
      await rows.and(page.locator(`[aria-label^=${cssString(name)}]`)).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
      await page.locator(name === 'Dark Modern' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    },

    async notifications() {
      await wb.runCommand('Notifications: Show Notifications');
      const items = page.locator('.notifications-center .notification-list-item-message');
      await sleep(300);
      const texts = await items.allInnerTexts();
      await page.keyboard.press('Escape');
      return texts;
    },

    extensionHostLog() {
      const logsDir = path.join(server.userDataDir, 'logs');
      if (!fs.existsSync(logsDir)) return '';
      return fs
        .readdirSync(logsDir, { recursive: true })
        .map(String)
        .filter((f) => /exthost\d*[\\/]remoteexthost\.log$/.test(f))
        .sort()
        .map((f) => fs.readFileSync(path.join(logsDir, f), 'utf8'))
        .join('\n');
    },

    async waitForActivation(extensionId = EXTENSION_ID, timeoutMs = 30_000) {
      await waitForLog(wb, `_doActivateExtension ${extensionId},`, timeoutMs);
    },

    close: cleanup,
  };
  return wb;
}

/** What the Running Extensions editor shows for one extension, e.g. `Connector Playbook … 12ms`. */
export async function runningExtensionRow(wb: Workbench, name: RegExp): Promise<string> {
  await wb.runCommand('Developer: Show Running Extensions');
  const rows = wb.page.locator('.monaco-list-row').filter({ hasText: /Activation/ });
  await rows.first().waitFor({ timeout: 30_000 });
  // The list draws only the rows in view: scroll through it until the extension's row shows.
  for (let page = 0; page < 20; page++) {
    const row = rows.filter({ hasText: name }).first();
    if (await row.isVisible()) return (await row.innerText()).replace(/\s+/g, ' ').trim();
    await rows.first().hover();
    await wb.page.mouse.wheel(0, 400);
    await wb.page.waitForTimeout(200);
  }
  throw new Error(`no row for ${name} in Running Extensions`);
}
