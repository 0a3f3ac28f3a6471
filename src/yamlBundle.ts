// The extension's copy of `yaml`, a file of its own that `core/yaml.ts` loads on first use.
export * from 'yaml';
