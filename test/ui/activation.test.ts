// The activation time VS Code itself shows for the extension (Developer: Show Running Extensions),
// on the sample workspace. The figure is printed for the benchmark, never asserted: a loaded
// machine must not turn a measurement red.
import * as assert from 'node:assert/strict';
import { EXAMPLES_WORKSPACE, openWorkbench, runningExtensionRow, type Workbench } from './workbench';

describe('UI: activation on the sample workspace', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({ folder: EXAMPLES_WORKSPACE, viewport: { width: 1280, height: 1000 } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the activation time of the extension in Running Extensions', async function () {
    await wb!.openFile('src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    await wb!.waitForActivation();
    const row = await runningExtensionRow(wb!, /Connector Playbook|connector-playbook\.connector-playbook/);
    const activation = /Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(row);
    assert.ok(activation, `no activation time in "${row}"`);
    await wb!.screenshot('activation-running-extensions');
    // The spec reporter prints the title when the test ends: the figure lands in the test log.
    this.test!.title += ` — measured: activation ${activation[1]} ms (${row})`;
  });
});
