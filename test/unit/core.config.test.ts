// `.connector-playbook.yaml` (F6): valid settings apply, every problem is a `config` finding with a
// position on that file, and nothing ever throws.
import * as assert from 'node:assert/strict';
import { DEFAULT_AGENTS, DEFAULT_DOCS_FOLDER, DEFAULT_PLAN_GLOB, parseWorkspaceConfig, resolveConfig } from '../../src/core/config';
import { fixture, lintText } from '../fixtures/lintFixtures';

const at = (f: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;

describe('core: .connector-playbook.yaml', () => {
  it('reads a valid file with no finding', () => {
    const result = parseWorkspaceConfig(fixture('config/valid.yaml'));
    assert.deepEqual(result.findings, []);
    const config = resolveConfig(result.config);
    assert.equal(config.docsFolder, 'docs/rollouts');
    assert.deepEqual(config.rules, { placeholder: 'error', 'go-no-go-unchecked': 'off', 'empty-field': 'info' });
    assert.deepEqual(config.agents, ['schema-sync', 'api-integration', 'analytics', 'ui-ops', 'qa']);
    assert.deepEqual(config.waveSequencing, [['schema-sync', 'analytics'], ['api-integration'], ['ui-ops', 'qa']]);
  });

  it('applies its rule severities to lint, off included', () => {
    const rules = resolveConfig(parseWorkspaceConfig(fixture('config/valid.yaml')).config).rules;
    const template = fixture('../../templates/rollout-plan.md');
    const findings = lintText(template, { severities: rules });
    assert.ok(findings.includes('1:3-1:18 error placeholder'));
    assert.ok(findings.includes('4:3-4:28 info empty-field'));
    assert.ok(!findings.some((f) => f.endsWith('go-no-go-unchecked')), 'off removes the rule');
    // A rule the file does not name keeps its default.
    const withMissing = lintText('# X\n', { severities: rules }, ['missing-section']);
    assert.equal(withMissing.length, 10);
    assert.ok(withMissing.every((f) => f.endsWith('error missing-section')));
  });

  it('lets a configured severity override the status-based go/no-go severity', () => {
    const plan = '---\nstatus: go\n---\n## I) Operational Go/No-Go\n- [ ] Auth and connection test pass\n';
    assert.deepEqual(lintText(plan, {}, ['go-no-go-unchecked']), ['5:3-5:36 error go-no-go-unchecked']);
    assert.deepEqual(lintText(plan, { severities: { 'go-no-go-unchecked': 'info' } }, ['go-no-go-unchecked']), ['5:3-5:36 info go-no-go-unchecked']);
  });

  it('reads the gate\'s commands and timeout, none and 300 s by default, and refuses a bad shape', () => {
    const config = resolveConfig(parseWorkspaceConfig('gate:\n  lint: npm run lint -- src/connectors/hubspot\n  build: npm run build\n  timeoutSeconds: 120\n').config);
    assert.deepEqual(config.gate, { lint: 'npm run lint -- src/connectors/hubspot', build: 'npm run build', timeoutSeconds: 120 });
    assert.deepEqual(resolveConfig(undefined).gate, { lint: undefined, build: undefined, timeoutSeconds: 300 });
    const bad = parseWorkspaceConfig('gate:\n  build: ""\n  timeoutSeconds: 0\n  test: npm test\n');
    assert.equal(bad.config, undefined);
    assert.deepEqual(bad.findings.map((f) => [at(f), f.message.split(':')[0]]).sort(), [['2:10-2:12', 'gate.build'], ['3:19-3:20', 'gate.timeoutSeconds'], ['4:3-4:7', 'gate']]);
  });

  it('uses the defaults for an empty file and when there is no file', () => {
    assert.deepEqual(parseWorkspaceConfig(fixture('config/empty.yaml')), { config: {}, findings: [] });
    const config = resolveConfig(undefined);
    assert.equal(config.docsFolder, DEFAULT_DOCS_FOLDER);
    assert.equal(config.planGlob, DEFAULT_PLAN_GLOB);
    assert.deepEqual(config.agents, [...DEFAULT_AGENTS]);
    assert.deepEqual(config.rules, {});
  });

  it('reports broken YAML as a config finding near the break, and falls back to the defaults', () => {
    const result = parseWorkspaceConfig(fixture('config/broken.yaml'));
    assert.equal(result.config, undefined);
    assert.ok(result.findings.length >= 1);
    for (const f of result.findings) {
      assert.equal(f.rule, 'config');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /^YAML: /);
      assert.ok(f.range.start.line >= 2 && f.range.start.line <= 3, at(f));
    }
  });

  it('reports an unknown key on the key', () => {
    const result = parseWorkspaceConfig(fixture('config/unknown-keys.yaml'));
    assert.deepEqual(result.findings.map((f) => `${at(f)} ${f.severity} ${f.message}`), ['2:1-2:9 error Unrecognized key: "severity"']);
  });

  it('reports a bad severity on its value', () => {
    const result = parseWorkspaceConfig(fixture('config/bad-severity.yaml'));
    assert.deepEqual(result.findings.map((f) => `${at(f)} ${f.severity} ${f.rule}`), ['2:16-2:21 error config']);
    assert.match(result.findings[0]!.message, /^rules\.placeholder: .*"fatal"/);
  });

  it('warns about an unknown rule id and keeps the rest of the file', () => {
    const result = parseWorkspaceConfig(fixture('config/unknown-rule.yaml'));
    assert.deepEqual(result.findings.map((f) => `${at(f)} ${f.severity}`), ['2:3-2:15 warning']);
    assert.match(result.findings[0]!.message, /^Unknown rule "placeholders"\. Known rules: placeholder, /);
    assert.deepEqual(result.config?.rules, { placeholders: 'error', 'empty-field': 'off' });
  });

  it('reports a file that is not a mapping', () => {
    const result = parseWorkspaceConfig(fixture('config/not-a-mapping.yaml'));
    assert.deepEqual(result.findings.map((f) => `${at(f)} ${f.message}`), ['1:1-2:1 .connector-playbook.yaml must be a mapping of settings.']);
  });

  it('reads unquoted off (YAML 1.2) as the severity "off"', () => {
    assert.deepEqual(parseWorkspaceConfig('rules:\n  placeholder: off\n').config?.rules, { placeholder: 'off' });
  });

  it('warns when waveSequencing names an agent missing from agents', () => {
    const result = parseWorkspaceConfig('agents: [schema-sync]\nwaveSequencing:\n  - [schema-sync, qa]\n');
    assert.deepEqual(result.findings.map((f) => `${f.severity} ${f.message}`), ['warning waveSequencing names "qa", who is not in agents.']);
  });

  it('reports an alias bomb and duplicate keys instead of throwing', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const result = parseWorkspaceConfig(bomb);
    assert.equal(result.config, undefined);
    assert.equal(result.findings[0]?.rule, 'config');
    const duplicate = parseWorkspaceConfig('docsFolder: a\ndocsFolder: b\n');
    assert.equal(duplicate.config, undefined);
    assert.equal(duplicate.findings[0]?.range.start.line, 1);
  });

  it('ignores a BOM and CRLF line endings when placing findings', () => {
    const text = fixture('config/bad-severity.yaml');
    const crlf = parseWorkspaceConfig(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    assert.deepEqual(crlf.findings.map(at), ['2:16-2:21']);
  });
});
