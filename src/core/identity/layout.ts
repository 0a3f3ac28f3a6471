// Where each part of the identity graph is drawn: two columns (external fields, internal entities),
// curved edges between them with their labels, and a legend. Plain numbers and strings, so the SVG
// file writer and the dashboard's DOM drawing draw the same picture.
import type { IdentityGap, IdentityGraph } from './graph';

export interface LayoutNode {
  id: string;
  side: 'external' | 'entity';
  x: number;
  y: number;
  width: number;
  height: number;
  /** The first line, shortened to fit. */
  title: string;
  /** The second line (where it comes from, or the keys), shortened to fit. */
  subtitle: string;
  /** Everything about the node, for its tooltip and accessible name. */
  description: string;
  unmapped: boolean;
  /** Line of the plan it opens. */
  line: number;
}

export interface LayoutEdge {
  id: string;
  /** SVG path data of the curve. */
  path: string;
  label: string;
  labelX: number;
  labelY: number;
  labelWidth: number;
  /** A triangle at the entity's end. */
  arrow: string;
  description: string;
  gap: IdentityGap | null;
  ruleOfThumb: boolean;
  line: number;
}

export type LegendKind = 'mapped' | 'gap' | 'rule-of-thumb';

export interface LegendItem {
  kind: LegendKind;
  text: string;
  x: number;
  y: number;
}

export interface IdentityLayout {
  width: number;
  height: number;
  columns: { title: string; x: number; y: number }[];
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  legend: LegendItem[];
  /** Said below the picture: links and rows left out, or why the graph is empty. */
  notes: { text: string; x: number; y: number }[];
  empty: boolean;
}

/** Sizes in px at a 12 px font; the text widths are estimates (no font is measured here). */
export const LAYOUT = {
  pad: 16,
  header: 26,
  nodeHeight: 42,
  nodeGap: 12,
  charWidth: 7,
  smallCharWidth: 6.2,
  labelHeight: 16,
  legendSample: 30,
  noteHeight: 18,
} as const;

const MAX_TITLE = 40;
const MAX_SUBTITLE = 44;
const MAX_LABEL = 36;

