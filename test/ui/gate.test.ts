// What a person sees of the "Ready For Review" gate: the six criteria in the Ready for Review view
// beside the plan, after Check Ready for Review ran the workspace's lint and build commands, in the
// light and dark themes; a failing criterion opens its place in the plan.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, REPO_ROOT, type Workbench } from './workbench';

const PLAN_PATH = 'src/docs/SLACK-ROLLOUT-PLAN.md';
const plan = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'src', 'docs', 'SLACK-ROLLOUT-PLAN.md'), 'utf8');
// A lint that passes and a build that fails, as a connector team's commands would (quoted for YAML).
const quoted = (command: string) => `'${command.replace(/'/g, "''")}'`;
const config = [
  'gate:',
  `  lint: ${quoted(`node -e "console.log('src/connectors/slack: 0 problems')"`)}`,
  `  build: ${quoted(`node -e "console.error('src/connectors/slack/sync.ts(42,7): error TS2304: Cannot find name leaseOwner.'); process.exit(2)"`)}`,
  '  timeoutSeconds: 60',
  '',
].join('\n');

describe('UI: the Ready for Review gate beside a plan', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;
  const view = () => wb!.page.locator('.pane:has(.pane-header[aria-label^="Ready for Review"])');

  before(async () => {
    wb = await openWorkbench({
      files: { [PLAN_PATH]: plan, '.connector-playbook.yaml': config },
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false },
      viewport: { width: 1500, height: 900 },
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('runs the commands and shows the six criteria with their state and reason (light theme)', async () => {
    const page = wb!.page;
    await wb!.openFile(PLAN_PATH);
    await wb!.waitForActivation();
    // The Plans view's pane is folded, so the Ready for Review view has the side bar's height.
    await page.locator('.activitybar a.action-label[aria-label="Connector Playbook"]').click();
    const plansHeader = page.locator('.pane-header[aria-label^="Plans"]');
    await plansHeader.waitFor({ timeout: 15_000 });
    if ((await plansHeader.getAttribute('aria-expanded')) === 'true') await plansHeader.click();
    await wb!.runCommand('Connector: Check Ready for Review');
    const rows = view().locator('.monaco-list-row');
    await rows.nth(5).waitFor({ timeout: 60_000 });
    await view().locator('.monaco-list-row:has-text("Build compiles"):has-text("exited 2")').waitFor({ timeout: 60_000 });
    assert.equal(await rows.count(), 6);
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.deepEqual(
      labels.map((l) => l.split(':')[0]),
      ['Lint clean for connector files', 'Build compiles', 'Sync engine tested for restart/overlap/page-cap edge cases', 'Mapping remap paths validated (no stale attribution)', 'Docs reflect actual routes/methods/scopes (no drift)', 'Rollout plan includes open questions and explicit follow-ups'],
    );
    // Icons by state: three pass, two fail, one to confirm.
    assert.equal(await view().locator('.codicon-pass-filled').count(), 3);
    assert.equal(await view().locator('.codicon-error').count(), 2);
    assert.equal(await view().locator('.codicon-question').count(), 1);
    // The view's message is set with its rows, and may be drawn just after them.
    await view().locator('.pane-body').getByText(/Not ready for review: 2 failing, 1 to confirm\./).waitFor({ timeout: 15_000 });
    // The build's output is in its output channel.
    await page.locator('.part.panel .view-line:has-text("error TS2304")').first().waitFor({ timeout: 15_000 });
    // Widen the side bar, so the reasons can be read.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(sidebar.x + sidebar.width + 1, y);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + 640, y, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(5, 890);
    await page.waitForTimeout(500);
    const file = await wb!.screenshot('gate-beside-plan-light');
    assert.ok(fs.statSync(file).size > 30_000);
  });

  it('a failing criterion opens its place in the plan', async () => {
    const page = wb!.page;
    await view().locator('.monaco-list-row:has-text("Sync engine tested") .label-name').click();
    // The editor shows the line, and the cursor is on it.
    await page.locator('.view-line:has-text("- Validation tests: kill the worker mid-page")').first().waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item:has-text("Ln 43,")').first().waitFor({ timeout: 15_000 });
  });

  it('looks right in the dark theme', async () => {
    const page = wb!.page;
    await wb!.colorTheme('Dark Modern');
    await view().locator('.monaco-list-row').nth(5).waitFor({ timeout: 15_000 });
    await page.mouse.move(5, 890);
    await page.waitForTimeout(800);
    const file = await wb!.screenshot('gate-beside-plan-dark');
    assert.ok(fs.statSync(file).size > 30_000);
  });
});
