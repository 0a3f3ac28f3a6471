// The §3 rules on the shipped template itself: everything a fresh copy leaves to fill is found,
// at the exact place, once.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { REPO_DIR, lintFindings, lintText, where } from '../fixtures/lintFixtures';

const TEMPLATE_FILE = join(REPO_DIR, 'templates', 'rollout-plan.md');

describe('core: the rules on templates/rollout-plan.md', () => {
  const text = readFileSync(TEMPLATE_FILE, 'utf8');

  it('is the text the core ships as DEFAULT_TEMPLATE_TEXT', () => {
    assert.equal(DEFAULT_TEMPLATE_TEXT, text);
  });

  it('has every section A–J, so no missing-section', () => {
    assert.deepEqual(lintText(text, {}, ['missing-section']), []);
  });

  it('reports every placeholder once, at its brace', () => {
    assert.deepEqual(lintFindings(text, {}, ['placeholder']).map((f) => `${where(f)} ${f.data?.kind === 'placeholder' ? f.data.placeholder : ''}`), [
      '1:3-1:18 warning placeholder {ConnectorName}',
      '15:11-15:27 warning placeholder {external field}',
      '15:31-15:54 warning placeholder {internal entity + key}',
      '16:11-16:27 warning placeholder {external field}',
      '16:31-16:54 warning placeholder {internal entity + key}',
      '17:11-17:27 warning placeholder {external field}',
      '17:31-17:54 warning placeholder {internal entity + key}',
      '22:13-22:23 warning placeholder {source_a}',
      '22:26-22:30 warning placeholder {id}',
      '22:33-22:41 warning placeholder {entity}',
      '22:44-22:53 warning placeholder {1:1/1:N}',
      '22:56-22:64 warning placeholder {DB/app}',
      '23:15-23:25 warning placeholder {source_b}',
      '23:28-23:32 warning placeholder {id}',
      '23:35-23:43 warning placeholder {entity}',
      '23:46-23:55 warning placeholder {1:1/1:N}',
      '23:58-23:66 warning placeholder {DB/app}',
      '24:14-24:24 warning placeholder {source_c}',
      '24:27-24:31 warning placeholder {id}',
      '24:34-24:42 warning placeholder {entity}',
      '24:45-24:54 warning placeholder {1:1/1:N}',
      '24:57-24:65 warning placeholder {DB/app}',
    ]);
  });

  it('reports every empty "- Label:" line of the template as empty-field on its label', () => {
    // The oracle: a template line that is exactly "- Label:" (41 of them) plus the pull-mode option list.
    const expected: string[] = [];
    text.split('\n').forEach((line, index) => {
      const match = /^- ([^:[\]]+):$/.exec(line);
      if (match) expected.push(`${index + 1}:3-${index + 1}:${3 + match[1]!.length} warning empty-field`);
    });
    expected.push('12:19-12:50 warning empty-field');
    expected.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    assert.equal(expected.length, 42);
    assert.deepEqual(lintText(text, {}, ['empty-field']), expected);
  });

  it('reports the option list "incremental / snapshot / hybrid" on its value, saying to pick one', () => {
    const [finding] = lintFindings(text, {}, ['empty-field']).filter((f) => f.range.start.line === 11);
    assert.equal(finding?.message, '"Data pull mode" still lists the template\'s options (incremental / snapshot / hybrid): pick one.');
  });

  it('reports the five go/no-go items as info (no status), from the [ to the end of the text', () => {
    assert.deepEqual(lintText(text, {}, ['go-no-go-unchecked']), [
      '79:3-79:36 info go-no-go-unchecked',
      '80:3-80:47 info go-no-go-unchecked',
      '81:3-81:47 info go-no-go-unchecked',
      '82:3-82:54 info go-no-go-unchecked',
      '83:3-83:64 info go-no-go-unchecked',
    ]);
  });

  it('reports the matrix rows by their placeholders alone: no cardinality, enforcement or duplicate finding', () => {
    assert.deepEqual(lintText(text, {}, ['mapping-cardinality', 'mapping-enforcement', 'mapping-rule-of-thumb', 'mapping-duplicate', 'mapping-extra-cells']), []);
  });

  it('never reports one line under two rules (one problem, one finding)', () => {
    const rulesByLine = new Map<number, Set<string>>();
    for (const f of lintFindings(text)) {
      const rules = rulesByLine.get(f.range.start.line) ?? new Set<string>();
      rules.add(f.rule);
      rulesByLine.set(f.range.start.line, rules);
    }
    for (const [line, rules] of rulesByLine) assert.equal(rules.size, 1, `line ${line + 1}: ${[...rules].join(', ')}`);
    assert.equal(lintFindings(text).length, 22 + 42 + 5);
  });
});
