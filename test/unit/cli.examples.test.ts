// The sample workspace in examples/ says what it does in its README: these are the findings a
// user meets there, checked so the sample and its description stay true.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { CliFindingsSchema } from '../../src/cli/schemas';
import type { CliFinding } from '../../src/cli/schemas';
import { REPO_DIR } from '../fixtures/lintFixtures';

async function lintExamples(args: string[]): Promise<{ code: number; findings: CliFinding[] }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', '--format', 'json', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: join(REPO_DIR, 'examples'),
    readStdin: async () => '',
  });
  assert.equal(stderr, '');
  return { code, findings: CliFindingsSchema.parse(JSON.parse(stdout)) };
}

const summary = (findings: CliFinding[], file: string) =>
  findings.filter((f) => f.file === file).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`);

describe('cli: the examples/ sample workspace', () => {
  let all: CliFinding[];
  before(async () => {
    const result = await lintExamples(['.']);
    assert.equal(result.code, 1);
    all = result.findings;
  });

  it('finds the five plans: four by name in src/docs, one by its front matter kind', () => {
    assert.deepEqual([...new Set(all.map((f) => f.file))], [
      'planning/zendesk-rollout.md',
      'src/docs/CLOSE-ROLLOUT-PLAN.md',
      'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      'src/docs/NOTION-ROLLOUT-PLAN.md',
      'src/docs/SLACK-ROLLOUT-PLAN.md',
    ]);
  });

  it('has a valid .connector-playbook.yaml (no config finding)', () => {
    assert.ok(!all.some((f) => f.rule === 'config'));
  });

  it('SLACK: fully filled, draft: three go/no-go items as information, nothing else', async () => {
    assert.deepEqual(summary(all, 'src/docs/SLACK-ROLLOUT-PLAN.md'), ['93:3 info go-no-go-unchecked', '94:3 info go-no-go-unchecked', '95:3 info go-no-go-unchecked']);
    assert.equal((await lintExamples(['src/docs/SLACK-ROLLOUT-PLAN.md'])).code, 0);
  });

  it('CLOSE: status go makes its one unchecked item an error, counted from the first line', () => {
    assert.deepEqual(summary(all, 'src/docs/CLOSE-ROLLOUT-PLAN.md'), ['94:3 error go-no-go-unchecked']);
  });

  it('NOTION: * lists, numbered go/no-go, a table without outer pipes: one information', () => {
    assert.deepEqual(summary(all, 'src/docs/NOTION-ROLLOUT-PLAN.md'), ['88:4 info go-no-go-unchecked']);
  });

  it('HUBSPOT: half filled, in review: the problems the README lists, placeholders as errors (config)', () => {
    const hubspot = all.filter((f) => f.file === 'src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    const rules = new Set(hubspot.map((f) => `${f.rule} ${f.severity}`));
    assert.deepEqual([...rules].sort(), [
      'empty-field warning',
      'go-no-go-unchecked warning',
      'identity-unmapped warning',
      'mapping-cardinality error',
      'mapping-rule-of-thumb warning',
      'placeholder error',
    ]);
    assert.ok(hubspot.some((f) => f.rule === 'empty-field' && f.line === 16 && f.message.includes('incremental / snapshot / hybrid')));
    assert.ok(hubspot.some((f) => f.rule === 'mapping-cardinality' && f.message === 'Cardinality "1-N" is not 1:1 or 1:N: did you mean 1:N?'));
    assert.equal(hubspot.filter((f) => f.rule === 'go-no-go-unchecked').length, 4);
    // The renewals row maps an entity no link of section C names.
    assert.deepEqual(hubspot.filter((f) => f.rule === 'identity-unmapped').map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.message}`), [
      '29:46-54 No link in section C names "renewals": add a link to it, or correct the entity\'s name.',
    ]);
  });

  it('ZENDESK: found by kind, mostly unfilled', () => {
    const zendesk = all.filter((f) => f.file === 'planning/zendesk-rollout.md');
    assert.ok(zendesk.filter((f) => f.rule === 'placeholder').length >= 5);
    assert.ok(zendesk.filter((f) => f.rule === 'empty-field').length >= 10);
    assert.ok(!zendesk.some((f) => f.rule === 'missing-section'));
  });
});
