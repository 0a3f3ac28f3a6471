// The Rollout Dashboard as a person meets it, on the sample workspace: opened from the Plans view's
// title, one row per plan with go/no-go, waves (blocked ones marked) and problems; sorted and
// filtered; a plan's identity graph under its row; a click opens the plan at that place; the keyboard
// reaches every part; a plan whose name and a cell hold markup shows them as text. Screenshots in the
// light and the dark theme.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { EXAMPLES_WORKSPACE, openWorkbench, type Workbench } from './workbench';

const XSS = '<img src=x onerror=alert(1)>';
const HOSTILE_PATH = `src/docs/${XSS}-ROLLOUT-PLAN.md`;

/** A plan whose title (so its connector's name), file name and a mapping cell hold markup. */
function hostilePlan(): string {
  return fs.readFileSync(path.join(EXAMPLES_WORKSPACE, 'src', 'docs', 'CLOSE-ROLLOUT-PLAN.md'), 'utf8')
    .replace('# Close Connector Rollout Plan', `# ${XSS} Connector Rollout Plan`)
    .replace('| Organization | `close_org` | `orga_…` ID | `tenants` | 1:1 | DB unique |', `| Organization | ${XSS} | \`orga_…\` ID | \`tenants\` | 1:1 | DB unique |`)
    .replace('- Link 3: organization ID -> `tenants.id`', `- Link 3: ${XSS} -> \`tenants.id\``);
}

/** The dashboard's document inside the webview's two nested iframes. */
function dashboardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

async function switchTheme(wb: Workbench, name: 'Dark Modern' | 'Light Modern'): Promise<void> {
  await wb.colorTheme(name);
  await wb.page.waitForTimeout(800);
}

async function background(frame: FrameLocator): Promise<string> {
  return frame.locator('body').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
}

/** The plan rows' connector names, in the order shown. */
async function connectors(frame: FrameLocator): Promise<string[]> {
  return frame.locator('tr.plan-row .connector-name').allTextContents();
}

