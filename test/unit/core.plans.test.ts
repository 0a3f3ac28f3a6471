// The rules on realistic plans written the way teams write them: a complete one has no finding,
// half-finished ones have exactly the problems §3 describes, wherever the file's bytes differ.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parser';
import { fixture, fullDescription, lintFindings, lintText, toCrlf, withBom } from '../fixtures/lintFixtures';

const PLANS = ['plans/clean-slack.md', 'plans/hubspot-half.md', 'plans/notion-star-lists.md', 'plans/close-go.md'];

describe('core: realistic plans', () => {
  it('finds nothing at all on a complete plan (status go, every item checked)', () => {
    assert.deepEqual(fullDescription(fixture('plans/clean-slack.md')), []);
  });

  it('finds exactly the problems of a half-filled plan in review, at their lines and columns', () => {
    assert.deepEqual(lintText(fixture('plans/hubspot-half.md')), [
      '10:3-10:32 warning empty-field',
      '14:3-14:23 warning empty-field',
      '16:19-16:50 warning empty-field',
      '20:11-20:27 warning placeholder',
      '20:31-20:54 warning placeholder',
      '27:59-27:62 error mapping-cardinality',
      '28:46-28:54 warning placeholder',
      '28:57-28:66 warning placeholder',
      '28:69-28:77 warning placeholder',
      '29:46-29:54 warning identity-unmapped',
      '29:64-29:67 warning mapping-rule-of-thumb',
      '30:22-30:52 error mapping-duplicate',
      '33:3-33:32 warning empty-field',
      '43:3-43:15 warning empty-field',
      '44:3-44:19 warning empty-field',
      '47:3-47:8 warning empty-field',
      '48:3-48:15 warning empty-field',
      '49:3-49:19 warning empty-field',
      '61:3-61:8 warning empty-field',
      '68:3-68:9 warning empty-field',
      '70:4-70:27 error missing-section',
      '72:3-72:47 warning go-no-go-unchecked',
      '73:3-73:47 warning go-no-go-unchecked',
      '75:3-75:64 warning go-no-go-unchecked',
      '80:3-80:5 warning empty-field',
    ]);
  });

  it('words the half-filled plan\'s findings so the author knows what to do', () => {
    const messages = lintFindings(fixture('plans/hubspot-half.md')).map((f) => f.message);
    assert.ok(messages.includes('Cardinality "1-N" is not 1:1 or 1:N: did you mean 1:N?'));
    assert.ok(messages.includes('Same source and external ID as the row on line 27.'));
    assert.ok(messages.includes('Section H) Manual Setup Handoff (Owner Actions) is missing (expected before "I) Operational Go/No-Go").'));
    assert.ok(messages.includes('Go/no-go item not checked (status: ready-for-review): Mappings validated (manual + auto-match)'));
    assert.ok(messages.includes('"Authentication model" is empty.'));
  });

  it('reads * and + and numbered lists, tables without outer pipes and sections without letters: one info only', () => {
    assert.deepEqual(fullDescription(fixture('plans/notion-star-lists.md')), [
      '88:4-88:55 info go-no-go-unchecked Go/no-go item not checked: Metrics spot-checked against raw source samples',
    ]);
  });

  it('counts lines from the first line of the file when the plan has front matter, and status go makes go/no-go errors', () => {
    assert.deepEqual(fullDescription(fixture('plans/close-go.md')), [
      '24:11-24:27 warning placeholder Placeholder {external field} is still to be filled in.',
      '60:3-60:47 error go-no-go-unchecked Go/no-go item not checked (status: go): Mappings validated (manual + auto-match)',
      '62:3-62:54 error go-no-go-unchecked Go/no-go item not checked (status: go): Metrics spot-checked against raw source samples',
    ]);
  });

  for (const plan of PLANS) {
    it(`${plan}: CRLF line endings give the same findings at the same lines and columns`, () => {
      const lf = fixture(plan);
      assert.ok(!lf.includes('\r'));
      const crlf = toCrlf(lf);
      assert.deepEqual(fullDescription(crlf), fullDescription(lf));
      assert.equal(parsePlan(crlf).source.eol, '\r\n');
    });

    it(`${plan}: a BOM (with LF or CRLF) changes no line or column`, () => {
      const lf = fixture(plan);
      assert.deepEqual(fullDescription(withBom(lf)), fullDescription(lf));
      assert.deepEqual(fullDescription(withBom(toCrlf(lf))), fullDescription(lf));
      assert.equal(parsePlan(withBom(lf)).source.hasBom, true);
    });
  }

  it('reads a file stored with a BOM and CRLF exactly like its LF twin', () => {
    const stored = fixture('plans/close-go-bom-crlf.md');
    assert.equal(stored.charCodeAt(0), 0xfeff, 'the fixture keeps its BOM');
    assert.ok(stored.includes('\r\n'), 'the fixture keeps its CRLF line endings');
    const model = parsePlan(stored);
    assert.equal(model.source.hasBom, true);
    assert.equal(model.source.eol, '\r\n');
    assert.deepEqual(fullDescription(stored), fullDescription(fixture('plans/close-go.md')));
  });

  it('treats a lone CR as a line break, as VS Code does', () => {
    const lf = fixture('plans/hubspot-half.md');
    assert.deepEqual(fullDescription(lf.replace(/\n/g, '\r')), fullDescription(lf));
  });
});
