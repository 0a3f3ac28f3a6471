// The identity graph as SVG: first as a plain tree of elements (tag, attributes, text) that the
// dashboard turns into DOM nodes with createElementNS/textContent, then as a self-contained file
// (no script, no link, nothing loaded from anywhere) for the CLI and the HTML report.
import type { IdentityLayout, LegendKind } from './layout';
import { LAYOUT } from './layout';

/** The SVG elements the graph uses; the dashboard makes nothing else. */
export const SVG_TAGS = ['svg', 'g', 'rect', 'path', 'line', 'text', 'title', 'desc', 'style'] as const;
export type SvgTag = (typeof SVG_TAGS)[number];

/** The attributes the graph uses; the dashboard sets nothing else. */
export const SVG_ATTRIBUTES = [
  'xmlns', 'width', 'height', 'viewBox', 'role', 'aria-label', 'aria-labelledby', 'id', 'class', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'rx', 'd',
  'text-anchor', 'dominant-baseline', 'tabindex', 'data-line', 'focusable',
] as const;
export type SvgAttribute = (typeof SVG_ATTRIBUTES)[number];

/** One element: its tag, attributes and either text or children. */
export interface SvgElement {
  tag: SvgTag;
  attrs: Partial<Record<SvgAttribute, string>>;
  text?: string;
  children?: SvgElement[];
}

export interface IdentitySvgOptions {
  /** Names the picture (its accessible name and tooltip). */
  title: string;
  /** Nodes and edges focusable, with the plan line each opens (the dashboard). */
  interactive?: boolean;
  /** Embed the colours (a file on its own); the dashboard styles the classes from the theme instead. */
  style?: boolean;
}

/** Colours of a graph on its own: light, and dark where the viewer prefers it. Classes as in media/dashboard.css. */
export const IDENTITY_SVG_STYLE = `
.ig{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px}
.ig-background{fill:#ffffff}
.ig text{fill:#1f2328}
.ig .ig-column,.ig .ig-subtitle,.ig .ig-note,.ig .ig-legend text{fill:#59636e}
.ig-column{font-weight:600}
.ig-subtitle,.ig-edge-label text,.ig-legend text,.ig-note{font-size:11px}
.ig-node rect{fill:#f6f8fa;stroke:#818b98;stroke-width:1}
.ig-node.ig-unmapped rect{fill:#fff8c5;stroke:#9a6700;stroke-dasharray:5 3}
.ig-edge path,.ig-legend .ig-mapped{fill:none;stroke:#59636e;stroke-width:1.5}
.ig-edge .ig-arrow{fill:#59636e;stroke:none}
.ig-edge.ig-gap path,.ig-legend .ig-gap{stroke:#9a6700;stroke-dasharray:6 4}
.ig-edge.ig-gap .ig-arrow{fill:#9a6700;stroke:none}
.ig-edge.ig-rule path,.ig-legend .ig-rule{stroke:#cf222e;stroke-width:3}
.ig-edge.ig-rule .ig-arrow{fill:#cf222e}
.ig-edge-label rect{fill:#ffffff;stroke:#d1d9e0}
.ig-edge.ig-rule .ig-edge-label text{fill:#cf222e;font-weight:600}
@media (prefers-color-scheme:dark){
.ig-background{fill:#0d1117}
.ig text{fill:#f0f6fc}
.ig .ig-column,.ig .ig-subtitle,.ig .ig-note,.ig .ig-legend text{fill:#9198a1}
.ig-node rect{fill:#151b23;stroke:#656c76}
.ig-node.ig-unmapped rect{fill:#272115;stroke:#d29922}
.ig-edge path,.ig-legend .ig-mapped{stroke:#9198a1}
.ig-edge .ig-arrow{fill:#9198a1}
.ig-edge.ig-gap path,.ig-legend .ig-gap{stroke:#d29922}
.ig-edge.ig-gap .ig-arrow{fill:#d29922}
.ig-edge.ig-rule path,.ig-legend .ig-rule{stroke:#f85149}
.ig-edge.ig-rule .ig-arrow{fill:#f85149}
.ig-edge-label rect{fill:#0d1117;stroke:#3d444d}
.ig-edge.ig-rule .ig-edge-label text{fill:#f85149}
}`;

const n = (value: number) => String(Math.round(value * 10) / 10);
const el = (tag: SvgTag, attrs: SvgElement['attrs'], children?: SvgElement[], text?: string): SvgElement =>
  text !== undefined ? { tag, attrs, text } : children ? { tag, attrs, children } : { tag, attrs };
