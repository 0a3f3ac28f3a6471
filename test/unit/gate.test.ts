// The "Ready For Review" gate (§6) in core: each criterion in each of its states, on crafted plans.
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/findings';
import type { GateCommandOutcome, GateCriterion, GateCriterionId, GateInput } from '../../src/core/gate';
import { evaluateGate, GATE_CRITERION_IDS, gateReady, gateRunBlocker } from '../../src/core/gate';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { readGateItems } from '../../src/core/playbookGuide';
import { lineRange } from '../../src/core/positions';

/** A plan that passes every criterion the plan can show. */
const READY = `---
kind: connector-rollout-plan
status: draft
---
# Acme Connector Rollout Plan

## E) Delivery Phases
### Phase 2: Sync Engine
- Scope: deals
- Validation tests:
  - [x] Restart mid-sync resumes from the watermark
  - [x] Overlapping runs: the lease lets one win
  - [x] Page cap: a 10k-result search is sliced by date

## H) Manual Setup Handoff (Owner Actions)
- Required permissions/scopes: crm.objects.deals.read

## I) Operational Go/No-Go
- [ ] Auth and connection test pass
- [x] Mappings validated (manual + auto-match)

## J) Open Questions and Assumptions
- Q1: Which pipeline counts as renewals?
- Q2:
- Assumptions made: one portal per tenant.
`;

const exited = (command: string, exitCode: number | null, signal?: string): GateCommandOutcome => ({ kind: 'exited', command, exitCode, signal: signal ?? null });

function criterion(text: string, id: GateCriterionId, input: Partial<GateInput> = {}): GateCriterion {
  const model = parsePlan(text);
  const result = evaluateGate(model, { findings: input.findings ?? [], configured: input.configured ?? {}, outcomes: input.outcomes });
  return result.criteria.find((c) => c.id === id)!;
}
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start));
const warning = (line: number, rule: Finding['rule'] = 'empty-field'): Finding => ({ rule, severity: 'warning', message: 'x', range: lineRange(line, 0, 1) });

describe('gate: the six criteria', () => {
  it('are §6\'s, in the playbook\'s order, with their ids and the playbook\'s words', () => {
    const result = evaluateGate(parsePlan(READY), { findings: [], configured: {} });
    assert.deepEqual(result.criteria.map((c) => c.id), [...GATE_CRITERION_IDS]);
    assert.deepEqual(result.criteria.map((c) => c.title), readGateItems());
    for (const c of result.criteria) assert.ok(!c.reason.includes('\n') && c.reason.length > 0, c.id);
  });

  it('lets a plan through when nothing fails; --strict also wants nothing left to confirm', () => {
    const model = parsePlan(READY);
    const passing = evaluateGate(model, { findings: [], configured: { lint: 'l', build: 'b' }, outcomes: { lint: exited('l', 0), build: exited('b', 0) } });
    assert.deepEqual(passing.criteria.map((c) => c.state), ['pass', 'pass', 'pass', 'pass', 'confirm', 'pass']);
    assert.equal(gateReady(passing), true);
    assert.equal(gateReady(passing, true), false);
    const allPass = { criteria: passing.criteria.map((c) => ({ ...c, state: 'pass' as const })) };
    assert.equal(gateReady(allPass, true), true);
    const failing = evaluateGate(model, { findings: [warning(5)], configured: {} });
    assert.equal(gateReady(failing), false);
  });
});

