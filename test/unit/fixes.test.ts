import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillPlaceholderEdits, fixesForFinding, insertSectionFix, normalizeCardinalityFix, checkPlaceholderValue } from '../../src/core/fixes';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import type { TextEdit } from '../../src/core/positions';
import { getDefaultTemplate } from '../../src/core/template';

const templateText = readFileSync(join(__dirname, '../../templates/rollout-plan.md'), 'utf8');

/** Applies plain edits to a text, last first, the way a WorkspaceEdit does. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, character: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start.line, b.range.start.character) - offsetOf(a.range.start.line, a.range.start.character));
  let out = text;
  for (const e of sorted) {
    const start = offsetOf(e.range.start.line, e.range.start.character);
    const end = offsetOf(e.range.end.line, e.range.end.character);
    out = out.slice(0, start) + e.newText + out.slice(end);
  }
  return out;
}

describe('core fixes', () => {
  it('checks a go/no-go item by changing exactly the character between the brackets', () => {
    const model = parsePlan(templateText);
    const finding = lintPlan(model).find((f) => f.rule === 'go-no-go-unchecked')!;
    const [fix] = fixesForFinding(model, getDefaultTemplate(), finding);
    assert.ok(fix);
    const after = applyEdits(templateText, fix.edits);
    assert.equal(after.length, templateText.length);
    assert.match(after, /- \[x\] Auth and connection test pass/);
    assert.equal(lintPlan(parsePlan(after)).filter((f) => f.rule === 'go-no-go-unchecked').length, 4);
  });

  it('inserts a missing section before the next present one, and the finding goes away', () => {
    const without = templateText.replace(/## G\) Risks \+ Mitigations\n(- .*\n)+\n/, '');
    assert.ok(!without.includes('Risks + Mitigations'));
    const model = parsePlan(without);
    const finding = lintPlan(model).find((f) => f.rule === 'missing-section')!;
    assert.equal(finding.data?.kind, 'missing-section');
    const [fix] = fixesForFinding(model, getDefaultTemplate(), finding);
    const after = applyEdits(without, fix!.edits);
    assert.equal(after, templateText);
    assert.equal(lintPlan(parsePlan(after)).filter((f) => f.rule === 'missing-section').length, 0);
  });

  it('inserts a missing last section at the end with one blank line, at the plan\'s heading level', () => {
    const text = templateText.replace(/## J\)[\s\S]*$/, '').replace(/## /g, '### ').trimEnd() + '\n';
    const model = parsePlan(text);
    const fix = insertSectionFix(model, getDefaultTemplate(), 'J')!;
    const after = applyEdits(text, fix.edits);
    assert.match(after, /- \[ \] Logs\/alerts in place for stuck runs and repeated failures\n\n### J\) Open Questions and Assumptions\n- Q1:\n/);
    assert.ok(after.endsWith('- Assumptions made:\n'));
  });

  it('keeps CRLF line endings when inserting a section', () => {
    const crlf = templateText.replace(/## B\) Source Model\n(- .*\n)+\n/, '').replace(/\n/g, '\r\n');
    const model = parsePlan(crlf);
    const fix = insertSectionFix(model, getDefaultTemplate(), 'B')!;
    assert.ok(fix.edits[0]!.newText.includes('\r\n'));
    assert.ok(!/[^\r]\n/.test(fix.edits[0]!.newText));
  });

  it('normalises cardinalities, keeping a code span around the value', () => {
    const text = [
      '## D) Mapping Rules + Cardinality',
      '| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |',
      '|---|---|---|---|---|---|',
      '| Primary | slack | user.id | staff | 1-n | DB unique |',
      '| Secondary | slack | team.id | partners | `one-to-one` | DB partial unique |',
      '| Tertiary | slack | channel.id | projects | 1 : n | app |',
      '',
    ].join('\n');
    const model = parsePlan(text);
    const findings = lintPlan(model).filter((f) => f.rule === 'mapping-cardinality');
    assert.equal(findings.length, 2);
    const first = fixesForFinding(model, getDefaultTemplate(), findings[0]!)[0]!;
    assert.equal(first.title, 'Normalise cardinality to 1:N');
    assert.equal(applyEdits(text, first.edits).split('\n')[3], '| Primary | slack | user.id | staff | 1:N | DB unique |');
    const second = fixesForFinding(model, getDefaultTemplate(), findings[1]!)[0]!;
    assert.equal(applyEdits(text, second.edits).split('\n')[4], '| Secondary | slack | team.id | partners | `1:1` | DB partial unique |');
    // `1 : n` is valid (no finding) but can still be rewritten.
    const rewrite = normalizeCardinalityFix(model, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } })!;
    assert.equal(applyEdits(text, rewrite.edits).split('\n')[5], '| Tertiary | slack | channel.id | projects | 1:N | app |');
  });

  it('fills every occurrence of one placeholder at once and leaves the others', () => {
    const model = parsePlan(templateText);
    const edits = fillPlaceholderEdits(model, '{external field}', 'user.email');
    assert.equal(edits.length, 3);
    const after = applyEdits(templateText, edits);
    assert.equal((after.match(/user\.email/g) ?? []).length, 3);
    assert.equal((after.match(/\{internal entity \+ key\}/g) ?? []).length, 3);
    assert.equal(lintPlan(parsePlan(after)).filter((f) => f.rule === 'placeholder' && f.message.includes('{external field}')).length, 0);
  });

  it('escapes pipes when filling a placeholder inside a table, and keeps code spans', () => {
    const text = '## D) Mapping Rules + Cardinality\n| Mapping Purpose | source |\n|---|---|\n| Primary | `{source_a}` |\n\nSee {source_a}.\n';
    const model = parsePlan(text);
    const after = applyEdits(text, fillPlaceholderEdits(model, '{source_a}', 'a|b'));
    assert.equal(after, '## D) Mapping Rules + Cardinality\n| Mapping Purpose | source |\n|---|---|\n| Primary | `a\\|b` |\n\nSee a|b.\n');
  });

  it('refuses a placeholder value with a line break', () => {
    assert.ok(checkPlaceholderValue('a\nb'));
    assert.ok(checkPlaceholderValue('   '));
    assert.equal(checkPlaceholderValue('slack'), undefined);
    assert.deepEqual(fillPlaceholderEdits(parsePlan(templateText), '{id}', 'x\ny'), []);
  });
});
