// The form's protocol and page: messages checked cheaply and strictly, the CSP, the nonce, and no
// document value ever becoming markup. Also the webview's own queue and local model (pure code).
import * as assert from 'node:assert/strict';
import { lintPlan } from '../../src/core/lint';
import { locateMappingFindings, MAX_MAPPING_VALUE_CHARS, readMappingData } from '../../src/core/mappingData';
import { parsePlan } from '../../src/core/parser';
import { renderMappingEditorHtml } from '../../src/mappingEditor/mappingEditorHtml';
import { createNonce, escapeHtml, jsonForScript, webviewCsp } from '../../src/webviewPage';
import { ExtensionMessageSchema, exceedsBudget, FormStateSchema, MESSAGE_LIMITS, parseWebviewMessage } from '../../src/protocol/mappingMessages';
import type { FormChange, FormState } from '../../src/protocol/mappingMessages';
import { EditQueue } from '../../webview/editQueue';
import type { EditRequest } from '../../webview/editQueue';
import { applyLocally, findingsAfter } from '../../webview/localModel';

const XSS = '<img src=x onerror=alert(1)>';
const PLAN = `# Acme\n\n## D) Mapping Rules + Cardinality\n| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |\n|---|---|---|---|---|---|\n| Primary | acme | id | ${XSS} | 1:1 | app |\n| </script><script>alert(2)</script> | b | c | d | 1:N | DB |\n`;

function stateOf(text: string, fileName = 'ACME-ROLLOUT-PLAN.md'): FormState {
  const model = parsePlan(text);
  const data = readMappingData(model);
  return { fileName, data, findings: locateMappingFindings(model, data, lintPlan(model)) };
}

describe('mapping form protocol', () => {
  it('accepts the messages the form sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'edit', id: 1, version: 3, change: { kind: 'setCell', row: 0, column: 2, value: 'x' } },
      { type: 'edit', id: 2, version: 3, change: { kind: 'addRow', index: 1, values: ['a', 'b'] } },
      { type: 'edit', id: 3, version: 3, change: { kind: 'moveRow', row: 1, to: 0 } },
      { type: 'edit', id: 4, version: 3, change: { kind: 'setField', field: 'onConflict', value: 'skip' } },
      { type: 'edit', id: 5, version: 3, change: { kind: 'insertMatrix' } },
      { type: 'openText', row: 2 },
    ]) assert.ok(parseWebviewMessage(message).ok, JSON.stringify(message));
  });

  it('rejects unknown types, unknown keys, bad numbers and imports with a readable reason', () => {
    const reason = (m: unknown) => {
      const parsed = parseWebviewMessage(m);
      assert.equal(parsed.ok, false, JSON.stringify(m));
      return parsed.ok ? '' : parsed.error;
    };
    assert.match(reason({ type: 'format-disk' }), /unknown type/);
    assert.match(reason('ready'), /expected object/);
    assert.match(reason(null), /expected object/);
    assert.match(reason({ type: 'ready', extra: 1 }), /Unrecognized key/);
    assert.match(reason({ type: 'edit', id: 1, version: 1, change: { kind: 'setCell', row: -1, column: 0, value: '' } }), /change\.row/);
    assert.match(reason({ type: 'edit', id: 1, version: 1.5, change: { kind: 'insertMatrix' } }), /version/);
    assert.match(reason({ type: 'edit', id: 1, version: 1, change: { kind: 'replaceRows', import: {} } }), /unknown kind/);
    assert.match(reason({ type: 'edit', id: 1, version: 1, change: { kind: 'setField', field: '__proto__', value: '' } }), /change\.field/);
  });

  it('rejects a 10 MB payload and a payload of millions of values before looking at its shape', () => {
    const tenMegabytes = { type: 'edit', id: 1, version: 1, change: { kind: 'setCell', row: 0, column: 0, value: 'x'.repeat(10 * 1024 * 1024) } };
    const millions = { type: 'edit', id: 1, version: 1, change: { kind: 'addRow', index: 0, values: Array.from({ length: 3_000_000 }, () => 'a') } };
    const huge = parseWebviewMessage(tenMegabytes);
    const many = parseWebviewMessage(millions);
    assert.deepEqual([huge.ok, many.ok], [false, false]);
    assert.match(huge.ok ? '' : huge.error, /larger than/);
    let deep: unknown = 'x';
    for (let k = 0; k < 100_000; k++) deep = [deep];
    // Walked with a stack of its own, not recursion: no stack overflow, and too big is too big.
    assert.equal(exceedsBudget(deep, MESSAGE_LIMITS.messageBudget), true);
    assert.equal(exceedsBudget(deep, 1_000_000), false);
    assert.equal(parseWebviewMessage({ type: 'openText', row: deep }).ok, false);
  });

  it('keeps its limits in step with core', () => {
    assert.equal(MESSAGE_LIMITS.valueChars, MAX_MAPPING_VALUE_CHARS);
  });

  it('describes real states: a state built from a plan passes the schema the webview checks', () => {
    const state = stateOf(PLAN);
    assert.ok(FormStateSchema.safeParse(state).success);
    assert.ok(ExtensionMessageSchema.safeParse({ type: 'state', version: 1, reason: 'sync', state }).success);
  });
});

