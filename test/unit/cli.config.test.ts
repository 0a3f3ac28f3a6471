// A problem in .connector-playbook.yaml is a finding on that file, never the end of the run: the
// defaults apply (README, "Configuration"). Real files in a temp folder, the CLI in-process.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCliIn } from './cliInProcess';
import { CliFindingsSchema } from '../../src/cli/schemas';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';


function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, argv);
}

const UNREADABLE = 'The template "missing.md" cannot be read; the bundled template is used.';

describe('cli: a template in .connector-playbook.yaml that cannot be read', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpb-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lint reports it on the config file, as a warning on the template line, and lints with the bundled template', async () => {
    writeFileSync(join(dir, '.connector-playbook.yaml'), 'rules:\n  placeholder: "off"\ntemplate: missing.md\n');
    // The bundled template with one section removed: only missing-section should fire.
    writeFileSync(join(dir, 'ACME-ROLLOUT-PLAN.md'), DEFAULT_TEMPLATE_TEXT.replace(/## J\)[\s\S]*$/, ''));
    const run = await cli(dir, 'lint', '--format', 'json', '.');
    assert.equal(run.stderr, '');
    const findings = CliFindingsSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(findings[0], { file: '.connector-playbook.yaml', rule: 'config', severity: 'warning', message: UNREADABLE, line: 3, column: 1, endLine: 3, endColumn: 21 });
    assert.deepEqual([...new Set(findings.slice(1).map((f) => `${f.file} ${f.rule}`))].sort(), ['ACME-ROLLOUT-PLAN.md empty-field', 'ACME-ROLLOUT-PLAN.md go-no-go-unchecked', 'ACME-ROLLOUT-PLAN.md missing-section']);
    assert.equal(findings.filter((f) => f.rule === 'missing-section').length, 1);
    assert.equal(run.code, 1, 'the missing section is an error');
  });

  it('lint reports a template that is a folder the same way, once for all the plans under that config', async () => {
    writeFileSync(join(dir, '.connector-playbook.yaml'), 'template: missing.md\n');
    mkdirSync(join(dir, 'missing.md'));
    for (const name of ['A', 'B']) writeFileSync(join(dir, `${name}-ROLLOUT-PLAN.md`), DEFAULT_TEMPLATE_TEXT);
    const run = await cli(dir, 'lint', '--format', 'json', '.');
    const config = CliFindingsSchema.parse(JSON.parse(run.stdout)).filter((f) => f.rule === 'config');
    assert.deepEqual(config.map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`), [`.connector-playbook.yaml:1 warning ${UNREADABLE}`]);
  });

  it('new writes the plan from the bundled template, with the reason as one line on stderr', async () => {
    writeFileSync(join(dir, '.connector-playbook.yaml'), 'template: missing.md\n');
    const run = await cli(dir, 'new', 'Acme');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Created src/docs/ACME-ROLLOUT-PLAN.md\n');
    assert.equal(run.stderr, `connector-playbook new: .connector-playbook.yaml: ${UNREADABLE}\n`);
    assert.ok(readFileSync(join(dir, 'src/docs/ACME-ROLLOUT-PLAN.md'), 'utf8').includes('## J) Open Questions and Assumptions'));
  });
});