describe('gate: lint-clean', () => {
  it('fails on the plan\'s own findings at warning or error, pointing at the first', () => {
    const c = criterion(READY, 'lint-clean', { findings: [warning(12), { ...warning(20), severity: 'error', rule: 'placeholder' }] });
    assert.equal(c.state, 'fail');
    assert.equal(c.line, 12);
    assert.equal(c.reason, 'The plan has 1 error and 1 warning, the first on line 13 (empty-field).');
  });

  it('fails on the plan as lintPlan reads it, and still says when the command failed too', () => {
    const text = READY.replace('- Q2:\n', '- Q2: {later}\n');
    // The crafted plan has only the sections the gate reads.
    const findings = lintPlan(parsePlan(text), { severities: { 'missing-section': 'off' } });
    const c = criterion(text, 'lint-clean', { findings, configured: { lint: 'npm run lint' }, outcomes: { lint: exited('npm run lint', 1) } });
    assert.equal(c.state, 'fail');
    assert.equal(c.line, lineOf(text, '- Q2:'));
    assert.match(c.reason, /\(placeholder\); gate\.lint exited 1, see its output: `npm run lint`\.$/);
  });

  it('leaves unchecked go/no-go items and information findings to others', () => {
    const findings: Finding[] = [warning(17, 'go-no-go-unchecked'), { ...warning(3), severity: 'info' }];
    assert.equal(criterion(READY.replace('status: draft', 'status: ready-for-review'), 'lint-clean', { findings }).state, 'confirm');
  });

  it('passes when the lint command exits 0 and the plan is clean; fails when it does not', () => {
    const configured = { lint: 'npm run lint -- src/connectors/acme' };
    assert.deepEqual(criterion(READY, 'lint-clean', { configured, outcomes: { lint: exited(configured.lint, 0) } }), {
      id: 'lint-clean',
      title: 'Lint clean for connector files',
      state: 'pass',
      reason: 'gate.lint exited 0: `npm run lint -- src/connectors/acme`.',
    });
    assert.equal(criterion(READY, 'lint-clean', { configured, outcomes: { lint: exited(configured.lint, 1) } }).state, 'fail');
  });

  it('is to confirm with no command configured, or when the command did not run', () => {
    const none = criterion(READY, 'lint-clean');
    assert.equal(none.state, 'confirm');
    assert.match(none.reason, /no lint command is configured \(gate\.lint in \.connector-playbook\.yaml\)/);
    const untrusted = criterion(READY, 'lint-clean', { configured: { lint: 'npm run lint' }, outcomes: { lint: { kind: 'not-run', command: 'npm run lint', reason: 'the workspace is not trusted' } } });
    assert.equal(untrusted.state, 'confirm');
    assert.equal(untrusted.reason, 'gate.lint was not run (the workspace is not trusted): confirm it by hand.');
  });
});

describe('gate: build-compiles', () => {
  const configured = { build: 'npm run build' };
  it('passes when the build exits 0', () => {
    assert.equal(criterion(READY, 'build-compiles', { configured, outcomes: { build: exited('npm run build', 0) } }).state, 'pass');
  });

  it('fails when it exits otherwise, is stopped, times out or cannot start', () => {
    const failing: [GateCommandOutcome, RegExp][] = [
      [exited('npm run build', 2), /exited 2/],
      [exited('npm run build', null, 'SIGKILL'), /was stopped \(SIGKILL\)/],
      [{ kind: 'timed-out', command: 'npm run build', seconds: 300 }, /did not finish within 300 s/],
      [{ kind: 'failed-to-start', command: 'npm run build', message: 'spawn ENOENT\nmore' }, /^gate\.build could not start \(spawn ENOENT\): `npm run build`\.$/],
    ];
    for (const [build, reason] of failing) {
      const c = criterion(READY, 'build-compiles', { configured, outcomes: { build } });
      assert.equal(c.state, 'fail');
      assert.match(c.reason, reason);
      assert.equal(c.line, undefined, 'a command does not point at the plan');
    }
  });

  it('is to confirm unconfigured, not run (--no-run, untrusted, web), or not yet run', () => {
    assert.match(criterion(READY, 'build-compiles').reason, /No build command is configured/);
    assert.equal(criterion(READY, 'build-compiles', { configured, outcomes: { build: { kind: 'not-run', command: 'npm run build', reason: '--no-run' } } }).state, 'confirm');
    assert.match(criterion(READY, 'build-compiles', { configured }).reason, /has not run/);
  });

  it('shortens a long command in its reason', () => {
    const long = `node ${'x'.repeat(100)}`;
    const reason = criterion(READY, 'build-compiles', { configured: { build: long }, outcomes: { build: exited(long, 0) } }).reason;
    assert.match(reason, /^gate\.build exited 0: `node x{54}…`\.$/);
  });
});