/** Text shortened to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const textWidth = (text: string, small = false) => [...text].length * (small ? LAYOUT.smallCharWidth : LAYOUT.charWidth);
const round = (n: number) => Math.round(n * 10) / 10;

function notesOf(graph: IdentityGraph): string[] {
  const notes: string[] = [];
  const still = (n: number, word: string, section: string) => `${n} ${word}${n === 1 ? '' : 's'} in section ${section} still ${n === 1 ? 'holds' : 'hold'} only placeholders (not drawn).`;
  if (graph.unfilledLinks > 0) notes.push(still(graph.unfilledLinks, 'link', 'C'));
  if (graph.unfilledRows > 0) notes.push(still(graph.unfilledRows, 'row', 'D'));
  if (!graph.hasMatrix) notes.push('Section D has no mapping table: no link has a cardinality yet.');
  return notes;
}

/** Lays out the identity graph: external fields left, internal entities right, entities ordered to keep edges from crossing. */
export function layoutIdentityGraph(graph: IdentityGraph): IdentityLayout {
  const { pad, header, nodeHeight, nodeGap, labelHeight } = LAYOUT;
  const noteTexts = notesOf(graph);
  const placeNotes = (y: number) => noteTexts.map((text, i) => ({ text, x: pad, y: y + i * LAYOUT.noteHeight }));
  if (graph.externals.length === 0 && graph.entities.length === 0) {
    noteTexts.unshift('No links in section C and no rows in section D yet: nothing to draw.');
    const notes = placeNotes(pad + 12);
    const wide = Math.max(...noteTexts.map((t) => textWidth(t, true)));
    return { width: Math.ceil(wide + 2 * pad), height: pad + noteTexts.length * LAYOUT.noteHeight + pad / 2, columns: [], nodes: [], edges: [], legend: [], notes, empty: true };
  }
  const externalIndex = new Map(graph.externals.map((node, index) => [node.id, index]));
  // Each entity at the mean position of the fields that point at it: few crossings in two columns.
  const weight = new Map<string, number>();
  graph.entities.forEach((entity, index) => {
    const from = graph.edges.filter((e) => e.to === entity.id).map((e) => externalIndex.get(e.from)!);
    weight.set(entity.id, from.length ? from.reduce((a, b) => a + b, 0) / from.length : graph.externals.length + index);
  });
  const entities = [...graph.entities].sort((a, b) => weight.get(a.id)! - weight.get(b.id)! || a.id.localeCompare(b.id, 'en', { numeric: true }));

  const externalTitles = graph.externals.map((n) => shorten(n.label, MAX_TITLE));
  const externalSubtitles = graph.externals.map((n) => shorten(n.detail, MAX_SUBTITLE));
  const entitySubtitles = entities.map((n) => shorten(n.keys.length ? `key: ${n.keys.join(', ')}` : 'no key named', MAX_SUBTITLE));
  const entityTitles = entities.map((n) => shorten(n.label, MAX_TITLE));
  const labels = graph.edges.map((e) => shorten(e.label, MAX_LABEL));
  const widest = (titles: string[], subtitles: string[]) => Math.max(0, ...titles.map((t) => textWidth(t)), ...subtitles.map((t) => textWidth(t, true)));
  const externalWidth = clamp(widest(externalTitles, externalSubtitles) + 24, 150, 320);
  const entityWidth = clamp(widest(entityTitles, entitySubtitles) + 24, 120, 320);
  const gapWidth = clamp(Math.max(0, ...labels.map((l) => textWidth(l, true))) + 70, 180, 320);
  const externalX = pad;
  const entityX = pad + externalWidth + gapWidth;
  const width = entityX + entityWidth + pad;
  const columnHeight = (n: number) => (n === 0 ? 0 : n * nodeHeight + (n - 1) * nodeGap);
  const bodyHeight = Math.max(columnHeight(graph.externals.length), columnHeight(entities.length), nodeHeight);
  const top = pad + header;
  const columnTop = (n: number) => top + (bodyHeight - columnHeight(n)) / 2;

  const nodes: LayoutNode[] = [];
  const place = new Map<string, LayoutNode>();
  graph.externals.forEach((node, i) => {
    const description = [node.label, node.detail, node.unmapped ? 'not mapped: no row of section D gives it an entity both sections name' : ''].filter(Boolean).join(' — ');
    const laid: LayoutNode = { id: node.id, side: 'external', x: externalX, y: round(columnTop(graph.externals.length) + i * (nodeHeight + nodeGap)), width: externalWidth, height: nodeHeight, title: externalTitles[i]!, subtitle: externalSubtitles[i]!, description, unmapped: node.unmapped, line: node.line };
    nodes.push(laid);
    place.set(node.id, laid);
  });
  entities.forEach((node, i) => {
    const why = node.linked && !node.mapped ? 'linked in section C, but no row of section D maps it' : node.mapped && !node.linked ? 'mapped in section D, but no link of section C names it' : '';
    const description = [node.label, node.keys.length ? `key: ${node.keys.join(', ')}` : '', why].filter(Boolean).join(' — ');
    const laid: LayoutNode = { id: node.id, side: 'entity', x: entityX, y: round(columnTop(entities.length) + i * (nodeHeight + nodeGap)), width: entityWidth, height: nodeHeight, title: entityTitles[i]!, subtitle: entitySubtitles[i]!, description, unmapped: node.unmapped, line: node.line };
    nodes.push(laid);
    place.set(node.id, laid);
  });

  // Edges between the same two nodes are spread apart a little.
  const pairs = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    const key = `${edge.from}>${edge.to}`;
    pairs.set(key, [...(pairs.get(key) ?? []), i]);
  });
  const taken: { x: number; y: number; w: number }[] = [];
  const overlaps = (x: number, y: number, w: number) => taken.some((t) => Math.abs(t.y - y) < labelHeight + 2 && Math.abs(t.x - x) < (t.w + w) / 2 + 4);
  const edges = graph.edges.map((edge, i): LayoutEdge => {
    const from = place.get(edge.from)!;
    const to = place.get(edge.to)!;
    const siblings = pairs.get(`${edge.from}>${edge.to}`)!;
    const shift = (siblings.indexOf(i) - (siblings.length - 1) / 2) * 10;
    const x1 = from.x + from.width;
    const y1 = from.y + nodeHeight / 2 + shift;
    const x2 = to.x;
    const y2 = to.y + nodeHeight / 2 + shift;
    const bend = (x2 - x1) / 2;
    const path = `M${round(x1)} ${round(y1)} C${round(x1 + bend)} ${round(y1)} ${round(x2 - bend)} ${round(y2)} ${round(x2)} ${round(y2)}`;
    // The label sits on its curve, at the first of these points where it covers no other label.
    const label = labels[i]!;
    const w = textWidth(label, true) + 12;
    let at = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
    for (const t of [0.5, 0.38, 0.62, 0.28, 0.72]) {
      const point = bezier(t, x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
      if (!overlaps(point.x, point.y, w)) {
        at = point;
        break;
      }
    }
    taken.push({ x: at.x, y: at.y, w });
    const source = graph.externals[externalIndex.get(edge.from)!]!;
    const target = graph.entities.find((e) => e.id === edge.to)!;
    const gapText = edge.gap === 'no-row' ? 'no row of section D maps this entity' : edge.gap === 'no-link' ? 'no link of section C names this entity' : '';
    const description = [`${source.label} → ${target.label}: ${edge.label}`, gapText, edge.ruleOfThumb ? 'a 1:1 kept only in app logic breaks the rule of thumb (use a DB constraint)' : ''].filter(Boolean).join(' — ');
    const arrow = `M${round(x2)} ${round(y2)} L${round(x2 - 9)} ${round(y2 - 4.5)} L${round(x2 - 9)} ${round(y2 + 4.5)} Z`;
    return { id: edge.id, path, arrow, label, labelX: round(at.x), labelY: round(at.y), labelWidth: round(w), description, gap: edge.gap, ruleOfThumb: edge.ruleOfThumb, line: edge.line };
  });

  const legendY = top + bodyHeight + 28;
  const legend: LegendItem[] = [];
  let x = pad;
  for (const [kind, text] of [['mapped', 'linked in C and mapped in D'], ['gap', 'only in C, or only in D'], ['rule-of-thumb', '1:1 kept only in app logic']] as const) {
    legend.push({ kind, text, x, y: legendY });
    x += LAYOUT.legendSample + 8 + textWidth(text, true) + 24;
  }
  const notes = placeNotes(legendY + 26);
  const notesWidth = Math.max(0, ...noteTexts.map((t) => pad + textWidth(t, true)));
  return {
    width: Math.ceil(Math.max(width, x, notesWidth + pad)),
    height: Math.ceil(legendY + pad + noteTexts.length * LAYOUT.noteHeight),
    columns: [
      { title: 'External fields', x: externalX, y: pad + 12 },
      { title: 'Internal entities', x: entityX, y: pad + 12 },
    ],
    nodes,
    edges,
    legend,
    notes,
    empty: false,
  };
}

function bezier(t: number, x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): { x: number; y: number } {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * x0 + b * x1 + c * x2 + d * x3, y: a * y0 + b * y1 + c * y2 + d * y3 };
}
