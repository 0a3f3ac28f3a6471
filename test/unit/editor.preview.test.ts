// The preview's banner and wave badges through a real markdown-it, as VS Code's preview applies the
// plugin: front matter swallowed by a block rule (as VS Code's own plugin does), the plan looked up
// from the render's env.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { lintPlan } from '../../src/core/lint';
import type { PlanPreview } from '../../src/core/editor/preview';
import { markdownItPlanPreview, planPreview } from '../../src/core/editor/preview';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { DEFAULT_ROSTER, edit, editorPlanOf, repoFile } from './editorSupport';

const WAVES = repoFile('test/fixtures/waves/HUBSPOT-ROLLOUT-PLAN.md');

/** A markdown-it like VS Code's preview: its front matter read as one hidden block. */
function previewMarkdownIt(): MarkdownIt {
  const md = new MarkdownIt({ html: true });
  md.block.ruler.before('hr', 'front_matter', (state, startLine, endLine, silent) => {
    if (startLine !== 0 || state.src.slice(state.bMarks[0]! + state.tShift[0]!, state.eMarks[0]) !== '---') return false;
    let line = 1;
    while (line < endLine && state.src.slice(state.bMarks[line]!, state.eMarks[line]) !== '---') line++;
    if (line >= endLine) return false;
    if (!silent) {
      const token = state.push('front_matter', '', 0);
      token.hidden = true;
      token.map = [0, line + 1];
    }
    state.line = line + 1;
    return true;
  });
  md.renderer.rules.front_matter = () => '';
  return md;
}

function previewOf(text: string): PlanPreview {
  const plan = editorPlanOf(text);
  return planPreview(plan.model, plan.waves, lintPlan(plan.model, { agents: DEFAULT_ROSTER.agents, waveSequencing: DEFAULT_ROSTER.waveSequencing }));
}

/** Renders a plan through the plugin; the env names the plan as VS Code's names the document. */
function render(text: string, preview: PlanPreview | undefined = previewOf(text)): string {
  const md = markdownItPlanPreview(previewMarkdownIt(), (env) => (env as { currentDocument?: string }).currentDocument === 'plan' ? preview : undefined);
  return md.render(text, { currentDocument: 'plan' });
}

describe('editor preview: banner and wave badges', () => {
  it('adds a banner under the title: status, go/no-go, tasks and problems', () => {
    const html = render(WAVES);
    const banner = /<h1>HubSpot Connector Rollout Plan<\/h1>\n(<div class="connector-playbook-banner"[^]*?<\/div>)\n/.exec(html);
    assert.ok(banner, html.slice(0, 600));
    const preview = previewOf(WAVES);
    const total = preview.problems.errors + preview.problems.warnings + preview.problems.infos;
    assert.ok(total > 0);
    assert.equal(
      banner[1],
      '<div class="connector-playbook-banner" role="note" aria-label="Rollout plan status">' +
        '<span class="connector-playbook-status connector-playbook-status-ready-for-review" title="Plan status">ready-for-review</span>' +
        '<span class="connector-playbook-figure">Go/No-Go <strong>2/5</strong></span>' +
        '<span class="connector-playbook-figure">Tasks <strong>3/9</strong></span>' +
        `<span class="connector-playbook-figure connector-playbook-problems connector-playbook-problems-${preview.problems.errors ? 'errors' : 'warnings'}">${total} problems <span class="connector-playbook-detail">(${[
          preview.problems.errors && `${preview.problems.errors} error${preview.problems.errors === 1 ? '' : 's'}`,
          preview.problems.warnings && `${preview.problems.warnings} warning${preview.problems.warnings === 1 ? '' : 's'}`,
          preview.problems.infos && `${preview.problems.infos} info${preview.problems.infos === 1 ? '' : 's'}`,
        ].filter(Boolean).join(', ')})</span></span>` +
        '</div>',
    );
    assert.equal((html.match(/connector-playbook-banner/g) ?? []).length, 1);
  });

  it('puts a badge in each wave heading: done/total, and blocked with what it waits for', () => {
    const html = render(WAVES);
    assert.match(html, /<h3>Wave 1: Foundations <span class="connector-playbook-badge connector-playbook-wave-in-progress" title="in progress: 3 of 5 tasks done">3\/5<\/span><\/h3>/);
    assert.match(html, /<h3>Wave 2: API <span class="connector-playbook-badge connector-playbook-wave-blocked" title="blocked: waits for Wave 1: Foundations">0\/2 · blocked<\/span><\/h3>/);
    assert.match(html, /<h3>Wave 3: Admin UX <span class="connector-playbook-badge connector-playbook-wave-blocked" title="blocked: waits for Wave 1: Foundations, Wave 2: API">0\/2 · blocked<\/span><\/h3>/);
    // Other headings get none.
    assert.match(html, /<h3>Phase 1: Connection \+ Mapping<\/h3>|<h2>G\) Risks \+ Mitigations<\/h2>/);
    assert.equal((html.match(/connector-playbook-badge/g) ?? []).length, 3);
  });

  it('shows a done wave, a plan without status, and no problems', () => {
    const clean = repoFile('test/fixtures/plans/clean-slack.md');
    const html = render(edit(clean, 'status: go\n', ''));
    assert.match(html, /<span class="connector-playbook-status connector-playbook-status-none" title="Plan status">no status<\/span>/);
    assert.match(html, /<span class="connector-playbook-figure connector-playbook-complete">Go\/No-Go <strong>5\/5<\/strong><\/span>/);
    assert.match(html, /<h3>Wave 3 <span class="connector-playbook-badge connector-playbook-wave-done" title="done: 2 of 2 tasks done">2\/2 · done<\/span><\/h3>/);
    assert.match(html, /No problems<\/span><\/div>/);
  });

  it('on the template: empty waves, every placeholder counted', () => {
    const html = render(DEFAULT_TEMPLATE_TEXT);
    assert.match(html, /<h1>\{ConnectorName\} Connector Rollout Plan<\/h1>\n<div class="connector-playbook-banner"/);
    assert.match(html, /<h3>Wave 1 <span class="connector-playbook-badge connector-playbook-wave-not-started" title="not started: 0 of 0 tasks done">0\/0<\/span><\/h3>/);
    assert.doesNotMatch(html, />Tasks </, 'no tasks, no tasks figure');
  });

  it('escapes what comes from the plan', () => {
    const text = edit(edit(WAVES, '### Wave 1: Foundations', '### Wave 1: <img src=x onerror=alert(1)>'), 'status: ready-for-review', 'status: "<b>go</b>"');
    const html = render(text);
    assert.ok(html.includes('title="blocked: waits for Wave 1: &lt;img src=x onerror=alert(1)&gt;"'), html);
    assert.ok(html.includes('connector-playbook-status-none" title="Plan status">&lt;b&gt;go&lt;/b&gt;</span>'));
  });

  it('renders any other document as markdown-it does', () => {
    const plain = previewMarkdownIt().render(WAVES, {});
    assert.equal(markdownItPlanPreview(previewMarkdownIt(), () => undefined).render(WAVES, { currentDocument: 'plan' }), plain);
    const md = markdownItPlanPreview(previewMarkdownIt(), (env) => ((env as { currentDocument?: string }).currentDocument === 'plan' ? previewOf(WAVES) : undefined));
    assert.equal(md.render(WAVES, { currentDocument: 'notes' }), plain);
    assert.equal(md.render(WAVES), plain);
  });
});