describe('gate: sync-edge-cases', () => {
  const tests = lineOf(READY, '- Validation tests:');
  it('passes when Phase 2\'s validation tests name restart, overlap and page-cap', () => {
    assert.deepEqual(criterion(READY, 'sync-edge-cases'), {
      id: 'sync-edge-cases',
      title: 'Sync engine tested for restart/overlap/page-cap edge cases',
      state: 'pass',
      reason: "Phase 2's validation tests name the restart, overlap and page-cap cases.",
      line: tests,
    });
    // Plain items and other words count too: resume, concurrent, max pages.
    const plain = READY.replace(/ {2}- \[x\] Restart[^\n]*\n {2}- \[x\] Overlapping[^\n]*\n {2}- \[x\] Page cap[^\n]*\n/, '  - crash and resume\n  - two concurrent runs\n  - max pages reached\n');
    assert.equal(criterion(plain, 'sync-edge-cases').state, 'pass');
  });

  it('fails when a case is missing, when one is an unchecked task, or when the tests are empty', () => {
    const missing = criterion(READY.replace('Page cap: a 10k-result search is sliced by date', 'Slicing by date'), 'sync-edge-cases');
    assert.equal(missing.state, 'fail');
    assert.equal(missing.reason, "Phase 2's validation tests do not name page-cap (of restart, overlap and page-cap).");
    assert.equal(missing.line, tests);
    const open = criterion(READY.replace('[x] Overlapping', '[ ] Overlapping'), 'sync-edge-cases');
    assert.equal(open.state, 'fail');
    assert.equal(open.line, lineOf(READY, '  - [x] Overlapping'));
    assert.match(open.reason, /^The overlap test is not checked yet/);
    const empty = READY.replace(/- Validation tests:\n(?: {2}- [^\n]*\n)+/, '- Validation tests:\n');
    assert.equal(criterion(empty, 'sync-edge-cases').state, 'fail');
    assert.match(criterion(empty, 'sync-edge-cases').reason, /are empty/);
  });

  it('is to confirm when the plan has no Phase 2 to read', () => {
    const c = criterion(READY.replace('### Phase 2: Sync Engine', '### Rollout'), 'sync-edge-cases');
    assert.equal(c.state, 'confirm');
    assert.equal(c.line, undefined);
  });
});

describe('gate: mapping-remap', () => {
  const line = lineOf(READY, '- [x] Mappings validated');
  it('passes when the go/no-go item on mappings is checked, fails when it is not', () => {
    assert.deepEqual([criterion(READY, 'mapping-remap').state, criterion(READY, 'mapping-remap').line], ['pass', line]);
    const open = criterion(READY.replace('[x] Mappings', '[ ] Mappings'), 'mapping-remap');
    assert.deepEqual([open.state, open.line, open.reason], ['fail', line, 'The go/no-go item "Mappings validated (manual + auto-match)" is not checked.']);
  });

  it('is to confirm when section I has no item on mappings', () => {
    assert.equal(criterion(READY.replace('- [x] Mappings validated (manual + auto-match)\n', ''), 'mapping-remap').state, 'confirm');
  });
});

describe('gate: docs-match', () => {
  it('is always for a person to confirm, pointing at the scopes section H lists', () => {
    const c = criterion(READY, 'docs-match');
    assert.deepEqual([c.state, c.line], ['confirm', lineOf(READY, '- Required permissions/scopes')]);
    assert.equal(criterion('# x\n', 'docs-match').line, undefined);
  });
});

