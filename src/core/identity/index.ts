// The identity graph (template section C with section D): links, rows, the graph, its layout,
// Mermaid and SVG, and the rule `identity-unmapped`. Plain data, no 'vscode'.
export * from './links';
export * from './graph';
export * from './rule';
export * from './layout';
export * from './svg';
export * from './mermaid';
