// The identity graph as a Mermaid flowchart, which GitHub draws in a pull request or an issue.
// Every text from the plan is written inside quotes with Mermaid's entity codes for the characters
// that would end a label, start a comment or a markdown string, or make markup.
import type { IdentityGraph } from './graph';

const CODES: Record<string, string> = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;', '|': '#124;', ';': '#59;', '\\': '#92;' };

/** Text for a quoted Mermaid label: one line, no character that could end or escape the quotes. */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').replace(/["#<>&`|;\\]/g, (c) => CODES[c]!);
}

/** Colours for what the graph marks: the same as the SVG's light theme. */
const UNMAPPED_STYLE = 'fill:#fff8c5,stroke:#9a6700,stroke-dasharray:5 3';
const GAP_STYLE = 'stroke:#9a6700';
const RULE_STYLE = 'stroke:#cf222e,stroke-width:3px';

/** Writes the graph as `flowchart LR`: external fields, internal entities, labelled edges; gaps dotted, rule-of-thumb breaks thick and red. */
export function identityMermaid(graph: IdentityGraph): string {
  const lines = ['flowchart LR'];
  if (graph.externals.length === 0 && graph.entities.length === 0) {
    lines.push('  empty["No links in section C and no rows in section D yet"]');
    return `${lines.join('\n')}\n`;
  }
  lines.push('  subgraph external["External fields"]');
  for (const node of graph.externals) lines.push(`    ${node.id}["${mermaidText(`${node.label} (${node.detail})`)}"]`);
  lines.push('  end');
  lines.push('  subgraph internal["Internal entities"]');
  for (const node of graph.entities) lines.push(`    ${node.id}["${mermaidText(node.keys.length ? `${node.label} · key: ${node.keys.join(', ')}` : node.label)}"]`);
  lines.push('  end');
  graph.edges.forEach((edge) => {
    const arrow = edge.ruleOfThumb ? '==>' : edge.gap ? '-.->' : '-->';
    lines.push(`  ${edge.from} ${arrow}|"${mermaidText(edge.label)}"| ${edge.to}`);
  });
  const unmapped = [...graph.externals, ...graph.entities].filter((node) => node.unmapped).map((node) => node.id);
  if (unmapped.length) {
    lines.push(`  classDef unmapped ${UNMAPPED_STYLE}`);
    lines.push(`  class ${unmapped.join(',')} unmapped`);
  }
  const indexes = (keep: (edge: IdentityGraph['edges'][number]) => boolean) => graph.edges.flatMap((edge, index) => (keep(edge) ? [index] : []));
  const rule = indexes((edge) => edge.ruleOfThumb);
  const gaps = indexes((edge) => !!edge.gap && !edge.ruleOfThumb);
  if (gaps.length) lines.push(`  linkStyle ${gaps.join(',')} ${GAP_STYLE}`);
  if (rule.length) lines.push(`  linkStyle ${rule.join(',')} ${RULE_STYLE}`);
  return `${lines.join('\n')}\n`;
}
