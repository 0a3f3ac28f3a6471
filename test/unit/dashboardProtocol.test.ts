// The dashboard's protocol and page: messages checked cheaply and strictly, the CSP with a fresh
// nonce, no plan value ever becoming markup, and no HTML parsing of text anywhere in the webviews.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDashboardPlan } from '../../src/core/dashboard';
import { layoutIdentityGraph, readIdentityGraph } from '../../src/core/identity';
import { lintPlan } from '../../src/core/lint';
import { readGateWithoutRunning } from '../../src/core/gate';
import { parsePlan } from '../../src/core/parser';
import { readWaves } from '../../src/core/waves';
import { DEFAULT_AGENTS, DEFAULT_WAVE_SEQUENCING } from '../../src/core/config';
import { renderDashboardHtml } from '../../src/dashboard/dashboardHtml';
import { createNonce, webviewCsp } from '../../src/webviewPage';
import { DASHBOARD_LIMITS, DashboardExtensionMessageSchema, DashboardStateSchema, parseDashboardExtensionMessage, parseDashboardWebviewMessage } from '../../src/protocol/dashboardMessages';
import type { DashboardState } from '../../src/protocol/dashboardMessages';
import { REPO_DIR } from '../fixtures/lintFixtures';

const XSS = '<img src=x onerror=alert(1)>';
const roster = { agents: DEFAULT_AGENTS, waveSequencing: DEFAULT_WAVE_SEQUENCING };

function stateOf(text: string, file: string): DashboardState {
  const model = parsePlan(text);
  const findings = lintPlan(model, roster);
  return { plans: [readDashboardPlan({ id: `file:///w/${file}`, file, model, findings, waves: readWaves(model, roster), identity: readIdentityGraph(model), gate: readGateWithoutRunning(model, findings, {}) })], unreadable: [] };
}

const hostile = readFileSync(join(REPO_DIR, 'examples', 'src', 'docs', 'HUBSPOT-ROLLOUT-PLAN.md'), 'utf8')
  .replace('# HubSpot Connector Rollout Plan', `# ${XSS} </script><script>alert(2)</script> Connector Rollout Plan`);

describe('dashboard protocol', () => {
  it('accepts the messages the dashboard sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'open', plan: 'file:///w/a-ROLLOUT-PLAN.md', line: 12 },
      { type: 'open', plan: 'file:///w/a-ROLLOUT-PLAN.md', line: 0, character: 3 },
      { type: 'select', plan: 'file:///w/a-ROLLOUT-PLAN.md' },
      { type: 'select', plan: null },
      { type: 'rendered', generation: 2, rows: 200, ms: 31.5 },
      { type: 'rendered', generation: 2, rows: 200, ms: 31.5, page: { origin: 1.7e12, script: 90, drawn: 170 } },
    ]) assert.ok(parseDashboardWebviewMessage(message).ok, JSON.stringify(message));
  });

  it('rejects unknown types, unknown keys, bad lines, long ids and oversized messages, saying why', () => {
    const reason = (m: unknown) => {
      const parsed = parseDashboardWebviewMessage(m);
      assert.equal(parsed.ok, false, JSON.stringify(m));
      return parsed.ok ? '' : parsed.error;
    };
    assert.match(reason({ type: 'run', command: 'rm -rf' }), /^type: /);
    assert.match(reason({ type: 'open', plan: 'file:///x', line: -1 }), /^line: /);
    assert.match(reason({ type: 'open', plan: 'file:///x', line: 1.5 }), /^line: /);
    assert.match(reason({ type: 'open', plan: 'file:///x', line: 1, extra: true }), /extra/);
    assert.match(reason({ type: 'open', plan: '', line: 1 }), /^plan: /);
    assert.match(reason({ type: 'open', plan: 'x'.repeat(DASHBOARD_LIMITS.idChars + 1), line: 1 }), /^plan: |larger than/);
    assert.match(reason({ type: 'select', plan: 'x', padding: 'y'.repeat(30_000) }), /larger than 20000 characters/);
    assert.match(reason(null), /^message: /);
    assert.match(reason('ready'), /^message: /);
  });

  it('describes a real state and a real identity graph: what the extension sends passes the webview\'s check', () => {
    const state = stateOf(hostile, 'src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    assert.ok(DashboardStateSchema.safeParse(state).success);
    const layout = layoutIdentityGraph(readIdentityGraph(parsePlan(hostile)));
    for (const message of [{ type: 'state', generation: 1, state }, { type: 'graph', plan: 'file:///w/a', title: XSS, layout }, { type: 'graph', plan: 'file:///w/a', title: 'x', layout: null, problem: 'cannot be read' }, { type: 'select', plan: 'file:///w/a' }]) {
      assert.ok(parseDashboardExtensionMessage(message).ok, JSON.stringify(message).slice(0, 80));
    }
    assert.ok(!DashboardExtensionMessageSchema.safeParse({ type: 'state', generation: -1, state }).success);
  });
});

describe('dashboard page', () => {
  const input = (nonce: string) => ({
    cspSource: 'https://webview.example',
    nonce,
    scriptUri: 'https://webview.example/dist/webview/dashboard.js',
    styleUri: 'https://webview.example/media/dashboard.css',
    selected: `file:///w/${XSS}</script><script>alert(2)</script>`,
  });

  it('has a CSP that allows only its own script by a fresh nonce, its styles and fonts', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(webviewCsp('https://webview.example', a), `default-src 'none'; script-src 'nonce-${a}'; style-src https://webview.example; font-src https://webview.example`);
    const html = renderDashboardHtml(input(a));
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    assert.equal(meta, `default-src 'none'; script-src 'nonce-${a}'; style-src https://webview.example; font-src https://webview.example`);
    // Every script carries the nonce; there is no inline handler, no style attribute, nothing remote but its own files.
    assert.equal(html.match(/<script\b/g)?.length, 2);
    assert.deepEqual(html.match(/<script [^>]*>/g)?.map((tag) => tag.includes(` nonce="${a}"`)), [true, true]);
    const markup = html.replace(/(<script type="application\/json"[^>]*>).*?(<\/script>)/s, '$1$2');
    assert.doesNotMatch(markup, /\son\w+=|\sstyle=/i);
  });

  it('puts the selected plan (a path the user named) only into the JSON of its state, where it cannot close the script or make an element', () => {
    const html = renderDashboardHtml(input(createNonce()));
    assert.ok(!html.includes(XSS), 'the markup is not in the page as markup');
    assert.ok(!html.includes('</script><script>alert(2)'), 'a path cannot close the state\'s script');
    assert.equal(html.match(/<\/script>/g)?.length, 2);
    const json = /<script type="application\/json" id="initial-state" nonce="[^"]+">(.*)<\/script>\n<script type="module"/s.exec(html)![1]!;
    assert.deepEqual(JSON.parse(json), { selected: `file:///w/${XSS}</script><script>alert(2)</script>` });
  });

  it('no webview code parses text as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const dir = join(REPO_DIR, 'webview');
    const files = (readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => f.endsWith('.ts'));
    assert.ok(files.some((f) => f.endsWith(join('dashboard', 'dashboardView.ts'))));
    for (const file of files) assert.doesNotMatch(readFileSync(join(dir, file), 'utf8'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/, file);
  });
});
