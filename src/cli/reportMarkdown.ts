// `connector-playbook report --format markdown`: the dashboard as GitHub-flavoured Markdown, short
// enough for a CI job summary. Every value from a plan is escaped, so it reads as text.
import type { DashboardPlan, DashboardWave } from '../core/dashboard';
import { gateCellText } from '../core/dashboardOrder';
import type { IdentityGraph } from '../core/identity';
import { hasIdentityPicture, identityMermaid } from '../core/identity';
import { escapeHtml } from '../webviewPage';
import type { Report } from './schemas';

/** Text on one line: each run of line breaks a space. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Text for Markdown: one line, `<`, `>` and `&` as entities (no HTML), every other character that could make markup backslash-escaped. */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Text for HTML inside Markdown (a `<summary>`). */
function htmlText(text: string): string {
  return escapeHtml(oneLine(text));
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A progress bar of ten blocks, then the count. */
function textBar(done: number, total: number): string {
  if (total === 0) return '–';
  const filled = Math.round((done / total) * 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)} ${done}/${total}`;
}

const WAVE_MARK: Record<DashboardWave['status'], string> = { done: '✅', 'in-progress': '🔄', blocked: '⛔', 'not-started': '⬜' };

function waves(plan: DashboardPlan): string {
  if (plan.waves.length === 0) return '–';
  return plan.waves.map((w) => `${WAVE_MARK[w.status]} ${markdownText(w.name)} ${w.done}/${w.total}${w.status === 'blocked' ? ` (blocked by ${markdownText(w.blockedBy.join(', '))})` : ''}`).join('<br>');
}

function problems(plan: DashboardPlan): string {
  const { error, warning, info } = plan.problems;
  if (error + warning + info === 0) return 'none';
  return [error ? `**${plural(error, 'error')}**` : '', warning ? plural(warning, 'warning') : '', info ? `${info} info` : ''].filter(Boolean).join(', ');
}

/** The identity column: links and rows, and what the graph marks. */
export function identitySummary(identity: DashboardPlan['identity']): string {
  if (identity.links + identity.rows === 0) return 'not filled';
  const marks = [identity.gaps ? plural(identity.gaps, 'gap') : '', identity.ruleOfThumbBreaks ? plural(identity.ruleOfThumbBreaks, 'rule-of-thumb break') : ''].filter(Boolean);
  return `${plural(identity.links, 'link')}, ${plural(identity.rows, 'row')}${marks.length ? `: ${marks.join(', ')}` : ', all mapped'}`;
}

/** One sentence with the totals. */
export function totalsSentence(report: Report): string {
  const t = report.totals;
  const statuses = Object.entries(t.byStatus).map(([status, n]) => `${n} ${status === 'none' ? 'without status' : status}`).join(', ');
  const { error, warning, info } = t.problems;
  return `${plural(t.plans, 'plan')} (${statuses}); go/no-go ${t.goNoGo.checked}/${t.goNoGo.total} checked; tasks ${t.progress.done}/${t.progress.total} done; ${plural(t.blockedWaves, 'blocked wave')}; ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info.`;
}

/** The report as Markdown: totals, one table row per plan, then each plan's identity graph as Mermaid, folded. */
export function reportMarkdown(rows: readonly DashboardPlan[], report: Report, graphs: ReadonlyMap<string, IdentityGraph>): string {
  const out = ['## Rollout plans', '', markdownText(totalsSentence(report)), ''];
  out.push('| Connector | Status | Go/No-Go | Waves | Problems | Identity graph | Ready for review |');
  out.push('|---|---|---|---|---|---|---|');
  for (const plan of rows) {
    const cells = [
      `**${markdownText(plan.connector)}**<br>${markdownText(plan.file)}`,
      plan.status === null ? '–' : markdownText(plan.status),
      textBar(plan.goNoGo.checked, plan.goNoGo.total),
      waves(plan),
      problems(plan),
      markdownText(identitySummary(plan.identity)),
      gateCellText(plan.gate),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  const drawn = rows.filter((plan) => hasIdentityPicture(graphs.get(plan.id)));
  if (drawn.length) {
    out.push('', '### Identity graphs', '');
    for (const plan of drawn) {
      // Mermaid's text holds no backtick (its encoding writes one as #96;), so it cannot end the fence.
      out.push('<details>', `<summary>${htmlText(plan.connector)} — ${htmlText(identitySummary(plan.identity))}</summary>`, '', '```mermaid', identityMermaid(graphs.get(plan.id)!).trimEnd(), '```', '', '</details>', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
