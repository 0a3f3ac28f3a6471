// `Connector: New Rollout Plan…` as a person meets it: the multi-step input typed into in the real
// workbench, Back, Escape, the existing-file dialog, and the opened plan with its diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './workbench';

const TOTAL_STEPS = 9;

describe('UI: scaffold a rollout plan', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let docsDir: string;

  before(async () => {
    wb = await openWorkbench({ files: { 'README.md': '# Scaffold UI test\n' } });
    docsDir = path.join(wb.workspaceDir, 'src', 'docs');
  });

  after(async () => {
    await wb?.close();
  });

  const quickInput = () => wb.page.locator('.quick-input-widget');

  /** Waits until the input shows step `n` of `total` in its title. */
  async function atStep(n: number, total = TOTAL_STEPS): Promise<void> {
    await quickInput().locator('.quick-input-title', { hasText: `(${n}/${total})` }).waitFor({ state: 'visible', timeout: 20_000 });
  }

  async function type(text: string): Promise<void> {
    await quickInput().locator('input.input').pressSequentially(text, { delay: 15 });
  }

  async function activeRow(): Promise<string> {
    const row = quickInput().locator('.quick-input-list .monaco-list-row.focused').first();
    await row.waitFor({ timeout: 5_000 });
    return row.innerText();
  }

  /** The quick pick re-renders its free-text row as keys arrive: wait for it to catch up. */
  async function waitForActiveRow(pattern: RegExp, why?: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let last = '';
    while (Date.now() < deadline) {
      last = await activeRow().catch(() => '');
      if (pattern.test(last)) return;
      await wb.page.waitForTimeout(100);
    }
    assert.fail(`${why ?? 'the active row'}: ${JSON.stringify(last)} does not match ${pattern}`);
  }

  /** The message under the input box (validation, or what will be written). */
  async function message(): Promise<string> {
    return (await quickInput().locator('.quick-input-message').innerText().catch(() => '')).trim();
  }

  async function waitForMessage(pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 10_000;
    let last = '';
    while (Date.now() < deadline) {
      last = await message();
      if (pattern.test(last)) return last;
      await wb.page.waitForTimeout(100);
    }
    assert.fail(`the input's message ${JSON.stringify(last)} does not match ${pattern}`);
  }

  function docsFiles(): string[] {
    return fs.existsSync(docsDir) ? fs.readdirSync(docsDir).sort() : [];
  }

  it('goes through the nine steps by typing, back once, and opens the plan with its diagnostics', async () => {
    await wb.runCommand('Connector: New Rollout Plan…');
    await atStep(1);
    await type('../Acme');
    await waitForMessage(/cannot contain \/ or \\/);
    await wb.screenshot('scaffold-step1-refused-name');
    await quickInput().locator('input.input').fill('');
    await type('Acme CRM');
    await waitForMessage(/Writes src\/docs\/ACME-CRM-ROLLOUT-PLAN\.md/);
    await wb.screenshot('scaffold-step1-name');
    await wb.page.keyboard.press('Enter');

    await atStep(2);
    await waitForActiveRow(/Leave for later/, 'Enter alone must not pick a system nobody chose');
    const systems = await quickInput().locator('.quick-input-list .monaco-list-row').allInnerTexts();
    for (const system of ['Slack', 'HubSpot', 'Close', 'Notion']) assert.ok(systems.some((s) => s.startsWith(system)), `${system} is offered: ${systems.join(' | ')}`);
    await wb.screenshot('scaffold-step2-systems');
    await type('HubSpot');
    await wb.page.keyboard.press('Enter');

    await atStep(3);
    await type('Okta SSO');
    await waitForActiveRow(/Okta SSO/);
    await wb.screenshot('scaffold-step3-free-text');
    await wb.page.keyboard.press('Enter');

    // Back from step 4 to step 3: the earlier answer is still chosen; change it.
    await atStep(4);
    await quickInput().locator('.quick-input-titlebar .action-label').first().click();
    await atStep(3);
    await waitForActiveRow(/Okta SSO/);
    await type('OAuth');
    await wb.page.keyboard.press('Enter');

    await atStep(4);
    await type('incremental');
    await wb.page.keyboard.press('Enter');
    await atStep(5);
    await type('contact.email -> staff.email; company.domain');
    await wb.page.keyboard.press('Enter');
    await atStep(6);
    await type('1:N');
    await wb.page.keyboard.press('Enter');
    await atStep(7);
    await type('50k contacts');
    await wb.page.keyboard.press('Enter');
    await atStep(8);
    await type('sync');
    await wb.page.keyboard.press('Enter');
    // The team: standard is active; a small connector gets one wave.
    await atStep(9);
    await waitForActiveRow(/^standard/, 'the playbook\'s split is the default');
    await wb.screenshot('scaffold-step9-team');
    await wb.page.keyboard.press('ArrowDown');
    await waitForActiveRow(/^small connector/);
    await wb.page.keyboard.press('Enter');

    // The plan opens, and the diagnostics show as squiggles and in the Problems panel.
    const tab = wb.page.locator('.tabs-container .tab.active[aria-label^="ACME-CRM-ROLLOUT-PLAN.md"]');
    await tab.waitFor({ timeout: 20_000 });
    await wb.page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 20_000 });
    const text = fs.readFileSync(path.join(docsDir, 'ACME-CRM-ROLLOUT-PLAN.md'), 'utf8');
    assert.match(text, /^---\nkind: connector-rollout-plan\nstatus: draft\nconnector: Acme CRM\ncreated: \d{4}-\d{2}-\d{2}\n---\n\n# Acme CRM Connector Rollout Plan\n/);
    assert.ok(text.includes('- External system: HubSpot\n- Authentication model: OAuth\n- Plan/tier constraints:\n- Data pull mode: incremental\n- Scale expectations: 50k contacts\n'), text);
    assert.ok(text.includes('- Link 1: contact.email -> staff.email\n- Link 2: company.domain -> {internal entity + key}\n'));
    assert.ok(text.includes('| 1:N |'));
    assert.ok(text.includes('- First-phase priority: sync\n'));
    assert.ok(text.includes('### Wave 1\n- Agent: `schema-sync` (DB + sync core)\n') && !text.includes('### Wave 2'), 'a small connector has one wave');

    await wb.runCommand('View: Focus Problems (Errors, Warnings, Infos)').catch(() => wb.runCommand('View: Toggle Problems (Errors, Warnings, Infos)'));
    const problems = wb.page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 20_000 });
    const rows = await problems.allInnerTexts();
    assert.ok(rows.some((r) => r.includes('Why this connector exists')), rows.slice(0, 5).join(' | '));
    assert.ok(!rows.some((r) => /missing/i.test(r)), 'a fresh plan misses no section');
    const shot = await wb.screenshot('scaffold-plan-with-diagnostics');
    assert.ok(fs.statSync(shot).size > 20_000);
  });

  it('Escape at a later step cancels and writes nothing', async () => {
    const before = docsFiles();
    await wb.runCommand('Connector: New Rollout Plan…');
    await atStep(1);
    await type('Cancelled Co');
    await wb.page.keyboard.press('Enter');
    await atStep(2);
    await type('Slack');
    await wb.page.keyboard.press('Enter');
    await atStep(3);
    await wb.page.keyboard.press('Escape');
    await quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
    await wb.page.waitForTimeout(1_000);
    assert.deepEqual(docsFiles(), before);
  });

  it('an existing plan is offered to open or to rename, never replaced', async () => {
    const existing = path.join(docsDir, 'ACME-CRM-ROLLOUT-PLAN.md');
    // Independent of the first test: the plan that must not be replaced is made here if needed.
    if (!fs.existsSync(existing)) {
      fs.mkdirSync(docsDir, { recursive: true });
      fs.writeFileSync(existing, '# Acme CRM Connector Rollout Plan\n\nWritten by hand; must survive.\n');
    }
    const original = fs.readFileSync(existing, 'utf8');
    await wb.runCommand('Connector: New Rollout Plan…');
    await atStep(1);
    await type('acme crm');
    await waitForMessage(/already exists/);
    await wb.page.keyboard.press('Enter');
    for (let step = 2; step <= TOTAL_STEPS; step++) {
      await atStep(step);
      await wb.page.keyboard.press('Enter');
    }
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /ACME-CRM-ROLLOUT-PLAN\.md already exists/);
    await wb.screenshot('scaffold-existing-file-dialog');
    await dialog.locator('.monaco-button', { hasText: 'Choose Another Name' }).click();
    await atStep(1, 1);
    await quickInput().locator('input.input').fill('');
    await type('Acme CRM EU');
    await waitForMessage(/Writes src\/docs\/ACME-CRM-EU-ROLLOUT-PLAN\.md/);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab.active[aria-label^="ACME-CRM-EU-ROLLOUT-PLAN.md"]').waitFor({ timeout: 20_000 });
    assert.equal(fs.readFileSync(existing, 'utf8'), original);
    const renamed = fs.readFileSync(path.join(docsDir, 'ACME-CRM-EU-ROLLOUT-PLAN.md'), 'utf8');
    assert.ok(renamed.includes('# Acme CRM EU Connector Rollout Plan\n'));
    assert.ok(renamed.includes('- External system:\n'), 'answers left for later stay empty');
  });
});
