// The core's public surface: pure TypeScript, no 'vscode' import; the CLI and the extension use this.
export * from './positions';
export * from './source';
export * from './sections';
export * from './plan';
export * from './parser';
export * from './rules';
export * from './findings';
export * from './template';
export * from './mapping';
export * from './lint';
export * from './config';
export * from './waves';
export * from './fixes';
export * from './scaffold';