describe('mapping form page', () => {
  const base = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview/main.js', styleUri: 'https://x/media/mappingEditor.css', version: 4 };

  it('has the strict CSP with a nonce, no unsafe-eval or unsafe-inline, and loads only its own script and style', () => {
    const html = renderMappingEditorHtml({ ...base, nonce: 'abc123', state: stateOf(PLAN) });
    const csp = webviewCsp(base.cspSource, 'abc123');
    assert.equal(csp, `default-src 'none'; script-src 'nonce-abc123'; style-src ${base.cspSource}; font-src ${base.cspSource}`);
    assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
    assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [
      '<script type="application/json" id="initial-state" nonce="abc123">',
      `<script type="module" nonce="abc123" src="${base.scriptUri}">`,
    ]);
  });

  it('makes a fresh nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    assert.ok([...nonces].every((n) => /^[A-Za-z0-9+/]{43}=$/.test(n)));
  });

  it('never lets a document value become markup: cells and the file name are escaped JSON text', () => {
    const html = renderMappingEditorHtml({ ...base, nonce: 'n', state: stateOf(PLAN, '<b>x</b>"\'.md') });
    assert.ok(!html.includes(XSS));
    assert.ok(!html.includes('</script><script>alert(2)'));
    assert.ok(!html.includes('<b>x</b>'));
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only our two script elements close');
    const json = /id="initial-state" nonce="n">([^<]*)<\/script>/.exec(html)![1]!;
    const parsed = JSON.parse(json) as { version: number; state: FormState };
    assert.equal(parsed.state.data.rows[0]!.cells[3], XSS);
    assert.equal(parsed.state.data.rows[1]!.cells[0], '</script><script>alert(2)</script>');
    assert.equal(jsonForScript('\u2028&'), '"\\u2028\\u0026"');
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('mapping form edit queue (webview)', () => {
  function queue(version = 5) {
    const sent: EditRequest[] = [];
    return { sent, queue: new EditQueue((r) => sent.push(r), version) };
  }
  const cell = (value: string): FormChange => ({ kind: 'setCell', row: 0, column: 0, value });

  it('waits for the first state after ready, then sends one edit at a time, each on the version the last one left', () => {
    const { sent, queue: q } = queue();
    q.push(cell('a'));
    q.push(cell('b'));
    assert.equal(sent.length, 0, 'nothing before sync');
    assert.equal(q.accept(5), false, 'busy: the local view stays');
    assert.deepEqual(sent.map((r) => [r.id, r.version]), [[1, 5]]);
    assert.equal(q.settle({ id: 1, ok: true, version: 6 }), true);
    assert.deepEqual(sent.map((r) => [r.id, r.version]), [[1, 5], [2, 6]]);
    assert.equal(q.accept(6), false, 'the state of edit 1 while edit 2 is out is not shown');
    q.settle({ id: 2, ok: true, version: 7 });
    assert.equal(q.idle, true);
    assert.equal(q.accept(6), false, 'an older state is ignored');
    assert.equal(q.accept(7), true);
  });

  it('drops what was queued behind a refused edit and shows the next state', () => {
    const { sent, queue: q } = queue();
    q.accept(5);
    q.push(cell('a'));
    q.push(cell('b'));
    q.push(cell('c'));
    q.settle({ id: 1, ok: false, version: 9 });
    assert.equal(sent.length, 1);
    assert.equal(q.idle, true);
    assert.equal(q.accept(9), true);
    q.push(cell('d'));
    assert.deepEqual(sent[1], { type: 'edit', id: 2, version: 9, change: cell('d') });
  });

  it('ignores answers to edits it did not send', () => {
    const { queue: q } = queue();
    q.accept(5);
    assert.equal(q.settle({ id: 42, ok: true, version: 100 }), false);
    assert.equal(q.version, 5);
  });

  it('voids changes made before sync when the document moved on meanwhile', () => {
    const { sent, queue: q } = queue(5);
    q.push(cell('a'));
    assert.equal(q.accept(8), true);
    assert.equal(sent.length, 0);
    assert.equal(q.version, 8);
  });

  it('applies a change to its local copy at once, and drops findings that no longer fit', () => {
    const state = stateOf(PLAN);
    const moved = applyLocally(state.data, { kind: 'moveRow', row: 1, to: 0 });
    assert.equal(moved.rows[0]!.cells[1], 'b');
    assert.equal(state.data.rows[0]!.cells[1], 'acme', 'the input is left as it was');
    const added = applyLocally(state.data, { kind: 'addRow', index: 2, values: [' New '] });
    assert.deepEqual(added.rows[2]!.cells, ['New', '', '', '', '', '']);
    const field = applyLocally(state.data, { kind: 'setField', field: 'onConflict', value: 'skip' });
    assert.deepEqual([field.fields.onConflict.value, field.fields.onConflict.present], ['skip', true]);
    assert.ok(state.findings.some((f) => f.target.kind === 'cell' && f.target.column === 5));
    assert.ok(!findingsAfter(state.findings, { kind: 'setCell', row: 0, column: 5, value: 'DB' }).some((f) => f.target.kind === 'cell' && f.target.row === 0 && f.target.column === 5));
    assert.deepEqual(findingsAfter(state.findings, { kind: 'deleteRow', row: 0 }).filter((f) => f.target.kind !== 'field'), []);
  });
});
