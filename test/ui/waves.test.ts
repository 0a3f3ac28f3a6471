// What a person sees of the agent-wave panel: the Plans view beside an open plan, a checkbox click
// that edits the plan, and the welcome view of a workspace without plans.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, REPO_ROOT, type Workbench } from './workbench';

const PLAN_PATH = 'src/docs/HUBSPOT-ROLLOUT-PLAN.md';
const plan = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'waves', 'HUBSPOT-ROLLOUT-PLAN.md'), 'utf8');

describe('UI: the Plans view (agent waves)', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    // VS Code for the Web saves after a delay by default; off, the tab shows the edit as unsaved.
    wb = await openWorkbench({ files: { [PLAN_PATH]: plan }, settings: { 'files.autoSave': 'off' }, viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the plan, its waves, agents, tasks and go/no-go beside the open plan', async () => {
    const page = wb!.page;
    await wb!.openFile(PLAN_PATH);
    await wb!.waitForActivation();
    await page.locator('.activitybar a.action-label[aria-label="Connector Playbook"]').click();
    const view = page.locator('.pane:has(.pane-header[aria-label^="Plans"])');
    // The plan with its go/no-go count and task progress in the description.
    const planRow = view.locator('.monaco-list-row:has-text("HUBSPOT-ROLLOUT-PLAN.md"):has-text("go/no-go 2/5 · tasks 3/9")').first();
    await planRow.waitFor({ timeout: 30_000 });
    if ((await planRow.getAttribute('aria-expanded')) !== 'true') await planRow.locator('.monaco-tl-twistie').click();
    const wave2 = view.locator('.monaco-list-row:has-text("Wave 2: API")').first();
    await wave2.waitFor({ timeout: 15_000 });
    assert.match((await wave2.textContent()) ?? '', /0\/2 · blocked by Wave 1/);
    await view.locator('.monaco-list-row:has-text("Logs/alerts in place")').first().waitFor({ timeout: 15_000 });
    // Wave status icons: Wave 1 in progress, Waves 2 and 3 blocked.
    assert.equal(await view.locator('.monaco-list-row:has-text("Wave 1: Foundations") .codicon-play-circle').count(), 1);
    assert.equal(await view.locator('.monaco-list-row:has-text("Wave 3: Admin UX") .codicon-circle-slash').count(), 1);
    // Native checkboxes: three checked tasks in Wave 1 (one nested), two go/no-go items.
    assert.equal(await view.locator('.custom-view-tree-node-item-checkbox.checked').count(), 5);
    // Widen the side bar (drag its sash) so the descriptions are not cut off in the screenshot.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(sidebar.x + sidebar.width + 1, y);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + 470, y, { steps: 5 });
      await page.mouse.up();
      await page.mouse.move(sidebar.x + 200, sidebar.y + sidebar.height - 20);
    }
    const file = await wb!.screenshot('waves-panel-beside-plan');
    assert.ok(fs.statSync(file).size > 20_000);
  });

  it('clicking a checkbox checks the task in the editor, and the wave count follows', async () => {
    const page = wb!.page;
    const view = page.locator('.pane:has(.pane-header[aria-label^="Plans"])');
    const row = view.locator('.monaco-list-row:has-text("POST /connectors/hubspot/test-connection")').first();
    // Selecting the task reveals its line in the editor (scrolled into view).
    await row.locator('.label-name').click();
    await page.locator('.view-line:has-text("- [ ] POST /connectors/hubspot/test-connection")').first().waitFor({ timeout: 15_000 });
    await row.locator('.custom-view-tree-node-item-checkbox').click();
    await page.locator('.view-line:has-text("- [x] POST /connectors/hubspot/test-connection")').first().waitFor({ timeout: 15_000 });
    await view.locator('.monaco-list-row:has-text("Wave 2: API"):has-text("1/2")').first().waitFor({ timeout: 15_000 });
    // The editor's dirty state is VS Code's own: the tab shows the plan as modified.
    await page.locator('.tabs-container .tab.dirty[aria-label^="HUBSPOT-ROLLOUT-PLAN.md"]').waitFor({ timeout: 10_000 });
    assert.ok(!fs.readFileSync(path.join(wb!.workspaceDir, PLAN_PATH), 'utf8').includes('[x] POST'), 'the file on disk is unchanged until saved');
    await wb!.screenshot('waves-panel-after-check');
  });

  it('typing in the plan updates the panel', async () => {
    const page = wb!.page;
    const view = page.locator('.pane:has(.pane-header[aria-label^="Plans"])');
    // Check "Mapping UI" by typing in the editor: go to its line and replace the space.
    await view.locator('.monaco-list-row:has-text("Mapping UI") .label-name').first().click();
    await page.locator('.view-line:has-text("- [ ] Mapping UI")').first().click();
    // End, then Home: the first non-blank character ("-"); three more to the space between the brackets.
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete');
    await page.keyboard.type('x');
    await page.locator('.view-line:has-text("- [x] Mapping UI")').first().waitFor({ timeout: 10_000 });
    await view.locator('.monaco-list-row:has-text("Wave 3: Admin UX"):has-text("1/2")').first().waitFor({ timeout: 15_000 });
    assert.equal(await view.locator('.monaco-list-row:has-text("Mapping UI") .custom-view-tree-node-item-checkbox.checked').count(), 1);
  });
});

describe('UI: the Plans view of a workspace without plans', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({ files: { 'notes.md': '# Notes\n' } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the welcome view offering New Rollout Plan…', async () => {
    const page = wb!.page;
    await page.locator('.activitybar a.action-label[aria-label="Connector Playbook"]').click();
    const welcome = page.locator('.welcome-view-content:has-text("No rollout plans in this workspace yet.")');
    await welcome.waitFor({ timeout: 30_000 });
    await welcome.locator('a.monaco-button:has-text("New Rollout Plan…"), .monaco-button:has-text("New Rollout Plan…")').first().waitFor({ timeout: 10_000 });
    await wb!.screenshot('waves-welcome');
  });
});
