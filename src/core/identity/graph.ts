// The identity graph of a plan (template section C, "Linking Points (Identity Graph)"): external
// fields on one side, internal entities on the other, an edge for each link with the cardinality and
// enforcement section D gives it. Links D does not map and rows C does not name are marked.
import type { PlanModel } from '../plan';
import type { IdentityLink, IdentityMapping } from './links';
import { readIdentityLinks, readIdentityMappings } from './links';

/** An external field: a link's left side, or the source and external ID of a row no link names. */
export interface ExternalFieldNode {
  id: string;
  label: string;
  /** Where it comes from: `Link 1`, or `D: Renewal deal`. */
  detail: string;
  line: number;
  origin: 'link' | 'row';
  /** It has no edge to an entity both C and D name. */
  unmapped: boolean;
}

/** An internal entity (`staff`, `accounts`), with the keys the links name. */
export interface InternalEntityNode {
  id: string;
  label: string;
  keys: string[];
  line: number;
  /** A link of section C names it. */
  linked: boolean;
  /** A row of section D maps it. */
  mapped: boolean;
  /** Named by one section and not the other. */
  unmapped: boolean;
}

/** Why an edge is drawn apart: C links the entity but no row of D maps it, or D maps it and no link names it. */
export type IdentityGap = 'no-row' | 'no-link';

export interface IdentityEdge {
  id: string;
  from: string;
  to: string;
  /** `1:1 · DB partial unique`, `1:N · app`, or `no row in D`. */
  label: string;
  cardinality: '1:1' | '1:N' | null;
  enforcedIn: string;
  /** A 1:1 enforced only in app logic (playbook §3's rule of thumb). */
  ruleOfThumb: boolean;
  gap: IdentityGap | null;
  /** The link's line, or the row's for an edge only D has. */
  line: number;
  /** The row of D that gives the cardinality, if any. */
  rowLine: number | null;
}

/** The identity graph as plain data. */
export interface IdentityGraph {
  externals: ExternalFieldNode[];
  entities: InternalEntityNode[];
  edges: IdentityEdge[];
  /** Links and rows with something written (placeholders aside). */
  links: number;
  rows: number;
  /** Links and rows still only placeholders, left out of the graph. */
  unfilledLinks: number;
  unfilledRows: number;
  /** Section D has a mapping table. */
  hasMatrix: boolean;
  /** Edges with a gap, and edges breaking the rule of thumb. */
  gaps: number;
  ruleOfThumbBreaks: number;
}

/** Whether a graph has something to draw: at least one edge (the report's Mermaid and SVG alike). */
export function hasIdentityPicture(graph: IdentityGraph | undefined): graph is IdentityGraph {
  return !!graph && graph.edges.length > 0;
}

function edgeLabel(row: IdentityMapping): string {
  const cardinality = row.cardinality ?? (row.cardinalityText || '?');
  return `${cardinality} · ${row.enforcedIn || '?'}`;
}

/** Builds the graph from section C's links and section D's rows. */
export function buildIdentityGraph(allLinks: readonly IdentityLink[], allRows: readonly IdentityMapping[] | undefined): IdentityGraph {
  const links = allLinks.filter((l) => l.filled);
  const rows = (allRows ?? []).filter((r) => r.filled);
  const externals: ExternalFieldNode[] = [];
  const externalByKey = new Map<string, ExternalFieldNode>();
  const entities = new Map<string, InternalEntityNode>();
  const edges: IdentityEdge[] = [];

  const external = (key: string, label: string, detail: string, line: number, origin: ExternalFieldNode['origin']): ExternalFieldNode => {
    let node = externalByKey.get(key);
    if (!node) {
      node = { id: `x${externals.length}`, label, detail, line, origin, unmapped: true };
      externals.push(node);
      externalByKey.set(key, node);
    }
    return node;
  };
  const entity = (name: string, key: string, line: number): InternalEntityNode => {
    let node = entities.get(key);
    if (!node) {
      node = { id: `e${entities.size}`, label: name, keys: [], line, linked: false, mapped: false, unmapped: false };
      entities.set(key, node);
    }
    return node;
  };

  const rowsByEntity = new Map<string, IdentityMapping[]>();
  for (const row of rows) {
    if (!row.ref) continue;
    const list = rowsByEntity.get(row.ref.entity) ?? [];
    list.push(row);
    rowsByEntity.set(row.ref.entity, list);
  }
  const linkedEntities = new Set(links.flatMap((l) => (l.ref ? [l.ref.entity] : [])));

  for (const link of links) {
    const label = link.external || `${link.label} (external field not written)`;
    const from = external(`link:${label.toLowerCase()}`, label, link.label, link.line, 'link');
    if (!link.ref) continue;
    const to = entity(link.ref.name, link.ref.entity, link.line);
    to.linked = true;
    if (link.ref.key && !to.keys.includes(link.ref.key)) to.keys.push(link.ref.key);
    const mapped = rowsByEntity.get(link.ref.entity) ?? [];
    if (mapped.length === 0) {
      edges.push({ id: `l${edges.length}`, from: from.id, to: to.id, label: 'no row in D', cardinality: null, enforcedIn: '', ruleOfThumb: false, gap: 'no-row', line: link.line, rowLine: null });
      continue;
    }
    from.unmapped = false;
    for (const row of mapped) {
      edges.push({ id: `l${edges.length}`, from: from.id, to: to.id, label: edgeLabel(row), cardinality: row.cardinality ?? null, enforcedIn: row.enforcedIn, ruleOfThumb: row.ruleOfThumb, gap: null, line: link.line, rowLine: row.line });
    }
  }
  for (const row of rows) {
    if (!row.ref) continue;
    const to = entity(row.ref.name, row.ref.entity, row.line);
    to.mapped = true;
    if (linkedEntities.has(row.ref.entity)) continue;
    const name = [row.source, row.externalId].filter(Boolean).join(' · ') || row.purpose || `row on line ${row.line + 1}`;
    const from = external(`row:${name.toLowerCase()}`, name, row.purpose ? `D: ${row.purpose}` : 'D', row.line, 'row');
    edges.push({ id: `l${edges.length}`, from: from.id, to: to.id, label: edgeLabel(row), cardinality: row.cardinality ?? null, enforcedIn: row.enforcedIn, ruleOfThumb: row.ruleOfThumb, gap: 'no-link', line: row.line, rowLine: row.line });
  }
  for (const node of entities.values()) node.unmapped = node.linked !== node.mapped;

  return {
    externals,
    entities: [...entities.values()],
    edges,
    links: links.length,
    rows: rows.length,
    unfilledLinks: allLinks.length - links.length,
    unfilledRows: (allRows?.length ?? 0) - rows.length,
    hasMatrix: allRows !== undefined,
    gaps: edges.filter((e) => e.gap).length,
    ruleOfThumbBreaks: edges.filter((e) => e.ruleOfThumb).length,
  };
}

/** Reads a plan's identity graph from its sections C and D. */
export function readIdentityGraph(model: PlanModel): IdentityGraph {
  return buildIdentityGraph(readIdentityLinks(model), readIdentityMappings(model));
}
