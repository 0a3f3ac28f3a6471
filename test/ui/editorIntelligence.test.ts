// Editor intelligence as a person sees it, in the light and the dark theme: the completion list on a
// cardinality cell, the hover on a wave reference, and the markdown preview with its status banner
// and wave badges. Screenshots in .test-artifacts/screenshots/editor-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, REPO_ROOT, type Workbench } from './workbench';

const PLAN_PATH = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const ROW = '| Secondary | companies | id | accounts | {1:1/1:N} | app |';
const plan = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'waves', 'HUBSPOT-ROLLOUT-PLAN.md'), 'utf8').replace('| Secondary | companies | id | accounts | 1:N | app |', ROW);
const lines = plan.split('\n');

/** The 1-based line and column of a text in the plan (plus an offset into it). */
function place(text: string, offset = 0): { line: number; column: number } {
  const line = lines.findIndex((l) => l.includes(text));
  assert.ok(line >= 0, text);
  return { line: line + 1, column: lines[line]!.indexOf(text) + offset + 1 };
}

/** The preview's document, inside the webview's two nested iframes. */
function previewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

describe('UI: editor intelligence on a plan (light and dark)', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({
      files: { [PLAN_PATH]: plan },
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, '[markdown]': { 'editor.wordWrap': 'off' }, 'files.autoSave': 'off' },
      viewport: { width: 1400, height: 900 },
    });
    await wb.openFile(PLAN_PATH);
    await wb.waitForActivation();
    // The store is ready once the status bar shows the plan's go/no-go.
    await wb.page.locator('.statusbar-item:has-text("2/5")').first().waitFor({ timeout: 30_000 });
    // Room for the plan and its preview side by side.
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  });

  after(async () => {
    await wb?.close();
  });

  /** Puts the cursor at a line and column of the plan's editor (Go to Line/Column). */
  async function goTo(at: { line: number; column: number }): Promise<void> {
    const page = wb!.page;
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .monaco-editor').first().click({ position: { x: 200, y: 10 } });
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${at.line}:${at.column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  async function completionOnCardinality(theme: string): Promise<void> {
    const page = wb!.page;
    await goTo(place('{1:1/1:N}', 1));
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.locator('.monaco-list-row[aria-label*="1:N"]').first().waitFor({ timeout: 20_000 });
    const rows = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.deepEqual(rows.filter((r) => /^1:[1N]$/.test(r)).sort(), ['1:1', '1:N'], `rows: ${rows.join(', ')}`);
    // Ctrl+Space again shows the selected item's documentation beside the list (VS Code keeps that choice).
    const details = page.locator('.suggest-details-container .suggest-details:has-text("One external record")').first();
    if (!(await details.isVisible())) {
      await page.keyboard.press('Control+Space');
      await details.waitFor({ timeout: 10_000 });
      // Shown for the first time, the pane is as high as the list: opened again, it fits its text.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
    }
    await details.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    const file = await wb!.screenshot(`editor-completion-cardinality-${theme}`);
    assert.ok(fs.statSync(file).size > 20_000);
    await page.keyboard.press('Escape');
  }

  async function hoverOnWaveReference(theme: string): Promise<void> {
    const page = wb!.page;
    await goTo(place('unblocks Wave 2', 'unblocks Wa'.length));
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // The link's own tooltip ("Go to Wave 2: API") shows in the same hover, above or below ours.
    const hover = page.locator('.monaco-hover:has-text("Blocked by")').first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Wave 2: API — blocked/);
    assert.match(text, /0\/2 tasks done · agents: api-integration/);
    assert.match(text, /Blocked by: Wave 1: Foundations \(3\/5 done\), by Blocks\/unblocks/);
    await wb!.screenshot(`editor-hover-wave-${theme}`);
    await page.keyboard.press('Escape');
  }

  async function previewWithBanner(theme: string): Promise<void> {
    const page = wb!.page;
    const preview = previewFrame(page);
    if (!(await page.locator('iframe.webview.ready').count())) await wb!.runCommand('Markdown: Open Preview to the Side');
    const banner = preview.locator('.connector-playbook-banner');
    // The plugin's code loads with the first preview, which is then rendered again.
    await banner.waitFor({ timeout: 30_000 });
    const bannerText = (await banner.innerText()).replace(/\s+/g, ' ');
    assert.match(bannerText, /ready-for-review Go\/No-Go 2\/5 Tasks 3\/9 \d+ problems? \(/);
    await preview.locator('h1').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await wb!.screenshot(`editor-preview-banner-${theme}`);
    const badges = preview.locator('.connector-playbook-badge');
    assert.deepEqual(await badges.allInnerTexts(), ['3/5', '0/2 · blocked', '0/2 · blocked']);
    await preview.locator('h3:has-text("Wave 2: API")').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await wb!.screenshot(`editor-preview-badges-${theme}`);
  }

  it('light: the completion list on a cardinality cell', async () => {
    await completionOnCardinality('light');
  });

  it('light: the hover on a wave reference', async () => {
    await hoverOnWaveReference('light');
  });

  it('light: the preview with its banner and wave badges', async () => {
    await previewWithBanner('light');
  });

  it('dark: the same three', async () => {
    const page = wb!.page;
    await wb!.colorTheme('Dark Modern');
    await page.keyboard.press('Control+1');
    await completionOnCardinality('dark');
    await hoverOnWaveReference('dark');
    await previewWithBanner('dark');
  });
});
