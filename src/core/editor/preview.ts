// The plan in markdown-it's rendering (VS Code's built-in preview): a banner under the title with the
// plan's status, go/no-go `checked/total` and problems, and a badge beside each wave heading. It
// reads a plan already parsed (the caller's) and loads no parser of its own.
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Finding } from '../findings';
import { findingCounts } from '../findings';
import type { PlanModel } from '../plan';
import type { PlanWaves, WaveStatus } from '../waves';
import { WAVE_STATUS_WORDS } from './editorPlan';

/** A wave heading's badge. */
export interface PreviewWave {
  /** The heading's line, as markdown-it maps it. */
  line: number;
  title: string;
  done: number;
  total: number;
  status: WaveStatus;
  /** The titles of the waves it waits for that are still open. */
  blockedBy: string[];
}

/** What the preview shows of one version of a plan. */
export interface PlanPreview {
  status: string | undefined;
  goNoGo: { checked: number; total: number };
  tasks: { done: number; total: number };
  problems: { errors: number; warnings: number; infos: number };
  waves: PreviewWave[];
}

/** The preview's figures for a plan, from its model, waves and findings. */
export function planPreview(model: PlanModel, waves: PlanWaves, findings: readonly Finding[]): PlanPreview {
  return {
    status: model.frontMatter?.status,
    goNoGo: { checked: waves.goNoGo.checked, total: waves.goNoGo.total },
    tasks: { done: waves.progress.done, total: waves.progress.total },
    problems: findingCounts(findings),
    waves: waves.waves.map((w) => ({ line: w.line, title: w.title, done: w.done, total: w.total, status: w.status, blockedBy: w.blockedBy.filter((b) => b !== w.index).map((b) => waves.waves[b]!.title) })),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The banner's HTML, every value escaped. */
function bannerHtml(preview: PlanPreview, escape: (text: string) => string): string {
  const { errors, warnings, infos } = preview.problems;
  const total = errors + warnings + infos;
  const kinds = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), infos && plural(infos, 'info', 'infos')].filter(Boolean).join(', ');
  const status = preview.status ?? 'no status';
  const statusClass = ['draft', 'ready-for-review', 'go'].includes(status) ? status : 'none';
  const goNoGoDone = preview.goNoGo.total > 0 && preview.goNoGo.checked === preview.goNoGo.total;
  const parts = [
    `<span class="connector-playbook-status connector-playbook-status-${statusClass}" title="Plan status">${escape(status)}</span>`,
    `<span class="connector-playbook-figure${goNoGoDone ? ' connector-playbook-complete' : ''}">Go/No-Go <strong>${preview.goNoGo.checked}/${preview.goNoGo.total}</strong></span>`,
  ];
  if (preview.tasks.total > 0) parts.push(`<span class="connector-playbook-figure">Tasks <strong>${preview.tasks.done}/${preview.tasks.total}</strong></span>`);
  const problemsClass = errors ? 'errors' : warnings ? 'warnings' : total ? 'infos' : 'none';
  parts.push(`<span class="connector-playbook-figure connector-playbook-problems connector-playbook-problems-${problemsClass}">${total === 0 ? 'No problems' : `${plural(total, 'problem')} <span class="connector-playbook-detail">(${kinds})</span>`}</span>`);
  return `<div class="connector-playbook-banner" role="note" aria-label="Rollout plan status">${parts.join('')}</div>\n`;
}

/** A wave heading's badge HTML: `done/total`, and its status when blocked or done. */
function badgeHtml(wave: PreviewWave, escape: (text: string) => string): string {
  const words = [`${wave.done}/${wave.total}`];
  if (wave.status === 'blocked' || wave.status === 'done') words.push(WAVE_STATUS_WORDS[wave.status]);
  const title = wave.blockedBy.length ? `${WAVE_STATUS_WORDS[wave.status]}: waits for ${wave.blockedBy.join(', ')}` : `${WAVE_STATUS_WORDS[wave.status]}: ${wave.done} of ${wave.total} tasks done`;
  return ` <span class="connector-playbook-badge connector-playbook-wave-${wave.status}" title="${escape(title)}">${escape(words.join(' · '))}</span>`;
}

/**
 * Adds the banner and the wave badges to a markdown-it instance: `previewOf` says, for a render's
 * env, which plan it renders (undefined for anything else, which renders as before). Works at render
 * time, so tokens cached by the caller stay as markdown-it made them.
 */
export function markdownItPlanPreview(md: MarkdownIt, previewOf: (env: unknown) => PlanPreview | undefined): MarkdownIt {
  // One look-up per render (env is new for each), and the first heading per token list.
  const previews = new WeakMap<object, PlanPreview | null>();
  const firstHeadings = new WeakMap<Token[], number>();
  const lookUp = (env: unknown): PlanPreview | undefined => {
    if (!env || typeof env !== 'object') return previewOf(env);
    let found = previews.get(env);
    if (found === undefined) previews.set(env, (found = previewOf(env) ?? null));
    return found ?? undefined;
  };
  const escape = md.utils.escapeHtml;
  const previous = md.renderer.rules.heading_close;
  md.renderer.rules.heading_close = (tokens, idx, options, env, self) => {
    const closing = previous ? previous(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    const preview = lookUp(env);
    if (!preview) return closing;
    let open = idx - 1;
    while (open >= 0 && tokens[open]!.type !== 'heading_open') open--;
    const line = tokens[open]?.map?.[0];
    const wave = line === undefined ? undefined : preview.waves.find((w) => w.line === line);
    let first = firstHeadings.get(tokens);
    if (first === undefined) firstHeadings.set(tokens, (first = tokens.findIndex((t) => t.type === 'heading_open')));
    const html = wave ? badgeHtml(wave, escape) + closing : closing;
    return open === first ? html + bannerHtml(preview, escape) : html;
  };
  return md;
}
