// Bundles load .md files as text (esbuild `loader: {'.md': 'text'}`; mocha via test/unit/setup.ts).
declare module '*.md' {
  const text: string;
  export default text;
}
