// Completion and hover in .connector-playbook.yaml for editors without the YAML extension: keys,
// rule ids and severities, agents; read line by line, so a file being typed is helped too.
import * as assert from 'node:assert/strict';
import { configCompletions, configHover } from '../../src/core/editor/configEditing';
import type { PlanCompletion } from '../../src/core/editor/editorPlan';
import { RULE_IDS } from '../../src/core/rules';
import { applyEdits, cursor, repoFile, textAt } from './editorSupport';

const SAMPLE = repoFile('examples/.connector-playbook.yaml');
const labels = (items: readonly PlanCompletion[]) => items.map((i) => i.label);
const complete = (text: string, probe: string, nth = 0) => configCompletions(text, cursor(text, probe, nth));

describe('config editing: completion', () => {
  it('offers every key in an empty file, with a snippet of its value', () => {
    const items = configCompletions('', { line: 0, character: 0 });
    assert.deepEqual(labels(items), ['docsFolder', 'planGlob', 'template', 'rules', 'agents', 'waveSequencing', 'gate']);
    assert.equal(items[0]!.insertText, 'docsFolder: src/docs');
    assert.equal(items[5]!.insertText, 'waveSequencing:\n  - [schema-sync, analytics]\n  - [api-integration]\n  - [ui-ops]');
    assert.match(items[3]!.documentation!, /connectorPlaybook\.rules/);
  });

  it('offers the keys a file lacks on a new line, replacing the word typed', () => {
    const text = 'docsFolder: src/docs\ntem\nrules:\n  placeholder: error\n';
    const items = complete(text, 'tem‸');
    assert.deepEqual(labels(items), ['planGlob', 'template', 'agents', 'waveSequencing', 'gate']);
    assert.equal(textAt(text, items[0]!.range), 'tem');
    assert.deepEqual(complete(SAMPLE, 'docs‸Folder: src/docs'), [], 'on a key already written');
  });

  it('offers the rule ids not set yet under rules, and the severities after one', () => {
    const text = SAMPLE.replace('  placeholder: error\n', '  placeholder: error\n  \n');
    const ids = complete(text, '  ‸', 0);
    assert.deepEqual(labels(ids), RULE_IDS.filter((id) => id !== 'placeholder'));
    assert.equal(ids[0]!.insertText, 'empty-field: ');
    assert.equal(ids[0]!.detail, 'default: warning');
    const severities = complete(SAMPLE, '  placeholder: ‸error');
    assert.deepEqual(labels(severities), ['error', 'warning', 'info', 'off']);
    assert.equal(textAt(SAMPLE, severities[0]!.range), 'error');
  });

  it('offers the playbook\'s agents in agents, and the file\'s roster in waveSequencing', () => {
    const text = 'agents:\n  - schema-sync\n  - qa\n  - \nwaveSequencing:\n  - [schema-sync, ]\n';
    assert.deepEqual(labels(complete(text, '  - ‸')), ['api-integration', 'analytics', 'ui-ops']);
    const stage = complete(text, '  - [schema-sync, ‸]');
    assert.deepEqual(labels(stage), ['qa']);
    assert.equal(applyEdits(text, [{ range: stage[0]!.range, newText: stage[0]!.insertText }]).split('\n')[5], '  - [schema-sync, qa]');
  });

  it('offers nothing inside a value that has no choices, or in a comment', () => {
    assert.deepEqual(complete(SAMPLE, 'docsFolder: src/‸docs'), []);
    assert.deepEqual(complete(SAMPLE, '# Connector Playbook settings‸'), []);
  });
});

describe('config editing: hover', () => {
  it('documents a key with its default and an example', () => {
    const found = configHover(SAMPLE, cursor(SAMPLE, 'wave‸Sequencing:'));
    assert.ok(found);
    assert.equal(textAt(SAMPLE, found.range), 'waveSequencing');
    assert.match(found.contents, /^\*\*waveSequencing\*\* — `\.connector-playbook\.yaml`\n\nThe stages of the wave sequencing/);
    assert.match(found.contents, /Default: `\[\["schema-sync","analytics"\],\["api-integration"\],\["ui-ops"\]\]`/);
  });

  it('documents a rule id and a severity under rules, and says when either is unknown', () => {
    assert.match(configHover(SAMPLE, cursor(SAMPLE, '  place‸holder: error'))!.contents, /^\*\*placeholder\*\* — rule, default severity `warning`\n\nA \{…\} placeholder left from the template\.$/);
    assert.match(configHover(SAMPLE, cursor(SAMPLE, '  placeholder: er‸ror'))!.contents, /^\*\*error\*\* — Reported as an error; `connector-playbook lint` exits 1\.$/);
    const typo = SAMPLE.replace('  placeholder: error', '  placeholders: error');
    assert.match(configHover(typo, cursor(typo, '  place‸holders: error'))!.contents, /^`placeholders` is not a rule id\. Rules: `placeholder`/);
    const unknown = `${SAMPLE}plan_glob: x\n`;
    assert.match(configHover(unknown, cursor(unknown, 'plan‸_glob: x'))!.contents, /^`plan_glob` is not a setting of `\.connector-playbook\.yaml`\./);
  });

  it('has nothing to say on values and comments', () => {
    assert.equal(configHover(SAMPLE, cursor(SAMPLE, 'docsFolder: src/‸docs')), undefined);
    assert.equal(configHover(SAMPLE, cursor(SAMPLE, '  - schema-‸sync')), undefined);
  });
});
