// `connector-playbook report --format html`: the dashboard as one self-contained page. Nothing is
// loaded from anywhere (its CSP says so), nothing runs, and every value from a plan is escaped.
import type { DashboardPlan } from '../core/dashboard';
import { gateCellText } from '../core/dashboardOrder';
import type { IdentityGraph } from '../core/identity';
import { IDENTITY_SVG_STYLE, escapeXml, hasIdentityPicture, identitySvgTree, layoutIdentityGraph, svgMarkup } from '../core/identity';
import { identitySummary, plural, totalsSentence } from './reportMarkdown';
import type { Report } from './schemas';

const esc = escapeXml;

/** The page's policy: its own inline styles, nothing else. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--bg:#ffffff;--track:#e6eaef;--fill:#1f883d;--blocked:#cf222e;--progress:#0969da;--warn:#9a6700}
@media (prefers-color-scheme:dark){:root{--fg:#f0f6fc;--muted:#9198a1;--border:#3d444d;--bg:#0d1117;--track:#262c36;--fill:#3fb950;--blocked:#f85149;--progress:#4493f8;--warn:#d29922}}
body{margin:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.5em;margin:0 0 4px}
.totals{color:var(--muted);margin:0 0 16px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--border)}
th{font-weight:600;color:var(--muted)}
.file{color:var(--muted);font-size:12px}
.status{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid var(--border);font-size:12px;white-space:nowrap}
.count{white-space:nowrap}
tr.has-graph td{border-bottom:none}
tr.graph td{padding-top:0}
.wave{display:flex;align-items:center;gap:6px;font-size:12px;white-space:nowrap}
.bar .track{fill:var(--track)}.bar .fill{fill:var(--fill)}
.wave-in-progress .fill{fill:var(--progress)}.wave-blocked .fill,.wave-blocked .track{fill:var(--blocked)}.wave-blocked .track{opacity:.25}
.blocked{color:var(--blocked);font-weight:600}
.error{color:var(--blocked);font-weight:600}.warning{color:var(--warn)}
details{margin-top:6px}summary{cursor:pointer;color:var(--muted);font-size:12px}
details svg{display:block;margin-top:6px;max-width:100%;height:auto}
${IDENTITY_SVG_STYLE}`;

function bar(done: number, total: number, width = 120): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `<svg class="bar" width="${width}" height="8" role="img" aria-label="${done} of ${total}"><rect class="track" width="${width}" height="8" rx="4"/><rect class="fill" width="${filled}" height="8" rx="4"/></svg>`;
}

function wavesCell(plan: DashboardPlan): string {
  if (plan.waves.length === 0) return '<span class="file">no waves</span>';
  return plan.waves.map((w) => {
    const blocked = w.status === 'blocked' ? ` <span class="blocked">blocked by ${esc(w.blockedBy.join(', '))}</span>` : '';
    return `<div class="wave wave-${w.status}">${bar(w.done, w.total, 80)} ${esc(w.name)} ${w.done}/${w.total}${blocked}</div>`;
  }).join('');
}

function problemsCell(plan: DashboardPlan): string {
  const { error, warning, info } = plan.problems;
  if (error + warning + info === 0) return 'none';
  return [error ? `<span class="error">${plural(error, 'error')}</span>` : '', warning ? `<span class="warning">${plural(warning, 'warning')}</span>` : '', info ? `${info} info` : ''].filter(Boolean).join(', ');
}

/** The report as a self-contained HTML page, with each plan's identity graph as inline SVG. */
export function reportHtml(rows: readonly DashboardPlan[], report: Report, graphs: ReadonlyMap<string, IdentityGraph>): string {
  const body = rows.map((plan) => {
    const graph = graphs.get(plan.id);
    const drawn = hasIdentityPicture(graph);
    const cells = [
      `<strong>${esc(plan.connector)}</strong><div class="file">${esc(plan.file)}</div>`,
      plan.status === null ? '–' : `<span class="status">${esc(plan.status)}</span>`,
      `<span class="count">${bar(plan.goNoGo.checked, plan.goNoGo.total)} ${plan.goNoGo.checked}/${plan.goNoGo.total}</span>`,
      wavesCell(plan),
      problemsCell(plan),
      esc(identitySummary(plan.identity)),
      esc(gateCellText(plan.gate)),
    ];
    const row = `<tr${drawn ? ' class="has-graph"' : ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    if (!drawn) return row;
    const picture = svgMarkup(identitySvgTree(layoutIdentityGraph(graph), { title: `Identity graph — ${plan.connector}` }));
    return `${row}\n<tr class="graph"><td colspan="${cells.length}"><details><summary>Identity graph of ${esc(plan.connector)}</summary>${picture}</details></td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rollout plans</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Rollout plans</h1>
<p class="totals">${esc(totalsSentence(report))}</p>
<table>
<thead><tr><th>Connector</th><th>Status</th><th>Go/No-Go</th><th>Waves</th><th>Problems</th><th>Identity graph</th><th>Ready for review</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