describe('gate: open-questions', () => {
  it('passes when section J holds a real question and a real assumption', () => {
    assert.equal(criterion(READY, 'open-questions').state, 'pass');
    // A question may be a plain list item.
    const plain = READY.replace('- Q1: Which pipeline counts as renewals?\n- Q2:\n', '- Which pipeline counts as renewals?\n');
    assert.equal(criterion(plain, 'open-questions').state, 'pass');
    // Or nested under its label.
    const nested = READY.replace('- Q1: Which pipeline counts as renewals?', '- Q1:\n  - Which pipeline counts as renewals?');
    assert.equal(criterion(nested, 'open-questions').state, 'pass');
  });

  it('fails on empty, placeholder or "TBD" questions, on no assumption, and on no section J', () => {
    for (const q of ['', ' TBD', ' {question}', ' n/a']) {
      const c = criterion(READY.replace(' Which pipeline counts as renewals?', q), 'open-questions');
      assert.equal(c.state, 'fail', JSON.stringify(q));
      assert.equal(c.line, lineOf(READY, '- Q1:'));
    }
    const noAssumption = criterion(READY.replace(' one portal per tenant.', ''), 'open-questions');
    assert.deepEqual([noAssumption.state, noAssumption.line], ['fail', lineOf(READY, '- Assumptions made:')]);
    assert.match(noAssumption.reason, /no assumption/);
    const noSection = criterion(READY.slice(0, READY.indexOf('## J)')), 'open-questions');
    assert.deepEqual([noSection.state, noSection.line], ['fail', undefined]);
  });
});

describe('gate: confirmations the front matter records', () => {
  const marked = READY.replace('status: draft', 'status: ready-for-review\nreview:\n  date: 2026-12-01\n  confirmed: [lint-clean, build-compiles, docs-match]');
  const states = (text: string, input: Partial<GateInput> = {}) => evaluateGate(parsePlan(text), { findings: [], configured: {}, ...input }).criteria.map((c) => c.state);

  it('count as passes while the plan is ready-for-review or go, so --strict can let it through', () => {
    const result = evaluateGate(parsePlan(marked), { findings: [], configured: {} });
    assert.deepEqual(result.criteria.map((c) => c.state), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    assert.equal(result.criteria[4]!.reason, 'Confirmed by hand on 2026-12-01 (review in the front matter).');
    assert.equal(gateReady(result, true), true);
    assert.deepEqual(states(marked.replace('status: ready-for-review', 'status: go')), states(marked));
  });

  it('never stand in for a failure, nor count in draft, nor when marking asks afresh', () => {
    assert.equal(states(marked, { findings: [warning(9)] })[0], 'fail');
    assert.deepEqual(states(marked.replace('status: ready-for-review', 'status: draft')), ['confirm', 'confirm', 'pass', 'pass', 'confirm', 'pass']);
    assert.deepEqual(states(marked, { ignoreRecorded: true }), ['confirm', 'confirm', 'pass', 'pass', 'confirm', 'pass']);
  });
});

describe('gate: where its commands may run', () => {
  it('only in a trusted workspace on disk, with a process at hand; otherwise it says why', () => {
    const place = { trusted: true, hasProcess: true, folderScheme: 'file' as string | undefined };
    assert.equal(gateRunBlocker(place), undefined);
    assert.equal(gateRunBlocker({ ...place, trusted: false }), 'the workspace is not trusted');
    assert.equal(gateRunBlocker({ ...place, hasProcess: false }), 'no process can run in VS Code for the Web');
    assert.equal(gateRunBlocker({ ...place, folderScheme: 'vscode-vfs' }), 'the workspace is virtual (vscode-vfs), so no process can run');
    assert.equal(gateRunBlocker({ ...place, folderScheme: undefined }), 'the plan is not in a workspace folder');
    // The reason is what the criteria say: to confirm, not failed.
    const model = parsePlan(READY);
    const reason = gateRunBlocker({ ...place, folderScheme: 'vscode-vfs' })!;
    const result = evaluateGate(model, { findings: [], configured: { lint: 'l', build: 'b' }, outcomes: { lint: { kind: 'not-run', command: 'l', reason }, build: { kind: 'not-run', command: 'b', reason } } });
    assert.deepEqual(result.criteria.slice(0, 2).map((c) => [c.state, c.reason]), [
      ['confirm', 'gate.lint was not run (the workspace is virtual (vscode-vfs), so no process can run): confirm it by hand.'],
      ['confirm', 'gate.build was not run (the workspace is virtual (vscode-vfs), so no process can run): confirm it by hand.'],
    ]);
  });
});
