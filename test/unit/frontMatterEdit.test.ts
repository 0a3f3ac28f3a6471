// Setting a plan's status in its front matter: minimal edits, the rest byte for byte.
import assert from 'node:assert/strict';
import { applyEdits, setFrontMatterEdits, statusEdits } from '../../src/core/frontMatterEdit';
import { parsePlan } from '../../src/core/parser';

function edited(text: string, result: ReturnType<typeof statusEdits>): string {
  assert.equal(result.error, undefined, result.error);
  return applyEdits(parsePlan(text), result.edits!);
}

const REVIEW = { date: '2026-12-01', confirmed: ['build-compiles', 'docs-match'] };

describe('front matter: setting the status', () => {
  it('replaces only the status value, keeping its comment and every other line', () => {
    const text = '---\nkind: connector-rollout-plan\nstatus: draft   # until the review\nconnector: "Acme"\n---\n# Acme\n';
    const result = statusEdits(parsePlan(text), 'go');
    assert.equal(result.edits!.length, 1);
    assert.deepEqual(result.edits![0]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } });
    assert.equal(edited(text, result), text.replace('status: draft', 'status: go'));
  });

  it('adds the status and the review record before the closing ---', () => {
    const text = '---\nkind: connector-rollout-plan\n---\n\n# Acme\n';
    const out = edited(text, statusEdits(parsePlan(text), 'ready-for-review', REVIEW));
    assert.equal(out, '---\nkind: connector-rollout-plan\nstatus: ready-for-review\nreview:\n  date: 2026-12-01\n  confirmed: [build-compiles, docs-match]\n---\n\n# Acme\n');
    assert.deepEqual(parsePlan(out).frontMatter?.data, { kind: 'connector-rollout-plan', status: 'ready-for-review', review: REVIEW });
  });

  it('replaces an earlier review record, however it was written', () => {
    const text = '---\nstatus: draft\nreview:\n  date: 2020-01-01\n  confirmed:\n    - lint-clean\n# kept\nconnector: Acme\n---\n# Acme\n';
    const out = edited(text, statusEdits(parsePlan(text), 'ready-for-review', { date: '2026-12-01', confirmed: [] }));
    assert.equal(out, '---\nstatus: ready-for-review\nreview:\n  date: 2026-12-01\n  confirmed: []\n# kept\nconnector: Acme\n---\n# Acme\n');
  });

  it('adds front matter to a plan that has none, leaving the plan as it was below it', () => {
    const text = '# Acme Connector Rollout Plan\n\n## A) Business Goal\n';
    const out = edited(text, statusEdits(parsePlan(text), 'ready-for-review', REVIEW));
    assert.ok(out.endsWith(`\n---\n\n${text}`), out);
    assert.equal(parsePlan(out).frontMatter?.status, 'ready-for-review');
    const blankFirst = '\n# Acme\n';
    assert.equal(edited(blankFirst, statusEdits(parsePlan(blankFirst), 'draft')), '---\nstatus: draft\n---\n\n# Acme\n');
  });

  it('writes CRLF in a CRLF plan and keeps its BOM out of the edit', () => {
    const text = '\uFEFF---\r\nkind: connector-rollout-plan\r\n---\r\n# Acme\r\n';
    const result = statusEdits(parsePlan(text), 'ready-for-review', REVIEW);
    assert.deepEqual(result.edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'status: ready-for-review\r\nreview:\r\n  date: 2026-12-01\r\n  confirmed: [build-compiles, docs-match]\r\n' }]);
  });

  it('sets a key written with nothing after it', () => {
    const text = '---\nstatus:\nkind: connector-rollout-plan\n---\n';
    assert.equal(edited(text, statusEdits(parsePlan(text), 'draft')), '---\nstatus: draft\nkind: connector-rollout-plan\n---\n');
  });

  it('quotes what YAML would read as something else', () => {
    const text = '---\nkind: connector-rollout-plan\n---\n';
    const out = edited(text, setFrontMatterEdits(parsePlan(text), [['owner', 'yes'], ['note', 'a: b # c'], ['list', ['1', 'ok']]]));
    assert.deepEqual(parsePlan(out).frontMatter?.data, { kind: 'connector-rollout-plan', owner: 'yes', note: 'a: b # c', list: ['1', 'ok'] });
  });

  it('refuses front matter it cannot edit safely, and says why', () => {
    assert.match(statusEdits(parsePlan('---\nstatus: [draft\n---\n'), 'go').error!, /not valid YAML \(line \d+: /);
    assert.match(statusEdits(parsePlan('---\n{status: draft}\n---\n'), 'go').error!, /not written as "key: value" lines/);
    assert.match(statusEdits(parsePlan('---\nstatus: draft\n---\n'), 'done' as never).error!, /is not a status/);
  });
});
