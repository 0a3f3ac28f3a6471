// The extension as vscode.dev and github.dev run it: in the web-worker extension host (moved there
// by the user setting remote.extensionKind), a plan opened and its diagnostics shown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID, openWorkbench, REPO_ROOT, runningExtensionRow, type Workbench } from './workbench';

const plan = fs
  .readFileSync(path.join(REPO_ROOT, 'templates', 'rollout-plan.md'), 'utf8')
  .replace('{ConnectorName}', 'Intercom')
  .replace('- External system:', '- External system: Intercom')
  // Without section J the plan has an error as well as warnings.
  .replace(/## J\) Open Questions[\s\S]*$/, '');

describe('UI: the web-worker extension host', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({
      files: { 'src/docs/INTERCOM-ROLLOUT-PLAN.md': plan },
      settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
      viewport: { width: 1400, height: 1000 },
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows a plan\'s diagnostics with the extension running in the web worker', async () => {
    const page = wb!.page;
    await wb!.openFile('src/docs/INTERCOM-ROLLOUT-PLAN.md');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb!.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'connector-playbook' }).first().waitFor({ timeout: 30_000 });
    await wb!.screenshot('web-worker-plan-diagnostics');
    const row = await runningExtensionRow(wb!, /Connector Playbook|connector-playbook\.connector-playbook/);
    assert.match(row, /web worker/i, `the Running Extensions row says where it runs: ${row}`);
    await wb!.screenshot('web-worker-running-extensions');
  });
});