describe('UI: the Rollout Dashboard', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;
  const dialogs: string[] = [];
  const consoleMessages: string[] = [];

  before(async () => {
    wb = await openWorkbench({
      folder: EXAMPLES_WORKSPACE,
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'files.autoSave': 'off', 'editor.minimap.enabled': false },
      viewport: { width: 1600, height: 1000 },
    });
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    wb.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleMessages.push(message.text());
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('opens from the button in the Plans view\'s title: the five sample plans, blocked waves marked (light theme)', async () => {
    const page = wb!.page;
    // A plan found by its front matter rather than its name is a plan while it is open (as in the Plans view).
    await wb!.openFile('planning/zendesk-rollout.md');
    await wb!.waitForActivation();
    await page.locator('.activitybar a.action-label[aria-label="Connector Playbook"]').click();
    const view = page.locator('.pane:has(.pane-header[aria-label^="Plans"])');
    await view.locator('.monaco-list-row:has-text("HUBSPOT-ROLLOUT-PLAN.md")').first().waitFor({ timeout: 30_000 });
    await view.hover();
    // While the Plans view is alone in its container, the container's title bar shows the view's buttons.
    await page.locator('.part.sidebar a.action-label[aria-label="Open Rollout Dashboard"]').filter({ visible: true }).first().click();
    const frame = dashboardFrame(page);
    await frame.locator('tr.plan-row').nth(4).waitFor({ timeout: 30_000 });
    assert.deepEqual(await connectors(frame), ['Close', 'HubSpot', 'Notion', 'Slack', 'Zendesk']);
    assert.deepEqual(await frame.locator('tr.plan-row .status-pill').allTextContents(), ['go', 'ready-for-review', 'no status', 'draft', 'draft']);
    // Three blocked waves: HubSpot's Wave 2, Slack's Waves 2 and 3.
    assert.equal(await frame.locator('.wave-blocked .blocked-mark').count(), 3);
    const hubspot = frame.locator('tr.plan-row', { hasText: 'HubSpot' });
    assert.equal(await hubspot.locator('.go-no-go .count').textContent(), '1/5');
    assert.deepEqual(await hubspot.locator('.problem').allTextContents(), ['✖6 errors', '▲22 warnings']);
    assert.match((await hubspot.locator('.identity').textContent()) ?? '', /2 links · 4 rows1 gap1 rule-of-thumb break/);
    assert.match((await frame.locator('.totals').textContent()) ?? '', /^5 plans · go\/no-go 11\/25 checked · tasks 11\/21 done · 3 blocked waves · 16 errors, 34 warnings, 9 info$/);
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-light')).size > 40_000);
  });

  it('filters by status and by connector, and sorts by status either way', async () => {
    const frame = dashboardFrame(wb!.page);
    await frame.locator('.toolbar .dropdown').first().click();
    await frame.getByRole('option', { name: 'draft', exact: true }).click();
    await frame.locator('tr.plan-row').nth(1).waitFor();
    assert.deepEqual(await connectors(frame), ['Slack', 'Zendesk']);
    await frame.locator('.toolbar .dropdown').first().click();
    await frame.getByRole('option', { name: 'All statuses' }).click();
    const filter = frame.locator('.toolbar .text-field input');
    await filter.fill('hub');
    assert.deepEqual(await connectors(frame), ['HubSpot']);
    await filter.fill('');
    assert.equal(await frame.locator('tr.plan-row').count(), 5);
    await frame.locator('.toolbar .dropdown').nth(1).click();
    await frame.getByRole('option', { name: 'Sort by status' }).click();
    assert.deepEqual(await connectors(frame), ['Notion', 'Slack', 'Zendesk', 'HubSpot', 'Close']);
    await frame.locator('.toolbar .button').click();
    assert.deepEqual(await connectors(frame), ['Close', 'HubSpot', 'Slack', 'Zendesk', 'Notion']);
    assert.equal(await frame.locator('th[aria-sort="descending"]').textContent(), 'Status');
    await frame.locator('.toolbar .button').click();
    await frame.locator('.toolbar .dropdown').nth(1).click();
    await frame.getByRole('option', { name: 'Sort by connector' }).click();
    assert.deepEqual(await connectors(frame), ['Close', 'HubSpot', 'Notion', 'Slack', 'Zendesk']);
  });

  it('shows a plan\'s identity graph under its row when it is selected (light theme)', async () => {
    const page = wb!.page;
    const frame = dashboardFrame(page);
    await frame.locator('tr.plan-row', { hasText: 'HubSpot' }).locator('button.toggle').click();
    const graph = frame.locator('.graph-row svg.ig');
    await graph.waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('.graph-row h2').textContent(), 'Identity graph — HubSpot');
    assert.equal(await graph.locator('.ig-node').count(), 6);
    assert.equal(await graph.locator('.ig-edge').count(), 3);
    // The renewals row no link names: a dashed gap that also breaks the rule of thumb; its two nodes marked.
    assert.equal(await graph.locator('.ig-edge.ig-gap.ig-rule').count(), 1);
    assert.equal(await graph.locator('.ig-node.ig-unmapped').count(), 2);
    assert.deepEqual(await graph.locator('.ig-edge-label text').allTextContents(), ['1:1 · DB partial unique', '1:N · app', '1:1 · app']);
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-identity-graph-light')).size > 40_000);
  });

  it('opens the plan at the place clicked: a wave, then an edge of the graph', async () => {
    const page = wb!.page;
    const frame = dashboardFrame(page);
    await frame.locator('tr.plan-row', { hasText: 'HubSpot' }).locator('.wave', { hasText: 'Wave 2' }).click();
    await page.locator('.tabs-container .tab.active[aria-label^="HUBSPOT-ROLLOUT-PLAN.md"]').waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item:has-text("Ln 63, Col 1")').waitFor({ timeout: 15_000 });
    await frame.locator('.graph-row .ig-edge.ig-rule').click();
    await page.locator('.statusbar-item:has-text("Ln 29, Col 1")').waitFor({ timeout: 15_000 });
    await frame.locator('tr.plan-row', { hasText: 'Slack' }).locator('.problem-info').click();
    await page.locator('.tabs-container .tab.active[aria-label^="SLACK-ROLLOUT-PLAN.md"]').waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item:has-text("Ln 93, Col 1")').waitFor({ timeout: 15_000 });
  });

  it('is reachable by keyboard: ↑/↓ between plans, ←/→ between parts, Enter opens or shows the graph', async () => {
    const page = wb!.page;
    const frame = dashboardFrame(page);
    const first = frame.locator('tr.plan-row').first();
    // One tab stop for the plans: the current row.
    assert.equal(await frame.locator('tr.plan-row[tabindex="0"]').count(), 1);
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = () => frame.locator(':focus').evaluate((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.getAttribute('aria-label') ?? ''}`);
    assert.match(await focused(), /^tr\.plan-row Notion/);
    await page.keyboard.press('Enter');
    await frame.locator('.graph-row h2:has-text("Identity graph — Notion")').waitFor({ timeout: 15_000 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.match(await focused(), /^button\.part connector Notion: open src\/docs\/NOTION-ROLLOUT-PLAN\.md/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.match(await focused(), /^button\.part go-no-go Go\/no-go: 4 of 5 checked/);
    await page.keyboard.press('ArrowUp');
    assert.match(await focused(), /^button\.part go-no-go Go\/no-go: 1 of 5 checked/);
    await page.keyboard.press('Escape');
    assert.match(await focused(), /^tr\.plan-row HubSpot/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label^="HUBSPOT-ROLLOUT-PLAN.md"]').waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item:has-text("Ln 5, Col 1")').waitFor({ timeout: 15_000 });
  });

  it('follows the dark theme: the five plans and HubSpot\'s identity graph', async () => {
    const page = wb!.page;
    await wb!.runCommand('View: Close All Editors');
    await wb!.openFile('planning/zendesk-rollout.md');
    await wb!.runCommand('Connector: Open Rollout Dashboard');
    const frame = dashboardFrame(page);
    await frame.locator('tr.plan-row').nth(4).waitFor({ timeout: 30_000 });
    await switchTheme(wb!, 'Dark Modern');
    assert.notEqual(await background(frame), 'rgb(255, 255, 255)', 'the dashboard follows the dark theme');
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-dark')).size > 40_000);
    const hubspot = frame.locator('tr.plan-row', { hasText: 'HubSpot' });
    if ((await hubspot.getAttribute('aria-selected')) !== 'true') await hubspot.locator('button.toggle').click();
    await frame.locator('.graph-row h2:has-text("Identity graph — HubSpot")').waitFor({ timeout: 15_000 });
    await frame.locator('.graph-row svg.ig .ig-edge').nth(2).waitFor({ timeout: 15_000 });
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-identity-graph-dark')).size > 40_000);
  });

  it('shows a plan name and a cell holding markup as text, live as the plan appears (dark, then light)', async () => {
    const page = wb!.page;
    const frame = dashboardFrame(page);
    fs.writeFileSync(path.join(wb!.workspaceDir, HOSTILE_PATH), hostilePlan());
    // The new file reaches the dashboard through the store's change event.
    await frame.locator('tr.plan-row').nth(5).waitFor({ timeout: 30_000 });
    const row = frame.locator('tr.plan-row').filter({ has: frame.locator('.connector-name', { hasText: XSS }) });
    assert.equal(await row.locator('.connector-name').textContent(), XSS);
    assert.equal(await row.locator('.file').textContent(), HOSTILE_PATH);
    await row.locator('button.toggle').click();
    const graph = frame.locator('.graph-row svg.ig');
    await frame.locator('.graph-row h2', { hasText: XSS }).waitFor({ timeout: 15_000 });
    const texts = await graph.locator('text').allTextContents();
    assert.ok(texts.includes(XSS), 'the link\'s external field, as text');
    assert.equal(await frame.locator('img').count(), 0, 'no <img> element in the dashboard');
    assert.deepEqual(dialogs, [], 'no alert ran');
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-markup-as-text-dark')).size > 40_000);
    await switchTheme(wb!, 'Light Modern');
    assert.equal(await background(frame), 'rgb(255, 255, 255)');
    await page.mouse.move(800, 990);
    assert.ok(fs.statSync(await wb!.screenshot('dashboard-markup-as-text-light')).size > 40_000);
    assert.equal(await frame.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it('ran no script but its own: no CSP violation for scripts', () => {
    const violations = consoleMessages.filter((m) => /Content Security Policy|CSP:/.test(m));
    if (violations.length) console.log(`      CSP messages: ${JSON.stringify(violations)}`);
    assert.deepEqual(violations.filter((m) => /script-src/.test(m)), []);
    assert.deepEqual(dialogs, []);
  });
});
