// What a person sees when opening an unfinished plan: squiggles, the Problems panel, the status bar.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, REPO_ROOT, type Workbench } from './workbench';

const template = fs.readFileSync(path.join(REPO_ROOT, 'templates', 'rollout-plan.md'), 'utf8');
const plan = template
  .replace('{ConnectorName}', 'Zendesk')
  .replace('- Why this connector exists:', '- Why this connector exists: support tickets next to partner health')
  .replace('- External system:', '- External system: Zendesk')
  .replace('| Primary | {source_a} | {id} | {entity} | {1:1/1:N} | {DB/app} |', '| Primary | zendesk | ticket.requester_id | staff | 1-n | DB partial unique |')
  .replace(/## G\) Risks \+ Mitigations\n(- .*\n)+\n/, '');

/** Quick Open by relative path, Enter on the first (best) match, until the editor tab shows. */
async function openByQuickOpen(wb: Workbench, relPath: string): Promise<void> {
  const name = path.basename(relPath);
  const tab = wb.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`);
  for (let attempt = 0; attempt < 10; attempt++) {
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+P');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill(relPath);
    await wb.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${name}"]`).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    await wb.page.keyboard.press('Enter');
    if (await tab.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
  }
  assert.fail(`could not open ${relPath}`);
}

describe('UI: diagnostics on a plan', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({ files: { 'src/docs/ZENDESK-ROLLOUT-PLAN.md': plan }, viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows squiggles, the status bar item and the Problems panel for the plan', async () => {
    const page = wb!.page;
    await openByQuickOpen(wb!, 'src/docs/ZENDESK-ROLLOUT-PLAN.md');
    await wb!.waitForActivation();
    // Squiggles in the editor: warnings for placeholders and empty fields, an error for the missing section.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    // The status bar item: go/no-go checked/total and what is left to fill.
    const status = page.locator('.statusbar-item:has-text("Go/No-Go 0/5")');
    await status.waitFor({ timeout: 30_000 });
    assert.match((await status.textContent()) ?? '', /to fill/);
    // Clicking it opens the Problems panel on this plan's problems.
    await status.click();
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 30_000 });
    const panelText = (await page.locator('.markers-panel').textContent()) ?? '';
    assert.match(panelText, /Section G\) Risks \+ Mitigations is missing/);
    assert.match(panelText, /Cardinality "1-n" is not 1:1 or 1:N/);
    assert.match(panelText, /missing-section/);
    const file = await wb!.screenshot('diagnostics-plan-and-problems');
    assert.ok(fs.statSync(file).size > 20_000);
  });

  it('offers the quick fix on the cardinality and applies it', async () => {
    const page = wb!.page;
    // Put the cursor in the squiggled cell, as a person would, and ask for quick fixes.
    await page.locator('.monaco-editor .view-line:has-text("| Primary | zendesk |")').first().click();
    await page.keyboard.press('End');
    for (let i = 0; i < '| DB partial unique |'.length + 2; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .action-label:has-text("Normalise cardinality to 1:N"), .context-view .monaco-list-row:has-text("Normalise cardinality to 1:N")').first();
    await fix.waitFor({ timeout: 15_000 });
    await wb!.screenshot('diagnostics-quick-fix');
    await fix.click();
    await page.locator('.view-line:has-text("| zendesk | ticket.requester_id | staff | 1:N |")').first().waitFor({ timeout: 15_000 });
  });
});