const LEGEND_CLASS: Record<LegendKind, string> = { mapped: 'ig-mapped', gap: 'ig-gap', 'rule-of-thumb': 'ig-rule' };

/** The graph's picture as a tree of SVG elements. */
export function identitySvgTree(layout: IdentityLayout, options: IdentitySvgOptions): SvgElement {
  const focus = (line: number, label: string): SvgElement['attrs'] =>
    options.interactive ? { tabindex: '0', role: 'button', 'data-line': String(line), 'aria-label': label } : {};
  const children: SvgElement[] = [el('title', {}, undefined, options.title)];
  if (options.style) children.push(el('style', {}, undefined, IDENTITY_SVG_STYLE));
  children.push(el('rect', { class: 'ig-background', x: '0', y: '0', width: n(layout.width), height: n(layout.height) }));
  for (const column of layout.columns) children.push(el('text', { class: 'ig-column', x: n(column.x), y: n(column.y) }, undefined, column.title));
  children.push(el('g', { class: 'ig-edges' }, layout.edges.map((edge) => {
    const classes = ['ig-edge', edge.gap ? 'ig-gap' : '', edge.ruleOfThumb ? 'ig-rule' : ''].filter(Boolean).join(' ');
    return el('g', { class: classes, ...focus(edge.line, edge.description) }, [
      el('title', {}, undefined, edge.description),
      el('path', { d: edge.path }),
      el('path', { class: 'ig-arrow', d: edge.arrow }),
      el('g', { class: 'ig-edge-label' }, [
        el('rect', { x: n(edge.labelX - edge.labelWidth / 2), y: n(edge.labelY - LAYOUT.labelHeight / 2), width: n(edge.labelWidth), height: n(LAYOUT.labelHeight), rx: '3' }),
        el('text', { x: n(edge.labelX), y: n(edge.labelY), 'text-anchor': 'middle', 'dominant-baseline': 'central' }, undefined, edge.label),
      ]),
    ]);
  })));
  children.push(el('g', { class: 'ig-nodes' }, layout.nodes.map((node) =>
    el('g', { class: `ig-node ig-${node.side}${node.unmapped ? ' ig-unmapped' : ''}`, ...focus(node.line, node.description) }, [
      el('title', {}, undefined, node.description),
      el('rect', { x: n(node.x), y: n(node.y), width: n(node.width), height: n(node.height), rx: '6' }),
      el('text', { class: 'ig-title', x: n(node.x + 12), y: n(node.y + 17) }, undefined, node.title),
      el('text', { class: 'ig-subtitle', x: n(node.x + 12), y: n(node.y + 33) }, undefined, node.subtitle),
    ]))));
  if (layout.legend.length) {
    children.push(el('g', { class: 'ig-legend' }, layout.legend.flatMap((item) => [
      el('line', { class: LEGEND_CLASS[item.kind], x1: n(item.x), y1: n(item.y), x2: n(item.x + LAYOUT.legendSample), y2: n(item.y) }),
      el('text', { x: n(item.x + LAYOUT.legendSample + 8), y: n(item.y), 'dominant-baseline': 'central' }, undefined, item.text),
    ])));
  }
  for (const note of layout.notes) children.push(el('text', { class: 'ig-note', x: n(note.x), y: n(note.y) }, undefined, note.text));
  return el('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'ig',
    width: n(layout.width),
    height: n(layout.height),
    viewBox: `0 0 ${n(layout.width)} ${n(layout.height)}`,
    // A picture for assistive technology, unless its parts are buttons: inside role="img" they would be hidden.
    role: options.interactive ? 'group' : 'img',
    'aria-label': options.title,
  }, children);
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped rather than written.
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Writes an element tree as SVG markup, every text and attribute escaped. */
export function svgMarkup(element: SvgElement): string {
  const attrs = Object.entries(element.attrs).map(([name, value]) => ` ${name}="${escapeXml(value ?? '')}"`).join('');
  // A style sheet is ours, not the plan's: kept as written (it holds `>` in no selector).
  const inner = element.text !== undefined ? (element.tag === 'style' ? element.text : escapeXml(element.text)) : (element.children ?? []).map(svgMarkup).join('');
  return `<${element.tag}${attrs}>${inner}</${element.tag}>`;
}

/** The identity graph as a self-contained SVG file. */
export function renderIdentitySvg(layout: IdentityLayout, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgMarkup(identitySvgTree(layout, { title, style: true }))}\n`;
}
