// A plan's identity graph drawn with DOM APIs: core lays it out and describes the SVG as a tree of
// plain elements; this makes each with createElementNS, sets only the attributes the tree may carry
// and writes text with textContent. No markup is ever parsed: a cell holding markup is only text.
import type { IdentityLayout } from '../../src/core/identity/layout';
import { identitySvgTree, SVG_ATTRIBUTES, SVG_TAGS } from '../../src/core/identity/svg';
import type { SvgElement } from '../../src/core/identity/svg';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TAGS = new Set<string>(SVG_TAGS);
const ATTRIBUTES = new Set<string>(SVG_ATTRIBUTES);

/** Builds DOM nodes from the tree; anything outside the known tags and attributes is dropped. */
function build(element: SvgElement): SVGElement | undefined {
  // A style element would be refused by the page's CSP anyway; the theme's CSS styles the classes.
  if (!TAGS.has(element.tag) || element.tag === 'style') return undefined;
  const node = document.createElementNS(SVG_NS, element.tag);
  for (const [name, value] of Object.entries(element.attrs)) {
    if (value !== undefined && ATTRIBUTES.has(name) && name !== 'xmlns' && !/^on/i.test(name)) node.setAttribute(name, value);
  }
  if (element.text !== undefined) node.textContent = element.text;
  for (const child of element.children ?? []) {
    const built = build(child);
    if (built) node.append(built);
  }
  return node;
}

/** The graph as an SVG element whose nodes and edges are focusable and say which line they open. */
export function drawIdentityGraph(layout: IdentityLayout, title: string): SVGElement {
  return build(identitySvgTree(layout, { title, interactive: true }))!;
}
