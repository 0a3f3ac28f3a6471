// What a person sees of the agent briefs: the Plans view's context menu on a wave and on an agent
// offers Copy Agent Brief and Open Agent Brief in Chat (light and dark), and copying says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { openWorkbench, REPO_ROOT, type Workbench } from './workbench';

const PLAN_PATH = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const plan = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'waves', 'HUBSPOT-ROLLOUT-PLAN.md'), 'utf8');

describe('UI: agent briefs from the Plans view', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({ files: { [PLAN_PATH]: plan }, settings: { 'workbench.colorTheme': 'Default Light Modern' }, viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await wb?.close();
  });

  function plansView(): Locator {
    return wb!.page.locator('.pane:has(.pane-header[aria-label^="Plans"])');
  }

  /** Right-clicks a row of the Plans view and returns the context menu's item labels. */
  async function contextMenu(row: Locator): Promise<string[]> {
    const page = wb!.page;
    await row.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    await menu.locator('.action-label:has-text("Copy Agent Brief")').waitFor({ timeout: 10_000 });
    // The menu fades in; let it finish, so a screenshot shows it whole.
    await page.waitForTimeout(300);
    return (await menu.locator('.action-item:not(.disabled) .action-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
  }

  it('offers both brief commands on a wave, and copying puts the brief on the clipboard', async () => {
    const page = wb!.page;
    await wb!.openFile(PLAN_PATH);
    await wb!.waitForActivation();
    await page.locator('.activitybar a.action-label[aria-label="Connector Playbook"]').click();
    const planRow = plansView().locator('.monaco-list-row:has-text("HUBSPOT-ROLLOUT-PLAN.md"):has-text("go/no-go 2/5")').first();
    await planRow.waitFor({ timeout: 30_000 });
    if ((await planRow.getAttribute('aria-expanded')) !== 'true') await planRow.locator('.monaco-tl-twistie').click();
    const wave = plansView().locator('.monaco-list-row:has-text("Wave 2: API")').first();
    await wave.waitFor({ timeout: 15_000 });
    // The manifest's tools and MCP provider were accepted: the host reports no problem with them.
    // (A setting read without a resource is an older, unrelated warning.)
    const problems = wb!.extensionHostLog().split('\n').filter((l) => /connector-playbook/i.test(l) && /\[(error|warning)\]/i.test(l) && !/resource scoped configuration/.test(l));
    assert.deepEqual(problems, []);
    const labels = await contextMenu(wave);
    assert.deepEqual(labels.filter((l) => /Agent Brief/.test(l)), ['Copy Agent Brief', 'Open Agent Brief in Chat']);
    const file = await wb!.screenshot('agent-brief-menu-wave');
    assert.ok(fs.statSync(file).size > 20_000);
    await page.locator('.context-view .monaco-menu .action-label:has-text("Copy Agent Brief")').click();
    await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: 10_000 });
    // The toast, or (headless, toasts do not always pop up) the notification centre.
    const said = 'Connector Playbook: the agent brief for Wave 2 is on the clipboard.';
    const toast = await page.locator(`.notification-toast:has-text("${said}")`).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    let messages: string[] = [];
    for (const deadline = Date.now() + 30_000; !toast && !messages.includes(said) && Date.now() < deadline; ) messages = await wb!.notifications();
    assert.ok(toast || messages.includes(said), messages.join('\n'));
  });

  it('offers them on an agent, not on a task or the plan, in the dark theme too', async () => {
    const page = wb!.page;
    await page.keyboard.press('Escape');
    await wb!.colorTheme('Dark Modern');
    // The theme is applied, not only previewed: the side bar is dark.
    const sidebarColor = async () => page.locator('.part.sidebar').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    for (const deadline = Date.now() + 10_000; (await sidebarColor()) === 'rgb(255, 255, 255)' || (await sidebarColor()) === 'rgb(248, 248, 248)'; ) {
      assert.ok(Date.now() < deadline, `the side bar stays ${await sidebarColor()}`);
      await page.waitForTimeout(200);
    }
    const agent = plansView().locator('.monaco-list-row:has-text("api-integration")').first();
    assert.deepEqual((await contextMenu(agent)).filter((l) => /Agent Brief/.test(l)), ['Copy Agent Brief', 'Open Agent Brief in Chat']);
    const file = await wb!.screenshot('agent-brief-menu-agent-dark');
    assert.ok(fs.statSync(file).size > 20_000);
    await page.keyboard.press('Escape');
    // A task's menu has no brief commands.
    const task = plansView().locator('.monaco-list-row:has-text("Mapping endpoints with zod validation")').first();
    await task.click({ button: 'right' });
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.context-view .monaco-menu .action-label:has-text("Agent Brief")').count(), 0);
    await page.keyboard.press('Escape');
  });
});
